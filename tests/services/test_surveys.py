import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from assessment.models import (
    Survey,
    SurveyAnswer,
    SurveyComment,
    SurveyDevice,
    SurveyResponse,
)
from assessment.selectors.surveys import survey_questions, survey_statements, surveys_of
from assessment.services.surveys import (
    AlreadyAnswered,
    SurveyClosed,
    device_digest,
    survey_accepts_answers,
    survey_answer,
    survey_answered,
    survey_close,
    survey_open,
)
from tests.survey_helpers import answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(assessment, leader) -> Survey:
    return survey_open(assessment=assessment, group="students", language="pl", user=leader)


def levels_for(survey: Survey, level: str = "2") -> dict[int, str]:
    return {item.pk: level for item in survey_statements(survey)}


def test_opening_a_survey_gives_it_an_unguessable_link_and_a_short_code(survey):
    assert len(survey.token) >= 32
    assert len(survey.code) == 8 and survey.code.isalnum() and survey.code.isupper()
    assert not set(survey.code) & set("01OI")
    assert survey.display_code == f"{survey.code[:4]}-{survey.code[4:]}"


def test_each_survey_has_a_link_and_code_of_its_own(assessment, leader, survey):
    staff = survey_open(assessment=assessment, group="staff", language="en", user=leader)
    assert staff.token != survey.token and staff.code != survey.code


def test_the_students_questionnaire_covers_every_principle(survey):
    assert {item.statement.principle.code for item in survey_statements(survey)} == {"1", "2", "3", "4", "5"}
    assert [question.principle.code for question in survey_questions(survey)] == ["1", "2", "3", "4", "5"]


def test_closing_and_reopening_keeps_the_answers_and_the_link(survey, leader):
    answer(survey, count=2)
    closed = survey_close(survey=survey)
    assert not survey_accepts_answers(closed)
    with pytest.raises(SurveyClosed):
        survey_answer(survey=closed, levels=levels_for(closed), comments={}, device="late")

    reopened = survey_open(assessment=survey.assessment, group="students", language="en", user=leader)

    assert reopened.pk == survey.pk and reopened.token == survey.token
    assert survey_accepts_answers(reopened)
    assert surveys_of(survey.assessment)[0].answered == 2


def test_closing_the_call_closes_the_survey(survey, call):
    call.closes_on = datetime.date.today() - datetime.timedelta(days=1)
    call.save()
    survey.refresh_from_db()
    assert survey.is_open and not survey_accepts_answers(survey)
    with pytest.raises(SurveyClosed):
        survey_answer(survey=survey, levels=levels_for(survey), comments={}, device="late")


def test_no_survey_opens_once_the_call_has_closed(assessment, call, leader):
    call.closes_on = datetime.date.today() - datetime.timedelta(days=1)
    call.save()
    with pytest.raises(ValidationError, match="call has closed"):
        survey_open(assessment=assessment, group="parents", language="en", user=leader)


def test_a_survey_stays_open_after_submission(submitted, leader):
    survey = survey_open(assessment=submitted, group="staff", language="en", user=leader)
    answer(survey, count=1)
    assert survey_accepts_answers(survey)


def test_an_answer_to_a_statement_of_another_group_is_refused(assessment, leader, survey):
    staff = survey_open(assessment=assessment, group="staff", language="en", user=leader)
    foreign = levels_for(survey) | {survey_statements(staff)[0].pk: "3"}
    with pytest.raises(ValidationError, match="not in this survey"):
        survey_answer(survey=survey, levels=foreign, comments={}, device="x")
    assert not SurveyResponse.objects.exists()


def test_every_statement_needs_an_answer(survey):
    levels = levels_for(survey)
    levels.popitem()
    with pytest.raises(ValidationError, match="every statement"):
        survey_answer(survey=survey, levels=levels, comments={}, device="x")


def test_a_level_outside_the_scale_is_refused(survey):
    levels = levels_for(survey) | {survey_statements(survey)[0].pk: "na"}
    with pytest.raises(ValidationError, match="levels of the scale"):
        survey_answer(survey=survey, levels=levels, comments={}, device="x")


def test_an_overlong_comment_is_refused(survey):
    question = survey_questions(survey)[0]
    with pytest.raises(ValidationError, match="2000"):
        survey_answer(
            survey=survey, levels=levels_for(survey), comments={question.pk: "x" * 2001}, device="x"
        )


def test_a_device_answers_once(survey):
    survey_answer(survey=survey, levels=levels_for(survey), comments={}, device="same")
    with pytest.raises(AlreadyAnswered):
        survey_answer(survey=survey, levels=levels_for(survey, "4"), comments={}, device="same")
    assert SurveyResponse.objects.count() == 1
    assert set(SurveyAnswer.objects.values_list("level", flat=True)) == {"2"}
    assert survey_answered(survey, "same") and not survey_answered(survey, "other")


def test_the_same_device_may_answer_another_survey(assessment, leader, survey):
    staff = survey_open(assessment=assessment, group="staff", language="en", user=leader)
    survey_answer(survey=survey, levels=levels_for(survey), comments={}, device="shared")
    survey_answer(survey=staff, levels=levels_for(staff), comments={}, device="shared")
    assert SurveyResponse.objects.count() == 2


def test_blank_comments_are_not_kept(survey):
    first, second = survey_questions(survey)[:2]
    survey_answer(
        survey=survey,
        levels=levels_for(survey),
        comments={first.pk: "  Więcej wycieczek. ", second.pk: "  "},
        device="x",
    )
    assert list(SurveyComment.objects.values_list("text", flat=True)) == ["Więcej wycieczek."]


def survey_columns() -> dict[str, set[str]]:
    tables = {
        model._meta.db_table: model for model in (SurveyResponse, SurveyAnswer, SurveyComment, SurveyDevice)
    }
    with connection.cursor() as cursor:
        return {
            table: {column.name for column in connection.introspection.get_table_description(cursor, table)}
            for table in tables
        }


def test_nothing_that_identifies_a_respondent_is_written(survey):
    survey_answer(
        survey=survey,
        levels=levels_for(survey),
        comments={survey_questions(survey)[0].pk: "Fajne projekty."},
        device="device-secret-value",
    )

    assert survey_columns() == {
        "assessment_surveyresponse": {"id", "survey_id"},
        "assessment_surveyanswer": {"id", "level", "item_id", "response_id"},
        "assessment_surveycomment": {"id", "text", "question_id", "response_id"},
        "assessment_surveydevice": {"id", "digest", "survey_id"},
    }
    # The device is kept only as a keyed hash, and nothing links it to the answers.
    [digest] = SurveyDevice.objects.values_list("digest", flat=True)
    assert digest == device_digest(survey, "device-secret-value")
    assert "device-secret-value" not in digest
