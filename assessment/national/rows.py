"""Who the national figures count, and the one query that fetches them as plain rows.

A national coordinator sees the assessments of their own country or countries, an admin
those of every country (`permissions.coordinated_assessments`); a first draft is never
counted. `national_rows` fetches one call's rows in one query whatever their number.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, QuerySet

from assessment.models import Assessment, Call, Principle, User
from assessment.permissions import coordinated_assessments

Status = Assessment.Status
# Every status but a first draft, in the order of an assessment's life.
COUNTED_STATUSES: tuple[Status, ...] = tuple(status for status in Status if status != Status.DRAFT)


@dataclass(frozen=True)
class NationalRow:
    """One counted assessment as the national figures see it."""

    school: str
    country: str  # ISO code
    region: str
    city: str
    status: str
    submitted_at: datetime.datetime | None
    decided_at: datetime.datetime | None
    label_valid_until: datetime.date | None
    overall_score: float | None
    band: str
    # By principle code, stored at submission; None when never submitted.
    principle_scores: dict[str, float | None] | None = None
    coverage: float | None = None

    @property
    def has_snapshot(self) -> bool:
        return self.principle_scores is not None


def call_default(*, user: User) -> Call | None:
    """The newest call with assessments counted for the user."""
    counted = coordinated_assessments(user).values("call_id")
    return Call.objects.filter(pk__in=counted).order_by("-opens_on", "-pk").first()


def principles_of_call(call: Call) -> list[Principle]:
    return list(Principle.objects.filter(framework_id=call.framework_id).order_by("order"))


def national_rows(*, user: User, call: Call) -> list[NationalRow]:
    """The counted assessments of one call, by school name, in one query that reads the
    figures stored at submission, never the snapshots themselves."""
    rows = (
        coordinated_assessments(user)
        .filter(call=call)
        .order_by("school__name", "pk")
        .values_list(
            "school__name",
            "school__country__code",
            "school__region",
            "school__city",
            "status",
            "submitted_at",
            "decided_at",
            "label_valid_until",
            "overall_score",
            "band",
            "principle_scores",
            "evidence_coverage",
        )
    )
    return [NationalRow(*values) for values in rows.iterator(chunk_size=500)]


def labels_awarded(*, user: User) -> QuerySet[Assessment]:
    """The awarded assessments of the user's countries, every call, latest validity first."""
    return (
        coordinated_assessments(user)
        .filter(status=Status.AWARDED)
        .select_related("school__country", "call")
        .defer("snapshot")
        .order_by(F("label_valid_until").desc(nulls_last=True), "school__name", "pk")
    )
