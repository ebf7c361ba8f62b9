"""National figures for coordinators: who is counted, and the statistics of one call.

A national coordinator sees the assessments of their own country or countries, an admin
those of every country; a first draft is never counted. The statistics are pure functions
over plain rows (`NationalRow`), so they can be checked by hand; `national_rows` is the one
selector that fetches those rows, in one query whatever their number.
"""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from statistics import fmean

from django.db.models import F, Model, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from assessment.models import Assessment, Call, Principle, School
from assessment.permissions import coordinated_assessments
from assessment.reports.charts import Series, radar_svg

Status = Assessment.Status
# Every status but a first draft, in the order of an assessment's life.
COUNTED_STATUSES = tuple(status for status in Status if status != Status.DRAFT)
BIN_WIDTH = 10


@dataclass(frozen=True)
class NationalRow:
    """One counted assessment as the national figures see it."""

    school: str
    country: str  # ISO code
    region: str
    city: str
    status: str
    submitted_at: datetime.datetime | None
    decided_at: datetime.datetime | None
    label_valid_until: datetime.date | None
    overall_score: float | None
    band: str
    # By principle code, stored at submission; None when never submitted.
    principle_scores: dict[str, float | None] | None = None
    coverage: float | None = None

    @property
    def has_snapshot(self) -> bool:
        return self.principle_scores is not None


# Reads


def call_default(*, user) -> Call | None:
    """The newest call with assessments counted for the user."""
    counted = coordinated_assessments(user).values("call_id")
    return Call.objects.filter(pk__in=counted).order_by("-opens_on", "-pk").first()


def principles_of_call(call: Call) -> list[Principle]:
    return list(Principle.objects.filter(framework_id=call.framework_id).order_by("order"))


def national_rows(*, user, call: Call) -> list[NationalRow]:
    """The counted assessments of one call, by school name, in one query that reads the
    figures stored at submission, never the snapshots themselves."""
    rows = (
        coordinated_assessments(user)
        .filter(call=call)
        .order_by("school__name", "pk")
        .values_list(
            "school__name",
            "school__country__code",
            "school__region",
            "school__city",
            "status",
            "submitted_at",
            "decided_at",
            "label_valid_until",
            "overall_score",
            "band",
            "principle_scores",
            "evidence_coverage",
        )
    )
    return [NationalRow(*values) for values in rows.iterator(chunk_size=500)]


def labels_awarded(*, user) -> QuerySet[Assessment]:
    """The awarded assessments of the user's countries, every call, latest validity first."""
    return (
        coordinated_assessments(user)
        .filter(status=Status.AWARDED)
        .select_related("school__country", "call")
        .defer("snapshot")
        .order_by(F("label_valid_until").desc(nulls_last=True), "school__name", "pk")
    )


# Statistics, over plain data


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
    scored = [row.principle_scores for row in rows if row.has_snapshot]
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


# The CSV export

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """The text with a leading apostrophe if a spreadsheet would read it as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _decimal(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _day(value: datetime.datetime | datetime.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return value.isoformat()


def _field(model: type[Model], name: str) -> str:
    """The field's name as people read it, in the active language."""
    return capfirst(model._meta.get_field(name).verbose_name)


def export_lines(rows: Iterable[NationalRow], codes: list[str]) -> Iterator[list[str]]:
    """The CSV's header (in the active language) and one line per assessment."""
    yield [
        _field(Assessment, "school"),
        _field(School, "country"),
        _field(School, "region"),
        _field(School, "city"),
        _("%(field)s (code)") % {"field": _field(Assessment, "status")},
        _field(Assessment, "status"),
        _field(Assessment, "submitted_at"),
        *(_("Principle %(code)s") % {"code": code} for code in codes),
        _field(Assessment, "overall_score"),
        _("%(field)s (code)") % {"field": _field(Assessment, "band")},
        _field(Assessment, "decided_at"),
        _field(Assessment, "label_valid_until"),
    ]
    for row in rows:
        scores = row.principle_scores or {}
        line = [
            row.school,
            row.country,
            row.region,
            row.city,
            row.status,
            str(Status(row.status).label),
            _day(row.submitted_at),
            *(_decimal(scores.get(code)) for code in codes),
            _decimal(row.overall_score),
            row.band,
            _day(row.decided_at),
            _day(row.label_valid_until),
        ]
        yield [spreadsheet_safe(cell) for cell in line]


# The distribution chart, drawn on the server like the report's radar

CHART_WIDTH, CHART_HEIGHT = 440, 240
PLOT_LEFT, PLOT_TOP, PLOT_HEIGHT = 10, 24, 180
BAR_STEP, BAR_WIDTH = 42, 32
BAR = 'fill="#0b4f8a"'
TEXT = 'font-size="11" fill="#1a1a1a" text-anchor="middle"'


def distribution_svg(bins: list[Bin], *, title: str, description: str, chart_id: str) -> SafeString:
    """A bar chart of how many assessments fall in each score bin, with the count over each bar."""
    tallest = max((item.count for item in bins), default=0) or 1
    baseline = PLOT_TOP + PLOT_HEIGHT
    bars = []
    for index, item in enumerate(bins):
        x = PLOT_LEFT + index * BAR_STEP
        middle = x + BAR_WIDTH / 2
        height = PLOT_HEIGHT * item.count / tallest
        bars.append(
            f'<rect {BAR} x="{x}" y="{baseline - height:.1f}" width="{BAR_WIDTH}" height="{height:.1f}">'
            f"<title>{escape(item.label)}: {item.count}</title></rect>"
            f'<text {TEXT} x="{middle:.1f}" y="{baseline - height - 4:.1f}">{item.count}</text>'
            f'<text {TEXT} x="{middle:.1f}" y="{baseline + 16}">{escape(item.label)}</text>'
        )
    axis = f'<line x1="{PLOT_LEFT - 4}" y1="{baseline}" x2="{CHART_WIDTH}" y2="{baseline}" stroke="#6c757d"/>'
    return mark_safe(  # noqa: S308 - every text above is escaped or a number
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" class="histogram" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{axis}{''.join(bars)}</svg>"
    )


def averages_chart(principles: list[Principle], averages: dict[str, float | None]) -> SafeString:
    """The national average per principle as a radar, with the numbers in its description."""
    values = [averages.get(principle.code) for principle in principles]
    numbers = ", ".join(
        f"{principle.short_title} {'–' if value is None else f'{value:.0f}'}"
        for principle, value in zip(principles, values, strict=True)
    )
    return radar_svg(
        axes=[principle.short_title for principle in principles],
        series=[Series(_("National average"), values, "current")],
        title=_("Average score per principle, from 0 to 100"),
        description=numbers,
        chart_id="national-averages",
    )


def distribution_chart(bins: list[Bin]) -> SafeString:
    return distribution_svg(
        bins,
        title=_("Number of self-assessments per overall score"),
        description=", ".join(f"{item.label}: {item.count}" for item in bins),
        chart_id="national-distribution",
    )
