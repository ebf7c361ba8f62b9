"""Writes of accounts and school membership: profiles, invitations, removing members."""

import datetime
import functools
import logging
import secrets

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessment.models import Invitation, Membership, School, User
from assessment.tasks import email_enqueue

logger = logging.getLogger(__name__)


class InvitationGone(ValidationError):
    """The invitation has expired or has already been used."""


def _email_in_use(email: str, *, besides: User | None = None) -> bool:
    users = User.objects.filter(email__iexact=email)
    if besides is not None:
        users = users.exclude(pk=besides.pk)
    return users.exists()


@transaction.atomic
def user_update_profile(
    *, user: User, first_name: str, last_name: str, email: str, preferred_language: str
) -> User:
    email = BaseUserManager.normalize_email(email)
    # Invitations and password resets find a person by email: two accounts must not share one.
    if _email_in_use(email, besides=user):
        raise ValidationError({"email": _("Another account already uses this email address.")})
    user.first_name, user.last_name, user.email = first_name, last_name, email
    user.preferred_language = preferred_language
    user.full_clean()
    user.save(update_fields=["first_name", "last_name", "email", "preferred_language"])
    logger.info("User %s updated their profile.", user.pk)
    return user


def _invitation_email_enqueue(
    *, email: str, school_name: str, inviter_name: str, language: str, url: str, expires_at: datetime.datetime
) -> None:
    """Send the invitation link, in the inviting leader's language (the invitee may have no account yet)."""
    context = {"school": school_name, "inviter": inviter_name, "url": url, "expires_at": expires_at}
    with translation.override(language):
        subject = " ".join(render_to_string("emails/invitation_subject.txt", context).split())
        body = render_to_string("emails/invitation_body.txt", context)
    email_enqueue(to=email, subject=subject, body=body)


@transaction.atomic
def invitation_create(*, school: School, email: str, invited_by: User) -> tuple[Invitation, str]:
    """Invite a teacher to the school by email; return the invitation and its secret token.

    Only the token's hash is stored, so the link in the email is the one way to use it.
    Inviting the same address again replaces the earlier, still pending invitation.
    """
    email = BaseUserManager.normalize_email(email)
    if Membership.objects.filter(school=school, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member of the school.")})
    now = timezone.now()
    Invitation.objects.filter(
        school=school, email__iexact=email, accepted_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        school=school,
        email=email,
        token_hash=Invitation.hash_token(token),
        invited_by=invited_by,
        expires_at=now + datetime.timedelta(days=getattr(settings, "INVITATION_VALID_DAYS", 14)),
    )
    invitation.full_clean()
    invitation.save()
    logger.info(
        "User %s invited someone to school %s (invitation %s).", invited_by.pk, school.pk, invitation.pk
    )
    transaction.on_commit(
        functools.partial(
            _invitation_email_enqueue,
            email=email,
            school_name=school.name,
            inviter_name=str(invited_by),
            language=invited_by.preferred_language,
            url=settings.SITE_URL + reverse("invitation_accept", kwargs={"token": token}),
            expires_at=invitation.expires_at,
        ),
        robust=True,
    )
    return invitation, token


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    """Make the user a teacher of the inviting school and use up the invitation.

    A user who is already a member keeps their membership and role, and the invitation
    stays usable for the person it was meant for.
    """
    # Locked so that two people opening the same link at once cannot both use it.
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("school")
        .get(token_hash=Invitation.hash_token(token))
    )
    if not invitation.is_usable:
        raise InvitationGone(_("This invitation has expired or has already been used."))
    membership = Membership.objects.filter(user=user, school=invitation.school).first()
    if membership is not None:
        return membership
    membership = Membership(user=user, school=invitation.school, role=Membership.Role.TEACHER)
    membership.full_clean()
    membership.save()
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    logger.info("User %s joined school %s (invitation %s).", user.pk, invitation.school_id, invitation.pk)
    return membership


@transaction.atomic
def invitation_accept_as_new_user(
    *, token: str, username: str, first_name: str, last_name: str, password: str, preferred_language: str
) -> Membership:
    """Create the invited person's account, with the invitation's email, and accept the invitation.

    The password is expected to have passed Django's password validators (the sign-up form does it).
    """
    invitation = Invitation.objects.select_for_update().get(token_hash=Invitation.hash_token(token))
    if not invitation.is_usable:
        raise InvitationGone(_("This invitation has expired or has already been used."))
    if _email_in_use(invitation.email):
        raise ValidationError(
            {"email": _("An account with this email address already exists: log in first.")}
        )
    user = User(
        username=username,
        email=invitation.email,
        first_name=first_name,
        last_name=last_name,
        preferred_language=preferred_language,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    logger.info("User %s signed up through invitation %s.", user.pk, invitation.pk)
    return invitation_accept(token=token, user=user)


@transaction.atomic
def member_remove(*, membership: Membership, by: User) -> None:
    """Remove a person from a school. A school always keeps at least one leader."""
    if membership.role == Membership.Role.LEADER:
        # Locked so that two leaders removing each other at once cannot leave the school with none.
        leaders = list(
            Membership.objects.select_for_update()
            .filter(school_id=membership.school_id, role=Membership.Role.LEADER)
            .values_list("pk", flat=True)
        )
        if leaders == [membership.pk] and membership.user_id == by.pk:
            raise ValidationError(
                _(
                    "You are the only leader of this school, so you cannot leave it. "
                    "Ask an administrator to appoint another leader first."
                )
            )
        if leaders == [membership.pk]:
            raise ValidationError(_("A school must keep at least one leader: this is its only one."))
    membership.delete()
    logger.info(
        "User %s removed membership of user %s in school %s.", by.pk, membership.user_id, membership.school_id
    )
