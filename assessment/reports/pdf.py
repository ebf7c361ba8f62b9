"""The report and the certificate as PDFs: HTML from our templates, rendered by the isolated
engine (which reaches only our static files), a submitted report kept in a cache."""

import hashlib
import json
import logging

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation

from assessment.credentials.document import verification_url
from assessment.models import Assessment
from assessment.reports.cache import cache_read, cache_write
from assessment.reports.data import ReportData, report_data
from assessment.reports.engine import RenderFailed, RenderJob, render_isolated
from assessment.selectors import previous_assessment
from assessment.snapshot import review_record

__all__ = ["RenderFailed", "cache_name", "pdf_render", "render_job", "report_html", "report_pdf"]

logger = logging.getLogger(__name__)

# Raise when the report's templates change in a way the stylesheet's name does not show,
# so that cached PDFs are made anew.
TEMPLATE_VERSION = "8"
# Static URLs in the report resolve against this made-up origin; nothing else is fetched.
BASE_URL = "https://report.invalid/"
STYLESHEETS = ("css/report.css", "css/certificate.css")


def static_roots() -> tuple[tuple[str, str], ...]:
    """Where the engine may read static files: the source folders (development), then the
    collected folder, which alone has the hashed names a manifest storage puts in the HTML."""
    roots = [
        # A folder in STATICFILES_DIRS may be given a URL prefix; app folders have none.
        (getattr(storage, "prefix", None) or "", str(storage.location))
        for finder in finders.get_finders()
        for storage in getattr(finder, "storages", {}).values()
    ]
    if collected := getattr(staticfiles_storage, "location", None):
        roots.append(("", str(collected)))
    return tuple(roots)


def render_job(html: str) -> RenderJob:
    return RenderJob(
        html=html,
        base_url=BASE_URL,
        static_url=BASE_URL + settings.STATIC_URL.lstrip("/"),
        static_roots=static_roots(),
    )


def pdf_render(html: str, *, what: str) -> bytes:
    """The PDF of `html`; `what` names the document in the log. Raises `RenderFailed`."""
    try:
        rendered = render_isolated(render_job(html), timeout=settings.REPORT_RENDER_TIMEOUT)
    except RenderFailed:
        logger.exception("The PDF of %s could not be made.", what)
        raise
    for url in rendered.refused:
        logger.warning("The PDF of %s tried to fetch %s; refused.", what, url)
    return rendered.pdf


def report_html(data: ReportData, *, for_pdf: bool) -> str:
    with translation.override(data.language):
        return render_to_string("reports/report.html", {"report": data, "for_pdf": for_pdf})


def cache_name(assessment: Assessment, language: str) -> str:
    """Where a submitted assessment's PDF is kept: one per snapshot (its own and the previous
    assessment's it is compared with), review, language, template version and stylesheet
    (whose name, with static manifests, changes with its content)."""
    previous = previous_assessment(assessment)
    content = [
        assessment.snapshot,
        previous.snapshot if previous else None,
        review_record(assessment),
        verification_url(assessment),
        language,
        TEMPLATE_VERSION,
        [static(name) for name in STYLESHEETS],
    ]
    key = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
    return f"reports/{assessment.pk}/{key}.pdf"


def report_pdf(assessment: Assessment, *, language: str) -> bytes:
    """The report's PDF. A submitted assessment's is rendered once and then read from storage;
    a draft's changes with every answer, so it is always rendered afresh. Raises `RenderFailed`."""
    if assessment.is_draft or not assessment.snapshot:
        return _report_render(assessment, language=language)
    name = cache_name(assessment, language)
    cached = cache_read(name)
    if cached is not None:
        return cached
    pdf = _report_render(assessment, language=language)
    cache_write(name, pdf)
    return pdf


def _report_render(assessment: Assessment, *, language: str) -> bytes:
    html = report_html(report_data(assessment, language=language), for_pdf=True)
    return pdf_render(html, what=f"the report of assessment {assessment.pk} in {language}")
