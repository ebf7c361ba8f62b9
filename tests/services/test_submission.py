import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from assessment.models import Assessment, Statement
from assessment.services.assessments import assessment_submit
from assessment.snapshot import Snapshot
from assessment.submission import submission_problems
from tests.conftest import complete


def messages_of(problems) -> list[str]:
    return [problem.message for problem in problems]


def test_a_fresh_draft_lists_everything_that_is_missing_with_links(assessment, today):
    problems = submission_problems(assessment, today=today)
    texts = messages_of(problems)
    assert "Answer the eSafety policy question." in texts
    assert "Shared leadership: 6 statements are not rated yet." in texts
    assert "Inclusive and innovative learning organisation: plan at least one action." in texts
    assert all(problem.url for problem in problems)


def test_a_rating_without_justification_is_listed(assessment, leader, today):
    complete(assessment, user=leader, today=today)
    response = assessment.responses.get(statement__code="3.2")
    response.justification = ""
    response.save()
    assert messages_of(submission_problems(assessment, today=today)) == [
        "Students as agents of change: 1 rating has no justification."
    ]


def test_a_complete_draft_has_nothing_missing_but_the_declaration(assessment, leader, today):
    complete(assessment, user=leader, today=today)
    assert submission_problems(assessment, today=today) == []
    assert messages_of(submission_problems(assessment, today=today, declaration_accepted=False)) == [
        "Accept the declaration on honour."
    ]


def test_an_ineligible_school_cannot_submit(assessment, leader, today):
    complete(assessment, user=leader, today=today)
    assessment.school.active_teachers = 1
    assessment.school.save()
    assert messages_of(submission_problems(assessment, today=today)) == [
        "The school does not meet the call's eligibility conditions."
    ]


def test_a_closed_call_cannot_be_submitted_to(assessment, leader, today):
    complete(assessment, user=leader, today=today)
    assert messages_of(submission_problems(assessment, today=today + datetime.timedelta(days=61))) == [
        "The call is closed."
    ]


def test_submission_without_the_declaration_is_refused_and_changes_nothing(assessment, leader, today):
    complete(assessment, user=leader, today=today)
    with pytest.raises(ValidationError):
        assessment_submit(assessment=assessment, user=leader, declaration_accepted=False, today=today)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT
    assert assessment.snapshot is None


def test_submission_records_the_declaration_and_logs_the_change(submitted, leader):
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SUBMITTED
    assert submitted.declaration_name == leader.get_full_name()
    assert submitted.declaration_at is not None
    change = submitted.status_changes.last()
    assert (change.actor, change.from_status, change.to_status) == (leader, "draft", "submitted")


def test_the_snapshot_keeps_the_texts_shown_after_the_framework_changes(submitted):
    statement = Statement.objects.get(code="1.1")
    original = statement.text_pl
    statement.text_pl = "Zmieniony tekst."
    statement.save()
    submitted.refresh_from_db()
    snapshot = Snapshot.from_json(submitted.snapshot)
    frozen = snapshot.principles[0].statements[0]
    assert frozen.code == "1.1"
    assert frozen.text["pl"] == original
    assert frozen.level == "3" and frozen.justification == "We do this every term."
    assert snapshot.overall_score == pytest.approx(200 / 3)


def test_submission_emails_members_and_coordinators_each_in_their_language(
    assessment, leader, teacher, coordinator, coordinator_other, today, django_capture_on_commit_callbacks
):
    leader.preferred_language = "pl"
    leader.save()
    coordinator.preferred_language = "bg"
    coordinator.save()
    complete(assessment, user=leader, today=today)
    with django_capture_on_commit_callbacks(execute=True):
        assessment_submit(assessment=assessment, user=leader, declaration_accepted=True, today=today)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {leader.email, teacher.email, coordinator.email}
    for recipient, language in ((leader, "pl"), (coordinator, "bg"), (teacher, "en")):
        with translation.override(language):
            open_it = translation.gettext("Open it here:")
            subject = translation.gettext("%(school)s has submitted its self-assessment") % {
                "school": assessment.school.name
            }
        assert open_it in by_recipient[recipient.email].body
        assert by_recipient[recipient.email].subject == subject
    assert by_recipient[leader.email].body != by_recipient[teacher.email].body


def test_submission_stores_the_figures_national_lists_read(submitted):
    submitted.refresh_from_db()
    assert submitted.principle_scores == {code: pytest.approx(200 / 3) for code in "12345"}
    assert submitted.overall_score == pytest.approx(200 / 3)
    assert submitted.evidence_coverage == 1.0
    assert submitted.band == "approaching"
