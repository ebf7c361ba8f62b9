"""The school's surveys page, its poster, counter and CSV, and the results wherever they show."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment.models import Survey
from assessment.services.review import review_open
from assessment.services.surveys import survey_open
from tests.conftest import complete, make_submitted
from tests.reports_helpers import pdf_info, pdf_text
from tests.survey_helpers import answer

pytestmark = pytest.mark.django_db

SECRET_COMMENT = "Pani Kowalska nie pozwala nam nic zmieniać."


@pytest.fixture
def staff(assessment, leader) -> Survey:
    return survey_open(assessment=assessment, group="staff", language="pl", user=leader)


def test_the_leader_opens_a_survey_and_gets_its_link_qr_code_and_code(client, assessment, leader):
    client.force_login(leader)
    url = reverse("assessment_surveys", args=[assessment.pk])

    response = client.post(url, {"group": "students", "language": "nl"}, follow=True)

    survey = Survey.objects.get(assessment=assessment)
    assert (survey.group, survey.language, survey.opened_by) == ("students", "nl", leader)
    content = response.content.decode()
    assert reverse("survey_answer", args=[survey.token]) in content
    assert survey.display_code in content
    assert '<svg role="img"' in content and 'class="qr"' in content
    # A group already open is not offered again.
    assert '<option value="students"' not in content and '<option value="parents"' in content


def test_opening_after_the_call_closed_says_why_and_keeps_the_choice(client, assessment, call, leader, today):
    call.closes_on = today.replace(year=today.year - 1)
    call.opens_on = call.closes_on
    call.save()
    client.force_login(leader)

    response = client.post(
        reverse("assessment_surveys", args=[assessment.pk]), {"group": "parents", "language": "ro"}
    )

    assert response.status_code == 422
    content = response.content.decode()
    assert "The call has closed, so its surveys can no longer be opened." in content
    assert '<option value="ro" selected>' in content
    assert not Survey.objects.exists()


def test_the_live_counter_gives_each_groups_number_of_answers_and_nothing_else(client, staff, teacher):
    answer(staff, count=3, comment=SECRET_COMMENT)
    client.force_login(teacher)
    response = client.get(reverse("survey_counts", args=[staff.assessment_id]))
    assert response.json() == {"staff": 3}


def test_closing_and_reopening_from_the_page(client, staff, leader):
    client.force_login(leader)
    client.post(reverse("survey_close", args=[staff.pk]))
    staff.refresh_from_db()
    assert not staff.is_open
    client.post(reverse("survey_reopen", args=[staff.pk]))
    staff.refresh_from_db()
    assert staff.is_open


def test_only_the_leader_reads_what_respondents_wrote_and_with_a_warning(client, staff, leader, teacher):
    answer(staff, count=5, comment=SECRET_COMMENT)
    url = reverse("assessment_surveys", args=[staff.assessment_id])
    client.force_login(leader)
    content = client.get(url).content.decode()
    assert SECRET_COMMENT in content
    assert "may let you recognise who wrote them" in content
    client.force_login(teacher)
    assert SECRET_COMMENT not in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("language", "title", "until"),
    [("pl", "Ankieta dla pracowników szkoły", "najpóźniej do"), ("nl", "Enquête", "uiterlijk open")],
)
def test_the_poster_is_one_page_in_the_surveys_language(client, assessment, leader, language, title, until):
    survey = survey_open(assessment=assessment, group="staff", language=language, user=leader)
    client.force_login(leader)

    response = client.get(reverse("survey_poster", args=[survey.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert pdf_info(response.content)["Pages"] == "1"
    text = pdf_text(response.content)
    assert title in text and until.lower() in text.lower()
    assert survey.display_code in text
    assert reverse("survey_answer", args=[survey.token]) in text.replace(" ", "")


def test_the_csv_has_a_line_per_group_and_statement_and_a_small_group_its_count_alone(
    client, assessment, leader
):
    complete(assessment, user=leader, today=assessment.call.opens_on)
    staff = survey_open(assessment=assessment, group="staff", language="en", user=leader)
    parents = survey_open(assessment=assessment, group="parents", language="en", user=leader)
    answer(staff, count=5, level="2")
    answer(parents, count=4, level="4", device="parent")
    client.force_login(leader)

    response = client.get(reverse("survey_results_csv", args=[assessment.pk]))

    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0][:6] == ["Group", "Answers", "Statement", "Text", "Leadership's level", "Mean"]
    assert lines[1][:4] == ["Parents", "4", "", "Too few answers to show"]
    staff_lines = lines[2:]
    assert len(staff_lines) == staff.assessment.call.framework.principles.count() * 2
    assert staff_lines[0][:3] == ["Staff", "5", "1.1"]
    assert staff_lines[0][4:7] == ["3", "2.00", "0"]  # leadership 3, mean 2, nobody at 1
    assert all(line[0] == "Staff" for line in staff_lines)


def pages_of(client, assessment) -> dict[str, str]:
    """Every place the survey results could show, as text."""
    out = io.StringIO()
    call_command("export_assessment", str(assessment.pk), stdout=out)
    pages = {
        name: client.get(reverse(name, args=[assessment.pk])).content.decode("utf-8-sig")
        for name in ("assessment_surveys", "assessment_results", "survey_counts", "survey_results_csv")
    }
    pages["report"] = client.get(
        reverse("assessment_report", args=[assessment.pk]), {"language": "en"}
    ).content.decode()
    pages["export"] = out.getvalue()
    return pages


def test_a_group_of_four_reveals_nothing_anywhere_and_a_fifth_answer_shows_it(client, assessment, leader):
    complete(assessment, user=leader, today=assessment.call.opens_on)
    parents = survey_open(assessment=assessment, group="parents", language="en", user=leader)
    answer(parents, count=4, level="1", comment=SECRET_COMMENT)
    client.force_login(leader)

    hidden = pages_of(client, assessment)

    for name, text in hidden.items():
        assert SECRET_COMMENT not in text, name
        assert "survey-principles" not in text and "survey-statements" not in text, name
    assert json.loads(hidden["survey_counts"]) == {"parents": 4}
    assert len(hidden["survey_results_csv"].strip().splitlines()) == 2  # the header, the count
    exported = json.loads(hidden["export"])
    assert exported["surveys"] == [{"group": "parents", "responses": 4, "is_open": True, "statements": []}]

    answer(parents, count=1, level="1", device="fifth")
    shown = pages_of(client, assessment)

    for name in ("assessment_surveys", "assessment_results", "report"):
        assert "survey-principles" in shown[name], name
    assert SECRET_COMMENT in shown["assessment_surveys"]  # the leader's page, with its warning
    assert len(shown["survey_results_csv"].strip().splitlines()) > 2


def test_the_submission_freezes_the_results_and_later_answers_show_only_on_the_surveys_page(
    client, assessment, leader, coordinator, today
):
    staff = survey_open(assessment=assessment, group="staff", language="en", user=leader)
    answer(staff, count=5, level="1")
    submitted = make_submitted(assessment, leader=leader, today=today)
    answer(staff, count=7, level="4", device="after")

    assert submitted.snapshot["surveys"][0]["responses"] == 5
    review_open(assessment=submitted, coordinator=coordinator)
    client.force_login(coordinator)
    review = client.get(reverse("assessment_review", args=[submitted.pk])).content.decode()
    assert 'id="surveys"' in review and "5 answers" in review and "12 answers" not in review
    client.force_login(leader)
    assert "5 answers" in client.get(reverse("assessment_results", args=[submitted.pk])).content.decode()
    live = client.get(reverse("assessment_surveys", args=[submitted.pk])).content.decode()
    assert "12 answers" in live and "keeps the results as they were at submission" in live


@pytest.mark.parametrize("name", ["assessment_surveys", "assessment_results"])
def test_the_pages_with_results_take_as_many_queries_for_five_answers_as_for_fifty(
    client, assessment, leader, name
):
    staff = survey_open(assessment=assessment, group="staff", language="en", user=leader)
    students = survey_open(assessment=assessment, group="students", language="en", user=leader)
    client.force_login(leader)
    url = reverse(name, args=[assessment.pk])
    counts = []
    for extra in (5, 45):
        answer(staff, count=extra, comment="More time to plan.", device=f"s{extra}")
        answer(students, count=extra, device=f"p{extra}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_group_of_four_stays_hidden_on_the_coordinators_review_page(
    client, assessment, leader, coordinator, today
):
    parents = survey_open(assessment=assessment, group="parents", language="en", user=leader)
    answer(parents, count=4, level="1", comment=SECRET_COMMENT)
    submitted = make_submitted(assessment, leader=leader, today=today)
    client.force_login(coordinator)

    review = client.get(reverse("assessment_review", args=[submitted.pk])).content.decode()

    assert 'id="surveys"' in review and "4 answers" in review
    assert "survey-principles" not in review and SECRET_COMMENT not in review
    assert submitted.snapshot["surveys"][0]["statements"] == []
