"""Every main page runs a bounded number of SQL queries, the same for a small or a big school.

The budget is a fixed number; "the same" is checked by adding evidence, actions and members
between two measurements.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment.models import Membership, Principle
from assessment.services.evidence import Target, evidence_add_files
from assessment.services.review import review_open
from tests import files
from tests.factories import MembershipFactory

SCHOOL_PAGES = [
    ("school_dashboard", "school", 16),
    ("school_edit", "school", 8),
    ("school_members", "school", 10),
    ("assessment_overview", "assessment", 12),
    ("assessment_esafety", "assessment", 12),
    ("assessment_principle", "principle", 14),
    ("action_plan", "assessment", 12),
    ("assessment_submit", "assessment", 16),
    ("assessment_results", "assessment", 20),
    ("assessment_report", "assessment", 20),
    ("profile", None, 6),
]


def url_for(name: str, kind: str | None, assessment) -> str:
    if kind is None:
        return reverse(name)
    if kind == "school":
        return reverse(name, args=[assessment.school_id])
    if kind == "principle":
        return reverse(name, args=[assessment.pk, "4"])
    return reverse(name, args=[assessment.pk])


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def grow(assessment, leader, *, items: int = 6) -> None:
    """More of everything a page lists: evidence and members."""
    from tests.views.test_evidence import upload

    for number in range(items):
        evidence_add_files(
            assessment=assessment,
            user=leader,
            files=[upload(f"extra-{items}-{number}.png", files.png(10 + number, 10 + items))],
            target=Target(statement=Principle.objects.get(code="4").statements.first()),
        )
    for _number in range(4):
        MembershipFactory(school=assessment.school, role=Membership.Role.TEACHER)


@pytest.mark.parametrize(("name", "kind", "budget"), SCHOOL_PAGES, ids=[page[0] for page in SCHOOL_PAGES])
def test_school_pages_stay_within_a_fixed_query_budget(client, assessment, leader, name, kind, budget):
    client.force_login(leader)
    url = url_for(name, kind, assessment)
    # One of each first: an empty list skips its prefetch query, which is not growth.
    grow(assessment, leader, items=1)
    small = queries(client, url)
    grow(assessment, leader)
    large = queries(client, url)
    assert large == small
    assert large <= budget


def test_the_review_page_stays_within_a_fixed_query_budget(client, submitted, coordinator, leader):
    review_open(assessment=submitted, coordinator=coordinator)
    client.force_login(coordinator)
    url = reverse("assessment_review", args=[submitted.pk])
    small = queries(client, url)
    grow(submitted, leader)
    large = queries(client, url)
    assert large == small
    assert large <= 24
