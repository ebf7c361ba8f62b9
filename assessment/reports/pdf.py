"""The report as a PDF: WeasyPrint, a fetcher that reaches only our static files, a cache."""

import hashlib
import json
import logging

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from assessment.models import Assessment
from assessment.reports.data import ReportData, report_data
from assessment.selectors import previous_assessment
from assessment.snapshot import review_record

logger = logging.getLogger(__name__)

# Raise when the report's templates or styles change, so that cached PDFs are made anew.
TEMPLATE_VERSION = "1"
# Static URLs in the report resolve against this made-up origin; nothing else is fetched.
BASE_URL = "https://report.invalid/"
STATIC_PREFIX = BASE_URL + settings.STATIC_URL.lstrip("/")


class StaticFilesOnly(URLFetcher):
    """Lets WeasyPrint read the app's own static files and nothing else: no network, no disk."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=["https"])
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = None
        if url.startswith(STATIC_PREFIX):
            try:
                path = finders.find(url.removeprefix(STATIC_PREFIX))
            except SuspiciousFileOperation:  # "../" out of the static folders
                path = None
        if path is None:
            self.refused.append(url)
            logger.warning("The report tried to fetch %s; refused.", url)
            raise ValueError(f"Only the app's static files can be used in a report, not {url}.")
        with open(path, "rb") as handle:
            return URLFetcherResponse(url, body=handle.read(), headers={"Content-Type": _content_type(path)})


def _content_type(path: str) -> str:
    return {"css": "text/css", "svg": "image/svg+xml", "png": "image/png"}.get(
        path.rsplit(".", 1)[-1], "application/octet-stream"
    )


def report_html(data: ReportData, *, for_pdf: bool) -> str:
    with translation.override(data.language):
        return render_to_string("reports/report.html", {"report": data, "for_pdf": for_pdf})


def pdf_render(data: ReportData, *, fetcher: URLFetcher | None = None) -> bytes:
    """A tagged PDF/UA document; its title and language come from the HTML's <title> and lang."""
    html = HTML(
        string=report_html(data, for_pdf=True), base_url=BASE_URL, url_fetcher=fetcher or StaticFilesOnly()
    )
    return html.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)


def cache_name(assessment: Assessment, language: str) -> str:
    """Where a submitted assessment's PDF is kept: one per snapshot (its own and the previous
    assessment's it is compared with), review, language and template version."""
    previous = previous_assessment(assessment)
    content = [
        assessment.snapshot,
        previous.snapshot if previous else None,
        review_record(assessment),
        language,
        TEMPLATE_VERSION,
    ]
    key = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
    return f"reports/{assessment.pk}/{key}.pdf"


def report_pdf(assessment: Assessment, *, language: str) -> bytes:
    """The report's PDF. A submitted assessment's is rendered once and then read from storage;
    a draft's changes with every answer, so it is always rendered afresh."""
    if assessment.is_draft or not assessment.snapshot:
        return pdf_render(report_data(assessment, language=language))
    storage = storages["evidence"]
    name = cache_name(assessment, language)
    if storage.exists(name):
        with storage.open(name, "rb") as cached:
            return cached.read()
    pdf = pdf_render(report_data(assessment, language=language))
    storage.save(name, ContentFile(pdf))
    return pdf
