import datetime
from collections.abc import Mapping
from typing import Any

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

from assessment.dates import day_text, moment_text

register = template.Library()


@register.filter
def when(value: datetime.datetime | None) -> str:
    """A moment as the reader's short date and a 24-hour time, e.g. "22.11.2026 18:04"."""
    return moment_text(value) if value else ""


@register.filter
def day(value: datetime.date | str | None) -> str:
    """A day as the reader writes it (`assessment.dates.day_text`); "" for none."""
    return day_text(value) if value else ""


@register.filter
def get_item(mapping: Mapping[Any, Any], key: object) -> Any:
    """mapping[key] in a template, or None."""
    return mapping.get(key)


@register.filter
def add_class(field: BoundField, css_class: str) -> SafeString:
    """Render a form field's widget with an extra CSS class."""
    return field.as_widget(attrs={"class": css_class})


@register.filter
def minutes(duration: datetime.timedelta | None) -> int:
    """A duration in whole minutes (at least 1), for sentences such as "wait 15 minutes"."""
    return max(1, round(duration.total_seconds() / 60)) if duration else 1
