import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from assessment.models import Invitation, Membership, User
from tests.factories import InvitationFactory, MembershipFactory, UserFactory

PASSWORD = "correct horse battery staple"


def link_in(message: mail.EmailMessage) -> str:
    """The path of the first link in an email, as the recipient would open it."""
    url = re.search(r"https?://\S+", message.body).group()
    return re.sub(r"^https?://[^/]+", "", url)


# Profile


def test_profile_shows_the_users_details(client, teacher):
    client.force_login(teacher)
    page = client.get(reverse("profile")).content.decode()
    assert f'value="{teacher.email}"' in page
    assert f'value="{teacher.first_name}"' in page


def test_profile_edit_saves_the_changes(client, teacher):
    client.force_login(teacher)
    data = {"first_name": "Ana", "last_name": "Nowak", "email": "ana@example.org", "preferred_language": "pl"}

    response = client.post(reverse("profile"), data, follow=True)

    teacher.refresh_from_db()
    assert (teacher.first_name, teacher.last_name, teacher.email, teacher.preferred_language) == (
        "Ana",
        "Nowak",
        "ana@example.org",
        "pl",
    )
    assert "Your account has been saved." in response.content.decode()


def test_profile_edit_rejects_a_bad_email_next_to_the_field_keeping_typed_values(client, teacher):
    client.force_login(teacher)
    data = {"first_name": "Ana", "last_name": "Nowak", "email": "not-an-email", "preferred_language": "pl"}

    response = client.post(reverse("profile"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {"email": ["Enter a valid email address."]}
    assert re.search(r'id="error_1_id_email"[^>]*>\s*<strong>Enter a valid email address.</strong>', page)
    assert 'value="not-an-email"' in page
    assert 'value="Ana"' in page
    teacher.refresh_from_db()
    assert teacher.first_name != "Ana"


def test_profile_edit_refuses_the_email_of_another_account_next_to_the_field(client, teacher, leader):
    client.force_login(teacher)
    data = {
        "first_name": "Ana",
        "last_name": "Nowak",
        "email": leader.email.upper(),
        "preferred_language": "en",
    }

    response = client.post(reverse("profile"), data)

    assert response.context["form"].errors == {"email": ["Another account already uses this email address."]}


@pytest.mark.parametrize(
    ("url_name", "method"),
    [("profile", "get"), ("school_members", "get"), ("school_members", "post"), ("member_remove", "post")],
)
def test_anonymous_visitor_is_sent_to_the_login_page(client, db, url_name, method):
    url = reverse(url_name) if url_name == "profile" else reverse(url_name, args=[1])

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


# Logging in and passwords


def test_login_page_logs_a_person_in(client, teacher):
    assert client.get(reverse("login")).status_code == 200

    response = client.post(reverse("login"), {"username": teacher.username, "password": PASSWORD})

    assert response.status_code == 302
    assert client.get(reverse("profile")).status_code == 200


def test_login_page_says_what_is_wrong_with_a_bad_password(client, teacher):
    response = client.post(reverse("login"), {"username": teacher.username, "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.content.decode()


def test_password_reset_sends_an_email_with_a_working_reset_link(client, teacher):
    response = client.post(reverse("password_reset"), {"email": teacher.email})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [teacher.email]
    page = client.get(link_in(mail.outbox[0]), follow=True)
    assert page.context["validlink"] is True
    assert "new_password1" in page.context["form"].fields


def test_password_reset_email_is_in_the_users_language(client, teacher):
    teacher.preferred_language = "pl"
    teacher.save()

    client.post(reverse("password_reset"), {"email": teacher.email}, headers={"accept-language": "en"})

    with translation.override("pl"):
        subject = translation.gettext("Reset your password for the eTwinning School self-assessment")
    assert mail.outbox[0].subject == subject


def test_password_change_page_works(client, teacher):
    client.force_login(teacher)
    assert client.get(reverse("password_change")).status_code == 200


# The members page


def test_members_page_lists_members_and_pending_invitations(client, leader, teacher, school_a):
    InvitationFactory(school=school_a, email="pending@example.org")
    InvitationFactory(school=school_a, email="expired@example.org", expires_at=timezone.now())
    client.force_login(teacher)

    page = client.get(reverse("school_members", args=[school_a.pk])).content.decode()

    for person in (leader, teacher):
        assert person.get_full_name() in page
        assert person.email in page
    assert "School leader" in page
    assert "pending@example.org" in page
    assert "expired@example.org" not in page


def test_teacher_sees_the_members_without_the_invite_form_or_remove_buttons(client, teacher, school_a):
    client.force_login(teacher)
    page = client.get(reverse("school_members", args=[school_a.pk])).content.decode()
    assert 'name="email"' not in page
    assert "/remove/" not in page


def test_leader_sees_the_invite_form_and_a_remove_button_per_teacher(client, leader, teacher, school_a):
    client.force_login(leader)
    page = client.get(reverse("school_members", args=[school_a.pk])).content.decode()
    assert 'name="email"' in page
    assert reverse("member_remove", args=[teacher.memberships.get().pk]) in page
    assert reverse("member_remove", args=[leader.memberships.get().pk]) not in page


def test_outsider_gets_404_on_the_members_page(client, outsider, school_a):
    client.force_login(outsider)
    assert client.get(reverse("school_members", args=[school_a.pk])).status_code == 404


def test_members_page_makes_the_same_number_of_queries_whatever_the_number_of_members(
    client, leader, school_a, django_assert_max_num_queries
):
    for _ in range(10):
        MembershipFactory(school=school_a)
        InvitationFactory(school=school_a, invited_by=leader)
    client.force_login(leader)
    with django_assert_max_num_queries(7):
        client.get(reverse("school_members", args=[school_a.pk]))


# Inviting


def test_leader_invites_a_teacher_whose_email_link_works(
    client, leader, school_a, django_capture_on_commit_callbacks
):
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("school_members", args=[school_a.pk]), {"email": "new@example.org"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.org"]
    assert school_a.name in mail.outbox[0].subject
    assert settings.SITE_URL + "/invitations/" in mail.outbox[0].body
    client.logout()
    page = client.get(link_in(mail.outbox[0]))
    assert page.status_code == 200
    assert school_a.name in page.content.decode()


def test_invitation_email_is_in_the_leaders_language(
    client, leader, school_a, django_capture_on_commit_callbacks
):
    leader.preferred_language = "pl"
    leader.save()
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("school_members", args=[school_a.pk]),
            {"email": "new@example.org"},
            headers={"accept-language": "en"},
        )

    expires_at = timezone.localtime(Invitation.objects.get().expires_at)
    with translation.override("pl"):
        subject = translation.gettext(
            "Invitation to join %(school)s in the eTwinning School self-assessment"
        ) % {"school": school_a.name}
    assert mail.outbox[0].subject == subject
    assert f"{expires_at:%d.%m.%Y}" in mail.outbox[0].body  # the Polish way, not the sender's


def test_invite_form_rejects_a_bad_email_next_to_the_field(client, leader, school_a):
    client.force_login(leader)
    response = client.post(reverse("school_members", args=[school_a.pk]), {"email": "nobody"})
    assert response.context["form"].errors == {"email": ["Enter a valid email address."]}
    assert not Invitation.objects.exists()


def test_inviting_a_member_again_is_refused_next_to_the_field(client, leader, teacher, school_a):
    client.force_login(leader)
    response = client.post(reverse("school_members", args=[school_a.pk]), {"email": teacher.email})
    assert response.context["form"].errors == {"email": ["This person is already a member of the school."]}
    assert not Invitation.objects.exists()


def test_teacher_cannot_invite(client, teacher, school_a, django_capture_on_commit_callbacks):
    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("school_members", args=[school_a.pk]), {"email": "new@example.org"})
    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_outsider_cannot_invite(client, outsider, school_a):
    client.force_login(outsider)
    response = client.post(reverse("school_members", args=[school_a.pk]), {"email": "new@example.org"})
    assert response.status_code == 404
    assert not Invitation.objects.exists()


# Removing members


def test_leader_removes_a_teacher(client, leader, teacher, school_a):
    client.force_login(leader)

    response = client.post(reverse("member_remove", args=[teacher.memberships.get().pk]), follow=True)

    assert response.redirect_chain == [(reverse("school_members", args=[school_a.pk]), 302)]
    assert not Membership.objects.filter(user=teacher).exists()
    assert f"{teacher.get_full_name()} is no longer a member of {school_a.name}." in response.content.decode()


def test_last_leader_cannot_remove_themselves(client, leader, school_a):
    client.force_login(leader)

    response = client.post(reverse("member_remove", args=[leader.memberships.get().pk]), follow=True)

    assert response.redirect_chain == [(reverse("school_members", args=[school_a.pk]), 302)]
    assert Membership.objects.filter(user=leader, school=school_a, role=Membership.Role.LEADER).exists()
    assert "You are the only leader of this school, so you cannot leave it." in response.content.decode()


def test_leader_may_leave_when_another_leader_remains(client, leader, school_a):
    MembershipFactory(school=school_a, role=Membership.Role.LEADER)
    client.force_login(leader)

    response = client.post(reverse("member_remove", args=[leader.memberships.get().pk]))

    assert response["Location"] == reverse("school_list")
    assert not Membership.objects.filter(user=leader).exists()


def test_teacher_cannot_remove_a_member(client, leader, teacher):
    client.force_login(teacher)
    response = client.post(reverse("member_remove", args=[leader.memberships.get().pk]))
    assert response.status_code == 403
    assert Membership.objects.count() == 2


def test_outsider_gets_404_when_removing_a_member(client, outsider, teacher):
    client.force_login(outsider)
    response = client.post(reverse("member_remove", args=[teacher.memberships.get().pk]))
    assert response.status_code == 404
    assert Membership.objects.filter(user=teacher).exists()


def test_removing_needs_a_post(client, leader, teacher):
    client.force_login(leader)
    response = client.get(reverse("member_remove", args=[teacher.memberships.get().pk]))
    assert response.status_code == 405
    assert Membership.objects.filter(user=teacher).exists()


# Accepting an invitation


@pytest.fixture
def invitation(school_a, leader) -> Invitation:
    return InvitationFactory(
        school=school_a, invited_by=leader, email="newcomer@example.org", token="secret-token"
    )


def sign_up(client, **changes: str):
    data = {
        "first_name": "Maria",
        "last_name": "Kowalska",
        "username": "maria",
        "password1": "a sturdy passphrase 42",
        "password2": "a sturdy passphrase 42",
        "preferred_language": "pl",
    }
    return client.post(reverse("invitation_accept", args=["secret-token"]), data | changes)


def test_invitation_page_shows_which_school_invites_you(client, invitation, school_a, leader):
    page = client.get(reverse("invitation_accept", args=["secret-token"])).content.decode()
    assert f"Join {school_a.name}" in page
    assert str(leader) in page
    assert "newcomer@example.org" in page


def test_accepting_as_a_new_user_creates_the_account_and_a_teacher_membership(client, invitation, school_a):
    response = sign_up(client)

    assert response.status_code == 302
    user = User.objects.get(username="maria")
    assert (user.email, user.first_name, user.last_name, user.preferred_language) == (
        "newcomer@example.org",
        "Maria",
        "Kowalska",
        "pl",
    )
    assert user.check_password("a sturdy passphrase 42")
    assert Membership.objects.get(user=user).school == school_a
    assert Membership.objects.get(user=user).role == Membership.Role.TEACHER
    assert client.get(reverse("profile")).context["user"] == user


def test_sign_up_rejects_a_weak_password_next_to_the_field_and_creates_nothing(client, invitation):
    response = sign_up(client, password1="newcomer", password2="newcomer")

    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert 'value="Maria"' in response.content.decode()
    assert not User.objects.filter(username="maria").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_sign_up_rejects_a_username_already_taken(client, invitation, teacher):
    response = sign_up(client, username=teacher.username)
    assert "username" in response.context["form"].errors
    assert not User.objects.filter(email="newcomer@example.org").exists()


def test_visitor_whose_email_has_an_account_is_asked_to_log_in_first(client, invitation):
    UserFactory(email="Newcomer@example.org")
    url = reverse("invitation_accept", args=["secret-token"])

    page = client.get(url).content.decode()

    assert f'href="{reverse("login")}?next={url}"' in page
    assert 'name="password1"' not in page


def test_sign_up_is_refused_when_the_email_has_an_account(client, invitation):
    UserFactory(email="newcomer@example.org", username="first")
    sign_up(client)
    assert not User.objects.filter(username="maria").exists()
    assert not Membership.objects.filter(user__email="newcomer@example.org").exists()


def test_accepting_while_logged_in_links_the_account(client, invitation, school_a):
    person = UserFactory(email="newcomer@example.org")
    client.force_login(person)

    response = client.post(reverse("invitation_accept", args=["secret-token"]))

    assert response["Location"] == reverse("school_dashboard", args=[school_a.pk])
    assert Membership.objects.get(user=person).role == Membership.Role.TEACHER
    invitation.refresh_from_db()
    assert invitation.accepted_by == person


def test_one_person_can_belong_to_several_schools(client, outsider, invitation):
    client.force_login(outsider)

    client.post(reverse("invitation_accept", args=["secret-token"]))

    assert sorted(outsider.memberships.values_list("school__name", flat=True)) == ["School A", "School B"]


def test_accepting_when_already_a_member_just_says_so_and_keeps_the_invitation(client, teacher, invitation):
    client.force_login(teacher)

    page = client.get(reverse("invitation_accept", args=["secret-token"])).content.decode()
    response = client.post(reverse("invitation_accept", args=["secret-token"]), follow=True)

    assert "You are already a member of this school." in page
    assert "You are already a member of" in response.content.decode()
    assert teacher.memberships.get().role == Membership.Role.TEACHER
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


@pytest.mark.parametrize("logged_in", [False, True])
def test_expired_invitation_is_gone_and_changes_nothing(client, invitation, outsider, logged_in):
    invitation.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    invitation.save()
    if logged_in:
        client.force_login(outsider)
    url = reverse("invitation_accept", args=["secret-token"])

    page = client.get(url)
    response = sign_up(client) if not logged_in else client.post(url)

    assert page.status_code == response.status_code == 410
    assert "This invitation to join" in page.content.decode()
    assert "has expired" in page.content.decode()
    assert not User.objects.filter(username="maria").exists()
    assert outsider.memberships.count() == 1


def test_used_invitation_is_gone(client, invitation, outsider):
    sign_up(client)
    client.logout()
    client.force_login(outsider)

    response = client.post(reverse("invitation_accept", args=["secret-token"]))

    assert response.status_code == 410
    assert "has already been accepted" in response.content.decode()
    assert outsider.memberships.count() == 1


def test_unknown_token_is_404(client, invitation):
    assert client.get(reverse("invitation_accept", args=["not-the-token"])).status_code == 404


def test_the_token_is_not_the_stored_hash(client, invitation):
    assert client.get(reverse("invitation_accept", args=[invitation.token_hash])).status_code == 404


# Pages of this module obey the Content Security Policy: no inline script or style.


@pytest.mark.parametrize(
    "url_name",
    ["login", "password_reset", "password_change", "profile", "school_members", "invitation_accept"],
)
def test_page_has_no_inline_script_or_style(client, leader, school_a, invitation, url_name):
    args = {"school_members": [school_a.pk], "invitation_accept": ["secret-token"]}.get(url_name, [])
    if url_name not in {"login", "password_reset", "invitation_accept"}:
        client.force_login(leader)
    page = client.get(reverse(url_name, args=args)).content.decode()
    assert "style=" not in page
    assert re.findall(r"<script(?![^>]*\bsrc=)", page) == []
