"""The report as one plain object, built from an assessment's snapshot in one language.

A submitted assessment reports its frozen snapshot; a draft reports a snapshot built on
the spot and is marked "Draft". The results page, the review page and the PDF all show
this object; the review page's (`review_report_data`) also says what changed since the
submission the coordinator returned, if any. Everything here is computed under
`translation.override(language)`, whatever language the request happens to carry.
"""

import datetime
from dataclasses import dataclass, replace

from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.credentials.document import verification_url
from assessment.eligibility import Eligibility, school_eligibility
from assessment.models import Assessment, PrincipleFeedback
from assessment.reports.charts import Series, radar_svg
from assessment.reports.surveys import SurveySection, survey_section
from assessment.scoring import NOT_APPLICABLE, Band, score_changes
from assessment.selectors import previous_assessment
from assessment.snapshot import (
    EvidenceRecord,
    Snapshot,
    StatementRecord,
    answer_changes,
    in_language,
    previous_submission_of,
    review_record,
    snapshot_of,
)
from assessment.snapshot.records import ActionRecord, DeclarationRecord, EligibilityRecord, LevelRecord

# A piece of evidence that supports this many statements or more is named beside the coverage.
BROAD_EVIDENCE = 5

BAND_LABELS = {
    Band.MATCHES: gettext_lazy("Matches the eTwinning School profile"),
    Band.APPROACHING: gettext_lazy("Approaching the profile"),
    Band.EARLY: gettext_lazy("Early stage"),
}


@dataclass(frozen=True)
class PreviousAnswer:
    """A statement's answer in the submission returned for changes, where it differs from now."""

    level_name: str
    justification: str
    level_changed: bool
    justification_changed: bool


@dataclass(frozen=True)
class StatementLine:
    code: str
    text: str
    level: str  # as stored: "1" to "4", "na", ""
    level_label: str
    level_name: str  # the label with its place on the scale: "Established (3 of 4)"
    justification: str
    evidence: list[EvidenceRecord]
    previous: PreviousAnswer | None = None  # only on the review page of a resubmission

    @property
    def evidence_titles(self) -> list[str]:
        return [item.title for item in self.evidence]


@dataclass(frozen=True)
class PrincipleSection:
    code: str
    title: str
    short_title: str
    description: str
    score: float | None  # None: not rated yet
    previous_score: float | None
    change: float | None
    statements: list[StatementLine]
    rated_count: int = 0  # the statements its score rests on
    rateable_count: int = 0  # the statements it will rest on: all but "not applicable"

    @property
    def partly_rated(self) -> bool:
        """A draft's score that rests on only some of its statements, and says how many."""
        return 0 < self.rated_count < self.rateable_count

    @property
    def changed_count(self) -> int:
        """How many of its statements the school changed since the returned submission."""
        return sum(1 for line in self.statements if line.previous)


@dataclass(frozen=True)
class EvidenceEntry:
    number: int
    title: str
    kind: str  # "file" or "link"
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
    coverage_sources: int  # how many pieces of evidence the coverage rests on
    eligibility: Eligibility
    strengths: list[StatementLine]
    areas: list[StatementLine]
    chart: SafeString
    principles: list[PrincipleSection]
    esafety_text: str
    esafety_answer: str
    esafety_comment: str
    esafety_evidence: list[EvidenceRecord]
    actions: list[ActionRecord]
    evidence: list[EvidenceEntry]
    declaration: DeclarationRecord | None
    review: ReviewSummary | None
    surveys: SurveySection | None  # the school community's view, if the school asked it
    # Where anyone can check the awarded label ("" before an award), printed with a QR code.
    verification_url: str = ""
    # A resubmission's review page compares it with the submission returned for changes.
    compared_with_previous_submission: bool = False

    @property
    def broad_evidence(self) -> list[EvidenceEntry]:
        """The pieces that each support many statements, the broadest first: a reader of the
        coverage should know when a few documents stand for most of it."""
        broad = [entry for entry in self.evidence if len(entry.statements) >= BROAD_EVIDENCE]
        return sorted(broad, key=lambda entry: -len(entry.statements))

    @property
    def esafety_evidence_titles(self) -> list[str]:
        return [item.title for item in self.esafety_evidence]

    @property
    def changed_count(self) -> int:
        return sum(principle.changed_count for principle in self.principles)

    @property
    def rated_count(self) -> int:
        return sum(principle.rated_count for principle in self.principles)

    @property
    def rateable_count(self) -> int:
        return sum(principle.rateable_count for principle in self.principles)

    @property
    def partly_rated(self) -> bool:
        return self.rated_count < self.rateable_count


