"""The pages of a self-assessment started from the previous one: what was copied says so, and
each part is checked where it is shown."""

import datetime

import pytest
from django.urls import reverse

from assessment.models import Call


@pytest.fixture
def copy(submitted, school_a, framework, leader, client, today):
    later = Call.objects.create(
        name="Next call",
        opens_on=submitted.call.opens_on + datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=90),
        framework=framework,
    )
    client.force_login(leader)
    response = client.post(
        reverse("assessment_start", args=[school_a.pk, later.pk]), {"copy_previous": "yes"}
    )
    assert response.status_code == 302
    return later.assessments.get()


def test_the_dashboard_says_what_starting_from_the_previous_self_assessment_copies(
    client, submitted, school_a, framework, leader, today
):
    Call.objects.create(
        name="Next call",
        opens_on=submitted.call.opens_on + datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=90),
        framework=framework,
    )
    client.force_login(leader)
    page = client.get(reverse("school_dashboard", args=[school_a.pk])).content.decode()
    assert "Start from our previous self-assessment" in page
    assert "the action plan and the evidence are copied" in page


def test_the_esafety_page_marks_the_copied_answer_until_it_is_saved(client, copy):
    url = reverse("assessment_esafety", args=[copy.pk])
    marked = "Copied from your previous self-assessment: check it and save it again."
    assert marked in client.get(url).content.decode()
    client.post(url, {"esafety_answer": "in_place", "esafety_comment": "Checked in September."})
    assert marked not in client.get(url).content.decode()


def test_a_copied_step_is_reviewed_on_its_edit_page(client, copy, today):
    step = copy.actions.get(principle__code="2")
    plan = client.get(reverse("action_plan", args=[copy.pk])).content.decode()
    assert plan.count("Copied from your previous action plan") == 5
    assert reverse("action_edit", args=[step.pk]) in plan

    page = client.get(reverse("action_edit", args=[step.pk])).content.decode()
    assert "This step was copied from your previous action plan." in page
    assert "Open our lessons to a neighbouring school.</textarea>" in page

    due = (today + datetime.timedelta(days=400)).isoformat()
    response = client.post(
        reverse("action_edit", args=[step.pk]),
        {
            "action": "Teachers of both schools plan a lesson together.",
            "owner": "Head",
            "due_on": due,
            "success_indicator": "Four joint lessons.",
        },
    )
    assert response["Location"] == reverse("action_plan", args=[copy.pk]) + "#principle-2"
    step.refresh_from_db()
    assert (step.action, step.due_on.isoformat(), step.needs_recheck) == (
        "Teachers of both schools plan a lesson together.",
        due,
        False,
    )
    assert (
        client.get(reverse("action_plan", args=[copy.pk]))
        .content.decode()
        .count("Copied from your previous action plan")
        == 4
    )


def test_a_copied_step_whose_date_has_passed_asks_for_a_new_one_and_keeps_the_text(client, copy):
    step = copy.actions.get(principle__code="2")
    response = client.post(
        reverse("action_edit", args=[step.pk]),
        {"action": "Rewritten step.", "owner": "Head", "due_on": "2020-09-01", "success_indicator": "Done."},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "The due date cannot be in the past." in page
    assert "Rewritten step.</textarea>" in page
    step.refresh_from_db()
    assert (step.action, step.needs_recheck) == ("Open our lessons to a neighbouring school.", True)


def test_a_copied_piece_of_evidence_is_kept_with_one_button_where_it_is_shown(client, copy):
    [item] = copy.evidence.all()
    statement = item.statements.get(code="1.1")
    principle = client.get(reverse("assessment_principle", args=[copy.pk, "1"])).content.decode()
    assert "is it still relevant?" in principle
    assert reverse("evidence_confirm", args=[item.pk]) in principle

    response = client.post(
        reverse("evidence_confirm", args=[item.pk]),
        {"statement": statement.pk},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert f'id="evidence-{statement.pk}"' in response.content.decode()
    assert "is it still relevant?" not in response.content.decode()
    item.refresh_from_db()
    assert item.needs_recheck is False


def test_checking_a_piece_of_evidence_without_javascript_returns_to_its_section(client, copy):
    [item] = copy.evidence.all()
    response = client.post(reverse("evidence_confirm", args=[item.pk]), {"esafety": "on"})
    assert response["Location"] == reverse("assessment_esafety", args=[copy.pk]) + "#evidence-esafety"


def test_a_statement_of_another_assessment_framework_cannot_be_named_when_checking(client, copy):
    [item] = copy.evidence.all()
    response = client.post(reverse("evidence_confirm", args=[item.pk]), {"statement": "x"})
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.needs_recheck is True


def test_the_checklist_links_to_each_copied_part_not_yet_checked(client, copy):
    page = client.get(reverse("assessment_submit", args=[copy.pk])).content.decode()
    assert "Check the eSafety answer copied from your previous self-assessment, then save it." in page
    assert "eSafety policy: 1 copied piece of evidence is not checked yet." in page
    assert page.count("1 copied action is not checked yet.") == 5
    assert f'href="{reverse("action_plan", args=[copy.pk])}#principle-3"' in page
