"""A survey's one-page poster as a PDF: its QR code, link and code, in its language."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from assessment.models import Survey
from assessment.reports.pdf import pdf_render
from assessment.reports.qr import qr_svg


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
