import re

from assessment.reports.charts import CENTRE, RADIUS, Series, radar_svg


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
