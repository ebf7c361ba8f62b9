"""Results on screen, and the report as an HTML preview or a PDF in any of the six languages."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from assessment import permissions
from assessment.languages import is_language, language_choices, language_codes
from assessment.reports.data import report_data
from assessment.reports.pdf import RenderFailed, report_html, report_pdf
from assessment.views.errors import error_page
from assessment.views.requests import AuthenticatedRequest


@login_required
@require_GET
def results(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = permissions.get_assessment_for(request.user, pk)
    return render(
        request,
        "assessment/results.html",
        {
            "assessment": assessment,
            "report": report_data(assessment, language=request.LANGUAGE_CODE),
            "languages": language_choices(),
            # The report is offered in the language the reader is reading the page in.
            "default_language": get_language(),
        },
    )


@login_required
@require_GET
def report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = permissions.get_assessment_for(request.user, pk)
    language = request.GET.get("language") or get_language()
    if not is_language(language):
        return HttpResponseBadRequest(
            _("Unknown report language %(code)s. Choose one of: %(codes)s.")
            % {"code": language[:10], "codes": ", ".join(language_codes())}
        )
    if request.GET.get("format") != "pdf":
        return HttpResponse(report_html(report_data(assessment, language=language), for_pdf=False))
    school = slugify(assessment.school.name, allow_unicode=True)
    filename = f"etwinning-school-{school}-{assessment.call_id}-{language}.pdf"
    return pdf_download(request, lambda: report_pdf(assessment, language=language), filename=filename)


def pdf_download(request: HttpRequest, make: Callable[[], bytes], *, filename: str) -> HttpResponse:
    """The PDF `make` returns, as a download; when the engine fails (already logged), a page
    that says so, in the reader's language, with a 503."""
    try:
        pdf = make()
    except RenderFailed:
        return error_page(
            request,
            503,
            message=_(
                "The PDF could not be made just now. Try again in a few minutes; if it keeps "
                "failing, tell the site's administrator."
            ),
        )
    # The school's name keeps its letters (ł, ș, ø, Cyrillic): RFC 5987, as for evidence.
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    return HttpResponse(pdf, content_type="application/pdf", headers={"Content-Disposition": disposition})
