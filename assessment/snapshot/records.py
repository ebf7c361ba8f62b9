"""The frozen record of a submission, as types: what the school answered and the texts it saw.

One `Snapshot` is the read model of an assessment everywhere it is shown or counted: the
results page, the report, the review page, the export and the figures stored at submission.
It is stored as JSON (`to_json`), with its `schema` version, and read back into the same
types (`Snapshot.from_json`); a snapshot of another schema is refused, never guessed at:
migrations upgrade the stored ones. Scores, the band, evidence coverage, strengths and areas
are computed from its own content by `assessment.scoring`, so they cannot disagree with it.

Pure: no ORM here. Dates are kept as ISO strings, as they are stored.
"""

import dataclasses
import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from assessment.inspection import ACCEPTED, IMAGE_TYPES
from assessment.scoring import (
    NOT_APPLICABLE,
    Band,
    RatedStatement,
    Rating,
    counted_level,
    evidence_coverage,
    overall_score,
    principle_score,
    profile_band,
    strengths_and_areas,
)

SCHEMA = 2
# A text in every language: {"en": ..., "pl": ..., ...}.
Texts = dict[str, str]


def survey_shown(responses: int) -> bool:
    """Whether a group's answers may be shown: only once enough people have answered that no
    answer can be told apart (`SURVEY_MIN_GROUP`, 5 unless set otherwise)."""
    return responses >= settings.SURVEY_MIN_GROUP


class SnapshotSchemaError(ValueError):
    """A stored snapshot of another schema: the migrations that upgrade it have not run."""


def in_language(texts: Texts, language: str) -> str:
    """The text in `language`; English stands in for a language added after the submission."""
    return texts.get(language) or texts["en"]


@dataclass(frozen=True)
class StatementRecord:
    code: str
    text: Texts
    guidance: Texts
    weight: int
    evidence_expected: bool
    level: str  # as stored: "1" to "4", "na", or "" when not rated
    justification: str
    updated_by: str | None  # the person's name, as shown
    updated_by_username: str | None
    updated_at: str | None
    evidence: list[int]  # ids of the evidence items supporting it

    @property
    def counted_level(self) -> int | None:
        return counted_level(self.level)

    @property
    def not_applicable(self) -> bool:
        return self.level == NOT_APPLICABLE


@dataclass(frozen=True)
class PrincipleRecord:
    code: str
    title: Texts
    short_title: Texts
    description: Texts
    statements: list[StatementRecord]

    @property
    def score(self) -> float | None:
        return principle_score(Rating(level=s.counted_level, weight=s.weight) for s in self.statements)

    @property
    def rated_count(self) -> int:
        """How many statements its score rests on: those rated 1 to 4."""
        return sum(1 for statement in self.statements if statement.counted_level is not None)

    @property
    def rateable_count(self) -> int:
        """How many statements its score will rest on once all are rated: all but "not applicable"."""
        return sum(1 for statement in self.statements if not statement.not_applicable)


@dataclass(frozen=True)
class LevelRecord:
    code: str
    label: Texts
    meaning: Texts


@dataclass(frozen=True)
class SchoolRecord:
    name: str
    city: str
    region: str
    country_code: str
    country: Texts


@dataclass(frozen=True)
class CallRecord:
    name: str
    opens_on: str
    closes_on: str
    profile_threshold: int
    approaching_threshold: int


@dataclass(frozen=True)
class EligibilityRecord:
    """The figures the eligibility check used, so that a report can explain it in any language."""

    on: str
    etwinning_registered_on: str
    active_teachers: int
    quality_label_projects: int
    min_registration_years: int
    min_active_teachers: int
    min_quality_label_projects: int


@dataclass(frozen=True)
class ESafetyRecord:
    text: Texts
    answer: str
    comment: str


@dataclass(frozen=True)
class ActionRecord:
    principle: str  # its code
    action: str
    owner: str
    due_on: str
    success_indicator: str

    @property
    def due_date(self) -> datetime.date:
        return datetime.date.fromisoformat(self.due_on)


@dataclass(frozen=True)
class EvidenceRecord:
    """One evidence item's metadata (never the file itself)."""

    id: int
    kind: str
    title: str
    description: str
    url: str | None
    original_name: str | None
    size: int | None
    content_type: str | None
    sha256: str | None
    statements: list[str]  # codes of the statements it supports
    esafety: bool
    added_by: str | None
    added_at: str
    # What the school wrote about it for one statement ({code: {"title", "description"}}),
    # when it wrote something there. Snapshots taken before this existed have none.
    notes: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)

    def as_used_for(self, code: str) -> "EvidenceRecord":
        """The item as statement `code` shows it: with the title and description written there."""
        note = self.notes.get(code)
        if not note:
            return self
        return dataclasses.replace(
            self, title=note["title"] or self.title, description=note["description"] or self.description
        )

    @property
    def is_image(self) -> bool:
        return self.content_type in IMAGE_TYPES

    @property
    def type_label(self) -> str:
        """What kind of document it is, in the reader's language ("PDF", "Word document")."""
        return str(ACCEPTED.get(self.content_type or "", self.content_type or ""))


