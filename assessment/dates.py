"""Dates the label's rules are counted in: a label valid for two years, a plan for the next two."""

import datetime

# The action plan looks this far ahead, as long as the label it prepares for is valid.
ACTION_PLAN_YEARS = 2


def years_later(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
