"""Charts drawn on the server as SVG: no script, no external file, readable by a screen reader.

Pure functions over plain numbers; every text is escaped, so a principle's title cannot
inject markup into the page or the PDF.
"""

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SIZE = 420
CENTRE = SIZE / 2
RADIUS = 130
RINGS = (25, 50, 75, 100)
LABEL_WIDTH = 18  # characters per line of an axis label
# The labels' size and line height, in the chart's units: the report prints the chart 130 mm
# wide (600 units), so that 14 units read as 8.5 pt.
LABEL_SIZE, LABEL_LINE = 14, 16
GRID = 'fill="none" stroke="#d5dde6" stroke-width="1"'
# Colours are attributes, not CSS classes: a PDF renderer draws inline SVG without the page's CSS.
STYLES = {
    "current": 'fill="#0b4f8a" fill-opacity="0.25" stroke="#0b4f8a" stroke-width="2"',
    "previous": 'fill="none" stroke="#c05600" stroke-width="2" stroke-dasharray="6 4"',
}
DOT_STYLES = {"current": 'fill="#0b4f8a"', "previous": 'fill="#c05600"'}
NOTE_STYLE = 'fill="#5a6470" font-style="italic"'


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float | None]  # 0 to 100 per axis; None (not rated yet) is left out
    css_class: str  # "current" or "previous"


def _point(axis: int, axes: int, value: float) -> tuple[float, float]:
    # Axis 0 points straight up; the others follow clockwise.
    angle = -math.pi / 2 + 2 * math.pi * axis / axes
    distance = RADIUS * max(0.0, min(value, 100.0)) / 100
    return CENTRE + distance * math.cos(angle), CENTRE + distance * math.sin(angle)


def _points(values: list[float | None]) -> list[tuple[float, float]]:
    """The corners of a series' shape: one per axis that has a value. An axis without one is
    skipped, not drawn as 0: a principle not rated yet is not a principle rated lowest."""
    return [_point(i, len(values), value) for i, value in enumerate(values) if value is not None]


def _coordinates(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _shape(item: Series) -> str:
    """The series' polygon, with a dot on each corner, so that a series of one or two values
    (a line, a point) still shows."""
    points = _points(item.values)
    style = STYLES[item.css_class]
    dots = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" {DOT_STYLES[item.css_class]}/>' for x, y in points
    )
    return (
        f'<polygon class="series {item.css_class}" {style} points="{_coordinates(points)}">'
        f"<title>{escape(item.label)}</title></polygon>{dots}"
    )


def _lines(text: str) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LABEL_WIDTH:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _label(axis: int, axes: int, text: str, note: str) -> str:
    """An axis' label, and under it its note (such as "not rated yet") in grey italics."""
    x, y = _point(axis, axes, 112)
    anchor = "middle" if abs(x - CENTRE) < 20 else ("start" if x > CENTRE else "end")
    lines = [(line, "") for line in _lines(text)] + [(line, NOTE_STYLE) for line in _lines(note)]
    # Labels above the chart grow upwards, the others downwards.
    top = y - LABEL_LINE * (len(lines) - 1) if y < CENTRE - 20 else y
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{top + LABEL_LINE * index:.1f}"{" " + style if style else ""}>{escape(line)}</tspan>'
        for index, (line, style) in enumerate(lines)
    )
    return f'<text text-anchor="{anchor}" font-size="{LABEL_SIZE}" fill="#1a1a1a">{spans}</text>'


