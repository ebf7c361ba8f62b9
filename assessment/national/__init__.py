"""National figures for coordinators: who is counted (`rows`), the statistics of one call
(`statistics`), the CSV export (`export`) and the dashboard's charts (`charts`)."""

from assessment.national.charts import averages_chart, distribution_chart, distribution_svg
from assessment.national.export import export_lines, spreadsheet_safe
from assessment.national.rows import (
    COUNTED_STATUSES,
    NationalRow,
    call_default,
    labels_awarded,
    national_rows,
    principles_of_call,
)
from assessment.national.statistics import (
    BIN_WIDTH,
    Bin,
    NationalFigures,
    RegionLine,
    average_coverage,
    national_figures,
    principle_averages,
    region_breakdown,
    score_distribution,
    status_counts,
)

__all__ = [
    "BIN_WIDTH",
    "COUNTED_STATUSES",
    "Bin",
    "NationalFigures",
    "NationalRow",
    "RegionLine",
    "average_coverage",
    "averages_chart",
    "call_default",
    "distribution_chart",
    "distribution_svg",
    "export_lines",
    "labels_awarded",
    "national_figures",
    "national_rows",
    "principle_averages",
    "principles_of_call",
    "region_breakdown",
    "score_distribution",
    "spreadsheet_safe",
    "status_counts",
]
