import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from assessment import selectors
from assessment.models import ActionItem, Assessment, Call, Principle
from assessment.services.assessments import assessment_start


def test_the_dashboard_shows_the_eligibility_check_with_its_reasons(client, school_a, call, leader):
    school_a.active_teachers = 2
    school_a.save()
    client.force_login(leader)
    page = client.get(reverse("school_dashboard", args=[school_a.pk])).content.decode()
    assert "The school is not eligible for the label yet." in page
    assert "At least 3 teachers active in eTwinning (the school: 2)." in page
    assert "Registered in eTwinning for at least 2 years" in page


def test_the_leader_starts_the_self_assessment_for_an_open_call(client, school_a, call, leader):
    client.force_login(leader)
    response = client.post(reverse("assessment_start", args=[school_a.pk, call.pk]))
    assessment = Assessment.objects.get(school=school_a, call=call)
    assert response["Location"] == reverse("assessment_overview", args=[assessment.pk])


def test_a_closed_call_cannot_be_started(client, school_a, call, leader, today):
    call.closes_on = today - datetime.timedelta(days=1)
    call.opens_on = today - datetime.timedelta(days=20)
    call.save()
    client.force_login(leader)
    client.post(reverse("assessment_start", args=[school_a.pk, call.pk]))
    assert not Assessment.objects.exists()


def test_the_leader_edits_the_schools_data(client, school_a, leader):
    client.force_login(leader)
    data = {
        "name": "School A renamed",
        "region": "Małopolskie",
        "city": "Kraków",
        "etwinning_registered_on": "2015-09-01",
        "active_teachers": 12,
        "quality_label_projects": 4,
    }
    assert client.post(reverse("school_edit", args=[school_a.pk]), data).status_code == 302
    school_a.refresh_from_db()
    assert (school_a.name, school_a.active_teachers) == ("School A renamed", 12)


