"""Reads of the coordinators' inbox: the calls, regions and counts it offers, and its list."""

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from assessment.models import (
    Assessment,
    Call,
)
from assessment.permissions import Person, coordinated_assessments

# The `sort` parameter's values and what each orders by; "pk" last keeps pages stable when
# values tie. Scores and dates without a value go last both ways, so the top of a list is
# always a real value.
_STATUS_ORDER = Case(
    *(When(status=status, then=Value(order)) for order, status in enumerate(Assessment.Status.values)),
    output_field=IntegerField(),
)
INBOX_SORTS: dict[str, tuple] = {
    "school": ("school__name", "pk"),
    "-school": ("-school__name", "-pk"),
    "region": ("school__region", "school__name", "pk"),
    "-region": ("-school__region", "school__name", "pk"),
    "status": (_STATUS_ORDER.asc(), "-submitted_at", "pk"),
    "-status": (_STATUS_ORDER.desc(), "-submitted_at", "pk"),
    "submitted": (F("submitted_at").asc(nulls_last=True), "pk"),
    "-submitted": (F("submitted_at").desc(nulls_last=True), "-pk"),
    "score": (F("overall_score").asc(nulls_last=True), "pk"),
    "-score": (F("overall_score").desc(nulls_last=True), "-pk"),
}
INBOX_DEFAULT_SORT = "-submitted"


@dataclass(frozen=True)
class InboxFilters:
    """What a coordinator narrowed the inbox to; empty strings filter nothing."""

    status: str = ""
    region: str = ""
    band: str = ""
    search: str = ""
    sort: str = INBOX_DEFAULT_SORT


def inbox_calls(*, user: Person) -> list[Call]:
    """The calls with something for this coordinator to see, newest first."""
    return list(
        Call.objects.filter(Exists(coordinated_assessments(user).filter(call_id=OuterRef("pk"))))
        .only("pk", "name", "opens_on")
        .order_by("-opens_on", "-pk")
    )


def inbox_regions(*, user: Person, call: Call) -> list[str]:
    """The regions of the schools listed for this call, for the region filter."""
    return list(
        coordinated_assessments(user)
        .filter(call=call)
        .order_by("school__region")
        .values_list("school__region", flat=True)
        .distinct()
    )


def inbox_status_counts(*, user: Person, call: Call) -> dict[str, int]:
    """How many of the call's assessments are in each status a coordinator sees (one query)."""
    statuses = [status for status in Assessment.Status.values if status != Assessment.Status.DRAFT]
    return (
        coordinated_assessments(user)
        .filter(call=call)
        .aggregate(**{status: Count("pk", filter=Q(status=status)) for status in statuses})
    )


def coordinator_assessments(*, user: Person, call: Call, filters: InboxFilters) -> QuerySet[Assessment]:
    """The inbox: one call's assessments of the coordinator's schools, filtered and sorted.

    Only the listed columns are loaded, with the school in the same query, so a page costs
    the same whatever its length. An unknown sort falls back to the newest submissions first.
    """
    assessments = (
        coordinated_assessments(user)
        .filter(call=call)
        .select_related("school")
        .only(
            "pk",
            "status",
            "submitted_at",
            "overall_score",
            "band",
            "school__name",
            "school__region",
        )
    )
    if filters.status:
        assessments = assessments.filter(status=filters.status)
    if filters.region:
        assessments = assessments.filter(school__region=filters.region)
    if filters.band:
        assessments = assessments.filter(band=filters.band)
    if filters.search:
        assessments = assessments.filter(school__name__icontains=filters.search)
    return assessments.order_by(*INBOX_SORTS.get(filters.sort, INBOX_SORTS[INBOX_DEFAULT_SORT]))