def radar_svg(
    *,
    axes: list[str],
    series: list[Series],
    title: str,
    description: str,
    chart_id: str,
    notes: list[str] | None = None,
) -> SafeString:
    """A radar chart of scores from 0 to 100, one axis per label, one polygon per series;
    `notes`, one per axis, are printed under the axes' labels ("" for none)."""
    count = len(axes)
    notes = notes or [""] * count
    rings = "".join(f'<polygon {GRID} points="{_coordinates(_points([ring] * count))}"/>' for ring in RINGS)
    spokes = "".join(
        '<line {} x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"/>'.format(
            GRID, CENTRE, CENTRE, *_point(i, count, 100)
        )
        for i in range(count)
    )
    shapes = "".join(_shape(item) for item in series)
    labels = "".join(
        _label(i, count, text, note) for i, (text, note) in enumerate(zip(axes, notes, strict=True))
    )
    return mark_safe(  # noqa: S308 - every text above is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-90 0 {SIZE + 180} {SIZE}" class="radar" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{rings}{spokes}{shapes}{labels}</svg>"
    )


# The diverging bars of survey answers: levels 1 and 2 to the left of the centre line, 3 and
# 4 to the right, each as a share of the answers that chose a level ("I don't know" apart).
BAR_LEFT, BAR_HALF, BAR_ROW, BAR_TOP = 150, 170, 26, 34
BAR_FILLS = ("#b54708", "#f0b27a", "#8fb8de", "#0b4f8a")
BAR_TEXT = ('fill="#ffffff"', 'fill="#1a1a1a"', 'fill="#1a1a1a"', 'fill="#ffffff"')


@dataclass(frozen=True)
class DivergingRow:
    label: str
    counts: list[int]  # answers at levels 1 to 4
    note: str  # printed after the bar, such as the mean and the leadership's level


def _segments(counts: list[int], centre: float) -> str:
    answered = sum(counts)
    if answered == 0:
        return ""
    widths = [BAR_HALF * number / answered for number in counts]
    # Level 2 starts at the centre and grows left, level 1 beyond it; 3 and 4 to the right.
    starts = [centre - widths[1] - widths[0], centre - widths[1], centre, centre + widths[2]]
    parts = []
    for level, (start, width, number) in enumerate(zip(starts, widths, counts, strict=True)):
        if not number:
            continue
        parts.append(
            f'<rect x="{start:.1f}" y="0" width="{width:.1f}" height="16" fill="{BAR_FILLS[level]}"/>'
        )
        if width >= 16:
            parts.append(
                f'<text x="{start + width / 2:.1f}" y="12" text-anchor="middle" font-size="10" '
                f"{BAR_TEXT[level]}>{number}</text>"
            )
    return "".join(parts)


def diverging_svg(
    *, rows: list[DivergingRow], legend: list[str], title: str, description: str, chart_id: str
) -> SafeString:
    """One bar per row, split by level around a centre line; `legend` names the four levels."""
    centre = BAR_LEFT + BAR_HALF
    width = BAR_LEFT + 2 * BAR_HALF + 190
    height = BAR_TOP + BAR_ROW * len(rows) + 4
    keys = "".join(
        f'<rect x="{BAR_LEFT + index * 120}" y="4" width="12" height="12" fill="{fill}"/>'
        f'<text x="{BAR_LEFT + index * 120 + 16}" y="14" font-size="11" fill="#1a1a1a">{escape(label)}</text>'
        for index, (label, fill) in enumerate(zip(legend, BAR_FILLS, strict=True))
    )
    bars = "".join(
        f'<g transform="translate(0 {BAR_TOP + index * BAR_ROW})">'
        f'<text x="{BAR_LEFT - 6}" y="12" text-anchor="end" font-size="11" fill="#1a1a1a">{escape(row.label)}</text>'
        f"{_segments(row.counts, centre)}"
        f'<text x="{centre + BAR_HALF + 8}" y="12" font-size="10" fill="#5a6470">{escape(row.note)}</text></g>'
        for index, row in enumerate(rows)
    )
    axis = f'<line x1="{centre}" y1="{BAR_TOP - 6}" x2="{centre}" y2="{height}" stroke="#5a6470" stroke-width="1"/>'
    return mark_safe(  # noqa: S308 - every text above is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="diverging" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{keys}{bars}{axis}</svg>"
    )
