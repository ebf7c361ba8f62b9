"""The one-page eTwinning School Label certificate, in the school's language."""

from django.template.loader import render_to_string
from django.utils import translation

from assessment.credentials.document import verification_url
from assessment.models import Assessment
from assessment.reports.pdf import pdf_render


def certificate_pdf(assessment: Assessment, *, language: str) -> bytes:
    """Raises `RenderFailed` when the engine gives no PDF."""
    with translation.override(language):
        html = render_to_string(
            "reports/certificate.html",
            {
                "assessment": assessment,
                "country": assessment.school.country.name,
                "language": language,
                "verification_url": verification_url(assessment),
                # The frame's corner marks (in millimetres) and the seal's five stars (in degrees).
                "corners": [(12, 12), (257, 12), (12, 170), (257, 170)],
                "star_angles": [0, 72, 144, 216, 288],
            },
        )
    return pdf_render(html, what=f"the certificate of assessment {assessment.pk} in {language}")
