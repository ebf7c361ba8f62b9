import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from assessment.dates import years_later
from assessment.models import Assessment, Principle
from assessment.services.assessments import assessment_submit, response_save
from assessment.services.review import (
    Decision,
    decision_make,
    feedback_save,
    note_add,
    review_open,
)
from assessment.snapshot import review_record


def decide(assessment, coordinator, decision, comment="", today=None):
    return decision_make(
        assessment=assessment,
        user=coordinator,
        decision=decision,
        comment=comment,
        today=today or datetime.date(2026, 11, 22),
    )


def test_opening_a_submission_moves_it_to_in_review_and_logs_it(submitted, coordinator):
    review_open(assessment=submitted, coordinator=coordinator)
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.IN_REVIEW
    change = submitted.status_changes.last()
    assert (change.actor, change.from_status, change.to_status) == (coordinator, "submitted", "in_review")


@pytest.mark.parametrize("decision", [Decision.RETURN, Decision.DECLINE])
def test_returning_or_declining_needs_a_comment(submitted, coordinator, decision):
    with pytest.raises(ValidationError) as error:
        decide(submitted, coordinator, decision, comment="   ")
    assert "comment" in error.value.message_dict
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SUBMITTED


def test_an_award_needs_no_comment_and_is_valid_for_the_calls_years(submitted, coordinator):
    awarded = decide(submitted, coordinator, Decision.AWARD, today=datetime.date(2026, 11, 22))
    assert awarded.status == Assessment.Status.AWARDED
    assert awarded.label_valid_until == datetime.date(2028, 11, 22)
    assert awarded.decided_by == coordinator


def test_a_label_awarded_on_29_february_ends_on_28_february():
    assert years_later(datetime.date(2028, 2, 29), 2) == datetime.date(2030, 2, 28)


def test_a_decided_assessment_cannot_be_decided_again(submitted, coordinator):
    decide(submitted, coordinator, Decision.AWARD)
    with pytest.raises(ValidationError, match="not awaiting a decision"):
        decide(submitted, coordinator, Decision.DECLINE, comment="Changed my mind")


def test_a_returned_assessment_keeps_its_answers_and_evidence_and_is_editable_again(
    submitted, coordinator, leader
):
    answers = list(submitted.responses.order_by("pk").values_list("level", "justification"))
    evidence = list(submitted.evidence.values_list("pk", flat=True))
    returned = decide(submitted, coordinator, Decision.RETURN, comment="Please add evidence for 4.5.")
    assert returned.is_draft and returned.status == Assessment.Status.RETURNED
    assert list(returned.responses.order_by("pk").values_list("level", "justification")) == answers
    assert list(returned.evidence.values_list("pk", flat=True)) == evidence
    response = returned.responses.select_related("statement").first()
    saved = response_save(
        assessment=returned,
        statement=response.statement,
        user=leader,
        level="4",
        justification="Added the mentoring report.",
        version=response.version,
    )
    assert saved.justification == "Added the mentoring report."


def test_a_returned_assessment_can_be_resubmitted_and_awaits_a_new_decision(
    submitted, coordinator, leader, today
):
    decide(submitted, coordinator, Decision.RETURN, comment="Please add evidence.")
    resubmitted = assessment_submit(assessment=submitted, user=leader, declaration_accepted=True, today=today)
    assert resubmitted.status == Assessment.Status.SUBMITTED
    assert (resubmitted.decided_at, resubmitted.decision_comment) == (None, "")
    assert [c.to_status for c in resubmitted.status_changes.all()][-3:] == [
        "submitted",
        "returned",
        "submitted",
    ]


def test_each_decision_is_emailed_to_the_members_in_their_language(
    submitted, coordinator, leader, teacher, django_capture_on_commit_callbacks
):
    teacher.preferred_language = "ro"
    teacher.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(submitted, coordinator, Decision.AWARD)
    recipients = {message.to[0]: message for message in mail.outbox}
    assert set(recipients) == {leader.email, teacher.email}
    with translation.override("ro"):
        subject = translation.gettext("%(school)s has been awarded the eTwinning School label") % {
            "school": submitted.school.name
        }
    assert recipients[teacher.email].subject == subject
    assert "2028" in recipients[teacher.email].body


@pytest.mark.parametrize(
    ("decision", "subject"),
    [
        (Decision.RETURN, "The self-assessment of %(school)s was returned for changes"),
        (Decision.DECLINE, "%(school)s has not been awarded the eTwinning School label"),
    ],
)
def test_each_decision_has_its_own_subject_written_as_a_sentence(
    submitted, coordinator, decision, subject, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(submitted, coordinator, decision, comment="See principle 3.")
    assert {message.subject for message in mail.outbox} == {subject % {"school": submitted.school.name}}


def test_feedback_and_notes_are_stored_and_notes_never_reach_the_review_record(submitted, coordinator):
    principle = Principle.objects.get(code="3")
    feedback_save(
        assessment=submitted,
        principle=principle,
        user=coordinator,
        agreement="partly",
        comment="More student voice.",
    )
    note_add(assessment=submitted, user=coordinator, text="Phone call with the head on Monday.")
    record = review_record(decide(submitted, coordinator, Decision.RETURN, comment="See principle 3."))
    assert record["principles"] == [
        {"principle": "3", "agreement": "partly", "comment": "More student voice."}
    ]
    assert "Phone call" not in str(record)
