"""QR codes drawn on the server as SVG: a survey's link, a label's verification page."""

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, label: str) -> SafeString:
    """The QR code of `url`, scaled by its container (no width or height of its own)."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=1, omitsize=True, svgclass="qr", lineclass=None, dark="#000")
    # Square modules, no anti-aliased seams between the rows when printed or scaled.
    svg = svg.replace("<path ", '<path shape-rendering="crispEdges" ', 1)
    # segno writes plain markup of its own; the label is ours, escaped.
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))  # noqa: S308
