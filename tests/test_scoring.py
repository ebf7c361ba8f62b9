import pytest

from assessment.scoring import (
    Band,
    RatedStatement,
    Rating,
    counted_level,
    evidence_coverage,
    level_value,
    overall_score,
    principle_score,
    profile_band,
    score_changes,
    strengths_and_areas,
)


@pytest.mark.parametrize(("level", "value"), [(1, 0.0), (2, 1 / 3), (3, 2 / 3), (4, 1.0)])
def test_a_level_counts_as_its_step_over_three(level, value):
    assert level_value(level) == pytest.approx(value)


@pytest.mark.parametrize("level", [0, 5, None])
def test_a_level_outside_the_scale_is_refused(level):
    with pytest.raises(ValueError, match="A level is one of"):
        level_value(level)


def test_a_principle_score_is_the_mean_of_its_levels_times_100():
    # (2/3 + 1 + 1/3) / 3 * 100 = 66.67
    assert principle_score([Rating(3), Rating(4), Rating(2)]) == pytest.approx(200 / 3)


def test_a_principle_score_weights_its_statements():
    # (1 * 2 + 0 * 1) / 3 * 100 = 66.67
    assert principle_score([Rating(4, weight=2), Rating(1, weight=1)]) == pytest.approx(200 / 3)


def test_not_applicable_statements_are_left_out_of_the_principle_score():
    # Only the 4 and the 3 count: (1 + 2/3) / 2 * 100 = 83.33
    assert principle_score([Rating(4), Rating(None), Rating(3), Rating(None, weight=5)]) == pytest.approx(
        250 / 3
    )


def test_a_principle_with_nothing_rated_has_no_score():
    assert principle_score([Rating(None), Rating(None)]) is None
    assert principle_score([]) is None


def test_the_overall_score_is_the_mean_of_the_principle_scores():
    assert overall_score([100, 50, 0, 75, 25]) == pytest.approx(50)


def test_the_overall_score_leaves_out_principles_without_a_score():
    assert overall_score([90, None, 60]) == pytest.approx(75)
    assert overall_score([None, None]) is None


def band(scores, overall):
    return profile_band(scores, overall, profile_threshold=75, approaching_threshold=50)


def test_every_principle_at_the_threshold_matches_the_profile():
    assert band([75, 80, 100, 90, 75], 84) == Band.MATCHES


def test_one_principle_below_the_threshold_is_approaching_when_the_overall_score_is_high_enough():
    # 74 misses the profile threshold; the mean, 81.8, passes the approaching one.
    assert band([74, 80, 100, 90, 65], 81.8) == Band.APPROACHING


def test_below_both_thresholds_is_early_stage():
    assert band([40, 60, 30, 55, 49], 46.8) == Band.EARLY


def test_a_principle_without_a_score_cannot_match_the_profile():
    assert band([100, 100, None, 100, 100], 100) == Band.APPROACHING


def test_the_bands_follow_the_calls_thresholds():
    assert profile_band([60, 60], 60, profile_threshold=60, approaching_threshold=50) == Band.MATCHES
    assert profile_band([60, 60], 60, profile_threshold=61, approaching_threshold=61) == Band.EARLY


def test_evidence_coverage_is_the_share_of_expecting_statements_with_evidence():
    assert evidence_coverage(expecting=24, covered=18) == pytest.approx(0.75)
    assert evidence_coverage(expecting=0, covered=0) is None


def test_strengths_are_the_highest_statements_and_areas_the_lowest():
    statements = [
        RatedStatement("1.1", 2),
        RatedStatement("1.2", 4),
        RatedStatement("2.1", 1),
        RatedStatement("2.2", 3),
        RatedStatement("3.1", 4),
        RatedStatement("3.2", None),
        RatedStatement("4.1", 1),
    ]
    strengths, areas = strengths_and_areas(statements, count=2)
    assert [s.code for s in strengths] == ["1.2", "3.1"]
    assert [s.code for s in areas] == ["2.1", "4.1"]


def test_ties_go_to_the_earlier_statement_code():
    statements = [RatedStatement("1.10", 4), RatedStatement("1.9", 4), RatedStatement("1.2", 1)]
    strengths, areas = strengths_and_areas(statements, count=1)
    assert [s.code for s in strengths] == ["1.9"]
    assert [s.code for s in areas] == ["1.2"]


def test_an_evenly_rated_school_has_no_strengths_or_areas():
    assert strengths_and_areas([RatedStatement("1.1", 3), RatedStatement("1.2", 3)]) == ([], [])


def test_the_change_since_the_previous_assessment_is_per_score():
    changes = score_changes({"1": 80.0, "2": 50.0, "3": None}, {"1": 60.0, "2": 55.0, "3": 40.0})
    assert changes == {"1": pytest.approx(20.0), "2": pytest.approx(-5.0), "3": None}


@pytest.mark.parametrize(
    ("stored", "counted"),
    [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("na", None), ("", None), ("5", None), ("٣", None)],
)
def test_a_stored_level_counts_as_its_number_or_not_at_all(stored, counted):
    assert counted_level(stored) == counted