@dataclass(frozen=True)
class DeclarationRecord:
    name: str
    at: str


@dataclass(frozen=True)
class SurveyStatementRecord:
    code: str  # the framework statement's code
    text: Texts  # in the group's words
    counts: dict[str, int]  # answers per level, "1" to "4", and "dk" for "I don't know"


@dataclass(frozen=True)
class SurveyRecord:
    """What one group said in the school's survey: how many answered and, only when that is
    enough to keep each one anonymous (`survey_shown`), the answers per statement."""

    group: str
    responses: int
    is_open: bool
    statements: list[SurveyStatementRecord]  # empty while too few have answered


@dataclass(frozen=True)
class Snapshot:
    schema: int
    taken_at: str
    status: str
    framework_version: str
    school: SchoolRecord
    call: CallRecord
    eligibility: EligibilityRecord
    mission: Texts
    levels: list[LevelRecord]
    esafety: ESafetyRecord
    principles: list[PrincipleRecord]
    actions: list[ActionRecord]
    evidence: list[EvidenceRecord]
    declaration: DeclarationRecord | None
    # The school's surveys, as they stood; snapshots taken before surveys existed have none.
    surveys: list[SurveyRecord] = dataclasses.field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Snapshot":
        if data.get("schema") != SCHEMA:
            raise SnapshotSchemaError(f"A snapshot of schema {data.get('schema')!r}, not {SCHEMA}.")
        return cls(
            schema=data["schema"],
            taken_at=data["taken_at"],
            status=data["status"],
            framework_version=data["framework_version"],
            school=SchoolRecord(**data["school"]),
            call=CallRecord(**data["call"]),
            eligibility=EligibilityRecord(**data["eligibility"]),
            mission=data["mission"],
            levels=[LevelRecord(**level) for level in data["levels"]],
            esafety=ESafetyRecord(**data["esafety"]),
            principles=[
                PrincipleRecord(
                    **{key: value for key, value in principle.items() if key != "statements"},
                    statements=[StatementRecord(**statement) for statement in principle["statements"]],
                )
                for principle in data["principles"]
            ],
            actions=[ActionRecord(**action) for action in data["actions"]],
            evidence=[EvidenceRecord(**item) for item in data["evidence"]],
            declaration=DeclarationRecord(**data["declaration"]) if data["declaration"] else None,
            surveys=[
                SurveyRecord(
                    **{key: value for key, value in survey.items() if key != "statements"},
                    statements=[SurveyStatementRecord(**statement) for statement in survey["statements"]],
                )
                for survey in data.get("surveys", [])
            ],
        )

    # What it adds up to, by the rules of `assessment.scoring`.

    def statements(self) -> Iterator[StatementRecord]:
        for principle in self.principles:
            yield from principle.statements

    @property
    def principle_scores(self) -> dict[str, float | None]:
        return {principle.code: principle.score for principle in self.principles}

    @property
    def overall_score(self) -> float | None:
        return overall_score(self.principle_scores.values())

    @property
    def band(self) -> Band:
        return profile_band(
            self.principle_scores.values(),
            self.overall_score,
            profile_threshold=self.call.profile_threshold,
            approaching_threshold=self.call.approaching_threshold,
        )

    def _expecting_evidence(self) -> list[StatementRecord]:
        """The statements that expect evidence and are not marked not applicable."""
        return [s for s in self.statements() if s.evidence_expected and not s.not_applicable]

    @property
    def evidence_coverage(self) -> float | None:
        """The share of the statements expecting evidence that have some."""
        expecting = self._expecting_evidence()
        return evidence_coverage(expecting=len(expecting), covered=sum(1 for s in expecting if s.evidence))

    @property
    def coverage_sources(self) -> list[EvidenceRecord]:
        """The pieces of evidence the coverage rests on: those supporting a statement that
        expects evidence. Few of them for many statements is worth a reader's attention."""
        expecting = {statement.code for statement in self._expecting_evidence()}
        return [item for item in self.evidence if expecting.intersection(item.statements)]

    def strengths_and_areas(self) -> tuple[list[StatementRecord], list[StatementRecord]]:
        by_code = {statement.code: statement for statement in self.statements()}
        strengths, areas = strengths_and_areas(
            RatedStatement(s.code, s.counted_level) for s in by_code.values()
        )
        return [by_code[s.code] for s in strengths], [by_code[s.code] for s in areas]
