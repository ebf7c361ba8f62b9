"""Reads: every query the views need, named in the domain's words."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone

from assessment.models import (
    ActionItem,
    Assessment,
    Call,
    Evidence,
    Framework,
    InternalNote,
    Invitation,
    Membership,
    Principle,
    PrincipleFeedback,
    Response,
    ScaleLevel,
    School,
    Statement,
    StatusChange,
    User,
)
from assessment.permissions import coordinated_assessments
from assessment.scoring import (
    Rating,
    code_order,
    counted_level,
    overall_score,
    principle_score,
    score_changes,
)


def framework_current() -> Framework | None:
    """The newest framework edition, with its principles and scale, for the public pages."""
    return (
        Framework.objects.prefetch_related(
            Prefetch("principles", queryset=Principle.objects.order_by("order")),
            Prefetch("levels", queryset=ScaleLevel.objects.order_by("order")),
        )
        .order_by("-version")
        .first()
    )


@dataclass(frozen=True)
class PrincipleProgress:
    principle: Principle
    rated: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.rated / self.total) if self.total else 0


def principles_of(assessment: Assessment) -> list[Principle]:
    return list(Principle.objects.filter(framework_id=assessment.call.framework_id).order_by("order"))


def assessment_progress(assessment: Assessment) -> list[PrincipleProgress]:
    """Rated and total statements per principle, in two queries whatever the size."""
    counts = {
        row["statement__principle_id"]: row
        for row in Response.objects.filter(assessment=assessment)
        .values("statement__principle_id")
        .annotate(total=Count("pk"), rated=Count("pk", filter=~Q(level="")))
    }
    return [
        PrincipleProgress(
            principle=principle,
            rated=counts.get(principle.pk, {}).get("rated", 0),
            total=counts.get(principle.pk, {}).get("total", 0),
        )
        for principle in principles_of(assessment)
    ]


def principle_for(assessment: Assessment, code: str, *, among: list[Principle] | None = None) -> Principle:
    """The principle of the assessment's framework with this code, or 404; `among` spares the
    query when the caller already holds the framework's principles."""
    principles = principles_of(assessment) if among is None else among
    principle = next((principle for principle in principles if principle.code == code), None)
    if principle is None:
        raise Http404
    return principle


def principle_responses(assessment: Assessment, principle: Principle) -> list[Response]:
    """The principle's answers with their statements and last editors, in statement order."""
    return list(
        Response.objects.filter(assessment=assessment, statement__principle=principle)
        .select_related("statement", "updated_by")
        .order_by("statement__order")
    )


def scale_levels(framework_id: int) -> list[ScaleLevel]:
    return list(ScaleLevel.objects.filter(framework_id=framework_id).order_by("order"))


def statement_for(assessment: Assessment, pk: int) -> Statement:
    """A statement of the assessment's own framework, or 404 (never another edition's)."""
    statement = (
        Statement.objects.select_related("principle")
        .filter(pk=pk, principle__framework_id=assessment.call.framework_id)
        .first()
    )
    if statement is None:
        raise Http404
    return statement


@dataclass(frozen=True)
class Scores:
    principles: dict[str, float | None]
    overall: float | None


def assessment_scores(assessment: Assessment) -> Scores:
    """Score per principle code and overall, from the live answers (one query)."""
    ratings: dict[str, list[Rating]] = {principle.code: [] for principle in principles_of(assessment)}
    rows = Response.objects.filter(assessment=assessment).values_list(
        "statement__principle__code", "statement__weight", "level"
    )
    for code, weight, level in rows:
        ratings[code].append(Rating(level=counted_level(level), weight=weight))
    principle_scores = {code: principle_score(values) for code, values in ratings.items()}
    return Scores(principles=principle_scores, overall=overall_score(principle_scores.values()))


def action_plan(assessment: Assessment) -> list[ActionItem]:
    return list(assessment.actions.select_related("principle", "created_by"))


def assessments_of_school(school: School) -> list[Assessment]:
    return list(school.assessments.select_related("call").order_by("-call__opens_on"))


def calls_open(*, today: datetime.date) -> list[Call]:
    return list(Call.objects.filter(opens_on__lte=today, closes_on__gte=today).order_by("closes_on"))


def schools_of(user) -> list[School]:
    return list(School.objects.filter(memberships__user=user).select_related("country").order_by("name"))


def status_log(assessment: Assessment) -> list[StatusChange]:
    return list(assessment.status_changes.select_related("actor"))


def call_for(pk: int) -> Call:
    call = Call.objects.select_related("framework").filter(pk=pk).first()
    if call is None:
        raise Http404
    return call


def school_members(school: School) -> list[Membership]:
    return list(
        school.memberships.select_related("user").order_by(
            "role", "user__last_name", "user__first_name", "pk"
        )
    )


def invitations_pending(school: School) -> list[Invitation]:
    return list(
        school.invitations.filter(accepted_at__isnull=True, expires_at__gt=timezone.now()).select_related(
            "invited_by"
        )
    )


