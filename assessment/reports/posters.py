"""The survey's QR code, drawn on the server as SVG, and its one-page poster as a PDF."""

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from assessment.models import Survey
from assessment.reports.pdf import pdf_render


def qr_svg(url: str, *, label: str) -> SafeString:
    """The QR code of `url`, scaled by its container (no width or height of its own)."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=1, omitsize=True, svgclass="qr", lineclass=None, dark="#000")
    # Square modules, no anti-aliased seams between the rows when printed or scaled.
    svg = svg.replace("<path ", '<path shape-rendering="crispEdges" ', 1)
    # segno writes plain markup of its own; the label is ours, escaped.
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))  # noqa: S308


def poster_pdf(survey: Survey, *, answer_url: str, enter_url: str) -> bytes:
    """The survey's poster, in its language: the QR code, the link and the code to type.
    Raises `RenderFailed` when the engine gives no PDF."""
    with translation.override(survey.language):
        html = render_to_string(
            "surveys/poster.html",
            {
                "survey": survey,
                "language": survey.language,
                "answer_url": answer_url,
                "enter_url": enter_url,
                "qr": qr_svg(answer_url, label=answer_url),
                "min_group": settings.SURVEY_MIN_GROUP,
            },
        )
    return pdf_render(html, what=f"the poster of survey {survey.pk} in {survey.language}")
