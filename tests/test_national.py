"""The national statistics on small data computed by hand."""

import datetime

import pytest

from assessment.national import (
    Bin,
    NationalRow,
    RegionLine,
    average_coverage,
    distribution_svg,
    export_lines,
    principle_averages,
    region_breakdown,
    score_distribution,
    spreadsheet_safe,
    status_counts,
)


def row(
    *,
    region: str = "Mazowieckie",
    country: str = "PL",
    status: str = "submitted",
    overall: float | None = None,
    scores: dict[str, float | None] | None = None,
    coverage: float | None = None,
) -> NationalRow:
    return NationalRow(
        school="School",
        country=country,
        region=region,
        city="Warszawa",
        status=status,
        submitted_at=None,
        decided_at=None,
        label_valid_until=None,
        overall_score=overall,
        band="",
        principle_scores=scores,
        coverage=coverage,
    )


def test_status_counts_follow_the_lifecycle_and_leave_out_drafts():
    counts = status_counts(["awarded", "submitted", "draft", "submitted", "returned"])

    assert [(str(status), count) for status, count in counts] == [
        ("submitted", 2),
        ("in_review", 0),
        ("returned", 1),
        ("awarded", 1),
        ("not_awarded", 0),
        ("revoked", 0),
    ]


def test_principle_averages_are_over_submitted_assessments_only():
    rows = [
        row(scores={"1": 80.0, "2": 60.0}),
        row(scores={"1": 40.0, "2": None}),
        row(scores={"1": 100.0, "2": 90.0}),
        row(scores=None),  # never submitted: not in the average
    ]

    averages = principle_averages(rows, ["1", "2", "3"])

    assert averages["1"] == pytest.approx(220 / 3)
    assert averages["2"] == pytest.approx(75.0)
    assert averages["3"] is None


def test_score_distribution_has_ten_bins_and_puts_100_in_the_last():
    bins = score_distribution([0.0, 9.99, 10.0, 49.5, 50.0, 89.9, 90.0, 100.0, None])

    assert [item.label for item in bins] == [
        "0–9",
        "10–19",
        "20–29",
        "30–39",
        "40–49",
        "50–59",
        "60–69",
        "70–79",
        "80–89",
        "90–100",
    ]
    assert [item.count for item in bins] == [2, 1, 0, 0, 1, 1, 0, 0, 1, 2]


def test_average_coverage_weighs_each_assessment_the_same():
    rows = [row(coverage=0.75), row(coverage=1.0), row(coverage=0.25), row(coverage=None)]

    assert average_coverage(rows) == pytest.approx(2 / 3)
    assert average_coverage([]) is None


def test_region_breakdown_counts_and_averages_per_region_largest_first():
    rows = [
        row(region="Mazowieckie", overall=80.0, scores={}),
        row(region="Mazowieckie", overall=50.0, scores={}),
        row(region="Małopolskie", overall=100.0, scores={}),
        row(region="Małopolskie", status="returned", overall=None, scores=None),
        row(region="Śląskie", overall=30.0, scores={}),
        row(region="Mazowieckie", country="RO", overall=10.0, scores={}),
    ]

    assert region_breakdown(rows) == [
        RegionLine(country="PL", region="Mazowieckie", assessments=2, submitted=2, average_score=65.0),
        RegionLine(country="PL", region="Małopolskie", assessments=2, submitted=1, average_score=100.0),
        RegionLine(country="PL", region="Śląskie", assessments=1, submitted=1, average_score=30.0),
        RegionLine(country="RO", region="Mazowieckie", assessments=1, submitted=1, average_score=10.0),
    ]


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+48 22", "'+48 22"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("School = good", "School = good"),
        ("", ""),
    ],
)
def test_spreadsheet_safe_defuses_formulas(text, safe):
    assert spreadsheet_safe(text) == safe


def test_export_lines_round_scores_and_leave_missing_ones_empty():
    submitted = NationalRow(
        school="=Szkoła",
        country="PL",
        region="Mazowieckie",
        city="Warszawa",
        status="awarded",
        submitted_at=datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC),
        decided_at=datetime.datetime(2026, 4, 1, 10, 0, tzinfo=datetime.UTC),
        label_valid_until=datetime.date(2028, 4, 1),
        overall_score=66.666,
        band="approaching",
        principle_scores={"1": 33.333, "2": None},
    )

    header, line = list(export_lines([submitted], ["1", "2"]))

    assert header == [
        "School",
        "Country",
        "Region",
        "City",
        "Status (code)",
        "Status",
        "Submitted at",
        "Principle 1",
        "Principle 2",
        "Overall score",
        "Profile match (code)",
        "Decided at",
        "Label valid until",
    ]
    assert line == [
        "'=Szkoła",
        "PL",
        "Mazowieckie",
        "Warszawa",
        "awarded",
        "Awarded",
        "2026-03-02",
        "33.3",
        "",
        "66.7",
        "approaching",
        "2026-04-01",
        "2028-04-01",
    ]


def test_distribution_svg_is_titled_and_escapes_its_texts():
    svg = distribution_svg(
        [Bin(low=0, high=9, count=2), Bin(low=10, high=19, count=0)],
        title="Scores <b>",
        description="0–9: 2",
        chart_id="d",
    )

    assert '<title id="d-title">Scores &lt;b&gt;</title>' in svg
    assert '<desc id="d-desc">0–9: 2</desc>' in svg
    assert svg.count("<rect") == 2
