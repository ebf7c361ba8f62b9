"""The typed snapshot: what it adds up to, its JSON round trip, and the upgrade of every earlier
shape stored before it had a schema."""

import copy
import importlib

import pytest
from django.apps import apps

from assessment.models import Assessment, Statement
from assessment.scoring import Band
from assessment.snapshot import SCHEMA, Snapshot, SnapshotSchemaError, snapshot_build
from tests.snapshots import principle, snapshot, statement

migration = importlib.import_module("assessment.migrations.0006_snapshot_schema_2")


def test_scores_are_computed_from_the_answers_it_holds():
    frozen = snapshot(
        principle("1", statement("1.1", level="4"), statement("1.2", level="2", weight=2)),
        principle("2", statement("2.1", level="na"), statement("2.2", level="")),
    )

    assert frozen.principle_scores == {"1": pytest.approx(100 * (1 + 2 * 1 / 3) / 3), "2": None}
    assert frozen.overall_score == pytest.approx(100 * (1 + 2 * 1 / 3) / 3)
    assert frozen.band == Band.APPROACHING  # 56 overall: above 50, not every principle at 75


def test_coverage_counts_statements_expecting_evidence_and_not_marked_not_applicable():
    frozen = snapshot(
        principle("1", statement("1.1", evidence=[7]), statement("1.2")),
        principle(
            "2",
            statement("2.1", evidence=[8]),
            statement("2.2", expected=False),  # expects no evidence: not counted
            statement("2.3", level="na"),  # not applicable: not counted
            statement("2.4", level=""),  # unrated, still expected
        ),
    )

    assert frozen.evidence_coverage == pytest.approx(2 / 4)


def test_a_snapshot_without_statements_expecting_evidence_has_no_coverage():
    assert snapshot(principle("1", statement(expected=False))).evidence_coverage is None


def test_the_json_it_is_stored_as_reads_back_into_the_same_snapshot(submitted):
    frozen = Snapshot.from_json(submitted.snapshot)

    assert frozen.schema == SCHEMA
    assert Snapshot.from_json(frozen.to_json()) == frozen
    assert frozen.to_json() == submitted.snapshot


def test_a_snapshot_of_another_schema_is_refused_not_guessed_at(submitted):
    with pytest.raises(SnapshotSchemaError, match="A snapshot of schema None, not 2"):
        Snapshot.from_json({key: value for key, value in submitted.snapshot.items() if key != "schema"})


def test_the_stored_figures_are_the_snapshots_own(submitted):
    frozen = Snapshot.from_json(submitted.snapshot)

    assert submitted.principle_scores == frozen.principle_scores
    assert submitted.overall_score == frozen.overall_score
    assert submitted.band == frozen.band
    assert submitted.evidence_coverage == frozen.evidence_coverage


# The shapes stored before schema 2, rebuilt from a current snapshot as the code of the time wrote them.


def _schema_1(current: dict) -> dict:
    """The last unversioned shape: scores stored, no country code, no usernames."""
    old = copy.deepcopy(current)
    del old["schema"]
    del old["school"]["country_code"]
    frozen = Snapshot.from_json(current)
    for principle_data, record in zip(old["principles"], frozen.principles, strict=True):
        principle_data["score"] = record.score
        for statement_data in principle_data["statements"]:
            del statement_data["updated_by_username"]
    old["overall_score"] = frozen.overall_score
    return old


def _before_the_school_and_call(current: dict) -> dict:
    old = _schema_1(current)
    for key in ("status", "school", "call", "eligibility"):
        del old[key]
    return old


def _before_evidence(current: dict) -> dict:
    old = _before_the_school_and_call(current)
    del old["evidence"]
    for principle_data in old["principles"]:
        for statement_data in principle_data["statements"]:
            del statement_data["evidence"]
    return old


@pytest.mark.parametrize("shape", [_schema_1, _before_the_school_and_call, _before_evidence])
def test_the_migration_upgrades_each_earlier_shape_to_the_current_schema(submitted, leader, shape):
    current = submitted.snapshot
    Assessment.objects.filter(pk=submitted.pk).update(snapshot=shape(current))

    migration.forwards(apps, None)

    submitted.refresh_from_db()
    upgraded = Snapshot.from_json(submitted.snapshot)
    expected = Snapshot.from_json(current)
    assert upgraded.principle_scores == expected.principle_scores
    assert upgraded.school == expected.school
    assert upgraded.call == expected.call
    assert [s.updated_by_username for s in upgraded.statements()] == ["leader"] * 31
    if shape is _before_evidence:
        assert upgraded.evidence == [] and all(s.evidence == [] for s in upgraded.statements())
    else:
        assert upgraded.evidence == expected.evidence


def test_the_migration_leaves_a_current_snapshot_as_it_is(submitted):
    before = submitted.snapshot

    migration.forwards(apps, None)

    submitted.refresh_from_db()
    assert submitted.snapshot == before


def test_a_drafts_snapshot_is_built_live_from_its_answers(assessment, teacher):
    from assessment.services.assessments import response_save

    response_save(
        assessment=assessment,
        statement=Statement.objects.get(code="1.1"),
        user=teacher,
        level="4",
        justification="Every term.",
        version=0,
    )

    live = snapshot_build(assessment)

    first = live.principles[0].statements[0]
    assert (first.code, first.level, first.updated_by_username) == ("1.1", "4", "teacher")
    assert live.principle_scores["1"] == pytest.approx(100)
