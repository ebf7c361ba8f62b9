"""The community's view beside the leadership's: the figures, computed by hand."""

import pytest
from django.utils import translation

from assessment.reports.surveys import survey_section
from assessment.scoring import Gap, largest_gaps, pooled_mean, score_as_level, survey_mean
from assessment.services.surveys import survey_open
from assessment.snapshot import snapshot_build
from tests.conftest import complete
from tests.survey_helpers import answer


def test_a_mean_leaves_out_i_dont_know():
    assert survey_mean({"1": 1, "2": 1, "3": 0, "4": 2, "dk": 5}) == pytest.approx(11 / 4)


def test_a_statement_only_answered_i_dont_know_has_no_mean():
    assert survey_mean({"1": 0, "2": 0, "3": 0, "4": 0, "dk": 3}) is None


def test_a_principles_mean_pools_the_answers_of_its_statements():
    assert pooled_mean([{"1": 2, "2": 2, "dk": 1}, {"3": 5}]) == pytest.approx(21 / 9)


def test_a_score_sits_on_the_scale_of_levels():
    assert [score_as_level(score) for score in (0, 50, 100, None)] == [1, 2.5, 4, None]


def test_the_largest_gaps_are_named_largest_first_and_small_ones_never():
    gaps = [
        Gap(group="staff", code="1.1", mean=2.1, level=4),  # -1.9
        Gap(group="students", code="2.3", mean=3.9, level=2),  # +1.9, later code
        Gap(group="parents", code="3.1", mean=2.2, level=3),  # -0.8: not named
        Gap(group="staff", code="5.2", mean=1.0, level=2),  # -1.0: named
    ]
    assert [(gap.group, gap.code) for gap in largest_gaps(gaps)] == [
        ("staff", "1.1"),
        ("students", "2.3"),
        ("staff", "5.2"),
    ]
    assert len(largest_gaps(gaps * 3, count=5)) == 5


@pytest.fixture
def rated(assessment, leader, today):
    """Every statement at level 3 by the leadership."""
    return complete(assessment, user=leader, today=today)


def staff_levels(respondent, item):
    # Statement 1.1: 1, 1, 2, 2 and one "I don't know"; every other statement: 3.
    if item.statement.code == "1.1":
        return ["1", "1", "2", "2", "dk"][respondent]
    return "3"


@pytest.mark.django_db
def test_each_group_stands_beside_the_leaderships_level_with_the_gap_named(rated, leader):
    staff = survey_open(assessment=rated, group="staff", language="en", user=leader)
    answer(staff, count=5, level=staff_levels)

    with translation.override("en"):
        section = survey_section(snapshot_build(rated), "en")

    [group] = section.groups
    assert (group.group, group.responses, group.shown) == ("staff", 5, True)
    first = section.principles[0]
    assert first.leadership == pytest.approx(3.0)
    # Principle 1 asks staff 1.1 (1, 1, 2, 2) and 1.5 (five 3s): (1 + 1 + 2 + 2 + 15) / 9.
    assert first.groups[0].mean == pytest.approx(21 / 9)
    line = first.statements[0]
    assert (line.code, line.leadership, line.groups[0].mean) == ("1.1", 3, pytest.approx(1.5))
    assert line.groups[0].counts == {"1": 2, "2": 2, "3": 0, "4": 0, "dk": 1}
    assert [(gap.code, gap.sentence) for gap in section.gaps] == [
        ("1.1", "Staff rate 1.5 where the leadership says 3")
    ]


@pytest.mark.django_db
def test_the_gap_is_written_as_the_readers_language_writes_numbers(rated, leader):
    staff = survey_open(assessment=rated, group="staff", language="en", user=leader)
    answer(staff, count=5, level=staff_levels)
    with translation.override("pl"):
        section = survey_section(snapshot_build(rated), "pl")
    assert "1,5" in section.gaps[0].sentence


@pytest.mark.django_db
def test_a_group_below_the_threshold_shows_its_count_and_nothing_else(rated, leader):
    parents = survey_open(assessment=rated, group="parents", language="en", user=leader)
    answer(parents, count=4, level="1")

    snapshot = snapshot_build(rated)
    section = survey_section(snapshot, "en")

    assert snapshot.surveys[0].responses == 4 and snapshot.surveys[0].statements == []
    assert [(g.group, g.responses, g.shown) for g in section.groups] == [("parents", 4, False)]
    assert section.principles == [] and section.gaps == [] and not section.any_shown


@pytest.mark.django_db
def test_the_threshold_is_a_setting(rated, leader, settings):
    settings.SURVEY_MIN_GROUP = 3
    parents = survey_open(assessment=rated, group="parents", language="en", user=leader)
    answer(parents, count=3, level="1")
    assert survey_section(snapshot_build(rated), "en").any_shown


@pytest.mark.django_db
def test_no_survey_no_section(rated):
    assert survey_section(snapshot_build(rated), "en") is None
