import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

EMPHASIS = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


@register.filter
def paragraphs(text: str) -> SafeString:
    """Framework text as HTML paragraphs, with its **emphasis** shown as emphasis.

    The text is escaped first, so only the markup added here reaches the page.
    """
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text or "") if block.strip()]
    html = (EMPHASIS.sub(r"<strong>\1</strong>", escape(block)) for block in blocks)
    return mark_safe("".join(f"<p>{block}</p>" for block in html))  # noqa: S308 - escaped above
