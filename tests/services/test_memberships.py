import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessment.models import Invitation, Membership, User
from assessment.services.memberships import (
    InvitationGone,
    invitation_accept,
    invitation_accept_as_new_user,
    invitation_create,
    member_remove,
    user_update_profile,
)
from tests.factories import InvitationFactory, MembershipFactory, SchoolFactory, UserFactory

# Between the service's clock reading and the database's `auto_now_add`.
A_MOMENT = datetime.timedelta(seconds=5)


def new_user_data(**changes: str) -> dict[str, str]:
    data = {
        "username": "maria",
        "first_name": "Maria",
        "last_name": "Kowalska",
        "password": "a sturdy passphrase 42",
        "preferred_language": "pl",
    }
    return data | changes


# Profile


def test_user_update_profile_saves_the_fields(db):
    user = UserFactory()
    user_update_profile(
        user=user, first_name="Ana", last_name="Nowak", email="Ana@EXAMPLE.org", preferred_language="ro"
    )
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.email, user.preferred_language) == (
        "Ana",
        "Nowak",
        "Ana@example.org",
        "ro",
    )


def test_user_update_profile_refuses_an_email_of_another_account(db):
    user, other = UserFactory(), UserFactory()
    with pytest.raises(ValidationError) as refusal:
        user_update_profile(
            user=user, first_name="A", last_name="B", email=other.email.upper(), preferred_language="en"
        )
    assert list(refusal.value.error_dict) == ["email"]


def test_user_update_profile_refuses_an_unknown_language(db):
    user = UserFactory()
    with pytest.raises(ValidationError):
        user_update_profile(
            user=user, first_name="A", last_name="B", email=user.email, preferred_language="xx"
        )


# Inviting


def test_invitation_create_stores_only_the_hash_of_the_token(school_a, leader):
    invitation, token = invitation_create(school=school_a, email="new@example.org", invited_by=leader)
    invitation.refresh_from_db()
    assert len(token) >= 43
    assert invitation.token_hash == Invitation.hash_token(token)
    assert token not in {getattr(invitation, field.attname) for field in Invitation._meta.fields}


def test_invitation_is_valid_for_14_days_by_default(school_a, leader):
    invitation, _token = invitation_create(school=school_a, email="new@example.org", invited_by=leader)
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        datetime.timedelta(days=14), abs=A_MOMENT
    )


def test_invitation_validity_follows_the_setting(school_a, leader, settings):
    settings.INVITATION_VALID_DAYS = 3
    invitation, _token = invitation_create(school=school_a, email="new@example.org", invited_by=leader)
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        datetime.timedelta(days=3), abs=A_MOMENT
    )


def test_invitation_tokens_differ_each_time(school_a, leader):
    _first, first_token = invitation_create(school=school_a, email="a@example.org", invited_by=leader)
    _second, second_token = invitation_create(school=school_a, email="b@example.org", invited_by=leader)
    assert first_token != second_token


