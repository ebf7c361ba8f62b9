"""Who the national figures count, and the one query that fetches them as plain rows.

A national coordinator sees the assessments of their own country or countries, an admin
those of every country (`permissions.coordinated_assessments`); a first draft is never
counted. `national_rows` fetches one call's rows in one query whatever their number;
`labels_awarded` and `label_rows` are the label register, filtered by validity in the query.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils.translation import pgettext_lazy

from assessment.models import Assessment, Call, Country, Principle, User
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


# A label this close to its end is flagged, so that the school can be reminded to apply again.
EXPIRY_WARNING_DAYS = 90


class Validity(models.TextChoices):
    """Where an awarded label stands on a given day; a label is valid on its last day."""

    VALID = "valid", pgettext_lazy("label", "Valid")
    EXPIRING = "expiring", pgettext_lazy("label", "Expires soon")
    EXPIRED = "expired", pgettext_lazy("label", "Expired")


def _validity_filter(validity: str, today: datetime.date) -> Q:
    """The labels a register filter keeps: "valid" is every label still in force, those
    expiring soon included; an empty filter keeps them all."""
    warning_ends = today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    match validity:
        case "":
            return Q()
        case Validity.VALID:
            return Q(label_valid_until__gte=today)
        case Validity.EXPIRING:
            return Q(label_valid_until__gte=today, label_valid_until__lte=warning_ends)
        case Validity.EXPIRED:
            return Q(label_valid_until__lt=today)
    raise ValueError(f"Unknown label validity filter: {validity!r}")


def _validity_on(today: datetime.date) -> Case:
    """Each label's `Validity` value on that day, computed by the database ("" if no date)."""
    return Case(
        When(label_valid_until__lt=today, then=Value(Validity.EXPIRED.value)),
        When(
            label_valid_until__lte=today + datetime.timedelta(days=EXPIRY_WARNING_DAYS),
            then=Value(Validity.EXPIRING.value),
        ),
        When(label_valid_until__isnull=False, then=Value(Validity.VALID.value)),
        default=Value(""),
        output_field=models.CharField(),
    )


def _register(*, user: User, today: datetime.date, validity: str) -> QuerySet[Assessment]:
    """The awarded assessments of the user's countries, every call, latest validity first,
    narrowed to one `Validity` if asked."""
    return (
        coordinated_assessments(user)
        .filter(_validity_filter(validity, today), status=Status.AWARDED)
        .order_by(F("label_valid_until").desc(nulls_last=True), "school__name", "pk")
    )


def labels_awarded(*, user: User, today: datetime.date, validity: str = "") -> QuerySet[Assessment]:
    """The register's labels (see `_register`), each annotated with its `validity` that day,
    with its school, country and call in the same query."""
    return (
        _register(user=user, today=today, validity=validity)
        .select_related("school__country", "call")
        .defer("snapshot")
        .annotate(validity=_validity_on(today))
    )


@dataclass(frozen=True)
class LabelRow:
    """One awarded label as the register's CSV shows it."""

    school: str
    country: str  # ISO code
    region: str
    call: str
    decided_at: datetime.datetime | None
    label_valid_until: datetime.date | None
    validity: str  # a `Validity` value, "" when the label has no end date


def label_rows(*, user: User, today: datetime.date, validity: str = "") -> list[LabelRow]:
    """The register as `labels_awarded` has it, as plain rows fetched in one query."""
    rows = (
        _register(user=user, today=today, validity=validity)
        .annotate(validity=_validity_on(today))
        .values_list(
            "school__name",
            "school__country__code",
            "school__region",
            "call__name",
            "decided_at",
            "label_valid_until",
            "validity",
        )
    )
    return [LabelRow(*values) for values in rows.iterator(chunk_size=500)]


def public_labels(*, country: Country, today: datetime.date) -> QuerySet[Assessment]:
    """The country's labels valid on `today` of the schools that chose the public register:
    nothing else of any school is public."""
    return (
        Assessment.objects.filter(
            school__country=country,
            school__in_public_register=True,
            status=Status.AWARDED,
            label_valid_until__gte=today,
        )
        .select_related("school", "call")
        .order_by("school__name", "pk")
    )
