"""The seed_demo command: when it runs, what it needs, and that running it again changes nothing.
What the demo contains is in test_demo_contents.py."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

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
    Survey,
    SurveyResponse,
    User,
)


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
def test_seed_demo_runs_without_debug_when_forced_and_takes_a_password(settings, client, framework):
    settings.DEBUG = False
    seed("--force", "--password", "another-demo-password")
    assert client.login(username="leader", password="another-demo-password")


@pytest.mark.django_db
def test_running_seed_demo_again_duplicates_nothing(settings, framework):
    settings.DEBUG = True
    seed()
    models = (
        User,
        Country,
        School,
        Membership,
        CoordinatorAssignment,
        Call,
        Assessment,
        Response,
        ActionItem,
        Evidence,
        StatusChange,
        Survey,
        SurveyResponse,
    )
    counts = [model.objects.count() for model in models]
    seed()
    assert [model.objects.count() for model in models] == counts


def test_seed_demo_needs_the_framework(settings, no_framework):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="Load the framework first"):
        seed()
