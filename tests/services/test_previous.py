"""Starting a self-assessment from the school's previous one: everything comes across, marked
for re-checking, files are shared rather than stored twice, and the checklist names what is
still to check."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from assessment.models import Call, Evidence
from assessment.services.assessments import action_change, assessment_start, esafety_save, response_save
from assessment.services.evidence import evidence_confirm, evidence_remove
from assessment.submission import submission_problems


@pytest.fixture
def later_call(submitted, framework, today) -> Call:
    return Call.objects.create(
        name="Next call",
        opens_on=submitted.call.opens_on + datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=90),
        framework=framework,
    )


@pytest.fixture
def copy(submitted, school_a, later_call, leader, today):
    return assessment_start(school=school_a, call=later_call, user=leader, today=today, copy_previous=True)


def messages(assessment, today):
    return [problem.message for problem in submission_problems(assessment, today=today)]


def test_the_answers_come_across_to_re_check_and_a_save_checks_one(copy, leader):
    copied = copy.responses.get(statement__code="2.1")
    assert (copied.level, copied.justification, copied.needs_recheck) == ("3", "We do this every term.", True)
    saved = response_save(
        assessment=copy,
        statement=copied.statement,
        user=leader,
        level="4",
        justification="Checked.",
        version=0,
    )
    assert saved.needs_recheck is False


def test_the_esafety_answer_comes_across_to_re_check(copy, today):
    assert (copy.esafety_answer, copy.esafety_needs_recheck) == ("in_place", True)
    assert "Check the eSafety answer copied from your previous self-assessment, then save it." in messages(
        copy, today
    )
    esafety_save(assessment=copy, answer="in_place", comment="Reviewed by the board in September.")
    copy.refresh_from_db()
    assert copy.esafety_needs_recheck is False
    assert not any("eSafety answer" in message for message in messages(copy, today))


def test_the_action_plan_comes_across_with_each_step_to_review(copy, submitted, leader, today):
    assert copy.actions.count() == submitted.actions.count() == 5
    step = copy.actions.get(principle__code="3")
    assert (step.action, step.owner, step.needs_recheck, step.created_by) == (
        "Open our lessons to a neighbouring school.",
        "Deputy head",
        True,
        leader,
    )
    assert f"{step.principle.short_title}: 1 copied action is not checked yet." in messages(copy, today)
    action_change(
        action=step,
        text="Students run the school's eTwinning club.",
        owner="Student council",
        due_on=today + datetime.timedelta(days=300),
        success_indicator="Ten meetings a year.",
    )
    step.refresh_from_db()
    assert (step.action, step.needs_recheck) == ("Students run the school's eTwinning club.", False)
    assert sum("copied action" in message for message in messages(copy, today)) == 4
    assert not submitted.actions.filter(action__startswith="Students run").exists()


def test_the_evidence_comes_across_naming_the_same_stored_file(copy, submitted, evidence_folder, today):
    [original] = submitted.evidence.all()
    [item] = copy.evidence.all()
    assert item.pk != original.pk
    assert (item.file.name, item.sha256, item.size, item.original_name) == (
        original.file.name,
        original.sha256,
        original.size,
        original.original_name,
    )
    assert (item.supports_esafety, item.needs_recheck, item.added_by) == (True, True, original.added_by)
    assert sorted(item.statements.values_list("code", flat=True)) == sorted(
        original.statements.values_list("code", flat=True)
    )
    assert item.file.read() == b"Plan of the year, agreed by the staff."
    stored = [path for path in evidence_folder.rglob("*") if path.is_file()]
    assert len(stored) == 1, "the file is not stored a second time"
    problems = messages(copy, today)
    assert "eSafety policy: 1 copied piece of evidence is not checked yet." in problems
    assert sum("1 copied piece of evidence is not checked yet." in message for message in problems) == 6
    evidence_confirm(evidence=item)
    assert not any("copied piece of evidence" in message for message in messages(copy, today))


def test_a_copy_can_be_removed_without_taking_the_file_from_the_earlier_self_assessment(
    copy, submitted, django_capture_on_commit_callbacks
):
    [original] = submitted.evidence.all()
    [item] = copy.evidence.all()
    with django_capture_on_commit_callbacks(execute=True):
        evidence_remove(evidence=item)
    assert original.file.storage.exists(original.file.name)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        evidence_remove(evidence=original)
    assert not original.file.storage.exists(original.file.name)


def test_only_the_evidence_that_still_supports_something_comes_across(
    submitted, school_a, later_call, leader, today
):
    Evidence.objects.create(
        assessment=submitted, kind=Evidence.Kind.LINK, url="https://example.org/", title="Loose"
    )
    copy = assessment_start(school=school_a, call=later_call, user=leader, today=today, copy_previous=True)
    assert list(copy.evidence.values_list("title", flat=True)) == ["plan.txt"]


def test_a_fresh_start_copies_nothing(submitted, school_a, later_call, leader, today):
    fresh = assessment_start(school=school_a, call=later_call, user=leader, today=today)
    assert fresh.esafety_answer == ""
    assert not fresh.actions.exists() and not fresh.evidence.exists()
    assert not fresh.responses.exclude(level="").exists()


def test_a_complete_copy_can_be_submitted_once_everything_is_checked(copy, leader, today):
    for response in copy.responses.select_related("statement"):
        response_save(
            assessment=copy,
            statement=response.statement,
            user=leader,
            level=response.level,
            justification=response.justification,
            version=response.version,
        )
    esafety_save(assessment=copy, answer="in_place", comment="")
    for step in copy.actions.all():
        action_change(
            action=step,
            text=step.action,
            owner=step.owner,
            due_on=step.due_on,
            success_indicator=step.success_indicator,
        )
    for item in copy.evidence.all():
        evidence_confirm(evidence=item)
    assert messages(copy, today) == []


def test_copying_runs_the_same_number_of_queries_for_a_bigger_self_assessment(
    submitted, school_a, later_call, framework, leader, today
):
    def queries_to_copy(call):
        with CaptureQueriesContext(connection) as context:
            assessment_start(school=school_a, call=call, user=leader, today=today, copy_previous=True)
        return len(context.captured_queries)

    small = queries_to_copy(later_call)
    for number in range(6):
        link = Evidence.objects.create(
            assessment=submitted,
            kind=Evidence.Kind.LINK,
            url=f"https://example.org/{number}",
            title=f"{number}",
        )
        link.statements.add(*submitted.responses.values_list("statement_id", flat=True)[:3])
        step = submitted.actions.first()
        step.pk = None
        step.save()
    third = Call.objects.create(
        name="Third call",
        opens_on=later_call.opens_on,
        closes_on=later_call.closes_on,
        framework=framework,
    )
    later_call.assessments.all().delete()
    assert queries_to_copy(third) == small


def test_what_was_written_about_evidence_for_a_statement_comes_across(
    submitted, school_a, later_call, leader, today
):
    [item] = submitted.evidence.all()
    item.uses.filter(statement__code="3.2").update(title="Student council minutes", description="March")
    copy = assessment_start(school=school_a, call=later_call, user=leader, today=today, copy_previous=True)
    use = copy.evidence.get().uses.get(statement__code="3.2")
    assert (use.title, use.description) == ("Student council minutes", "March")
