"""Every message of Django's validators and forms that a user meets on the invitation,
password, profile and upload pages reads in the user's language, in each of them."""

import pytest
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import translation

from assessment.forms import EvidenceForm, InvitationForm, ProfileForm, QueuedPasswordResetForm, SignUpForm
from assessment.models import User
from tests.conftest import LANGUAGES

pytestmark = pytest.mark.django_db


def sign_up(**data):
    fields = {"first_name": "Anna", "last_name": "Kowalska", "preferred_language": "pl", **data}
    return SignUpForm(email="anna@example.org", data=fields)


def forms_with_errors() -> list:
    someone = User(username="anna", first_name="Anna", email="anna@example.org")
    return [
        sign_up(username="a b!", password1="123", password2="1234", first_name="", preferred_language="xx"),
        sign_up(username="annakowalska", password1="password", password2="password"),
        sign_up(username="annakowalska", password1="annakowalska1", password2="annakowalska1"),
        sign_up(username="x" * 200, password1="12345678901", password2="12345678901"),
        InvitationForm(data={"email": "not-an-email"}),
        InvitationForm(data={"email": ""}),
        ProfileForm(data={"email": "x@", "first_name": "", "preferred_language": "zz"}, instance=someone),
        QueuedPasswordResetForm(data={"email": "bad"}),
        auth_forms.SetPasswordForm(user=someone, data={"new_password1": "abc", "new_password2": "abd"}),
        auth_forms.SetPasswordForm(user=someone, data={"new_password1": "short", "new_password2": "short"}),
        auth_forms.PasswordChangeForm(
            user=someone, data={"old_password": "x", "new_password1": "a", "new_password2": "a"}
        ),
        auth_forms.AuthenticationForm(
            request=RequestFactory().post("/"), data={"username": "nobody", "password": "x"}
        ),
        EvidenceForm(data={"url": "x", "title": "t" * 300, "statement": "a"}),
        EvidenceForm(data={"statement": "1"}, files={"files": SimpleUploadedFile("empty.pdf", b"")}),
    ]


def messages_in(language: str) -> list[str]:
    with translation.override(language):
        found = [
            str(error) for form in forms_with_errors() for errors in form.errors.values() for error in errors
        ]
        found += [str(text) for text in password_validation.password_validators_help_texts()]
    return found


@pytest.fixture(scope="module")
def in_english(django_db_setup, django_db_blocker) -> list[str]:
    with django_db_blocker.unblock():
        return messages_in("en")


def test_the_pages_meet_every_kind_of_message(in_english):
    assert len(in_english) >= 25
    assert "This password is too short. It must contain at least 8 characters." in in_english


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_message_reads_in_the_users_language(in_english, language):
    translated = messages_in(language)
    assert len(translated) == len(in_english)
    untranslated = [english for english, text in zip(in_english, translated, strict=True) if english == text]
    assert untranslated == []
