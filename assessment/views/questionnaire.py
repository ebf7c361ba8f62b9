"""The self-assessment itself: overview, eSafety item, principle pages, action plan, submission."""

from collections.abc import Mapping

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from assessment import permissions, selectors
from assessment.forms import ActionItemForm, ActionStepForm, ESafetyForm, ResponseForm, SubmitForm
from assessment.models import ActionItem, Assessment, Principle, Response, Statement
from assessment.services import assessments as services
from assessment.submission import submission_problems
from assessment.views.credentials import label_online
from assessment.views.requests import AuthenticatedRequest, is_htmx

LOCKED_MESSAGE = gettext_noop(
    "This self-assessment has been submitted, so this change was not saved. "
    "Copy your text if you want to keep it."
)


def _on_review_page(assessment: Assessment, section: str = "") -> HttpResponse:
    """Where a coordinator reads this part of a submission: the review page, from the snapshot."""
    return redirect(reverse("assessment_review", args=[assessment.pk]) + (f"#{section}" if section else ""))


@login_required
def overview(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = permissions.get_assessment_for(request.user, pk)
    if permissions.reads_on_review_page(request.user, assessment):
        return _on_review_page(assessment)
    return render(
        request,
        "assessment/overview.html",
        {
            "assessment": assessment,
            "progress": selectors.assessment_progress(assessment),
            "evidence_counts": selectors.evidence_counts(assessment),
            "esafety": assessment.call.framework.esafety,
            "log": selectors.status_log(assessment),
            "can_review": permissions.can_see_internal_notes(request.user, assessment),
            "can_edit": permissions.can_edit_assessment(request.user, assessment),
            "can_submit": permissions.can_submit(request.user, assessment),
            "label": label_online(assessment)
            if permissions.can_download_credential(request.user, assessment)
            else None,
        },
    )


@login_required
def esafety(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = permissions.get_assessment_for(request.user, pk, edit=request.method == "POST")
    if permissions.reads_on_review_page(request.user, assessment):
        return _on_review_page(assessment, "esafety")
    form = ESafetyForm(request.POST if request.method == "POST" else None, instance=assessment)
    if request.method == "POST" and form.is_valid():
        services.esafety_save(
            assessment=assessment,
            answer=form.cleaned_data["esafety_answer"],
            comment=form.cleaned_data["esafety_comment"],
        )
        messages.success(request, _("Your answer has been saved."))
        return redirect("assessment_overview", pk=assessment.pk)
    evidence = selectors.evidence_of(assessment)
    return render(
        request,
        "assessment/esafety.html",
        {
            "assessment": assessment,
            "item": assessment.call.framework.esafety,
            "form": form,
            "evidence": [selectors.EvidenceHere.as_added(item) for item in evidence if item.supports_esafety],
            "all_items": evidence,
            "can_edit": permissions.can_edit_assessment(request.user, assessment),
        },
    )


def _principle_page(
    request: AuthenticatedRequest,
    assessment: Assessment,
    code: str,
    *,
    forms: Mapping[object, object] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The principle page; `forms` carries a rejected answer back, keyed by statement id."""
    forms = forms or {}
    principles = selectors.principles_of(assessment)
    principle = selectors.principle_for(assessment, code, among=principles)
    evidence = selectors.evidence_of(assessment)
    by_statement = selectors.evidence_by_statement(evidence)
    items = [
        {
            "response": response,
            "form": forms.get(response.statement_id),
            "conflict": forms.get(("conflict", response.statement_id)),
            "evidence": by_statement.get(response.statement_id, []),
        }
        for response in selectors.principle_responses(assessment, principle)
    ]
    return render(
        request,
        "assessment/principle.html",
        {
            "assessment": assessment,
            "principle": principle,
            "principles": principles,
            "items": items,
            "all_items": evidence,
            "levels": selectors.scale_levels(assessment.call.framework_id),
            "can_edit": permissions.can_edit_assessment(request.user, assessment),
            # The coordinator's view reaches the school with the decision, not before.
            "feedback": selectors.feedback_by_principle(assessment).get(principle.pk)
            if assessment.is_decided
            else None,
        },
        status=status,
    )


@login_required
def principle(request: AuthenticatedRequest, pk: int, code: str) -> HttpResponse:
    assessment = permissions.get_assessment_for(request.user, pk)
    if permissions.reads_on_review_page(request.user, assessment):
        principle = selectors.principle_for(assessment, code)
        return _on_review_page(assessment, f"principle-{principle.code}")
    return _principle_page(request, assessment, code)


@login_required
@require_POST
def response_save(request: AuthenticatedRequest, pk: int, statement_pk: int) -> HttpResponse:
    assessment = permissions.get_assessment_for(request.user, pk, edit=True)
    statement = selectors.statement_for(assessment, statement_pk)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        if form.is_tampered:
            return HttpResponseBadRequest(_("This answer could not be read."))
        return _response_rejected(request, assessment, statement, form, status=422)
    try:
        response = services.response_save(
            assessment=assessment,
            statement=statement,
            user=request.user,
            level=form.cleaned_data["level"],
            justification=form.cleaned_data["justification"],
            version=form.base_version,
        )
    except services.EditConflict as conflict:
        return _response_rejected(request, assessment, statement, form, status=409, conflict=conflict.current)
    except services.NoLongerEditable:
        # Submitted between the page's last save and this one: say so, keep the typed text.
        return _response_rejected(request, assessment, statement, form, status=409, locked=True)
    if is_htmx(request):
        return render(request, "assessment/_statement_status.html", {"response": response, "saved": True})
    messages.success(request, _("Statement %(code)s has been saved.") % {"code": statement.code})
    url = reverse("assessment_principle", args=[assessment.pk, statement.principle.code])
    return redirect(f"{url}#statement-{statement.code}")


def _response_rejected(
    request: AuthenticatedRequest,
    assessment: Assessment,
    statement: Statement,
    form: ResponseForm,
    *,
    status: int,
    conflict: Response | None = None,
    locked: bool = False,
) -> HttpResponse:
    """Answer a save that did not happen, keeping what was typed on the screen."""
    if is_htmx(request):
        return render(
            request,
            "assessment/_statement_status.html",
            {
                "form": form,
                "conflict": conflict,
                "locked": locked,
                "levels": selectors.scale_levels(assessment.call.framework_id),
            },
            status=status,
        )
    if locked:
        messages.error(request, _(LOCKED_MESSAGE))
        assessment.refresh_from_db(fields=["status"])
    rejected = {statement.pk: form, ("conflict", statement.pk): conflict}
    return _principle_page(request, assessment, statement.principle.code, forms=rejected, status=status)


@login_required
def action_plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = permissions.get_assessment_for(request.user, pk, edit=request.method == "POST")
    if permissions.reads_on_review_page(request.user, assessment):
        return _on_review_page(assessment, "action-plan")
    principles = Principle.objects.filter(framework_id=assessment.call.framework_id).order_by("order")
    form = ActionItemForm(request.POST if request.method == "POST" else None, principles=principles)
    if request.method == "POST" and form.is_valid():
        services.action_add(assessment=assessment, user=request.user, **form.cleaned_data)
        messages.success(request, _("The action has been added to the plan."))
        return redirect(
            reverse("action_plan", args=[assessment.pk]) + f"#principle-{form.cleaned_data['principle'].code}"
        )
    actions = selectors.action_plan(assessment)
    sections = [
        {
            "principle": principle,
            "actions": [action for action in actions if action.principle_id == principle.pk],
            "form": form
            if form.is_bound and form.data.get("principle") == str(principle.pk)
            else ActionItemForm(initial={"principle": principle.pk}, principles=principles),
        }
        for principle in principles
    ]
    return render(
        request,
        "assessment/action_plan.html",
        {
            "assessment": assessment,
            "sections": sections,
            "can_edit": permissions.can_edit_assessment(request.user, assessment),
        },
        status=400 if form.is_bound else 200,
    )


def _in_plan(action: ActionItem) -> str:
    return reverse("action_plan", args=[action.assessment_id]) + f"#principle-{action.principle.code}"


@login_required
def action_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    action = permissions.get_action_for(request.user, pk, change=True)
    form = ActionStepForm(request.POST if request.method == "POST" else None, instance=action)
    if request.method == "POST" and form.is_valid():
        services.action_change(
            action=action,
            text=form.cleaned_data["action"],
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
            success_indicator=form.cleaned_data["success_indicator"],
        )
        messages.success(request, _("The action has been saved."))
        return redirect(_in_plan(action))
    return render(
        request,
        "assessment/action_edit.html",
        {"assessment": action.assessment, "action": action, "form": form, "back": _in_plan(action)},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def action_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    action = permissions.get_action_for(request.user, pk, change=True)
    back = _in_plan(action)
    services.action_remove(action=action)
    messages.success(request, _("The action has been removed from the plan."))
    return redirect(back)


@login_required
def submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = permissions.get_assessment_for(request.user, pk)
    if not assessment.is_draft:
        return _already_submitted(request, assessment)
    if request.method == "POST" and not permissions.can_submit(request.user, assessment):
        raise PermissionDenied
    today = timezone.localdate()
    form = SubmitForm(request.POST if request.method == "POST" else None)
    problems = None
    refused = unsigned = False
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_submit(
                assessment=assessment,
                user=request.user,
                declaration_accepted=form.cleaned_data["declaration"],
                today=today,
            )
        except services.AlreadySubmitted:
            return _already_submitted(request, assessment)
        except services.SubmissionBlocked as blocked:
            # The service's own checklist, declaration included: computed once, shown as is.
            problems = blocked.problems
            refused, unsigned = True, not form.cleaned_data["declaration"]
            if unsigned:
                form.add_error("declaration", _("Accept the declaration on honour to submit."))
        else:
            messages.success(request, _("The self-assessment has been submitted. Thank you!"))
            return redirect("assessment_overview", pk=assessment.pk)
    if problems is None:
        problems = submission_problems(assessment, today=today)
    return render(
        request,
        "assessment/submit.html",
        {
            "assessment": assessment,
            "problems": problems,
            # The declaration is signed on this page; everything else must be done first.
            "to_do": len(problems) - (1 if unsigned else 0),
            "refused": refused,
            "form": form,
            "can_submit": permissions.can_submit(request.user, assessment),
        },
        status=400 if refused else 200,
    )


def _already_submitted(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """The submit page of a submitted assessment is its overview; a second "Sign and submit"
    (a double click) changes nothing and says so."""
    if request.method == "POST":
        messages.info(request, _("This self-assessment has already been submitted."))
    return redirect("assessment_overview", pk=assessment.pk)
