"""Dates the label's rules are counted in (a label valid for two years, a plan for the next
two), and a date as its reader writes it."""

import datetime

from django.utils import dateformat, formats, timezone

# The action plan looks this far ahead, as long as the label it prepares for is valid.
ACTION_PLAN_YEARS = 2


def years_later(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def day_text(value: datetime.date | str) -> str:
    """A day in the active language's short format, the one every page, email and PDF uses:
    "02/11/2026" in English, "02.11.2026" in Polish. `value` may be a moment (its local day)
    or an ISO date, as a snapshot stores it."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    elif isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def moment_text(value: datetime.datetime) -> str:
    """A moment as the reader's short date and a 24-hour local time: "02/11/2026 18:04"."""
    local = timezone.localtime(value)
    return f"{day_text(local.date())} {dateformat.format(local, 'H:i')}"
