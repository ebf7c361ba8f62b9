"""Reads of one assessment: its framework, answers, evidence, plan, log and review."""

from dataclasses import dataclass

from django.db.models import (
    Count,
    Prefetch,
    Q,
)
from django.http import Http404

from assessment.models import (
    ActionItem,
    Assessment,
    Evidence,
    EvidenceUse,
    Framework,
    InternalNote,
    Principle,
    PrincipleFeedback,
    Response,
    ScaleLevel,
    Statement,
    StatusChange,
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
    counts: dict[int, tuple[int, int]] = {
        row["statement__principle_id"]: (row["rated"], row["total"])
        for row in Response.objects.filter(assessment=assessment)
        .values("statement__principle_id")
        .annotate(total=Count("pk"), rated=Count("pk", filter=~Q(level="")))
    }
    return [
        PrincipleProgress(principle=principle, rated=rated, total=total)
        for principle in principles_of(assessment)
        for rated, total in [counts.get(principle.pk, (0, 0))]
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


def action_plan(assessment: Assessment) -> list[ActionItem]:
    return list(assessment.actions.select_related("principle", "created_by"))


def status_log(assessment: Assessment) -> list[StatusChange]:
    return list(assessment.status_changes.select_related("actor"))


def evidence_of(assessment: Assessment) -> list[Evidence]:
    """Every item of the assessment, with the statements it supports (2 queries)."""
    return list(
        assessment.evidence.select_related("added_by").prefetch_related(
            Prefetch(
                "uses",
                queryset=EvidenceUse.objects.select_related("statement")
                .only("evidence_id", "title", "description", "statement__code", "statement__principle_id")
                .order_by("pk"),
            )
        )
    )


@dataclass(frozen=True)
class EvidenceHere:
    """A piece of evidence as one statement shows it: with the title and description written
    for it there, when the school wrote some."""

    item: Evidence
    title: str
    description: str

    @classmethod
    def as_added(cls, item: Evidence) -> "EvidenceHere":
        return cls(item, item.title, item.description)


def evidence_by_statement(items: list[Evidence]) -> dict[int, list[EvidenceHere]]:
    by_statement: dict[int, list[EvidenceHere]] = {}
    for item in items:
        for use in item.uses.all():
            shown = EvidenceHere(item, use.title or item.title, use.description or item.description)
            by_statement.setdefault(use.statement_id, []).append(shown)
    return by_statement


def evidence_counts(assessment: Assessment) -> dict[int, int]:
    """Number of evidence items per principle id (one item counted once per principle)."""
    rows = (
        EvidenceUse.objects.filter(evidence__assessment=assessment)
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


def internal_notes(assessment: Assessment) -> list[InternalNote]:
    return list(assessment.internal_notes.select_related("author"))
