"""The national coordinator's review of a submission: feedback, notes, decision, certificate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assessment import permissions, selectors
from assessment.forms import DecisionForm, FeedbackForm, NoteForm, RevocationForm, add_service_errors
from assessment.languages import is_language
from assessment.models import Assessment
from assessment.reports.certificate import certificate_pdf
from assessment.reports.data import review_report_data
from assessment.services import credentials as credential_services
from assessment.services import review as services
from assessment.views.reports import pdf_download
from assessment.views.requests import AuthenticatedRequest


def _page(
    request: AuthenticatedRequest,
    assessment: Assessment,
    *,
    decision_form: DecisionForm | None = None,
    revocation_form: RevocationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The whole submission as it was submitted (its snapshot), with the review around it."""
    report = review_report_data(assessment, language=request.LANGUAGE_CODE)
    feedback = selectors.feedback_by_principle_code(assessment)
    return render(
        request,
        "review/review.html",
        {
            "assessment": assessment,
            "report": report,
            "sections": [
                {
                    "principle": principle,
                    "feedback": feedback.get(principle.code),
                    "form": FeedbackForm(
                        initial={
                            "agreement": getattr(feedback.get(principle.code), "agreement", ""),
                            "comment": getattr(feedback.get(principle.code), "comment", ""),
                        },
                        prefix=f"p{principle.code}",
                    ),
                }
                for principle in report.principles
            ],
            "notes": selectors.internal_notes(assessment),
            "note_form": NoteForm(),
            "decision_form": decision_form or DecisionForm(),
            "log": selectors.status_log(assessment),
            "can_review": permissions.can_review(request.user, assessment),
            "can_revoke": permissions.can_revoke_label(request.user, assessment),
            "revocation_form": revocation_form or RevocationForm(),
        },
        status=status,
    )


@login_required
@require_GET
def review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = permissions.get_review_for(request.user, pk)
    if permissions.can_review(request.user, assessment):
        assessment = services.review_open(assessment=assessment, coordinator=request.user)
        assessment = permissions.get_assessment_for(request.user, pk)
    return _page(request, assessment)


@login_required
@require_POST
def feedback_save(request: AuthenticatedRequest, pk: int, code: str) -> HttpResponse:
    assessment = permissions.get_review_for(request.user, pk, review=True)
    principle = selectors.principle_for(assessment, code)
    form = FeedbackForm(request.POST, prefix=f"p{principle.code}")
    if not form.is_valid():
        return HttpResponseBadRequest(_("This feedback could not be read."))
    services.feedback_save(assessment=assessment, principle=principle, user=request.user, **form.cleaned_data)
    messages.success(
        request, _("Your feedback on %(principle)s has been saved.") % {"principle": principle.short_title}
    )
    return redirect(reverse("assessment_review", args=[assessment.pk]) + f"#principle-{principle.code}")


@login_required
@require_POST
def note_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = permissions.get_review_for(request.user, pk)
    if not permissions.can_add_note(request.user, assessment):
        raise PermissionDenied
    form = NoteForm(request.POST)
    if form.is_valid():
        services.note_add(assessment=assessment, user=request.user, text=form.cleaned_data["text"])
    else:
        messages.error(request, _("An empty note was not added."))
    return redirect(reverse("assessment_review", args=[assessment.pk]) + "#notes")


@login_required
@require_POST
def decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = permissions.get_review_for(request.user, pk)
    if assessment.status not in services.AWAITING_DECISION:
        return _already_decided(request, assessment)
    if not permissions.can_review(request.user, assessment):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _page(request, assessment, decision_form=form, status=400)
    decision = services.Decision(form.cleaned_data["decision"])
    if "back" in request.POST:  # from the confirmation, with what was typed
        return _page(request, assessment, decision_form=form)
    try:
        services.decision_check(decision=decision, comment=form.cleaned_data["comment"])
        if decision in services.CONFIRMATION_REQUIRED and request.POST.get("confirmed") != "1":
            return _confirmation(request, assessment, form)
        services.decision_make(
            assessment=assessment,
            user=request.user,
            decision=decision,
            comment=form.cleaned_data["comment"],
            today=timezone.localdate(),
        )
    except services.AlreadyDecided:
        return _already_decided(request, assessment)
    except ValidationError as error:
        add_service_errors(form, error)
        return _page(request, assessment, decision_form=form, status=400)
    messages.success(request, _("The decision has been recorded, and the school has been told."))
    return redirect("coordinator_inbox")


@login_required
@require_POST
def label_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Revoke an awarded label, with a reason the school is told; the reason typed is kept
    when something is missing."""
    assessment = permissions.get_review_for(request.user, pk)
    if not permissions.can_revoke_label(request.user, assessment):
        raise PermissionDenied
    form = RevocationForm(request.POST)
    if form.is_valid():
        try:
            credential_services.label_revoke(
                assessment=assessment, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The label is revoked. Its verification page says so from now on."))
            return redirect("assessment_review", pk=assessment.pk)
    return _page(request, assessment, revocation_form=form, status=422)


def _confirmation(request: AuthenticatedRequest, assessment: Assessment, form: DecisionForm) -> HttpResponse:
    """An award or a decline cannot be undone: it is shown once more, with its comment, before
    it is made. A page of its own, so that it works without JavaScript; what was typed travels
    in hidden fields, to be made, or taken back to the form ("back")."""
    return render(
        request,
        "review/decision_confirm.html",
        {"assessment": assessment, "form": form, "decision_label": form.decision_label()},
    )


def _already_decided(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """A second decision (a double click, or another coordinator just before) changes nothing:
    the review page shows the one recorded."""
    messages.info(request, _("A decision on this self-assessment has already been recorded."))
    return redirect("assessment_review", pk=assessment.pk)


@login_required
@require_GET
def certificate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = permissions.get_assessment_for(request.user, pk)
    if assessment.status != assessment.Status.AWARDED:
        raise Http404
    language = request.GET.get("language") or selectors.school_language(assessment.school)
    if not is_language(language):
        return HttpResponseBadRequest(_("Unknown language."))
    filename = f"etwinning-school-label-{slugify(assessment.school.name, allow_unicode=True)}-{language}.pdf"
    return pdf_download(request, lambda: certificate_pdf(assessment, language=language), filename=filename)