def test_invitation_email_is_sent_only_after_the_transaction_commits(
    school_a, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        _invitation, token = invitation_create(school=school_a, email="new@example.org", invited_by=leader)
        assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [["new@example.org"]]
    assert token in mail.outbox[0].body


def test_inviting_a_member_is_refused(school_a, leader):
    teacher = MembershipFactory(school=school_a).user
    with pytest.raises(ValidationError) as refusal:
        invitation_create(school=school_a, email=teacher.email.upper(), invited_by=leader)
    assert list(refusal.value.error_dict) == ["email"]
    assert not Invitation.objects.exists()


def test_inviting_a_member_of_another_school_is_allowed(school_a, leader):
    other_teacher = MembershipFactory(school=SchoolFactory()).user
    invitation, _token = invitation_create(school=school_a, email=other_teacher.email, invited_by=leader)
    assert invitation.is_usable


def test_inviting_the_same_address_again_replaces_the_earlier_invitation(school_a, leader):
    first, _token = invitation_create(school=school_a, email="new@example.org", invited_by=leader)
    second, _token = invitation_create(school=school_a, email="NEW@example.org", invited_by=leader)
    first.refresh_from_db()
    assert not first.is_usable
    assert second.is_usable


# Accepting


def test_invitation_accept_makes_a_teacher_and_uses_up_the_invitation(school_a):
    InvitationFactory(school=school_a, token="secret")
    user = UserFactory()

    membership = invitation_accept(token="secret", user=user)

    assert (membership.user, membership.school, membership.role) == (
        user,
        school_a,
        Membership.Role.TEACHER,
    )
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None


def test_invitation_accept_keeps_an_existing_membership_and_the_invitation(school_a, leader):
    InvitationFactory(school=school_a, token="secret")

    membership = invitation_accept(token="secret", user=leader)

    assert membership.role == Membership.Role.LEADER
    assert Invitation.objects.get().is_usable


def test_invitation_accept_refuses_an_expired_invitation(school_a):
    InvitationFactory(
        school=school_a, token="secret", expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    user = UserFactory()
    with pytest.raises(InvitationGone):
        invitation_accept(token="secret", user=user)
    assert not user.memberships.exists()


def test_invitation_accept_refuses_a_used_invitation(school_a):
    InvitationFactory(school=school_a, token="secret")
    invitation_accept(token="secret", user=UserFactory())
    second = UserFactory()
    with pytest.raises(InvitationGone):
        invitation_accept(token="secret", user=second)
    assert not second.memberships.exists()


def test_invitation_accept_as_new_user_creates_the_account_with_the_invitations_email(school_a):
    InvitationFactory(school=school_a, token="secret", email="newcomer@example.org")

    membership = invitation_accept_as_new_user(token="secret", **new_user_data())

    user = membership.user
    assert (user.username, user.email, user.preferred_language) == ("maria", "newcomer@example.org", "pl")
    assert user.check_password("a sturdy passphrase 42")
    assert membership.school == school_a


def test_invitation_accept_as_new_user_refuses_an_email_that_has_an_account(school_a):
    InvitationFactory(school=school_a, token="secret", email="newcomer@example.org")
    UserFactory(email="NEWCOMER@example.org")
    with pytest.raises(ValidationError):
        invitation_accept_as_new_user(token="secret", **new_user_data())
    assert not User.objects.filter(username="maria").exists()


def test_invitation_accept_as_new_user_creates_no_account_for_an_expired_invitation(school_a):
    InvitationFactory(school=school_a, token="secret", expires_at=timezone.now())
    with pytest.raises(InvitationGone):
        invitation_accept_as_new_user(token="secret", **new_user_data())
    assert not User.objects.filter(username="maria").exists()


# Removing


def test_member_remove_deletes_the_membership(school_a, leader):
    teacher_membership = MembershipFactory(school=school_a)
    member_remove(membership=teacher_membership, by=leader)
    assert not Membership.objects.filter(pk=teacher_membership.pk).exists()
    assert User.objects.filter(pk=teacher_membership.user_id).exists()


def test_member_remove_refuses_to_remove_the_last_leader(leader):
    leader_membership = leader.memberships.get()
    with pytest.raises(ValidationError):
        member_remove(membership=leader_membership, by=leader)
    assert Membership.objects.filter(pk=leader_membership.pk).exists()


def test_member_remove_lets_a_leader_go_when_another_leader_remains(school_a, leader):
    leader_membership = leader.memberships.get()
    MembershipFactory(school=school_a, role=Membership.Role.LEADER)
    member_remove(membership=leader_membership, by=leader)
    assert not Membership.objects.filter(pk=leader_membership.pk).exists()


def test_leaders_of_other_schools_do_not_count_for_the_last_leader_rule(leader):
    leader_membership = leader.memberships.get()
    MembershipFactory(school=SchoolFactory(), role=Membership.Role.LEADER)
    with pytest.raises(ValidationError):
        member_remove(membership=leader_membership, by=leader)
