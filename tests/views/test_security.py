"""The site as it faces the internet: throttled logins, session expiry, production settings."""

import subprocess

import pytest
from django.urls import reverse

from tests.processes import run_app


@pytest.mark.login_throttling
def test_repeated_failed_logins_are_stopped_with_a_clear_message(client, leader, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _attempt in range(3):
        client.post(reverse("login"), {"username": "leader", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "leader", "password": "correct horse battery staple"}
    )
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.login_throttling
def test_a_right_password_logs_in_before_the_limit(client, leader, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client.post(reverse("login"), {"username": "leader", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "leader", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(leader.pk)


def test_sessions_end_with_the_browser_and_after_a_working_day(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE == 10 * 60 * 60


def test_every_post_needs_the_csrf_token(leader, school_a):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(leader)
    response = client.post(reverse("school_edit", args=[school_a.pk]), {"name": "No token"})
    assert response.status_code == 403


def run_check_deploy(**environment: str) -> subprocess.CompletedProcess:
    return run_app("check", "--deploy", "--fail-level", "WARNING", **environment)


def test_production_settings_pass_djangos_deployment_checks():
    result = run_check_deploy(
        DEBUG="false",
        SECRET_KEY="k3Jx9-pQz2Lr8vTn5WcY1bHs7dFg4mE6aU0oRiZtXyVwNqPl_Ce",
        ALLOWED_HOSTS="school.example.org",
        HTTPS="true",
        EMAIL_BACKEND="smtp",
        EMAIL_HOST="smtp.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_admin_lives_on_the_configured_path():
    script = "from django.urls import reverse; print(reverse('admin:index'))"
    result = run_app(script=script, DEBUG="true", ADMIN_PATH="backstage")
    assert result.stdout.strip() == "/backstage/"


# A NUL byte, which PostgreSQL refuses in text, never reaches a query: a 404 or a message.
@pytest.mark.parametrize(
    "path", ["/survey/a%00b/", "/survey/a%00b/thanks/", "/verify/a%00b/", "/labels/P%00/"]
)
def test_an_address_with_a_nul_character_is_not_found(client, db, path):
    assert client.get(path).status_code == 404


def test_a_survey_code_with_a_nul_character_is_refused_next_to_the_field(client, db):
    response = client.post(reverse("survey_enter"), {"code": "AB\x00CD"})
    assert response.status_code == 422


def test_a_principle_code_or_a_search_with_a_nul_character_fails_cleanly(
    client, assessment, leader, coordinator
):
    client.force_login(leader)
    assert client.get(f"/assessments/{assessment.pk}/principles/1%00/").status_code == 404
    client.force_login(coordinator)
    assert client.get("/coordinator/", {"q": "a\x00b", "region": "\x00"}).status_code in {200, 400}
