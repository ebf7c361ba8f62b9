import re

import pytest

from assessment.reports.charts import (
    BAR_HALF,
    BAR_LEFT,
    CENTRE,
    RADIUS,
    DivergingRow,
    Series,
    diverging_svg,
    radar_svg,
)


def chart(**overrides):
    arguments = {
        "axes": ["Shared leadership", "Collaboration", "Students", "Models", "Inclusion"],
        "series": [Series("This assessment", [100, 50, 0, 75, 25], "current")],
        "title": "Scores per principle",
        "description": "Shared leadership 100, Collaboration 50, Students 0, Models 75, Inclusion 25.",
        "chart_id": "scores",
    }
    return str(radar_svg(**{**arguments, **overrides}))


def test_the_chart_has_a_title_and_a_description_for_screen_readers():
    svg = chart()
    assert 'role="img" aria-labelledby="scores-title scores-desc"' in svg
    assert '<title id="scores-title">Scores per principle</title>' in svg
    assert '<desc id="scores-desc">Shared leadership 100, Collaboration 50' in svg


def test_a_score_of_100_reaches_the_rim_and_0_stays_at_the_centre():
    points = re.search(r'class="series current"[^>]*points="([^"]+)"', chart())[1].split()
    first_x, first_y = map(float, points[0].split(","))
    third_x, third_y = map(float, points[2].split(","))
    assert (first_x, first_y) == (CENTRE, CENTRE - RADIUS)
    assert (third_x, third_y) == (CENTRE, CENTRE)


def test_the_previous_assessment_is_drawn_as_a_second_shape():
    svg = chart(series=[Series("Now", [80] * 5, "current"), Series("2024", [60] * 5, "previous")])
    assert svg.count('class="series ') == 2
    assert 'class="series previous"' in svg


def test_labels_are_escaped():
    svg = chart(axes=["<script>alert(1)</script>", "B & C", "C", "D", "E"], title='"><img src=x>')
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "B &amp; C" in svg
    assert "<img" not in svg


def test_a_value_not_there_yet_is_left_out_not_drawn_as_zero():
    svg = chart(series=[Series("Draft", [100, None, None, 50, None], "current")])
    [corners] = re.findall(r'class="series current"[^>]*points="([^"]+)"', svg)
    assert len(corners.split()) == 2
    assert f'cx="{CENTRE:.1f}" cy="{CENTRE:.1f}"' not in svg  # no dot at the centre either
    assert svg.count("<circle") == 2


def test_an_axis_note_is_printed_under_its_label_in_grey():
    svg = chart(notes=["", "Not rated yet", "", "", ""])
    assert svg.count("Not rated yet") == 1
    assert 'font-style="italic">Not rated yet</tspan>' in svg


def test_the_diverging_bars_put_levels_1_and_2_left_of_the_centre_and_3_and_4_right():
    svg = diverging_svg(
        rows=[DivergingRow(label="1.1 · Staff", counts=[1, 1, 0, 2], note="mean 2.8")],
        legend=["Not yet", "Emerging", "Established", "Leading"],
        title="How each group answered",
        description="1.1",
        chart_id="t",
    )
    bars = re.findall(r'<rect x="([\d.]+)" y="0" width="([\d.]+)"', svg)
    centre = BAR_LEFT + BAR_HALF
    (x1, w1), (x2, w2), (x4, w4) = ((float(x), float(w)) for x, w in bars)
    # A quarter of the answers at 1, a quarter at 2, half at 4: widths in those shares.
    assert (
        w1 == pytest.approx(BAR_HALF / 4)
        and w2 == pytest.approx(BAR_HALF / 4)
        and w4 == pytest.approx(BAR_HALF / 2)
    )
    assert x2 + w2 == pytest.approx(centre) and x1 + w1 == pytest.approx(x2)
    assert x4 == pytest.approx(centre)


def test_the_diverging_bars_print_hostile_text_as_text():
    svg = diverging_svg(
        rows=[DivergingRow(label="<script>x</script>", counts=[0, 0, 0, 0], note="</svg>")],
        legend=["<b>", "2", "3", "4"],
        title="<t>",
        description="<d>",
        chart_id="t",
    )
    assert "<script>" not in svg and "</svg>" not in svg[:-6] and "<b>" not in svg
    assert "&lt;script&gt;" in svg
