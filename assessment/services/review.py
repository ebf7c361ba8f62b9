"""Writes of the national review: opening a submission, feedback, notes and decisions."""

import datetime
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.dates import day_text, years_later
from assessment.models import (
    Assessment,
    InternalNote,
    Principle,
    PrincipleFeedback,
    ReturnedSubmission,
    User,
)
from assessment.services.assessments import status_change_log
from assessment.services.credentials import credential_issue_on_award, credential_reissue


class AlreadyDecided(ValidationError):
    """The submission is no longer awaiting a decision: one was recorded (a double click, or
    another coordinator at the same moment)."""


class Decision(StrEnum):
    RETURN = "return"
    AWARD = "award"
    DECLINE = "decline"


OUTCOME = {
    Decision.RETURN: Assessment.Status.RETURNED,
    Decision.AWARD: Assessment.Status.AWARDED,
    Decision.DECLINE: Assessment.Status.NOT_AWARDED,
}
# Returning or declining must tell the school why; an award may speak for itself.
COMMENT_REQUIRED = {Decision.RETURN, Decision.DECLINE}
# An award or a decline is final, so the coordinator confirms it first; a return is not (the
# school resubmits and the review goes on), so it is recorded at once.
CONFIRMATION_REQUIRED = {Decision.AWARD, Decision.DECLINE}
AWAITING_DECISION = {Assessment.Status.SUBMITTED, Assessment.Status.IN_REVIEW}


@transaction.atomic
def review_open(*, assessment: Assessment, coordinator: User) -> Assessment:
    """A coordinator opening a submitted assessment moves it to "in review"."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status == Assessment.Status.SUBMITTED:
        status_change_log(assessment=assessment, actor=coordinator, to_status=Assessment.Status.IN_REVIEW)
        assessment.save(update_fields=["status"])
    return assessment


@transaction.atomic
def feedback_save(
    *, assessment: Assessment, principle: Principle, user: User, agreement: str, comment: str
) -> PrincipleFeedback:
    feedback, _created = PrincipleFeedback.objects.update_or_create(
        assessment=assessment,
        principle=principle,
        defaults={"agreement": agreement, "comment": comment, "updated_by": user},
    )
    return feedback


@transaction.atomic
def note_add(*, assessment: Assessment, user: User, text: str) -> InternalNote:
    note = InternalNote(assessment=assessment, author=user, text=text)
    note.full_clean()
    note.save()
    return note


def decision_check(*, decision: Decision, comment: str) -> str:
    """The comment as it will be recorded, or a ValidationError naming what the decision lacks;
    checked before the coordinator is asked to confirm, and again when it is made."""
    comment = comment.strip()
    if decision in COMMENT_REQUIRED and not comment:
        raise ValidationError({"comment": _("Tell the school why: a comment is required for this decision.")})
    return comment


@transaction.atomic
def decision_make(
    *, assessment: Assessment, user: User, decision: Decision, comment: str, today: datetime.date
) -> Assessment:
    """Return the submission for changes, award the label, or decline it; log and notify."""
    assessment = Assessment.objects.select_for_update().select_related("call").get(pk=assessment.pk)
    if assessment.status not in AWAITING_DECISION:
        raise AlreadyDecided(_("This self-assessment is not awaiting a decision."))
    comment = decision_check(decision=decision, comment=comment)
    if decision == Decision.RETURN and assessment.snapshot:
        # The school's next submission replaces the snapshot: keep this one to compare with.
        ReturnedSubmission.objects.create(
            assessment=assessment, submitted_at=assessment.submitted_at, snapshot=assessment.snapshot
        )
    assessment.decided_at = timezone.now()
    assessment.decided_by = user
    assessment.decision_comment = comment
    assessment.label_valid_until = (
        years_later(today, assessment.call.label_validity_years) if decision == Decision.AWARD else None
    )
    status_change_log(assessment=assessment, actor=user, to_status=OUTCOME[decision], comment=comment)
    assessment.save(
        update_fields=["status", "decided_at", "decided_by", "decision_comment", "label_valid_until"]
    )
    if decision == Decision.AWARD:
        credential_issue_on_award(assessment=assessment, today=today)
    return assessment


@transaction.atomic
def label_validity_change(*, assessment: Assessment, user: User, valid_until: datetime.date) -> Assessment:
    """An administrator corrects until when an awarded label is valid: logged like a decision
    (with the old and new dates) and told to the school."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != Assessment.Status.AWARDED:
        raise ValidationError({"label_valid_until": _("Only an awarded label has a validity.")})
    previous = assessment.label_valid_until
    if valid_until == previous:
        return assessment
    assessment.label_valid_until = valid_until
    comment = _("The label's validity was changed from %(previous)s to %(date)s.") % {
        "previous": day_text(previous) if previous else "–",
        "date": day_text(valid_until),
    }
    status_change_log(assessment=assessment, actor=user, to_status=assessment.status, comment=comment)
    assessment.save(update_fields=["label_valid_until"])
    credential_reissue(assessment=assessment, user=user)
    return assessment
