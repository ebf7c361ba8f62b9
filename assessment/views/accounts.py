"""A person's own account, a school's members, and joining a school through an invitation."""

from typing import cast

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment import permissions, selectors
from assessment.forms import InvitationForm, ProfileForm, SignUpForm, add_service_errors
from assessment.models import Invitation
from assessment.services import memberships
from assessment.views.requests import AuthenticatedRequest


@login_required
def profile(request: AuthenticatedRequest) -> HttpResponse:
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            memberships.user_update_profile(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your account has been saved."))
            return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def school_members(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    school = permissions.get_school_for(request.user, pk, manage=request.method == "POST")
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            memberships.invitation_create(
                school=school, email=form.cleaned_data["email"], invited_by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("school_members", pk=school.pk)
    context = {
        "school": school,
        "members": selectors.school_members(school),
        "invitations": selectors.invitations_pending(school),
        "can_manage": permissions.can_manage_school(request.user, school),
        "form": form,
    }
    return render(request, "accounts/school_members.html", context)


@login_required
@require_POST
def member_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    membership = permissions.get_membership_for(request.user, pk, manage=True)
    try:
        memberships.member_remove(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("school_members", pk=membership.school_id)
    if membership.user_id == request.user.pk:
        messages.success(request, _("You have left %(school)s.") % {"school": membership.school})
        return redirect("school_list")
    messages.success(
        request,
        _("%(name)s is no longer a member of %(school)s.")
        % {"name": membership.user, "school": membership.school},
    )
    return redirect("school_members", pk=membership.school_id)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = permissions.get_invitation_for(token)
    if not invitation.is_usable:
        return _invitation_gone(request, invitation)
    if request.user.is_authenticated:
        return _invitation_accept_as_member(cast(AuthenticatedRequest, request), invitation, token)
    return _invitation_accept_with_new_account(request, invitation, token)


def _invitation_gone(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    return render(request, "accounts/invitation_gone.html", {"invitation": invitation}, status=410)


def _invitation_accept_as_member(
    request: AuthenticatedRequest, invitation: Invitation, token: str
) -> HttpResponse:
    already_member = permissions.is_member(request.user, invitation.school)
    if request.method == "POST" and already_member:
        messages.info(request, _("You are already a member of %(school)s.") % {"school": invitation.school})
        return redirect("school_dashboard", pk=invitation.school_id)
    if request.method == "POST":
        try:
            memberships.invitation_accept(token=token, user=request.user)
        except memberships.InvitationGone:
            return _invitation_gone(request, invitation)
        messages.success(request, _("Welcome to %(school)s.") % {"school": invitation.school})
        return redirect("school_dashboard", pk=invitation.school_id)
    context = {"invitation": invitation, "already_member": already_member}
    return render(request, "accounts/invitation_accept.html", context)


def _invitation_accept_with_new_account(
    request: HttpRequest, invitation: Invitation, token: str
) -> HttpResponse:
    if selectors.account_exists(invitation.email):
        # Signing up again would make a second account for the same person.
        context = {"invitation": invitation, "log_in_first": True}
        return render(request, "accounts/invitation_accept.html", context)
    form = SignUpForm(
        request.POST if request.method == "POST" else None,
        email=invitation.email,
        initial={"preferred_language": request.LANGUAGE_CODE},
    )
    if request.method == "POST" and form.is_valid():
        try:
            membership = memberships.invitation_accept_as_new_user(
                token=token,
                username=form.cleaned_data["username"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
                preferred_language=form.cleaned_data["preferred_language"],
            )
        except memberships.InvitationGone:
            return _invitation_gone(request, invitation)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # Several backends are configured (login throttling): say which one vouches for the user.
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to %(school)s.") % {"school": invitation.school})
            return redirect("school_dashboard", pk=invitation.school_id)
    return render(request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form})
