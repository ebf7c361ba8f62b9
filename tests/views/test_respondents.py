"""Answering a survey: no account, one answer per device, every refusal in the respondent's language."""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from assessment.models import Survey, SurveyAnswer, SurveyComment, SurveyResponse
from assessment.selectors.surveys import survey_questions, survey_statements
from assessment.services.surveys import survey_close, survey_open
from assessment.views.respondents import CODE_TRIES_PER_ADDRESS, DEVICE_COOKIE

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(assessment, leader) -> Survey:
    return survey_open(assessment=assessment, group="students", language="pl", user=leader)


def form_data(survey: Survey, level: str = "3", *, comment: str = "") -> dict[str, str]:
    data = {f"s{item.pk}": level for item in survey_statements(survey)}
    if comment:
        data[f"q{survey_questions(survey)[0].pk}"] = comment
    return data


def url_of(survey: Survey) -> str:
    return reverse("survey_answer", args=[survey.token])


def test_a_respondent_answers_without_an_account_and_is_thanked(client, survey):
    response = client.post(url_of(survey), form_data(survey, comment="Więcej wycieczek!"))

    assert response.status_code == 302 and response["Location"] == reverse("survey_done", args=[survey.token])
    cookie = response.cookies[DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and len(cookie.value) >= 32
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
    assert SurveyAnswer.objects.count() == len(survey_statements(survey))
    assert list(SurveyComment.objects.values_list("text", flat=True)) == ["Więcej wycieczek!"]
    assert client.get(response["Location"]).status_code == 200


def test_the_survey_speaks_the_respondents_language(client, survey):
    content = client.get(url_of(survey), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    item = survey_statements(survey)[0]
    assert item.text_pl in content
    assert "Nie wiem" in content
    assert 'lang="pl"' in content


def test_the_privacy_note_says_what_is_kept_and_the_threshold(client, survey, settings):
    settings.SURVEY_MIN_GROUP = 7
    content = client.get(url_of(survey)).content.decode()
    assert "No name, account, address, device or time of answering is recorded." in content
    assert "at least 7 people" in content


def test_the_same_device_answers_once(client, survey):
    client.post(url_of(survey), form_data(survey, "2"))

    again = client.get(url_of(survey))
    client.post(url_of(survey), form_data(survey, "4"))

    assert "already been answered on this device" in again.content.decode()
    assert '<form method="post" novalidate class="survey-form">' not in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert set(SurveyAnswer.objects.values_list("level", flat=True)) == {"2"}


def test_another_device_answers_too(client, survey):
    client.post(url_of(survey), form_data(survey))
    Client().post(url_of(survey), form_data(survey))
    assert SurveyResponse.objects.count() == 2


def test_a_missing_answer_is_shown_next_to_its_statement_and_nothing_chosen_is_lost(client, survey):
    data = form_data(survey, "4", comment="Projekt o klimacie.")
    missing = next(iter(data))
    del data[missing]

    response = client.post(url_of(survey), data)

    assert response.status_code == 422
    content = response.content.decode()
    assert f'id="id_{missing}-error"' in content
    assert content.count('value="4" checked') == len(survey_statements(survey)) - 1
    assert "Projekt o klimacie." in content
    assert not SurveyResponse.objects.exists()


def test_an_answer_for_a_statement_not_in_the_survey_is_refused(client, survey, assessment, leader):
    staff = survey_open(assessment=assessment, group="staff", language="en", user=leader)
    data = form_data(survey) | {f"s{survey_statements(staff)[0].pk}": "1"}

    response = client.post(url_of(survey), data, HTTP_ACCEPT_LANGUAGE="nl")

    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_an_unknown_survey_says_so_in_the_respondents_language(client):
    response = client.get(reverse("survey_answer", args=["no-such-survey"]), HTTP_ACCEPT_LANGUAGE="pl")
    assert response.status_code == 404
    assert 'lang="pl"' in response.content.decode()
    assert "There is no survey at this address" not in response.content.decode()


def test_a_closed_survey_says_so_in_the_respondents_language(client, survey):
    survey_close(survey=survey)

    english = client.get(url_of(survey), HTTP_ACCEPT_LANGUAGE="en")
    dutch = Client().post(url_of(survey), form_data(survey), HTTP_ACCEPT_LANGUAGE="nl")

    assert english.status_code == 410 and "This survey is closed" in english.content.decode()
    assert dutch.status_code == 410 and 'lang="nl"' in dutch.content.decode()
    assert "This survey is closed" not in dutch.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_flood_from_one_address_is_slowed_and_another_address_is_not(survey, settings):
    settings.SURVEY_ANSWERS_PER_ADDRESS = 3
    flooding = [Client(REMOTE_ADDR="198.51.100.7") for _ in range(4)]
    statuses = [phone.post(url_of(survey), form_data(survey)).status_code for phone in flooding]

    assert statuses == [302, 302, 302, 429]
    refused = Client(REMOTE_ADDR="198.51.100.7").post(url_of(survey), form_data(survey))
    assert "Too many answers have come from this connection" in refused.content.decode()
    assert Client(REMOTE_ADDR="198.51.100.8").post(url_of(survey), form_data(survey)).status_code == 302
    assert SurveyResponse.objects.count() == 4


def test_a_flood_into_one_survey_from_many_addresses_is_slowed(survey, settings):
    settings.SURVEY_ANSWERS_PER_SURVEY = 2
    statuses = [
        Client(REMOTE_ADDR=f"198.51.100.{number}").post(url_of(survey), form_data(survey)).status_code
        for number in range(3)
    ]
    assert statuses == [302, 302, 429]


def test_the_code_opens_the_survey_however_it_is_typed(client, survey):
    typed = f" {survey.code[:4].lower()}-{survey.code[4:]} "
    response = client.post(reverse("survey_enter"), {"code": typed})
    assert response.status_code == 302 and response["Location"] == url_of(survey)


def test_a_wrong_code_is_said_next_to_the_field_and_kept(client, survey):
    response = client.post(reverse("survey_enter"), {"code": "ZZZZ-9999"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    content = response.content.decode()
    assert "No survey has this code." in content and 'value="ZZZZ-9999"' in content


def test_guessing_codes_is_slowed(client, survey):
    for _ in range(CODE_TRIES_PER_ADDRESS):
        client.post(reverse("survey_enter"), {"code": "ZZZZ-9999"})
    assert client.post(reverse("survey_enter"), {"code": survey.code}).status_code == 429


def test_an_answer_without_the_forms_csrf_token_is_refused(survey):
    phone = Client(enforce_csrf_checks=True)
    assert phone.post(url_of(survey), form_data(survey)).status_code == 403
    assert not SurveyResponse.objects.exists()


def test_the_survey_pages_keep_the_content_security_policy(client, survey):
    response = client.get(url_of(survey))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "form-action 'self'" in policy
    assert "<script>" not in response.content.decode()


def test_the_respondents_address_and_browser_are_written_nowhere(survey):
    phone = Client(REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="Agent-of-a-pupil/7.3")
    phone.get(url_of(survey))
    assert phone.post(url_of(survey), form_data(survey, comment="Super.")).status_code == 302

    written = [
        (model.__name__, row)
        for model in apps.get_models()
        for row in model._default_manager.values_list()
        if "203.0.113.77" in str(row) or "Agent-of-a-pupil" in str(row)
    ]
    assert written == []
    assert SurveyResponse.objects.count() == 1
