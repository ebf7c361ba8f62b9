"""The school's side of its surveys: opening and closing them, the links, QR codes and
posters to hand out, the live count of answers and the results as they come in."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assessment import permissions
from assessment.forms import SurveyOpenForm, add_service_errors
from assessment.models import Assessment, Survey, SurveyGroup
from assessment.reports.posters import poster_pdf
from assessment.reports.qr import qr_svg
from assessment.reports.surveys import SurveySection, survey_csv_lines, survey_section
from assessment.selectors.surveys import survey_comments, surveys_of
from assessment.services import surveys as services
from assessment.snapshot import snapshot_build
from assessment.views.national import csv_response
from assessment.views.reports import pdf_download
from assessment.views.requests import AuthenticatedRequest


def _answer_url(request: HttpRequest, survey: Survey) -> str:
    return request.build_absolute_uri(reverse("survey_answer", args=[survey.token]))


def _live_section(assessment: Assessment) -> SurveySection | None:
    """The surveys' results as they stand, also after submission (for the school's own use):
    the submitted snapshot keeps the results as they were when it was taken."""
    return survey_section(snapshot_build(assessment), get_language())


def _handed_out(request: HttpRequest, survey: Survey) -> dict[str, object]:
    """A survey as its card shows it: its link, the link's QR code, whether it takes answers."""
    url = _answer_url(request, survey)
    return {
        "survey": survey,
        "url": url,
        "qr": qr_svg(url, label=url),
        "accepts_answers": services.survey_accepts_answers(survey),
    }


@login_required
def surveys(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = permissions.get_assessment_for(request.user, pk)
    if permissions.reads_on_review_page(request.user, assessment):
        return redirect(reverse("assessment_review", args=[assessment.pk]) + "#surveys")
    manage = permissions.can_manage_surveys(request.user, assessment)
    form = SurveyOpenForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                survey = services.survey_open(
                    assessment=assessment,
                    group=form.cleaned_data["group"],
                    language=form.cleaned_data["language"],
                    user=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The survey is open: %(group)s.") % {"group": survey.get_group_display()}
                )
                return redirect("assessment_surveys", pk=assessment.pk)
    opened = surveys_of(assessment)
    return render(
        request,
        "surveys/surveys.html",
        {
            "assessment": assessment,
            "surveys": [_handed_out(request, survey) for survey in opened],
            "unopened": [group for group in SurveyGroup if group.value not in {s.group for s in opened}],
            "enter_url": request.build_absolute_uri(reverse("survey_enter")),
            "form": form,
            "can_manage": manage,
            "section": _live_section(assessment),
            "comments": [
                (SurveyGroup(group).label, questions) for group, questions in survey_comments(opened).items()
            ]
            if manage
            else [],
            "min_group": settings.SURVEY_MIN_GROUP,
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def survey_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    survey = permissions.get_survey_for(request.user, pk, manage=True)
    services.survey_close(survey=survey)
    messages.success(request, _("The survey is closed: %(group)s.") % {"group": survey.get_group_display()})
    return redirect("assessment_surveys", pk=survey.assessment_id)


@login_required
@require_POST
def survey_reopen(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    survey = permissions.get_survey_for(request.user, pk, manage=True)
    try:
        services.survey_open(
            assessment=survey.assessment, group=survey.group, language=survey.language, user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The survey is open again: %(group)s.") % {"group": survey.get_group_display()}
        )
    return redirect("assessment_surveys", pk=survey.assessment_id)


@login_required
@require_GET
def survey_poster(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    survey = permissions.get_survey_for(request.user, pk)
    school = slugify(survey.assessment.school.name, allow_unicode=True)
    return pdf_download(
        request,
        lambda: poster_pdf(
            survey,
            answer_url=_answer_url(request, survey),
            enter_url=request.build_absolute_uri(reverse("survey_enter")),
        ),
        filename=f"survey-{school}-{survey.group}-{survey.language}.pdf",
    )


@login_required
@require_GET
def survey_counts(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The live counter: how many have answered each group's survey, and nothing else."""
    assessment = permissions.get_assessment_for(request.user, pk)
    return JsonResponse({survey.group: survey.answered for survey in surveys_of(assessment)})


@login_required
@require_GET
def survey_results_csv(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The results as they stand, a line per group and statement; a group too small to be
    shown has its count alone."""
    assessment = permissions.get_assessment_for(request.user, pk)
    if permissions.reads_on_review_page(request.user, assessment):
        raise PermissionDenied
    section = _live_section(assessment)
    return csv_response(
        f"surveys-{slugify(assessment.school.name, allow_unicode=True)}-{assessment.call_id}.csv",
        survey_csv_lines(section),
    )
