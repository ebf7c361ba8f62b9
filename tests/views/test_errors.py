"""Failures are explained: branded error pages in the visitor's language, under the Content
Security Policy, with the traceback in the log and "try again" when a service is down."""

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import translation

from assessment.views import public
from tests.processes import run_app


def translated(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.fixture
def failing_home(monkeypatch):
    """The home page raising `error` when asked for, as a bug or a lost database would."""

    def fail_with(error: Exception) -> None:
        def framework_current():
            raise error

        monkeypatch.setattr(public, "framework_current", framework_current)

    return fail_with


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "bg", "ro"])
def test_an_unknown_address_is_the_branded_404_in_the_visitors_language(client, language):
    response = client.get("/no-such-page/", headers={"accept-language": language})

    page = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in page
    assert translated(language, "Page not found") in page
    assert "/static/css/app.css" in page
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "<script" not in page and "style=" not in page


def test_an_action_the_role_does_not_allow_is_the_branded_403(client, assessment, teacher):
    client.force_login(teacher)

    response = client.post(reverse("assessment_submit", args=[assessment.pk]), {"declaration": "on"})

    assert response.status_code == 403
    assert "You may not do this" in response.content.decode()


@pytest.mark.django_db
def test_a_request_for_another_host_is_the_branded_400(client):
    response = client.get("/", headers={"host": "evil.example"})

    assert response.status_code == 400
    assert "This request could not be understood" in response.content.decode()


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_is_the_branded_403_saying_what_to_do(client):
    client.handler.enforce_csrf_checks = True

    response = client.post(reverse("login"), {"username": "leader", "password": "demo"})

    assert response.status_code == 403
    assert "This form has expired, or it was sent from another site." in response.content.decode()


@pytest.mark.django_db
def test_a_bug_is_the_branded_500_and_its_traceback_is_logged(client, failing_home, caplog):
    failing_home(RuntimeError("the home page broke"))
    client.raise_request_exception = False

    response = client.get("/", headers={"accept-language": "nl"})

    assert response.status_code == 500
    assert translated("nl", "Something went wrong on our side") in response.content.decode()
    record = next(record for record in caplog.records if record.name == "django.request")
    assert record.exc_info and "the home page broke" in str(record.exc_info[1])


@pytest.mark.django_db
def test_a_database_that_does_not_answer_is_a_503_with_when_to_try_again(client, failing_home):
    failing_home(OperationalError("canceling statement due to statement timeout"))
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Temporarily unavailable" in response.content.decode()


@pytest.mark.django_db
def test_an_htmx_request_that_fails_gets_the_sentence_alone(client, failing_home):
    failing_home(OperationalError("server closed the connection unexpectedly"))
    client.raise_request_exception = False

    response = client.get("/", headers={"HX-Request": "true"})

    assert response.status_code == 503
    assert response.content.decode().startswith(
        '<span class="text-danger" role="alert">Temporarily unavailable.'
    )


def test_in_production_an_unhandled_exception_is_written_to_stderr_and_mailed_to_the_admins():
    script = (
        "from django.test import Client\n"
        "from assessment.views import public\n"
        "def broken():\n    raise RuntimeError('the home page broke')\n"
        "public.framework_current = broken\n"
        "print(Client(raise_request_exception=False).get('/').status_code)\n"
    )
    result = run_app(
        script=script,
        DEBUG="false",
        SECRET_KEY="tests-only",
        ALLOWED_HOSTS="testserver",
        ADMINS="webmaster@example.org",
        EMAIL_BACKEND="console",
        STATIC_MANIFEST="false",  # this tree has no collectstatic output
    )

    assert result.stdout.splitlines()[-1] == "500", result.stderr
    assert "ERROR django.request" in result.stderr and "Internal Server Error: /" in result.stderr
    assert "Traceback (most recent call last)" in result.stderr
    assert "RuntimeError: the home page broke" in result.stderr
    assert "To: webmaster@example.org" in result.stdout  # the console mailer prints the email


@pytest.mark.django_db
def test_the_error_page_still_answers_when_it_cannot_be_styled(client, failing_home, settings, tmp_path):
    # With static manifests on and no collectstatic, naming a stylesheet fails too.
    settings.STATIC_ROOT = tmp_path / "not-collected"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    failing_home(RuntimeError("the home page broke"))
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 500
    assert "<h1>Something went wrong on our side</h1>" in response.content.decode()
