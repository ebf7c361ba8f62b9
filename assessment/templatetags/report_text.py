import re

from django import template
from django.utils.safestring import SafeString, mark_safe

from assessment.reports import surveys
from assessment.reports.qr import qr_svg

register = template.Library()


@register.filter
def css_string(text: str) -> SafeString:
    """Text as a CSS string literal, safe inside a <style> element (quotes, backslashes, "<" escaped)."""
    escaped = "".join(f"\\{ord(char):x} " if char in '"\\<>\n' else char for char in str(text))
    return mark_safe(f'"{escaped}"')  # noqa: S308 - every character that could end the string is escaped


@register.filter
def score(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


@register.filter
def signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.0f}"


@register.filter
def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f} %"


@register.filter
def page_counter(label: str) -> SafeString:
    """A translated "Page {page} of {pages}" as CSS `content`: text around the page counters."""
    counters = {"{page}": "counter(page)", "{pages}": "counter(pages)"}
    parts = re.split(r"(\{page\}|\{pages\})", str(label))
    return mark_safe(" ".join(counters.get(part) or css_string(part) for part in parts if part))  # noqa: S308


@register.filter
def level_number(value: float | None) -> str:
    """A level from 1 to 4 with one decimal, as the active language writes it ("2,1")."""
    return surveys.level_number(value)


@register.filter
def level_count(counts: dict[str, int], level: str) -> int:
    return counts.get(level, 0)


@register.filter
def qr(url: str) -> SafeString:
    """The QR code of a link, as SVG."""
    return qr_svg(url, label=url)
