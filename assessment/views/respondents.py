"""The survey as its respondents see it: no account, a link or a code, one answer per device.

Every page here is in the respondent's language and says plainly what went wrong: an unknown
or closed survey, a second answer from the same device, too many answers from one address.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from assessment.forms import SurveyAnswerForm, SurveyCodeForm, add_service_errors
from assessment.models import ScaleLevel, Survey, SurveyAnswer
from assessment.selectors import scale_levels
from assessment.selectors.surveys import survey_by, survey_questions, survey_statements
from assessment.services import surveys as services
from assessment.throttle import address_key, within_limit
from assessment.views.errors import error_page

# The device's random value: how a second answer from the same device is recognised.
DEVICE_COOKIE = "survey_device"
DEVICE_COOKIE_AGE = 2 * 365 * 24 * 3600
# Codes one address may try per window: enough for a class typing them, not for guessing.
CODE_TRIES_PER_ADDRESS = 30


def _too_many(request: HttpRequest) -> HttpResponse:
    return error_page(
        request,
        429,
        message=_(
            "Too many answers have come from this connection in a short time. Wait a few minutes and try again."
        ),
    )


def _unknown(request: HttpRequest) -> HttpResponse:
    return error_page(
        request,
        404,
        message=_("There is no survey at this address. Check the link or the code you were given."),
    )


@require_http_methods(["GET", "POST"])
def survey_enter(request: HttpRequest) -> HttpResponse:
    """Type the survey's code, as printed on the poster or read out in class."""
    form = SurveyCodeForm(request.POST or None)
    if request.method == "POST":
        key = address_key(request, "survey-code")
        if not within_limit(key, limit=CODE_TRIES_PER_ADDRESS, window=settings.SURVEY_RATE_WINDOW):
            return _too_many(request)
        if form.is_valid():
            survey = survey_by(code=form.cleaned_data["code"])
            if survey is not None:
                return redirect("survey_answer", token=survey.token)
            form.add_error("code", _("No survey has this code. Check it and try again."))
    return render(request, "surveys/enter.html", {"form": form}, status=422 if form.errors else 200)


def _levels(survey: Survey) -> list[ScaleLevel]:
    """The framework's four levels (not "not applicable": a respondent who cannot tell says
    "I don't know")."""
    return [level for level in scale_levels(survey.assessment.call.framework_id) if level.value is not None]


@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    survey = survey_by(token=token)
    if survey is None:
        return _unknown(request)
    context = {"survey": survey, "min_group": settings.SURVEY_MIN_GROUP}
    if not services.survey_accepts_answers(survey):
        return render(request, "surveys/closed.html", context, status=410)
    device = request.COOKIES.get(DEVICE_COOKIE, "")
    if services.survey_answered(survey, device):
        return render(request, "surveys/done.html", {**context, "already": True})
    levels = _levels(survey)
    context["levels"] = levels
    form = SurveyAnswerForm(
        request.POST if request.method == "POST" else None,
        statements=survey_statements(survey),
        questions=survey_questions(survey),
        levels=[
            *((level.code, level.label) for level in levels),
            (SurveyAnswer.Level.DONT_KNOW.value, str(SurveyAnswer.Level.DONT_KNOW.label)),
        ],
    )
    if request.method == "POST":
        if not (
            within_limit(
                address_key(request, f"survey-{survey.pk}"),
                limit=settings.SURVEY_ANSWERS_PER_ADDRESS,
                window=settings.SURVEY_RATE_WINDOW,
            )
            and within_limit(
                f"throttle:survey-{survey.pk}",
                limit=settings.SURVEY_ANSWERS_PER_SURVEY,
                window=settings.SURVEY_RATE_WINDOW,
            )
        ):
            return _too_many(request)
        if form.unknown_fields():
            return error_page(
                request, 400, message=_("An answer was given to a statement that is not in this survey.")
            )
        if form.is_valid():
            return _keep(request, context, form, device or secrets.token_urlsafe(24))
    return render(
        request, "surveys/answer.html", {**context, "form": form}, status=422 if form.errors else 200
    )


def _keep(request: HttpRequest, context: dict, form: SurveyAnswerForm, device: str) -> HttpResponse:
    """Keep the answers, remember the device, and thank the respondent on a page of its own."""
    survey = context["survey"]
    levels, comments = form.answers()
    try:
        services.survey_answer(survey=survey, levels=levels, comments=comments, device=device)
    except services.AlreadyAnswered:
        pass  # the same device, in another tab: its first answer stands
    except services.SurveyClosed:
        return render(request, "surveys/closed.html", context, status=410)
    except ValidationError as error:
        add_service_errors(form, error)
        return render(request, "surveys/answer.html", {**context, "form": form}, status=422)
    response = redirect("survey_done", token=survey.token)
    response.set_cookie(
        DEVICE_COOKIE,
        device,
        max_age=DEVICE_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@require_GET
def survey_done(request: HttpRequest, token: str) -> HttpResponse:
    survey = survey_by(token=token)
    if survey is None:
        return _unknown(request)
    return render(request, "surveys/done.html", {"survey": survey, "already": False})
