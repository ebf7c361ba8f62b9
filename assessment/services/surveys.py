"""Writes of the school's surveys: opening, closing and reopening one, and taking in an answer.

Nothing written here tells who answered: a response holds its answers and comments only, and
the device's cookie is kept as a keyed hash, apart from the answers, just to refuse a second
answer from the same device.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from assessment.models import (
    Assessment,
    Survey,
    SurveyAnswer,
    SurveyComment,
    SurveyDevice,
    SurveyResponse,
    SurveyStatement,
    User,
)
from assessment.selectors.surveys import survey_questions, survey_statements

# No 0 and O, no 1 and I: a code read out to a class is typed without a doubt.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
COMMENT_MAX_LENGTH = 2000


class SurveyClosed(ValidationError):
    """The survey takes no answers: the school closed it, or its call has closed."""


class AlreadyAnswered(ValidationError):
    """This device has answered the survey already."""


def survey_accepts_answers(survey: Survey) -> bool:
    """Open, and its call not closed: closing the call closes every survey of it."""
    return survey.is_open and timezone.localdate() <= survey.assessment.call.closes_on


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@transaction.atomic
def survey_open(*, assessment: Assessment, group: str, language: str, user: User) -> Survey:
    """Open the group's survey, or reopen it (with its answers so far) when it exists."""
    if timezone.localdate() > assessment.call.closes_on:
        raise ValidationError(_("The call has closed, so its surveys can no longer be opened."))
    if not SurveyStatement.objects.filter(
        statement__principle__framework_id=assessment.call.framework_id, group=group
    ).exists():
        raise ValidationError({"group": _("The framework has no questionnaire for this group.")})
    survey = Survey.objects.select_for_update().filter(assessment=assessment, group=group).first()
    if survey is None:
        survey = Survey(
            assessment=assessment,
            group=group,
            token=secrets.token_urlsafe(24),
            code=_new_code(),
            opened_by=user,
        )
    survey.language = language
    survey.is_open = True
    survey.opened_at = timezone.now()
    survey.closed_at = None
    survey.full_clean()
    survey.save()
    return survey


@transaction.atomic
def survey_close(*, survey: Survey) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.is_open:
        survey.is_open = False
        survey.closed_at = timezone.now()
        survey.save(update_fields=["is_open", "closed_at"])
    return survey


def device_digest(survey: Survey, device: str) -> str:
    """The device's cookie for this survey, as kept: keyed, so it cannot be matched elsewhere."""
    return salted_hmac("assessment.survey.device", f"{survey.pk}:{device}", algorithm="sha256").hexdigest()


def survey_answered(survey: Survey, device: str) -> bool:
    return (
        bool(device)
        and SurveyDevice.objects.filter(survey=survey, digest=device_digest(survey, device)).exists()
    )


@transaction.atomic
def survey_answer(
    *, survey: Survey, levels: dict[int, str], comments: dict[int, str], device: str
) -> SurveyResponse:
    """Keep one respondent's answers: a level (or "I don't know") for every statement of the
    survey, keyed by the survey statement's id, and the open questions answered, by id."""
    if not survey_accepts_answers(survey):
        raise SurveyClosed(_("This survey is closed and takes no more answers."))
    statements = {item.pk for item in survey_statements(survey)}
    questions = {question.pk for question in survey_questions(survey)}
    if set(levels) - statements or set(comments) - questions:
        raise ValidationError(_("An answer was given to a statement that is not in this survey."))
    if set(levels) != statements:
        raise ValidationError(_("Choose an answer for every statement."))
    if any(level not in SurveyAnswer.Level.values for level in levels.values()):
        raise ValidationError(_("An answer is not one of the levels of the scale."))
    if any(len(text) > COMMENT_MAX_LENGTH for text in comments.values()):
        raise ValidationError(
            _("An answer to a question can be up to %(count)s characters long.")
            % {"count": COMMENT_MAX_LENGTH}
        )
    try:
        with transaction.atomic():
            SurveyDevice.objects.create(survey=survey, digest=device_digest(survey, device))
    except IntegrityError:
        raise AlreadyAnswered(_("This survey has already been answered on this device. Thank you!")) from None
    response = SurveyResponse.objects.create(survey=survey)
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(response=response, item_id=item, level=level) for item, level in sorted(levels.items())
    )
    SurveyComment.objects.bulk_create(
        SurveyComment(response=response, question_id=question, text=text.strip())
        for question, text in sorted(comments.items())
        if text.strip()
    )
    return response
