"""The one-page eTwinning School Label certificate, in the school's language."""

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from assessment.models import Assessment
from assessment.reports.pdf import BASE_URL, StaticFilesOnly


def certificate_pdf(assessment: Assessment, *, language: str) -> bytes:
    with translation.override(language):
        html = render_to_string(
            "reports/certificate.html",
            {
                "assessment": assessment,
                "country": assessment.school.country.name,
                "language": language,
            },
        )
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly())
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
