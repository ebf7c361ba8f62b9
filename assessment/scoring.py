"""How closely a school matches the eTwinning School profile: pure functions over plain data.

No ORM here, so every rule can be checked by hand:
- a level l of 1..4 counts as (l - 1) / 3, so "not yet" is 0 and "leading" is 1;
- a principle's score is the weighted mean of its rated statements times 100, with
  "not applicable" (and, in a draft, unrated statements) left out;
- the overall score is the mean of the principle scores that exist.
"""

from collections.abc import Iterable
from dataclasses import dataclass

LEVELS = (1, 2, 3, 4)


@dataclass(frozen=True)
class Rating:
    """One statement's answer as scoring sees it: a level 1..4, or None when not counted."""

    level: int | None
    weight: int = 1


def level_value(level: int) -> float:
    if level not in LEVELS:
        raise ValueError(f"A level is one of {LEVELS}, not {level!r}.")
    return (level - 1) / 3


def principle_score(ratings: Iterable[Rating]) -> float | None:
    """Weighted mean of the counted ratings, 0 to 100; None when nothing counts yet."""
    counted = [rating for rating in ratings if rating.level is not None]
    total_weight = sum(rating.weight for rating in counted)
    if total_weight == 0:
        return None
    return 100 * sum(level_value(rating.level) * rating.weight for rating in counted) / total_weight


def overall_score(principle_scores: Iterable[float | None]) -> float | None:
    """Mean of the principle scores that exist; None when no principle has a score."""
    scores = [score for score in principle_scores if score is not None]
    if not scores:
        return None
    return sum(scores) / len(scores)
