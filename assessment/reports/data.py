"""The report as one plain object, built from an assessment's snapshot in one language.

A submitted assessment reports its frozen snapshot; a draft reports a snapshot built on
the spot and is marked "Draft". Everything here is computed under
`translation.override(language)`, whatever language the request happens to carry.
"""

import datetime
from dataclasses import dataclass, replace
from types import SimpleNamespace

from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.eligibility import Eligibility, school_eligibility
from assessment.models import Assessment, PrincipleFeedback
from assessment.reports.charts import Series, radar_svg
from assessment.scoring import (
    Band,
    RatedStatement,
    counted_level,
    profile_band,
    score_changes,
    strengths_and_areas,
)
from assessment.selectors import previous_assessment
from assessment.snapshot import review_record, snapshot_build, snapshot_coverage

BAND_LABELS = {
    Band.MATCHES: gettext_lazy("Matches the eTwinning School profile"),
    Band.APPROACHING: gettext_lazy("Approaching the profile"),
    Band.EARLY: gettext_lazy("Early stage"),
}


@dataclass(frozen=True)
class StatementLine:
    code: str
    text: str
    level_label: str
    justification: str
    evidence: list[str]  # evidence titles


@dataclass(frozen=True)
class PrincipleSection:
    code: str
    title: str
    short_title: str
    description: str
    score: float | None
    previous_score: float | None
    change: float | None
    statements: list[StatementLine]


@dataclass(frozen=True)
class EvidenceEntry:
    number: int
    title: str
    kind_label: str
    detail: str  # the original file name and size, or the link
    statements: list[str]


@dataclass(frozen=True)
class PrincipleReview:
    code: str
    short_title: str
    agreement: str
    comment: str


@dataclass(frozen=True)
class ReviewSummary:
    decision: str
    decided_on: datetime.date | None
    comment: str
    label_valid_until: datetime.date | None
    principles: list[PrincipleReview]


@dataclass(frozen=True)
class ReportData:
    language: str
    is_draft: bool
    status_label: str
    document_title: str
    school_name: str
    place: str
    country: str
    call_name: str
    generated_on: datetime.date
    mission: str
    overall: float | None
    previous_overall: float | None
    band_label: str
    coverage: float | None
    eligibility: Eligibility
    strengths: list[StatementLine]
    areas: list[StatementLine]
    chart: SafeString
    principles: list[PrincipleSection]
    esafety_text: str
    esafety_answer: str
    esafety_comment: str
    esafety_evidence: list[str]
    actions: list[dict]
    evidence: list[EvidenceEntry]
    declaration: dict | None
    review: ReviewSummary | None


def report_snapshot(assessment: Assessment) -> dict:
    """The frozen snapshot of a submitted assessment, or the live one of a draft."""
    # A draft's (possibly deferred) snapshot is never loaded: it is stale by definition.
    return (
        assessment.snapshot if not assessment.is_draft and assessment.snapshot else snapshot_build(assessment)
    )


def report_data(assessment: Assessment, *, language: str) -> ReportData:
    previous = previous_assessment(assessment)
    snapshot = report_snapshot(assessment)
    with translation.override(language):
        data = _build(
            snapshot,
            previous.snapshot if previous else None,
            language=language,
            status_label=str(Assessment.Status(assessment.status).label),
            is_draft=assessment.is_draft,
        )
        return replace(data, review=_review(review_record(assessment), snapshot, language))


