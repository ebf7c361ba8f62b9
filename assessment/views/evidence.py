"""Evidence: adding files and links, attaching, downloading, thumbnails, removal."""

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from assessment import permissions, selectors
from assessment.forms import EvidenceAttachForm, EvidenceForm, EvidenceSectionForm
from assessment.models import Assessment, Evidence
from assessment.services import evidence as services
from assessment.services.thumbnails import thumbnail_for
from assessment.storage import STORAGE_ERRORS
from assessment.views.errors import error_page
from assessment.views.requests import AuthenticatedRequest, is_htmx

logger = logging.getLogger(__name__)


def _target(assessment: Assessment, form_data: dict[str, Any]) -> services.Target:
    """The statement (of this assessment's framework) or the eSafety item named by a form."""
    if form_data.get("esafety"):
        return services.Target(esafety=True)
    if form_data.get("statement") is None:
        raise ValidationError("no target")
    return services.Target(statement=selectors.statement_for(assessment, form_data["statement"]))


def _posted_target(assessment: Assessment, form: EvidenceSectionForm) -> services.Target | None:
    """The section a button's form names, or None when it names none of this assessment's."""
    if not form.is_valid():
        return None
    try:
        return _target(assessment, form.cleaned_data)
    except ValidationError:
        return None


def _back(assessment: Assessment, target: services.Target) -> str:
    statement = target.statement
    if statement is None:
        return reverse("assessment_esafety", args=[assessment.pk]) + "#evidence-esafety"
    url = reverse("assessment_principle", args=[assessment.pk, statement.principle.code])
    return f"{url}#statement-{statement.code}"


def _section(
    request: AuthenticatedRequest,
    assessment: Assessment,
    target: services.Target,
    *,
    form: EvidenceForm | None = None,
    notices: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The evidence section of one statement (or the eSafety item), as htmx swaps it in."""
    items = selectors.evidence_of(assessment)
    if target.statement is None:
        shown = [selectors.EvidenceHere.as_added(item) for item in items if item.supports_esafety]
    else:
        shown = selectors.evidence_by_statement(items).get(target.statement.pk, [])
    return render(
        request,
        "assessment/_evidence.html",
        {
            "assessment": assessment,
            "statement": target.statement,
            "esafety": target.esafety,
            "items": shown,
            "all_items": items,
            "form": form,
            "notices": notices or [],
            "can_edit": permissions.can_edit_assessment(request.user, assessment),
        },
        status=status,
    )


def _already_there(added: services.AddedFiles) -> list[str]:
    """Say of each file sent that was in the self-assessment already that it was not stored twice."""
    return [
        _(
            "“%(name)s” is already in this self-assessment as “%(title)s”, so it was not stored "
            "a second time; it is now used here too."
        )
        % {"name": name, "title": existing.title}
        for name, existing in added.already_there
    ]


@login_required
@require_POST
def evidence_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = permissions.get_assessment_for(request.user, pk, edit=True)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid() and ("statement" in form.errors or "esafety" in form.errors):
        return HttpResponseBadRequest(_("This evidence could not be read."))
    try:
        target = _target(assessment, form.cleaned_data)
    except ValidationError:
        return HttpResponseBadRequest(_("This evidence could not be read."))
    status = 422
    if form.is_valid():
        try:
            notices: list[str] = []
            if form.cleaned_data["files"]:
                uploaded = services.evidence_add_files(
                    assessment=assessment,
                    user=request.user,
                    files=form.cleaned_data["files"],
                    target=target,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                )
                added, notices = uploaded.items, _already_there(uploaded)
            else:
                added = [
                    services.evidence_add_link(
                        assessment=assessment,
                        user=request.user,
                        url=form.cleaned_data["url"],
                        title=form.cleaned_data["title"],
                        description=form.cleaned_data["description"],
                        target=target,
                    )
                ]
        except ValidationError as error:
            form.add_error("files" if form.cleaned_data["files"] else "url", error)
        except services.EvidenceUnavailable as error:
            # Not the uploader's fault: the form comes back as typed, with the reason, and a 503.
            form.add_error("files", error.message)
            status = 503
        else:
            if is_htmx(request):
                return _section(request, assessment, target, notices=notices)
            for notice in notices:
                messages.info(request, notice)
            messages.success(
                request,
                ngettext(
                    "%(count)d piece of evidence added.", "%(count)d pieces of evidence added.", len(added)
                )
                % {"count": len(added)},
            )
            return redirect(_back(assessment, target))
    if is_htmx(request):
        return _section(request, assessment, target, form=form, status=status)
    return render(
        request,
        "assessment/evidence_add.html",
        {"assessment": assessment, "form": form, "back": _back(assessment, target), "target": target},
        status=status,
    )


@login_required
@require_POST
def evidence_attach(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = permissions.get_assessment_for(request.user, pk, edit=True)
    form = EvidenceAttachForm(request.POST)
    target = _posted_target(assessment, form)
    if target is None:
        return HttpResponseBadRequest(_("This evidence could not be read."))
    evidence = selectors.evidence_item_for(assessment, form.cleaned_data["evidence"])
    services.evidence_attach(evidence=evidence, target=target)
    if is_htmx(request):
        return _section(request, assessment, target)
    return redirect(_back(assessment, target))


@login_required
@require_GET
def evidence_download(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    evidence = permissions.get_evidence_for(request.user, pk)
    try:
        name = evidence.file.name if evidence.kind == evidence.Kind.FILE else None
        if not name or not evidence.file.storage.exists(name):
            return render(request, "assessment/evidence_gone.html", {"evidence": evidence}, status=404)
        stored = evidence.file.open("rb")
    except STORAGE_ERRORS:
        logger.exception("Evidence %s could not be read from the storage.", evidence.pk)
        return error_page(request, 503)
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    # Never let a browser guess a type or run anything that came in as evidence.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_GET
def evidence_thumbnail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    evidence = permissions.get_evidence_for(request.user, pk)
    thumbnail = thumbnail_for(evidence)
    if thumbnail is None:
        return HttpResponse(status=404)
    response = HttpResponse(thumbnail, content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=86400"
    return response


def _first_use(evidence: Evidence) -> services.Target:
    """Where the item is shown first: its first statement, or the eSafety item."""
    first_statement = evidence.statements.select_related("principle").first()
    return services.Target(statement=first_statement, esafety=first_statement is None)


@login_required
@require_POST
def evidence_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    evidence = permissions.get_evidence_for(request.user, pk, edit=True)
    target = _posted_target(evidence.assessment, EvidenceSectionForm(request.POST))
    if target is None:
        return HttpResponseBadRequest(_("This evidence could not be read."))
    services.evidence_confirm(evidence=evidence)
    if is_htmx(request):
        return _section(request, evidence.assessment, target)
    messages.success(request, _("The evidence has been checked: it stays."))
    return redirect(_back(evidence.assessment, target))


@login_required
@require_POST
def evidence_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    evidence = permissions.get_evidence_for(request.user, pk, remove=True)
    assessment, target = evidence.assessment, _first_use(evidence)
    services.evidence_remove(evidence=evidence)
    messages.success(request, _("The evidence has been removed."))
    return redirect(_back(assessment, target))
