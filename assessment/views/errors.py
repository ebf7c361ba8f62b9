"""The pages of a request that went wrong: bad request, forbidden, not found, server error, and
"temporarily unavailable" when the database, the storage or the PDF engine is down.

They touch neither the database nor the session, which may be what failed, and they are in
the visitor's language (the locale middleware ran before the failure). An htmx request gets
the sentence alone, to show where its answer would have gone.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from assessment.views.requests import is_htmx

PAGES = {
    400: (
        gettext_noop("This request could not be understood"),
        gettext_noop("Something in it was missing or malformed. Go back, reload the page and try again."),
    ),
    403: (
        gettext_noop("You may not do this"),
        gettext_noop(
            "Your account does not allow this action. If you think it should, ask your school's "
            "leader or the site's administrator."
        ),
    ),
    404: (
        gettext_noop("Page not found"),
        gettext_noop("There is nothing at this address, or it is not yours to see."),
    ),
    429: (
        gettext_noop("Too many requests"),
        gettext_noop(
            "Too much has come from this connection in a short time. Wait a few minutes and try again."
        ),
    ),
    500: (
        gettext_noop("Something went wrong on our side"),
        gettext_noop(
            "The error has been recorded for the site's administrators. Nothing you saved before "
            "is lost; try again in a moment."
        ),
    ),
    503: (
        gettext_noop("Temporarily unavailable"),
        gettext_noop(
            "A service this page needs is not answering just now. Nothing you saved is lost; "
            "try again in a few minutes."
        ),
    ),
}
logger = logging.getLogger(__name__)
# Sent with a 503, so that browsers and monitors know when to ask again.
RETRY_AFTER_SECONDS = 30


def error_page(request: HttpRequest, status: int, *, message: str | None = None) -> HttpResponse:
    """The branded page for `status`; `message` (translated) replaces its usual explanation."""
    title, explanation = (_(text) for text in PAGES[status])
    context = {"title": title, "message": message or explanation, "status": status}
    template = "errors/_message.html" if is_htmx(request) else "errors/page.html"
    try:
        content = loader.render_to_string(template, context)
    except Exception:
        # The page of last resort must not fail in turn (a missing static manifest, a broken
        # template): the same words, unstyled.
        logger.exception("The %s page could not be rendered.", status)
        content = format_html(
            "<!doctype html><title>{}</title><h1>{}</h1><p>{}</p>", title, title, context["message"]
        )
    response = HttpResponse(content, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """An unhandled exception (already logged with its traceback by Django). A database that is
    down, unreachable or over its statement timeout is "unavailable", not a bug."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return error_page(request, 503)
    return error_page(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_page(
        request,
        403,
        message=_(
            "This form has expired, or it was sent from another site. Go back, reload the page "
            "and send it again."
        ),
    )