def _build(
    snapshot: dict, previous: dict | None, *, language: str, status_label: str, is_draft: bool
) -> ReportData:
    levels = {level["code"]: level["label"][language] for level in snapshot["levels"]}
    evidence = snapshot.get("evidence", [])
    titles = {item["id"]: item["title"] for item in evidence}

    def line(statement: dict) -> StatementLine:
        return StatementLine(
            code=statement["code"],
            text=statement["text"][language],
            level_label=levels.get(statement["level"], _("Not rated")),
            justification=statement["justification"],
            evidence=[titles[pk] for pk in statement.get("evidence", []) if pk in titles],
        )

    current_scores = {p["code"]: p["score"] for p in snapshot["principles"]}
    previous_scores = {p["code"]: p["score"] for p in previous["principles"]} if previous else {}
    changes = score_changes(current_scores, previous_scores) if previous else dict.fromkeys(current_scores)
    call = snapshot["call"]
    statements = [s for p in snapshot["principles"] for s in p["statements"]]
    rated = [RatedStatement(s["code"], counted_level(s["level"])) for s in statements]
    strengths, areas = strengths_and_areas(rated)
    by_code = {s["code"]: s for s in statements}
    school = snapshot["school"]
    short_titles = [p["short_title"][language] for p in snapshot["principles"]]
    return ReportData(
        language=language,
        is_draft=is_draft,
        status_label=status_label,
        document_title=_("eTwinning School self-assessment: %(school)s") % {"school": school["name"]},
        school_name=school["name"],
        place=", ".join(part for part in (school["city"], school["region"]) if part),
        country=school["country"][language],
        call_name=call["name"],
        generated_on=timezone.localdate(),
        mission=snapshot["mission"][language],
        overall=snapshot["overall_score"],
        previous_overall=previous["overall_score"] if previous else None,
        band_label=str(
            BAND_LABELS[
                profile_band(
                    current_scores.values(),
                    snapshot["overall_score"],
                    profile_threshold=call["profile_threshold"],
                    approaching_threshold=call["approaching_threshold"],
                )
            ]
        ),
        coverage=snapshot_coverage(snapshot),
        eligibility=_eligibility(snapshot["eligibility"]),
        strengths=[line(by_code[s.code]) for s in strengths],
        areas=[line(by_code[s.code]) for s in areas],
        chart=_chart(short_titles, current_scores, previous_scores if previous else None),
        principles=[
            PrincipleSection(
                code=p["code"],
                title=p["title"][language],
                short_title=p["short_title"][language],
                description=p["description"][language],
                score=p["score"],
                previous_score=previous_scores.get(p["code"]),
                change=changes.get(p["code"]),
                statements=[line(s) for s in p["statements"]],
            )
            for p in snapshot["principles"]
        ],
        esafety_text=snapshot["esafety"]["text"][language],
        esafety_answer=_esafety_answer(snapshot["esafety"]["answer"]),
        esafety_comment=snapshot["esafety"]["comment"],
        esafety_evidence=[item["title"] for item in evidence if item.get("esafety")],
        actions=snapshot["actions"],
        evidence=[_evidence_entry(number, item) for number, item in enumerate(evidence, start=1)],
        declaration=snapshot.get("declaration"),
        review=None,
    )


def _review(record: dict | None, snapshot: dict, language: str) -> ReviewSummary | None:
    if record is None:
        return None
    short_titles = {p["code"]: p["short_title"][language] for p in snapshot["principles"]}
    agreements = dict(PrincipleFeedback.Agreement.choices)
    return ReviewSummary(
        decision=str(Assessment.Status(record["decision"]).label),
        decided_on=datetime.datetime.fromisoformat(record["decided_at"]).date()
        if record["decided_at"]
        else None,
        comment=record["comment"],
        label_valid_until=datetime.date.fromisoformat(record["label_valid_until"])
        if record["label_valid_until"]
        else None,
        principles=[
            PrincipleReview(
                code=item["principle"],
                short_title=short_titles.get(item["principle"], item["principle"]),
                agreement=str(agreements.get(item["agreement"], "")),
                comment=item["comment"],
            )
            for item in record["principles"]
            if item["agreement"] or item["comment"]
        ],
    )


def _eligibility(figures: dict) -> Eligibility:
    school = SimpleNamespace(
        etwinning_registered_on=datetime.date.fromisoformat(figures["etwinning_registered_on"]),
        active_teachers=figures["active_teachers"],
        quality_label_projects=figures["quality_label_projects"],
    )
    call = SimpleNamespace(
        min_registration_years=figures["min_registration_years"],
        min_active_teachers=figures["min_active_teachers"],
        min_quality_label_projects=figures["min_quality_label_projects"],
    )
    return school_eligibility(school=school, call=call, on=datetime.date.fromisoformat(figures["on"]))


def _esafety_answer(answer: str) -> str:
    return str(Assessment.ESafety(answer).label) if answer else _("Not answered")


def _evidence_entry(number: int, item: dict) -> EvidenceEntry:
    if item["kind"] == "link":
        kind, detail = _("Link"), item["url"]
    else:
        kind, detail = _("File"), f"{item['original_name']}, {filesizeformat(item['size'])}"
    return EvidenceEntry(
        number=number, title=item["title"], kind_label=kind, detail=detail, statements=item["statements"]
    )


def _chart(axes: list[str], current: dict, previous: dict | None) -> SafeString:
    series = [Series(_("This self-assessment"), list(current.values()), "current")]
    if previous is not None:
        series.append(
            Series(_("Previous self-assessment"), [previous.get(code) for code in current], "previous")
        )
    numbers = ", ".join(
        f"{axis} {_score_text(score)}" for axis, score in zip(axes, current.values(), strict=True)
    )
    return radar_svg(
        axes=axes,
        series=series,
        title=_("Score per principle, from 0 to 100"),
        description=numbers,
        chart_id="scores",
    )


def _score_text(score: float | None) -> str:
    return "–" if score is None else f"{score:.0f}"
