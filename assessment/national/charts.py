"""The national dashboard's charts, drawn on the server like the report's radar."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from assessment.models import Principle
from assessment.national.statistics import Bin
from assessment.reports.charts import Series, radar_svg

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
