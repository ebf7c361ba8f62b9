"""The statistics of one call's national rows: pure functions over plain data, checked by hand."""

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean

from assessment.national.rows import COUNTED_STATUSES, NationalRow, Status

BIN_WIDTH = 10


def _mean(values: Iterable[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return fmean(present) if present else None


def status_counts(statuses: Iterable[str]) -> list[tuple[Status, int]]:
    """How many assessments are in each counted status, in lifecycle order, zeros included."""
    counts = dict.fromkeys(COUNTED_STATUSES, 0)
    for status in statuses:
        if status in counts:
            counts[Status(status)] += 1
    return list(counts.items())


def principle_averages(rows: Iterable[NationalRow], codes: list[str]) -> dict[str, float | None]:
    """Mean score per principle over the submitted assessments; None where nothing is scored."""
    scored = [row.principle_scores for row in rows if row.principle_scores is not None]
    return {code: _mean(scores.get(code) for scores in scored) for code in codes}


@dataclass(frozen=True)
class Bin:
    low: int
    high: int  # inclusive
    count: int

    @property
    def label(self) -> str:
        return f"{self.low}–{self.high}"


def score_distribution(scores: Iterable[float | None]) -> list[Bin]:
    """Overall scores in ten bins 0–9, 10–19, …, 90–100: a perfect 100 falls in the last."""
    counts = [0] * 10
    for score in scores:
        if score is not None:
            counts[min(max(int(score // BIN_WIDTH), 0), 9)] += 1
    return [
        Bin(low=index * BIN_WIDTH, high=100 if index == 9 else index * BIN_WIDTH + 9, count=count)
        for index, count in enumerate(counts)
    ]


def average_coverage(rows: Iterable[NationalRow]) -> float | None:
    """The mean of each assessment's evidence coverage (each school weighs the same)."""
    return _mean(row.coverage for row in rows)


@dataclass(frozen=True)
class RegionLine:
    country: str
    region: str
    assessments: int
    submitted: int  # submitted at least once (has a snapshot)
    average_score: float | None


def region_breakdown(rows: Iterable[NationalRow]) -> list[RegionLine]:
    """Per region (within its country): by country, then the regions with most assessments first.

    (Not alphabetically: code-point order would misplace letters like "ł", and the database's
    collation differs between SQLite and PostgreSQL.)"""
    regions: dict[tuple[str, str], list[NationalRow]] = {}
    for row in rows:
        regions.setdefault((row.country, row.region), []).append(row)
    return [
        RegionLine(
            country=country,
            region=region,
            assessments=len(members),
            submitted=sum(1 for row in members if row.has_snapshot),
            average_score=_mean(row.overall_score for row in members),
        )
        for (country, region), members in sorted(
            regions.items(), key=lambda item: (item[0][0], -len(item[1]), item[0][1])
        )
    ]


@dataclass(frozen=True)
class NationalFigures:
    total: int
    submitted: int  # with a snapshot: the assessments the averages are over
    statuses: list[tuple[Status, int]]
    averages: dict[str, float | None]
    distribution: list[Bin]
    coverage: float | None
    regions: list[RegionLine]


def national_figures(rows: list[NationalRow], codes: list[str]) -> NationalFigures:
    return NationalFigures(
        total=len(rows),
        submitted=sum(1 for row in rows if row.has_snapshot),
        statuses=status_counts(row.status for row in rows),
        averages=principle_averages(rows, codes),
        distribution=score_distribution(row.overall_score for row in rows),
        coverage=average_coverage(rows),
        regions=region_breakdown(rows),
    )
