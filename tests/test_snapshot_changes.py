"""What changed between two submissions of one assessment (`assessment.snapshot.changes`)."""

from dataclasses import replace

from assessment.snapshot import AnswerChange, answer_changes
from tests.snapshots import principle, snapshot, statement


def answered(code: str, level: str, justification: str = ""):
    return replace(statement(code, level=level), justification=justification)


def test_an_unchanged_resubmission_has_no_changes():
    before = snapshot(principle("1", answered("1.1", "2", "Twice a year."), answered("1.2", "3")))
    assert answer_changes(before, before) == {}


def test_a_changed_level_is_given_with_the_earlier_answer():
    before = snapshot(principle("1", answered("1.1", "2", "Twice a year."), answered("1.2", "3")))
    after = snapshot(principle("1", answered("1.1", "3", "Twice a year."), answered("1.2", "3")))
    assert answer_changes(before, after) == {
        "1.1": AnswerChange(
            code="1.1",
            level="2",
            justification="Twice a year.",
            level_changed=True,
            justification_changed=False,
        )
    }


def test_a_changed_justification_is_given_with_the_earlier_one():
    before = snapshot(principle("1", answered("1.1", "2", "Twice a year.")))
    after = snapshot(principle("1", answered("1.1", "2", "Every month, with the parents.")))
    [change] = answer_changes(before, after).values()
    assert (change.justification, change.level_changed, change.justification_changed) == (
        "Twice a year.",
        False,
        True,
    )


def test_not_applicable_and_not_rated_are_levels_like_the_others():
    before = snapshot(principle("1", answered("1.1", ""), answered("1.2", "4")))
    after = snapshot(principle("1", answered("1.1", "na"), answered("1.2", "na")))
    changes = answer_changes(before, after)
    assert {code: change.level for code, change in changes.items()} == {"1.1": "", "1.2": "4"}


def test_blank_space_around_a_justification_is_not_a_change():
    before = snapshot(principle("1", answered("1.1", "2", "Twice a year.")))
    after = snapshot(principle("1", answered("1.1", "2", "  Twice a year.\n")))
    assert answer_changes(before, after) == {}


def test_a_statement_the_earlier_submission_did_not_have_is_left_out():
    before = snapshot(principle("1", answered("1.1", "2")))
    after = snapshot(principle("1", answered("1.1", "2"), answered("1.2", "3")))
    assert answer_changes(before, after) == {}
