"""The school's own pages: its dashboard, its data, opening a self-assessment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment import permissions, selectors
from assessment.eligibility import school_eligibility
from assessment.forms import SchoolForm
from assessment.services.assessments import assessment_start as start
from assessment.services.schools import school_update
from assessment.views.requests import AuthenticatedRequest


@login_required
def school_list(request: AuthenticatedRequest) -> HttpResponse:
    schools = selectors.schools_of(request.user)
    if len(schools) == 1 and not permissions.is_coordinator(request.user):
        return redirect("school_dashboard", pk=schools[0].pk)
    return render(request, "assessment/school_list.html", {"schools": schools})


@login_required
def school_dashboard(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    school = permissions.get_school_for(request.user, pk)
    today = timezone.localdate()
    assessments = selectors.assessments_of_school(school)
    started = {assessment.call_id: assessment for assessment in assessments}
    open_calls = [
        {
            "call": call,
            "eligibility": school_eligibility(school=school, call=call, on=today),
            "assessment": started.get(call.pk),
            "progress": selectors.assessment_progress(started[call.pk]) if call.pk in started else None,
        }
        for call in selectors.calls_open(today=today)
    ]
    return render(
        request,
        "assessment/school_dashboard.html",
        {
            "school": school,
            "open_calls": open_calls,
            "assessments": assessments,
            "history": selectors.school_history(school),
            "can_manage": permissions.can_manage_school(request.user, school),
        },
    )


@login_required
def school_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    school = permissions.get_school_for(request.user, pk, manage=True)
    form = SchoolForm(request.POST if request.method == "POST" else None, instance=school)
    if request.method == "POST" and form.is_valid():
        school_update(school=school, data=form.cleaned_data)
        messages.success(request, _("The school's data has been saved."))
        return redirect("school_dashboard", pk=school.pk)
    return render(request, "assessment/school_edit.html", {"school": school, "form": form})


@login_required
@require_POST
def assessment_start(request: AuthenticatedRequest, pk: int, call_pk: int) -> HttpResponse:
    school = permissions.get_school_for(request.user, pk, manage=True)
    call = selectors.call_for(call_pk)
    try:
        assessment = start(
            school=school,
            call=call,
            user=request.user,
            today=timezone.localdate(),
            copy_previous=request.POST.get("copy_previous") == "yes",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("school_dashboard", pk=school.pk)
    return redirect("assessment_overview", pk=assessment.pk)
