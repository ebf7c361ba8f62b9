"""The label register's CSV: a line per awarded label, safe to open in a spreadsheet, with the
same conventions as the national export (`export.py`): a header in the active language, ISO
dates, and any cell a spreadsheet would run as a formula defused."""

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from assessment.models import Assessment, School
from assessment.national.export import column_title, csv_day, spreadsheet_safe
from assessment.national.rows import LabelRow, Validity


def register_lines(rows: Iterable[LabelRow]) -> Iterator[list[str]]:
    """The CSV's header (in the active language) and one line per label."""
    validity = _("Validity")
    yield [
        column_title(Assessment, "school"),
        column_title(School, "country"),
        column_title(School, "region"),
        column_title(Assessment, "call"),
        _("Awarded on"),
        column_title(Assessment, "label_valid_until"),
        _("%(field)s (code)") % {"field": validity},
        validity,
    ]
    # Translated once for the file rather than once for each line.
    labels = {value: str(label) for value, label in Validity.choices} | {"": ""}
    for row in rows:
        line = [
            row.school,
            row.country,
            row.region,
            row.call,
            csv_day(row.decided_at),
            csv_day(row.label_valid_until),
            row.validity,
            labels[row.validity],
        ]
        yield [spreadsheet_safe(cell) for cell in line]