def account_exists(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def evidence_of(assessment: Assessment) -> list[Evidence]:
    """Every item of the assessment, with the codes of the statements it supports (2 queries)."""
    return list(
        assessment.evidence.select_related("added_by").prefetch_related(
            Prefetch("statements", queryset=Statement.objects.only("pk", "code", "principle_id"))
        )
    )


def evidence_by_statement(items: list[Evidence]) -> dict[int, list[Evidence]]:
    by_statement: dict[int, list[Evidence]] = {}
    for item in items:
        for statement in item.statements.all():
            by_statement.setdefault(statement.pk, []).append(item)
    return by_statement


def evidence_counts(assessment: Assessment) -> dict[int, int]:
    """Number of evidence items per principle id (one item counted once per principle)."""
    rows = (
        Evidence.statements.through.objects.filter(evidence__assessment=assessment)
        .values("statement__principle_id")
        .annotate(count=Count("evidence_id", distinct=True))
    )
    return {row["statement__principle_id"]: row["count"] for row in rows}


def evidence_item_for(assessment: Assessment, pk: int) -> Evidence:
    """An item of this assessment (never another's), or 404."""
    evidence = assessment.evidence.filter(pk=pk).first()
    if evidence is None:
        raise Http404
    return evidence


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The school's latest submitted assessment for an earlier call, to compare with."""
    return (
        Assessment.objects.filter(school_id=assessment.school_id, call__opens_on__lt=assessment.call.opens_on)
        .exclude(status=Assessment.Status.DRAFT)
        .exclude(snapshot__isnull=True)
        .order_by("-call__opens_on")
        .first()
    )


def feedback_by_principle(assessment: Assessment) -> dict[int, PrincipleFeedback]:
    return {item.principle_id: item for item in assessment.feedback.all()}


def feedback_by_principle_code(assessment: Assessment) -> dict[str, PrincipleFeedback]:
    """The coordinators' feedback, by the principle codes a snapshot names."""
    return {item.principle.code: item for item in assessment.feedback.select_related("principle")}


def responses_by_principle(assessment: Assessment) -> dict[int, list[Response]]:
    """Every answer, in statement order, grouped by principle id (one query)."""
    grouped: dict[int, list[Response]] = {}
    for response in (
        Response.objects.filter(assessment=assessment)
        .select_related("statement", "updated_by")
        .order_by("statement__principle__order", "statement__order")
    ):
        grouped.setdefault(response.statement.principle_id, []).append(response)
    return grouped


def internal_notes(assessment: Assessment) -> list[InternalNote]:
    return list(assessment.internal_notes.select_related("author"))


def school_language(school: School) -> str:
    """The language the school reads in: its (first) leader's preferred language."""
    leader = (
        Membership.objects.filter(school=school, role=Membership.Role.LEADER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return leader.user.preferred_language if leader else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class HistoryRow:
    call: str
    scores: dict[str, float | None]
    overall: float | None
    changes: dict[str, float | None]


def school_history(school: School) -> list[HistoryRow]:
    """The school's submitted assessments, oldest first, with the change since the one before."""
    rows: list[HistoryRow] = []
    submitted = (
        school.assessments.exclude(principle_scores__isnull=True)
        .select_related("call")
        .only("principle_scores", "overall_score", "call__name", "call__opens_on")
        .order_by("call__opens_on")
    )
    for assessment in submitted:
        # The scores stored at submission; principle codes sort in principle order.
        scores = dict(sorted(assessment.principle_scores.items(), key=lambda item: code_order(item[0])))
        before = rows[-1].scores if rows else {}
        changes = score_changes(scores, before) if before else dict.fromkeys(scores)
        rows.append(HistoryRow(assessment.call.name, scores, assessment.overall_score, changes))
    return rows


# The coordinators' inbox.

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


def inbox_calls(*, user) -> list[Call]:
    """The calls with something for this coordinator to see, newest first."""
    return list(
        Call.objects.filter(Exists(coordinated_assessments(user).filter(call_id=OuterRef("pk"))))
        .only("pk", "name", "opens_on")
        .order_by("-opens_on", "-pk")
    )


def inbox_regions(*, user, call: Call) -> list[str]:
    """The regions of the schools listed for this call, for the region filter."""
    return list(
        coordinated_assessments(user)
        .filter(call=call)
        .order_by("school__region")
        .values_list("school__region", flat=True)
        .distinct()
    )


def inbox_status_counts(*, user, call: Call) -> dict[str, int]:
    """How many of the call's assessments are in each status a coordinator sees (one query)."""
    statuses = [status for status in Assessment.Status.values if status != Assessment.Status.DRAFT]
    return (
        coordinated_assessments(user)
        .filter(call=call)
        .aggregate(**{status: Count("pk", filter=Q(status=status)) for status in statuses})
    )


def coordinator_assessments(*, user, call: Call, filters: InboxFilters) -> QuerySet[Assessment]:
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