def report_data(assessment: Assessment, *, language: str) -> ReportData:
    return _report(assessment, snapshot_of(assessment), language=language, is_draft=assessment.is_draft)


def review_report_data(assessment: Assessment, *, language: str) -> ReportData:
    """The report as the review page shows it: what was submitted, even while a returned
    submission is back with the school (whose working copy the questionnaire pages show), and,
    for a resubmission, each answer changed since the submission that was returned."""
    if not assessment.snapshot:  # an administrator reading a first draft: nothing was submitted
        return report_data(assessment, language=language)
    returned = None if assessment.is_draft else previous_submission_of(assessment)
    return _report(
        assessment,
        Snapshot.from_json(assessment.snapshot),
        language=language,
        is_draft=False,
        previous_submission=returned,
    )


def _report(
    assessment: Assessment,
    snapshot: Snapshot,
    *,
    language: str,
    is_draft: bool,
    previous_submission: Snapshot | None = None,
) -> ReportData:
    previous = previous_assessment(assessment)
    with translation.override(language):
        data = _build(
            snapshot,
            snapshot_of(previous) if previous else None,
            language=language,
            status_label=str(Assessment.Status(assessment.status).label),
            is_draft=is_draft,
            previous_submission=previous_submission,
        )
        return replace(
            data,
            review=_review(review_record(assessment), snapshot, language),
            verification_url=verification_url(assessment),
        )


def level_names(levels: list[LevelRecord], language: str) -> dict[str, str]:
    """{level code: its name}, as the snapshot's scale names it in `language`, with its place
    on the scale ("Established (3 of 4)"); "not applicable" by its label, and "" as not rated.
    Call under `translation.override(language)`."""
    scale = [level for level in levels if level.code != NOT_APPLICABLE]
    names = {
        # Translators: a level of the rating scale and its place on it, e.g. "Established (3 of 4)".
        level.code: _("%(label)s (%(number)s of %(count)s)")
        % {"label": in_language(level.label, language), "number": number, "count": len(scale)}
        for number, level in enumerate(scale, start=1)
    }
    labels = {level.code: in_language(level.label, language) for level in levels}
    names[NOT_APPLICABLE] = labels.get(NOT_APPLICABLE) or _("Not applicable")
    names[""] = _("Not rated")
    return names


