"""How closely a school matches the eTwinning School profile: pure functions over plain data.

No ORM here, so every rule can be checked by hand:
- a level l of 1..4 counts as (l - 1) / 3, so "not yet" is 0 and "leading" is 1;
- a principle's score is the weighted mean of its rated statements times 100, with
  "not applicable" (and, in a draft, unrated statements) left out;
- the overall score is the mean of the principle scores that exist;
- the band, the evidence coverage, strengths and areas to develop, and the change since the
  previous assessment are computed from those numbers.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

LEVELS = (1, 2, 3, 4)
# How an answer's level is stored: "1" to "4", "na" for not applicable, "" until it is rated.
NOT_APPLICABLE = "na"
STORED_LEVELS = {str(level): level for level in LEVELS}


def counted_level(stored: str) -> int | None:
    """The level an answer counts with in a score: 1 to 4, or None (not applicable, not rated)."""
    return STORED_LEVELS.get(stored)


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
    counted = [(rating.level, rating.weight) for rating in ratings if rating.level is not None]
    total_weight = sum(weight for _level, weight in counted)
    if total_weight == 0:
        return None
    return 100 * sum(level_value(level) * weight for level, weight in counted) / total_weight


def overall_score(principle_scores: Iterable[float | None]) -> float | None:
    """Mean of the principle scores that exist; None when no principle has a score."""
    scores = [score for score in principle_scores if score is not None]
    if not scores:
        return None
    return sum(scores) / len(scores)


class Band(StrEnum):
    """How closely the school matches the eTwinning School profile."""

    MATCHES = "matches"
    APPROACHING = "approaching"
    EARLY = "early"


def profile_band(
    principle_scores: Iterable[float | None],
    overall: float | None,
    *,
    profile_threshold: int,
    approaching_threshold: int,
) -> Band:
    """ "Matches" when every principle reaches the profile threshold; "approaching" when the
    overall score reaches its threshold; "early stage" otherwise. A principle without a
    score cannot match."""
    scores = list(principle_scores)
    if scores and all(score is not None and score >= profile_threshold for score in scores):
        return Band.MATCHES
    if overall is not None and overall >= approaching_threshold:
        return Band.APPROACHING
    return Band.EARLY


def evidence_coverage(*, expecting: int, covered: int) -> float | None:
    """Share (0 to 1) of the statements that expect evidence and have some; None if none expects it."""
    if expecting == 0:
        return None
    return covered / expecting


@dataclass(frozen=True)
class RatedStatement:
    code: str
    level: int | None


def code_order(code: str) -> tuple[int, ...]:
    """The order of a principle or statement code: "1.2" before "1.10", "2" before "10"."""
    return tuple(int(part) for part in code.split(".") if part.isdigit())


def strengths_and_areas(
    statements: Iterable[RatedStatement], *, count: int = 3
) -> tuple[list[RatedStatement], list[RatedStatement]]:
    """The `count` highest-rated statements and the `count` lowest, none in both.

    Not-applicable and unrated statements are left out; ties go to the earlier code.
    Strengths must be above the lowest level seen, areas below the highest, so a school
    rated evenly everywhere has neither.
    """
    rated = sorted(
        ((s, s.level) for s in statements if s.level is not None), key=lambda pair: code_order(pair[0].code)
    )
    if not rated:
        return [], []
    highest, lowest = max(level for _s, level in rated), min(level for _s, level in rated)
    strengths = [s for s, _level in sorted((p for p in rated if p[1] > lowest), key=lambda p: -p[1])[:count]]
    chosen = {s.code for s in strengths}
    areas = [
        s
        for s, _level in sorted(
            (p for p in rated if p[1] < highest and p[0].code not in chosen), key=lambda p: p[1]
        )[:count]
    ]
    return strengths, areas


def score_changes(
    current: dict[str, float | None], previous: dict[str, float | None]
) -> dict[str, float | None]:
    """Change of each score since the previous assessment; None where either has no score."""
    changes: dict[str, float | None] = {}
    for key, score in current.items():
        before = previous.get(key)
        changes[key] = None if score is None or before is None else score - before
    return changes


# The school's community beside its leadership: survey answers on the same four levels.
DONT_KNOW = "dk"
# A difference between a group's mean and the leadership's level this large, or larger, is
# named on the results page and in the report.
GAP_NAMED = 1.0


def survey_mean(counts: dict[str, int]) -> float | None:
    """The mean level (1 to 4) of a statement's survey answers; "I don't know" is left out."""
    counted = {level: counts.get(str(level), 0) for level in LEVELS}
    answers = sum(counted.values())
    if answers == 0:
        return None
    return sum(level * number for level, number in counted.items()) / answers


def pooled_mean(tallies: Iterable[dict[str, int]]) -> float | None:
    """The mean level of all the answers of several statements together."""
    pooled: dict[str, int] = {}
    for counts in tallies:
        for level, number in counts.items():
            pooled[level] = pooled.get(level, 0) + number
    return survey_mean(pooled)


def score_as_level(score: float | None) -> float | None:
    """A score of 0 to 100 on the scale of levels 1 to 4: the inverse of `level_value`, so that
    a principle's score and a group's mean level can stand side by side."""
    return None if score is None else 1 + 3 * score / 100


@dataclass(frozen=True)
class Gap:
    group: str
    code: str  # the statement's
    mean: float  # the group's mean level
    level: int  # the leadership's level

    @property
    def size(self) -> float:
        return self.mean - self.level


def largest_gaps(gaps: Iterable[Gap], *, count: int = 5) -> list[Gap]:
    """The gaps worth naming (at least `GAP_NAMED` levels), largest first, at most `count`."""
    named = [gap for gap in gaps if abs(gap.size) >= GAP_NAMED]
    return sorted(named, key=lambda gap: (-abs(gap.size), code_order(gap.code), gap.group))[:count]