def test_bad_school_data_is_refused_next_to_the_field_keeping_what_was_typed(client, school_a, leader):
    client.force_login(leader)
    data = {
        "name": "Typed name",
        "region": "R",
        "city": "C",
        "etwinning_registered_on": "2999-01-01",
        "active_teachers": -3,
        "quality_label_projects": 1,
    }
    response = client.post(reverse("school_edit", args=[school_a.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The registration date cannot be in the future." in page
    assert "Ensure this value is greater than or equal to 0." in page
    assert 'value="Typed name"' in page
    school_a.refresh_from_db()
    assert school_a.name == "School A"


def action_data(principle: Principle, **overrides) -> dict:
    return {
        "principle": principle.pk,
        "action": "Run an open day on eTwinning.",
        "owner": "Deputy head",
        "due_on": (datetime.date.today() + datetime.timedelta(days=100)).isoformat(),
        "success_indicator": "Three schools attend.",
        **overrides,
    }


def test_a_teacher_adds_an_action_to_the_plan(client, assessment, teacher):
    principle = Principle.objects.get(code="4")
    client.force_login(teacher)
    response = client.post(reverse("action_plan", args=[assessment.pk]), action_data(principle))
    assert response.status_code == 302
    action = assessment.actions.get()
    assert (action.principle, action.created_by) == (principle, teacher)


def test_an_action_due_in_the_past_is_refused_next_to_the_field(client, assessment, teacher):
    principle = Principle.objects.get(code="4")
    client.force_login(teacher)
    response = client.post(
        reverse("action_plan", args=[assessment.pk]), action_data(principle, due_on="2001-01-01")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "The due date cannot be in the past." in page
    assert "Run an open day on eTwinning.</textarea>" in page
    assert not assessment.actions.exists()


def test_an_action_due_after_two_years_is_refused_and_one_due_in_two_years_accepted(
    client, assessment, teacher, today
):
    from assessment.dates import years_later

    principle = Principle.objects.get(code="4")
    client.force_login(teacher)
    url = reverse("action_plan", args=[assessment.pk])
    last_day = years_later(today, 2)

    late = client.post(
        url, action_data(principle, due_on=(last_day + datetime.timedelta(days=1)).isoformat())
    )
    in_time = client.post(url, action_data(principle, due_on=last_day.isoformat()))

    assert late.status_code == 400
    assert "The action plan covers the next two years" in late.content.decode()
    assert in_time.status_code == 302
    assert assessment.actions.get().due_on == last_day


def test_a_principle_of_another_framework_cannot_be_planned_for(client, assessment, teacher):
    from assessment.models import Framework

    other = Framework.objects.create(version="1999", mission_en="Old")
    foreign = Principle.objects.create(
        framework=other, code="1", order=1, title_en="T", short_title_en="T", description_en="D"
    )
    client.force_login(teacher)
    response = client.post(reverse("action_plan", args=[assessment.pk]), action_data(foreign))
    assert response.status_code == 400
    assert not assessment.actions.exists()


def test_the_action_plan_offers_a_teacher_to_remove_their_own_actions_only(
    client, assessment, teacher, leader, today
):
    principle = Principle.objects.get(code="1")
    fields = {"principle": principle, "action": "A", "owner": "O", "due_on": today, "success_indicator": "S"}
    own = ActionItem.objects.create(assessment=assessment, created_by=teacher, **fields)
    theirs = ActionItem.objects.create(assessment=assessment, created_by=leader, **fields)
    client.force_login(teacher)

    page = client.get(reverse("action_plan", args=[assessment.pk])).content.decode()

    assert reverse("action_remove", args=[own.pk]) in page
    assert reverse("action_remove", args=[theirs.pk]) not in page


def test_a_teacher_removes_their_own_action_but_not_the_leaders(client, assessment, teacher, leader, today):
    principle = Principle.objects.get(code="1")
    fields = {"principle": principle, "action": "A", "owner": "O", "due_on": today, "success_indicator": "S"}
    own = ActionItem.objects.create(assessment=assessment, created_by=teacher, **fields)
    theirs = ActionItem.objects.create(assessment=assessment, created_by=leader, **fields)
    client.force_login(teacher)
    assert client.post(reverse("action_remove", args=[own.pk])).status_code == 302
    assert client.post(reverse("action_remove", args=[theirs.pk])).status_code == 403
    assert list(assessment.actions.all()) == [theirs]


def export(assessment_id) -> dict:
    out = StringIO()
    call_command("export_assessment", str(assessment_id), stdout=out)
    return json.loads(out.getvalue())


def test_export_prints_the_assessment_as_json(submitted, leader):
    document = export(submitted.pk)
    assert document["status"] == "submitted"
    assert document["school"]["name"] == "School A"
    assert document["framework_version"] == "2026"
    first = document["responses"][0]
    assert first == {
        "statement": "1.1",
        "level": 3,
        "not_applicable": False,
        "justification": "We do this every term.",
        "last_changed_by": "leader",
        "last_changed_at": first["last_changed_at"],
    }
    assert len(document["action_plan"]) == 5
    assert [entry["to"] for entry in document["status_log"]] == ["draft", "submitted"]
    assert document["scores"]["overall"] == pytest.approx(200 / 3)
    assert set(document["scores"]["principles"]) == {"1", "2", "3", "4", "5"}


def test_export_marks_not_applicable_with_a_null_level(assessment, teacher):
    from assessment.services.assessments import response_save

    response = assessment.responses.select_related("statement").get(statement__code="5.7")
    response_save(
        assessment=assessment,
        statement=response.statement,
        user=teacher,
        level="na",
        justification="",
        version=0,
    )
    entry = next(r for r in export(assessment.pk)["responses"] if r["statement"] == "5.7")
    assert (entry["level"], entry["not_applicable"]) == (None, True)


@pytest.mark.django_db
def test_export_of_an_unknown_assessment_says_so():
    with pytest.raises(CommandError, match="There is no assessment with id 999"):
        call_command("export_assessment", "999")


def test_export_lists_the_evidence_with_its_metadata(submitted):
    item = submitted.evidence.get()
    [entry] = export(submitted.pk)["evidence"]
    assert entry["kind"] == "file"
    assert (entry["title"], entry["original_name"], entry["content_type"]) == (
        "plan.txt",
        "plan.txt",
        "text/plain",
    )
    assert (entry["size"], entry["sha256"]) == (item.size, item.sha256)
    assert entry["esafety"] is True
    assert len(entry["statements"]) == 31


def test_the_schools_history_reads_the_scores_stored_at_submission(
    client, submitted, school_a, leader, framework, today
):
    later = Call.objects.create(
        name="eTwinning School Label 2028-2029",
        opens_on=submitted.call.opens_on + datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=90),
        framework=framework,
    )
    following = assessment_start(school=school_a, call=later, user=leader, today=today)
    Assessment.objects.filter(pk=following.pk).update(
        status=Assessment.Status.SUBMITTED,
        snapshot={"principles": [], "overall_score": None},  # the snapshot is not what history reads
        principle_scores={"1": 100.0, "2": 50.0, "3": 50.0, "4": 50.0, "5": 50.0},
        overall_score=60.0,
    )

    [first, second] = selectors.school_history(school_a)

    assert (first.call, first.overall) == (submitted.call.name, pytest.approx(200 / 3))
    assert list(second.scores) == ["1", "2", "3", "4", "5"]
    assert second.overall == 60.0
    assert second.changes["1"] == pytest.approx(100 - 200 / 3)
