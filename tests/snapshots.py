"""Snapshots made by hand, with only what a test is about filled in."""

from assessment.snapshot.records import (
    SCHEMA,
    CallRecord,
    EligibilityRecord,
    ESafetyRecord,
    PrincipleRecord,
    SchoolRecord,
    Snapshot,
    StatementRecord,
)

TEXTS = {"en": "Text"}


def statement(
    code: str = "1.1",
    *,
    level: str = "3",
    weight: int = 1,
    expected: bool = True,
    evidence: list[int] | None = None,
) -> StatementRecord:
    return StatementRecord(
        code=code,
        text=TEXTS,
        guidance=TEXTS,
        weight=weight,
        evidence_expected=expected,
        level=level,
        justification="",
        updated_by=None,
        updated_by_username=None,
        updated_at=None,
        evidence=evidence or [],
    )


def principle(code: str, *statements: StatementRecord) -> PrincipleRecord:
    return PrincipleRecord(
        code=code, title=TEXTS, short_title=TEXTS, description=TEXTS, statements=list(statements)
    )


def snapshot(
    *principles: PrincipleRecord, profile_threshold: int = 75, approaching_threshold: int = 50
) -> Snapshot:
    return Snapshot(
        schema=SCHEMA,
        taken_at="2026-11-02T10:00:00+00:00",
        status="submitted",
        framework_version="2026",
        school=SchoolRecord(name="School", city="", region="", country_code="PL", country={"en": "Poland"}),
        call=CallRecord(
            name="Call",
            opens_on="2026-09-01",
            closes_on="2027-03-01",
            profile_threshold=profile_threshold,
            approaching_threshold=approaching_threshold,
        ),
        eligibility=EligibilityRecord(
            on="2026-11-02",
            etwinning_registered_on="2020-01-01",
            active_teachers=5,
            quality_label_projects=1,
            min_registration_years=2,
            min_active_teachers=3,
            min_quality_label_projects=1,
        ),
        mission=TEXTS,
        levels=[],
        esafety=ESafetyRecord(text=TEXTS, answer="", comment=""),
        principles=list(principles),
        actions=[],
        evidence=[],
        declaration=None,
    )
