"""Writes of the self-assessment: opening it, answering, planning, submitting."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.models import (
    ActionItem,
    Assessment,
    Call,
    Principle,
    Response,
    School,
    Statement,
    StatusChange,
    User,
)
from assessment.services.notifications import status_change_notify
from assessment.services.previous import previous_copy, previous_of
from assessment.snapshot import snapshot_build
from assessment.submission import Problem, submission_problems
from assessment.tasks import report_prepare


class NoLongerEditable(ValidationError):
    """The assessment left the draft stage (it was submitted) while someone was still editing."""


class AlreadySubmitted(ValidationError):
    """A second submission of the same draft, as a double click sends: the first one stands."""


class SubmissionBlocked(ValidationError):
    """Something on the checklist is missing; `problems` says what, each with its link."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__([problem.message for problem in problems])
        self.problems = problems


class EditConflict(Exception):
    """Someone else saved the statement since the editor loaded it."""

    def __init__(self, current: Response) -> None:
        super().__init__(f"Response {current.pk} is at version {current.version}.")
        self.current = current


def status_change_log(
    *, assessment: Assessment, actor: User, to_status: str, comment: str = ""
) -> StatusChange:
    """Move the assessment to a new status, log who did it, and tell the people concerned."""
    change = StatusChange.objects.create(
        assessment=assessment,
        actor=actor,
        from_status=assessment.status,
        to_status=to_status,
        comment=comment,
    )
    assessment.status = to_status
    transaction.on_commit(lambda: status_change_notify(change_id=change.pk), robust=True)
    return change


@transaction.atomic
def assessment_start(
    *, school: School, call: Call, user: User, today: datetime.date, copy_previous: bool = False
) -> Assessment:
    """Open the school's self-assessment for a call, with an answer for every statement: empty,
    or with everything copied from the school's previous self-assessment, marked for re-checking."""
    existing = Assessment.objects.filter(school=school, call=call).first()
    if existing:
        return existing
    if not call.is_open_on(today):
        raise ValidationError(_("This call is not open."))
    assessment = Assessment.objects.create(school=school, call=call)
    statements = Statement.objects.filter(principle__framework_id=call.framework_id)
    Response.objects.bulk_create(
        Response(assessment=assessment, statement=statement) for statement in statements
    )
    previous = previous_of(assessment) if copy_previous else None
    if previous is not None:
        previous_copy(assessment=assessment, previous=previous, user=user)
    StatusChange.objects.create(assessment=assessment, actor=user, to_status=Assessment.Status.DRAFT)
    return assessment


@transaction.atomic
def response_save(
    *, assessment: Assessment, statement: Statement, user: User, level: str, justification: str, version: int
) -> Response:
    """Save an answer if nobody else saved it since `version`; otherwise raise EditConflict.

    The assessment row is locked first, so the saves of one assessment and its submission
    take turns: no answer changes after the snapshot, and of two saves made from the same
    version exactly one succeeds. (Filtering the UPDATE through the assessment's status
    would put the version check in a subquery that PostgreSQL does not re-check after
    waiting for the row, letting both through.)
    """
    status = (
        Assessment.objects.select_for_update().filter(pk=assessment.pk).values_list("status", flat=True).get()
    )
    if status not in Assessment.EDITABLE:
        raise NoLongerEditable(_("This self-assessment can no longer be changed."))
    saved = Response.objects.filter(assessment=assessment, statement=statement, version=version).update(
        level=level,
        justification=justification,
        updated_by=user,
        updated_at=timezone.now(),
        version=F("version") + 1,
        needs_recheck=False,
    )
    current = Response.objects.select_related("updated_by").get(assessment=assessment, statement=statement)
    if not saved:
        raise EditConflict(current)
    return current


@transaction.atomic
def esafety_save(*, assessment: Assessment, answer: str, comment: str) -> Assessment:
    assessment.esafety_answer = answer
    assessment.esafety_comment = comment
    assessment.esafety_needs_recheck = False
    assessment.full_clean(exclude=["snapshot"])
    assessment.save(update_fields=["esafety_answer", "esafety_comment", "esafety_needs_recheck"])
    return assessment


@transaction.atomic
def action_add(
    *,
    assessment: Assessment,
    principle: Principle,
    user: User,
    action: str,
    owner: str,
    due_on: datetime.date,
    success_indicator: str,
) -> ActionItem:
    item = ActionItem(
        assessment=assessment,
        principle=principle,
        action=action,
        owner=owner,
        due_on=due_on,
        success_indicator=success_indicator,
        created_by=user,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def action_change(
    *, action: ActionItem, text: str, owner: str, due_on: datetime.date, success_indicator: str
) -> ActionItem:
    """Save a step as the leader wrote it again; a copied step counts as reviewed from now on."""
    action.action, action.owner, action.due_on = text, owner, due_on
    action.success_indicator = success_indicator
    action.needs_recheck = False
    action.full_clean()
    action.save(update_fields=["action", "owner", "due_on", "success_indicator", "needs_recheck"])
    return action


@transaction.atomic
def action_remove(*, action: ActionItem) -> None:
    action.delete()


@transaction.atomic
def assessment_submit(
    *, assessment: Assessment, user: User, declaration_accepted: bool, today: datetime.date
) -> Assessment:
    """Submit for the label: check everything, sign, freeze a snapshot, log and notify.

    The row is locked first so that a concurrent submission waits and then finds the
    assessment already submitted.
    """
    assessment = (
        Assessment.objects.select_for_update()
        .select_related("school__country", "call__framework")
        .get(pk=assessment.pk)
    )
    if not assessment.is_draft:
        raise AlreadySubmitted(_("This self-assessment has already been submitted."))
    problems = submission_problems(assessment, today=today, declaration_accepted=declaration_accepted)
    if problems:
        raise SubmissionBlocked(problems)
    now = timezone.now()
    # A resubmission after a return awaits a new decision.
    assessment.decided_at, assessment.decided_by, assessment.decision_comment = None, None, ""
    assessment.declaration_name = user.get_full_name() or user.username
    assessment.declaration_at = now
    assessment.submitted_at = now
    status_change_log(assessment=assessment, actor=user, to_status=Assessment.Status.SUBMITTED)
    snapshot = snapshot_build(assessment)
    assessment.snapshot = snapshot.to_json()
    # The figures national lists filter, sort and average on, as the snapshot adds them up.
    assessment.overall_score = snapshot.overall_score
    assessment.principle_scores = snapshot.principle_scores
    assessment.evidence_coverage = snapshot.evidence_coverage
    assessment.band = snapshot.band
    assessment.save(
        update_fields=[
            "status",
            "declaration_name",
            "declaration_at",
            "submitted_at",
            "snapshot",
            "overall_score",
            "principle_scores",
            "evidence_coverage",
            "band",
            "decided_at",
            "decided_by",
            "decision_comment",
        ]
    )
    # The report in the leader's language is ready before anyone asks for it.
    transaction.on_commit(lambda: report_prepare.enqueue(assessment.pk, user.preferred_language), robust=True)
    return assessment