def _build(
    snapshot: Snapshot,
    previous: Snapshot | None,
    *,
    language: str,
    status_label: str,
    is_draft: bool,
    previous_submission: Snapshot | None = None,
) -> ReportData:
    levels = {level.code: in_language(level.label, language) for level in snapshot.levels}
    names = level_names(snapshot.levels, language)
    evidence = {item.id: item for item in snapshot.evidence}
    answers_changed = answer_changes(previous_submission, snapshot) if previous_submission else {}
    previous_names = level_names(previous_submission.levels, language) if previous_submission else {}

    def line(statement: StatementRecord) -> StatementLine:
        change = answers_changed.get(statement.code)
        return StatementLine(
            code=statement.code,
            text=in_language(statement.text, language),
            level=statement.level,
            level_label=levels.get(statement.level, _("Not rated")),
            level_name=names.get(statement.level, statement.level),
            justification=statement.justification,
            evidence=[
                evidence[pk].as_used_for(statement.code) for pk in statement.evidence if pk in evidence
            ],
            previous=PreviousAnswer(
                level_name=previous_names.get(change.level, change.level),
                justification=change.justification,
                level_changed=change.level_changed,
                justification_changed=change.justification_changed,
            )
            if change
            else None,
        )

    current_scores = snapshot.principle_scores
    previous_scores = previous.principle_scores if previous else {}
    changes = score_changes(current_scores, previous_scores) if previous else dict.fromkeys(current_scores)
    strengths, areas = snapshot.strengths_and_areas()
    school = snapshot.school
    return ReportData(
        language=language,
        is_draft=is_draft,
        status_label=status_label,
        document_title=_("eTwinning School self-assessment: %(school)s") % {"school": school.name},
        school_name=school.name,
        place=", ".join(part for part in (school.city, school.region) if part),
        country=in_language(school.country, language),
        call_name=snapshot.call.name,
        generated_on=timezone.localdate(),
        mission=in_language(snapshot.mission, language),
        overall=snapshot.overall_score,
        previous_overall=previous.overall_score if previous else None,
        band_label=str(BAND_LABELS[snapshot.band]),
        coverage=snapshot.evidence_coverage,
        coverage_sources=len(snapshot.coverage_sources),
        eligibility=_eligibility(snapshot.eligibility),
        strengths=[line(statement) for statement in strengths],
        areas=[line(statement) for statement in areas],
        chart=_chart(
            [in_language(p.short_title, language) for p in snapshot.principles],
            current_scores,
            previous_scores if previous else None,
        ),
        principles=[
            PrincipleSection(
                code=principle.code,
                title=in_language(principle.title, language),
                short_title=in_language(principle.short_title, language),
                description=in_language(principle.description, language),
                score=current_scores[principle.code],
                previous_score=previous_scores.get(principle.code),
                change=changes.get(principle.code),
                statements=[line(statement) for statement in principle.statements],
                rated_count=principle.rated_count,
                rateable_count=principle.rateable_count,
            )
            for principle in snapshot.principles
        ],
        esafety_text=in_language(snapshot.esafety.text, language),
        esafety_answer=_esafety_answer(snapshot.esafety.answer),
        esafety_comment=snapshot.esafety.comment,
        esafety_evidence=[item for item in snapshot.evidence if item.esafety],
        actions=snapshot.actions,
        evidence=[_evidence_entry(number, item) for number, item in enumerate(snapshot.evidence, start=1)],
        declaration=snapshot.declaration,
        review=None,
        surveys=survey_section(snapshot, language),
        compared_with_previous_submission=previous_submission is not None,
    )


def _review(record: dict | None, snapshot: Snapshot, language: str) -> ReviewSummary | None:
    if record is None:
        return None
    short_titles = {p.code: in_language(p.short_title, language) for p in snapshot.principles}
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


@dataclass(frozen=True)
class _KeptSchoolFigures:
    etwinning_registered_on: datetime.date
    active_teachers: int
    quality_label_projects: int


def _eligibility(figures: EligibilityRecord) -> Eligibility:
    """The check as it was made at submission: the kept figures are the call's thresholds too."""
    school = _KeptSchoolFigures(
        etwinning_registered_on=datetime.date.fromisoformat(figures.etwinning_registered_on),
        active_teachers=figures.active_teachers,
        quality_label_projects=figures.quality_label_projects,
    )
    return school_eligibility(school=school, call=figures, on=datetime.date.fromisoformat(figures.on))


def _esafety_answer(answer: str) -> str:
    return str(Assessment.ESafety(answer).label) if answer else _("Not answered")


def _evidence_entry(number: int, item: EvidenceRecord) -> EvidenceEntry:
    if item.kind == "link":
        kind, detail = _("Link"), item.url or ""
    else:
        kind, detail = _("File"), f"{item.original_name}, {filesizeformat(item.size or 0)}"
    return EvidenceEntry(
        number=number,
        title=item.title,
        kind=item.kind,
        kind_label=kind,
        detail=detail,
        statements=item.statements,
    )


def _chart(axes: list[str], current: dict, previous: dict | None) -> SafeString:
    """The radar of the principles' scores; a principle not rated yet is said to be, on its
    axis and in the description, instead of being drawn as a 0."""
    series = [Series(_("This self-assessment"), list(current.values()), "current")]
    if previous is not None:
        series.append(
            Series(_("Previous self-assessment"), [previous.get(code) for code in current], "previous")
        )
    not_rated = _("Not rated yet")
    numbers = ", ".join(
        f"{axis} {not_rated if score is None else f'{score:.0f}'}"
        for axis, score in zip(axes, current.values(), strict=True)
    )
    return radar_svg(
        axes=axes,
        series=series,
        title=_("Score per principle, from 0 to 100"),
        description=numbers,
        chart_id="scores",
        notes=[not_rated if score is None else "" for score in current.values()],
    )
