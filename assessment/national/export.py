"""The national CSV export: a row per counted assessment, safe to open in a spreadsheet."""

import datetime
from collections.abc import Iterable, Iterator

from django.db.models import Field, Model
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from assessment.models import Assessment, School
from assessment.national.rows import NationalRow, Status

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """The text with a leading apostrophe if a spreadsheet would read it as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _decimal(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def csv_day(value: datetime.datetime | datetime.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return value.isoformat()


def column_title(model: type[Model], name: str) -> str:
    """The field's name as people read it, in the active language."""
    field = model._meta.get_field(name)
    if not isinstance(field, Field):
        raise TypeError(f"{model.__name__}.{name} is the far side of a relation, not a column.")
    return str(capfirst(field.verbose_name))


def export_lines(rows: Iterable[NationalRow], codes: list[str]) -> Iterator[list[str]]:
    """The CSV's header (in the active language) and one line per assessment."""
    yield [
        column_title(Assessment, "school"),
        column_title(School, "country"),
        column_title(School, "region"),
        column_title(School, "city"),
        _("%(field)s (code)") % {"field": column_title(Assessment, "status")},
        column_title(Assessment, "status"),
        column_title(Assessment, "submitted_at"),
        *(_("Principle %(code)s") % {"code": code} for code in codes),
        column_title(Assessment, "overall_score"),
        _("%(field)s (code)") % {"field": column_title(Assessment, "band")},
        column_title(Assessment, "decided_at"),
        column_title(Assessment, "label_valid_until"),
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
            csv_day(row.submitted_at),
            *(_decimal(scores.get(code)) for code in codes),
            _decimal(row.overall_score),
            row.band,
            csv_day(row.decided_at),
            csv_day(row.label_valid_until),
        ]
        yield [spreadsheet_safe(cell) for cell in line]
