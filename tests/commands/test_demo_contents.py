"""What seed_demo makes: one run, shared by this module's tests (each rolls back its own changes)."""

import pytest
from django.utils import timezone

from assessment.eligibility import school_eligibility
from assessment.models import Assessment, Call, CoordinatorAssignment, Membership, School, SurveyComment, User
from assessment.reports.surveys import survey_section
from assessment.selectors.surveys import surveys_of
from assessment.services.demo_data import CALL_NAME, PREVIOUS_CALL_NAME
from assessment.snapshot import snapshot_build
from tests.commands.test_seed_demo import seed

ACCOUNTS = ["admin", "leader", "teacher", "leader2", "leader3", "coordinator", "coordinator2"]

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(made_for_the_module) -> str:
    """What seed_demo printed, with the demo it made in the database, as `make run` seeds it."""
    return made_for_the_module(seed, DEBUG=True)


def test_seed_demo_creates_and_prints_one_account_per_role(demo, client):
    for username in ACCOUNTS:
        assert username in demo
        assert client.login(username=username, password="demo")
    assert User.objects.get(username="admin").is_superuser


def test_seed_demo_gives_each_account_its_role(demo):
    school_a = Membership.objects.get(user__username="leader").school
    assert Membership.objects.get(user__username="leader").role == Membership.Role.LEADER
    assert Membership.objects.get(user__username="teacher").school == school_a
    assert Membership.objects.get(user__username="teacher").role == Membership.Role.TEACHER
    school_b = Membership.objects.get(user__username="leader2").school
    assert school_b != school_a and school_b.country == school_a.country
    assert CoordinatorAssignment.objects.get(user__username="coordinator").country == school_a.country
    assert CoordinatorAssignment.objects.get(user__username="coordinator2").country != school_a.country


def test_seed_demo_gives_the_coordinators_reviews_at_every_stage(demo):
    statuses = set(Assessment.objects.values_list("status", flat=True))
    assert {"submitted", "in_review", "returned", "awarded", "not_awarded"} <= statuses
    awarded = Assessment.objects.filter(status=Assessment.Status.AWARDED, call__name=CALL_NAME).first()
    earlier = Assessment.objects.get(school=awarded.school, call__name=PREVIOUS_CALL_NAME)
    assert earlier.status == Assessment.Status.AWARDED and earlier.snapshot
    returned = Assessment.objects.get(status=Assessment.Status.RETURNED)
    assert returned.decision_comment
    country = Membership.objects.get(user__username="leader").school.country
    assert Assessment.objects.filter(school__country=country).exclude(status="draft").count() >= 9


def test_seed_demo_opens_a_call_with_a_draft_a_submission_and_schools_at_each_stage(demo, framework):
    today = timezone.localdate()
    call = Call.objects.get(name=CALL_NAME)
    assert call.is_open_on(today)
    draft = Assessment.objects.get(school__memberships__user__username="leader", call=call)
    to_check = draft.responses.filter(needs_recheck=True).count()
    assert draft.status == Assessment.Status.DRAFT
    # Started from its previous self-assessment, about half of it checked again.
    assert 0 < to_check < draft.responses.count()
    assert draft.esafety_needs_recheck and draft.actions.filter(needs_recheck=True).exists()
    assert (
        draft.evidence.filter(needs_recheck=True).exists()
        and draft.evidence.filter(needs_recheck=False).exists()
    )
    submitted = Assessment.objects.get(school__memberships__user__username="leader2", call=call)
    assert submitted.status == Assessment.Status.SUBMITTED
    assert submitted.snapshot["framework_version"] == framework.version
    not_started = School.objects.filter(assessments__isnull=True)
    eligible = sorted(school_eligibility(school=s, call=call, on=today).eligible for s in not_started)
    assert eligible == [False, True]


def test_seed_demo_attaches_a_pdf_a_png_and_a_link_it_made_itself(demo):
    submitted = Assessment.objects.get(school__memberships__user__username="leader2", call__name=CALL_NAME)
    kinds = {(item.kind, item.content_type) for item in submitted.evidence.all()}
    assert kinds == {("file", "application/pdf"), ("file", "image/png"), ("link", "")}
    assert all(item.sha256 for item in submitted.evidence.filter(kind="file"))


def test_the_demos_justifications_and_action_steps_differ_from_statement_to_statement_and_school_to_school(
    demo,
):
    from assessment.models import ActionItem, Response

    justifications = list(
        Response.objects.exclude(justification="").values_list("assessment_id", "justification")
    )
    per_assessment: dict[int, list[str]] = {}
    for assessment_id, text in justifications:
        per_assessment.setdefault(assessment_id, []).append(text)
    assert all(len(set(texts)) >= len(texts) * 0.8 for texts in per_assessment.values())
    assert len({text for _, text in justifications}) > 100
    assert ActionItem.objects.values("action").distinct().count() >= 10


def test_every_schools_evidence_files_are_its_own(demo):
    from assessment.models import Evidence

    files = Evidence.objects.filter(kind="file").values_list("assessment__school_id", "sha256")
    schools_per_file: dict[str, set[int]] = {}
    for school, sha256 in files:
        schools_per_file.setdefault(sha256, set()).add(school)
    assert all(len(schools) == 1 for schools in schools_per_file.values())


def test_the_demo_spreads_its_dates_over_the_call_and_awards_within_it(demo):
    call = Call.objects.get(name=CALL_NAME)
    submitted_on = {
        a.submitted_at.date() for a in Assessment.objects.filter(call=call).exclude(submitted_at=None)
    }
    assert len(submitted_on) >= 6
    assert all(call.opens_on <= day <= timezone.localdate() for day in submitted_on)
    for award in Assessment.objects.filter(status=Assessment.Status.AWARDED).select_related("call"):
        assert (
            award.call.opens_on <= award.decided_at.date() <= min(award.call.closes_on, timezone.localdate())
        )


def test_the_romanian_school_has_submitted_and_its_coordinator_is_reviewing_it(demo):
    romanian = Assessment.objects.get(school__country__code="RO", call__name=CALL_NAME)
    assert romanian.status == Assessment.Status.IN_REVIEW
    assert romanian.status_changes.filter(actor__username="coordinator2").exists()
    assert romanian.feedback.get().comment.startswith("Ziua porților deschise")


def test_a_school_returned_for_changes_has_resubmitted_with_its_changes(demo):
    from assessment.models import ReturnedSubmission

    [returned] = ReturnedSubmission.objects.filter(assessment__status=Assessment.Status.SUBMITTED)
    assert (
        returned.assessment.responses.filter(
            justification__startswith="After the coordinator's feedback"
        ).count()
        == 2
    )


def test_school_as_surveys_show_staff_and_students_and_keep_the_parents_hidden(demo):
    draft = Assessment.objects.get(school__memberships__user__username="leader", call__name=CALL_NAME)
    counts = {survey.group: survey.answered for survey in surveys_of(draft)}
    assert counts["staff"] >= 5 and counts["students"] >= 5 and 0 < counts["parents"] < 5

    section = survey_section(snapshot_build(draft), "pl")

    assert {group.group: group.shown for group in section.groups} == {
        "staff": True,
        "students": True,
        "parents": False,
    }
    assert section.gaps, "the demo names at least one gap between a group and the leadership"
    assert SurveyComment.objects.filter(response__survey__assessment=draft).exists()
