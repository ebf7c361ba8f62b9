import pytest

from assessment.scoring import Rating, level_value, overall_score, principle_score


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
