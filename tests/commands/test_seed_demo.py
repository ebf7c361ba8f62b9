from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from assessment.eligibility import school_eligibility
from assessment.models import (
    ActionItem,
    Assessment,
    Call,
    CoordinatorAssignment,
    Country,
    Evidence,
    Membership,
    Response,
    School,
    StatusChange,
    User,
)
from assessment.services.demo_data import CALL_NAME, PREVIOUS_CALL_NAME

ACCOUNTS = ["admin", "leader", "teacher", "leader2", "coordinator", "coordinator2"]


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs when DEBUG is on"):
        seed()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_seed_demo_creates_and_prints_one_account_per_role(settings, client, framework):
    settings.DEBUG = True
    output = seed()
    for username in ACCOUNTS:
        assert username in output
        assert client.login(username=username, password="demo")
    assert User.objects.get(username="admin").is_superuser


@pytest.mark.django_db
def test_seed_demo_gives_each_account_its_role(settings, framework):
    settings.DEBUG = True
    seed()
    school_a = Membership.objects.get(user__username="leader").school
    assert Membership.objects.get(user__username="leader").role == Membership.Role.LEADER
    assert Membership.objects.get(user__username="teacher").school == school_a
    assert Membership.objects.get(user__username="teacher").role == Membership.Role.TEACHER
    school_b = Membership.objects.get(user__username="leader2").school
    assert school_b != school_a and school_b.country == school_a.country
    assert CoordinatorAssignment.objects.get(user__username="coordinator").country == school_a.country
    assert CoordinatorAssignment.objects.get(user__username="coordinator2").country != school_a.country


@pytest.mark.django_db
def test_seed_demo_runs_without_debug_when_forced_and_takes_a_password(settings, client, framework):
    settings.DEBUG = False
    seed("--force", "--password", "another-demo-password")
    assert client.login(username="leader", password="another-demo-password")


@pytest.mark.django_db
def test_running_seed_demo_again_duplicates_nothing(settings, framework):
    settings.DEBUG = True
    seed()
    counts = [model.objects.count() for model in (User, Country, School, Membership, CoordinatorAssignment)]
    seed()
    assert [
        model.objects.count() for model in (User, Country, School, Membership, CoordinatorAssignment)
    ] == counts


@pytest.mark.django_db
def test_seed_demo_gives_the_coordinators_reviews_at_every_stage(settings, framework):
    settings.DEBUG = True
    seed()
    statuses = set(Assessment.objects.values_list("status", flat=True))
    assert {"submitted", "in_review", "returned", "awarded", "not_awarded"} <= statuses
    awarded = Assessment.objects.filter(status=Assessment.Status.AWARDED, call__name=CALL_NAME).first()
    earlier = Assessment.objects.get(school=awarded.school, call__name=PREVIOUS_CALL_NAME)
    assert earlier.status == Assessment.Status.AWARDED and earlier.snapshot
    returned = Assessment.objects.get(status=Assessment.Status.RETURNED)
    assert returned.decision_comment
    country = Membership.objects.get(user__username="leader").school.country
    assert Assessment.objects.filter(school__country=country).exclude(status="draft").count() >= 9


@pytest.mark.django_db
def test_running_seed_demo_again_duplicates_no_assessment_or_answer(settings, framework):
    settings.DEBUG = True
    seed()
    models = (Call, Assessment, Response, ActionItem, Evidence, StatusChange)
    counts = [model.objects.count() for model in models]
    seed()
    assert [model.objects.count() for model in models] == counts


def test_seed_demo_needs_the_framework(settings, no_framework):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="Load the framework first"):
        seed()


@pytest.mark.django_db
def test_seed_demo_opens_a_call_with_a_draft_a_submission_and_schools_at_each_stage(settings, framework):
    settings.DEBUG = True
    seed()
    today = timezone.localdate()
    call = Call.objects.get(name=CALL_NAME)
    assert call.is_open_on(today)
    draft = Assessment.objects.get(school__memberships__user__username="leader", call=call)
    rated = draft.responses.exclude(level="").count()
    assert draft.status == Assessment.Status.DRAFT
    assert 0 < rated < draft.responses.count()
    submitted = Assessment.objects.get(school__memberships__user__username="leader2", call=call)
    assert submitted.status == Assessment.Status.SUBMITTED
    assert submitted.snapshot["framework_version"] == framework.version
    not_started = School.objects.filter(assessments__isnull=True)
    eligible = sorted(school_eligibility(school=s, call=call, on=today).eligible for s in not_started)
    assert eligible == [False, True]


@pytest.mark.django_db
def test_seed_demo_attaches_a_pdf_a_png_and_a_link_it_made_itself(settings, framework):
    settings.DEBUG = True
    seed()
    submitted = Assessment.objects.get(school__memberships__user__username="leader2", call__name=CALL_NAME)
    kinds = {(item.kind, item.content_type) for item in submitted.evidence.all()}
    assert kinds == {("file", "application/pdf"), ("file", "image/png"), ("link", "")}
    assert all(item.sha256 for item in submitted.evidence.filter(kind="file"))
