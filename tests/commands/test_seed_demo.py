from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from assessment.models import (
    CoordinatorAssignment,
    Country,
    Membership,
    School,
    User,
)

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
