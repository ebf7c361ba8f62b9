"""Reads of the school's surveys: the surveys and their counts, their questionnaires, the
comments the leader reads, and a survey named by its link or its code."""

from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, QuerySet

from assessment.models import Assessment, Survey, SurveyComment, SurveyQuestion, SurveyStatement
from assessment.snapshot.records import survey_shown

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _Answered(TypedDict):
    answered: int


type CountedSurvey = "WithAnnotations[Survey, _Answered]"


def surveys_of(assessment: Assessment) -> list[CountedSurvey]:
    """The assessment's surveys, each with `answered`: how many people have answered it."""
    return list(
        Survey.objects.filter(assessment=assessment)
        .select_related("assessment__call")
        .annotate(answered=Count("responses"))
        .order_by("group")
    )


def survey_by(*, token: str = "", code: str = "") -> Survey | None:
    """The survey of this link or this code, or None: a respondent needs no account."""
    surveys: QuerySet[Survey] = Survey.objects.select_related("assessment__school", "assessment__call")
    if token:
        return surveys.filter(token=token).first()
    return surveys.filter(code=code).first() if code else None


def survey_statements(survey: Survey) -> list[SurveyStatement]:
    """The statements the survey's group answers, in the framework's order."""
    return list(
        SurveyStatement.objects.filter(
            statement__principle__framework_id=survey.assessment.call.framework_id, group=survey.group
        )
        .select_related("statement__principle")
        .order_by("statement__principle__order", "order")
    )


def survey_questions(survey: Survey) -> list[SurveyQuestion]:
    return list(
        SurveyQuestion.objects.filter(
            principle__framework_id=survey.assessment.call.framework_id, group=survey.group
        )
        .select_related("principle")
        .order_by("principle__order")
    )


def survey_comments(surveys: list[CountedSurvey]) -> dict[str, list[tuple[SurveyQuestion, list[str]]]]:
    """{group: [(question, its answers)]} for the groups large enough to be shown; a smaller
    group's comments stay unread, like the rest of its answers."""
    shown = [survey.pk for survey in surveys if survey_shown(survey.answered)]
    by_group: dict[str, dict[int, tuple[SurveyQuestion, list[str]]]] = {}
    comments = (
        SurveyComment.objects.filter(response__survey_id__in=shown)
        .select_related("question__principle", "response__survey")
        .order_by("question__principle__order", "pk")
    )
    for comment in comments:
        questions = by_group.setdefault(comment.response.survey.group, {})
        questions.setdefault(comment.question_id, (comment.question, []))[1].append(comment.text)
    return {group: list(questions.values()) for group, questions in by_group.items()}
