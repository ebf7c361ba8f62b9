import pytest
from django.urls import reverse
from django.utils.html import escape

from assessment.models import Assessment, Call, Framework, Principle, Statement
from assessment.services.assessments import response_save
from tests.conftest import complete

HTMX = {"HX-Request": "true"}


def save_url(assessment, code):
    statement = Statement.objects.get(principle__framework=assessment.call.framework, code=code)
    return reverse("response_save", args=[assessment.pk, statement.pk])


def principle_url(assessment, code="2"):
    return reverse("assessment_principle", args=[assessment.pk, code])


def leader_answers_first(assessment, leader, justification: str) -> None:
    """The leader saves statement 2.1 (to version 1) while the teacher still has version 0."""
    statement = Statement.objects.get(code="2.1")
    response_save(
        assessment=assessment,
        statement=statement,
        user=leader,
        level="4",
        justification=justification,
        version=0,
    )


def test_the_principle_page_shows_the_description_statements_scale_and_guidance(client, assessment, teacher):
    client.force_login(teacher)
    page = client.get(principle_url(assessment)).content.decode()
    principle = Principle.objects.get(framework=assessment.call.framework, code="2")
    assert escape(principle.description) in page
    for statement in principle.statements.all():
        assert escape(statement.text) in page
        assert escape(statement.guidance) in page
    for level in assessment.call.framework.levels.all():
        assert escape(level.label) in page and escape(level.meaning) in page


def test_the_principle_page_is_in_the_users_language(client, assessment, teacher):
    client.force_login(teacher)
    page = client.get(principle_url(assessment), headers={"accept-language": "bg"}).content.decode()
    assert escape(Statement.objects.get(code="2.1").text_bg) in page


def test_autosave_saves_and_answers_with_the_saved_state(client, assessment, teacher):
    client.force_login(teacher)
    response = client.post(
        save_url(assessment, "2.1"),
        {"level": "3", "justification": "Joint planning.", "version": 0},
        headers=HTMX,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Saved." in page
    assert 'name="version" id="version-' in page and 'value="1" hx-swap-oob="true"' in page
    assert "Last changed by" in page
    stored = assessment.responses.get(statement__code="2.1")
    assert (stored.level, stored.justification, stored.updated_by) == ("3", "Joint planning.", teacher)


def test_a_plain_form_post_saves_and_returns_to_the_statement(client, assessment, teacher):
    client.force_login(teacher)
    response = client.post(
        save_url(assessment, "2.4"), {"level": "na", "justification": "No partners yet.", "version": 0}
    )
    assert response.status_code == 302
    assert response["Location"] == principle_url(assessment) + "#statement-2.4"
    assert assessment.responses.get(statement__code="2.4").level == "na"


def test_a_conflicting_autosave_shows_the_other_answer_and_keeps_nothing_of_ours_stored(
    client, assessment, leader, teacher
):
    leader_answers_first(assessment, leader, "Leader's text.")
    client.force_login(teacher)
    response = client.post(
        save_url(assessment, "2.1"),
        {"level": "2", "justification": "Teacher's text.", "version": 0},
        headers=HTMX,
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Leader&#x27;s text." in page
    assert 'name="version_seen" value="1"' in page
    assert assessment.responses.get(statement__code="2.1").justification == "Leader's text."


def test_a_conflicting_plain_post_keeps_the_typed_text_on_the_page(client, assessment, leader, teacher):
    leader_answers_first(assessment, leader, "Leader's text.")
    client.force_login(teacher)
    response = client.post(
        save_url(assessment, "2.1"), {"level": "2", "justification": "Teacher's text.", "version": 0}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Teacher&#x27;s text.</textarea>" in page
    assert "Leader&#x27;s text." in page


def test_saving_the_merged_answer_after_a_conflict_succeeds(client, assessment, leader, teacher):
    leader_answers_first(assessment, leader, "Leader.")
    client.force_login(teacher)
    response = client.post(
        save_url(assessment, "2.1"),
        {"level": "4", "justification": "Merged.", "version": 0, "version_seen": 1},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert assessment.responses.get(statement__code="2.1").justification == "Merged."


def test_a_too_long_justification_is_refused_next_to_the_field_and_kept(client, assessment, teacher):
    client.force_login(teacher)
    text = "x" * 5001
    response = client.post(save_url(assessment, "2.1"), {"level": "3", "justification": text, "version": 0})
    assert response.status_code == 422
    page = response.content.decode()
    assert f"{text}</textarea>" in page
    assert "Ensure this value has at most 5000 characters" in page
    assert assessment.responses.get(statement__code="2.1").version == 0


@pytest.mark.parametrize("level", ["5", "0", "<b>", "NA"])
def test_a_level_outside_the_scale_is_a_bad_request_and_changes_nothing(client, assessment, teacher, level):
    client.force_login(teacher)
    response = client.post(save_url(assessment, "2.1"), {"level": level, "justification": "x", "version": 0})
    assert response.status_code == 400
    assert assessment.responses.get(statement__code="2.1").version == 0


def test_a_statement_of_another_framework_is_not_found(client, assessment, teacher, framework_data):
    other = Framework.objects.create(version="1999", mission_en="Old")
    principle = Principle.objects.create(
        framework=other, code="1", order=1, title_en="T", short_title_en="T", description_en="D"
    )
    statement = Statement.objects.create(
        principle=principle, code="1.1", order=1, text_en="Old", guidance_en="G"
    )
    client.force_login(teacher)
    response = client.post(
        reverse("response_save", args=[assessment.pk, statement.pk]),
        {"level": "3", "justification": "", "version": 0},
    )
    assert response.status_code == 404


def test_a_post_to_a_submitted_assessment_is_refused_and_changes_nothing(client, submitted, teacher):
    client.force_login(teacher)
    before = submitted.responses.get(statement__code="2.1")
    response = client.post(
        save_url(submitted, "2.1"), {"level": "1", "justification": "Late", "version": before.version}
    )
    assert response.status_code == 403
    assert submitted.responses.get(statement__code="2.1").justification == before.justification


def test_the_overview_shows_progress_per_principle(client, assessment, teacher):
    for code in ("2.1", "2.2"):
        statement = Statement.objects.get(code=code)
        response_save(
            assessment=assessment, statement=statement, user=teacher, level="3", justification="j", version=0
        )
    client.force_login(teacher)
    page = client.get(reverse("assessment_overview", args=[assessment.pk])).content.decode()
    assert '<progress class="w-100 mt-2" max="6" value="2"' in page
    assert "2 of 6 rated" in page


def test_the_leader_submits_a_complete_assessment_with_the_declaration(client, assessment, leader, today):
    complete(assessment, user=leader, today=today)
    client.force_login(leader)
    response = client.post(reverse("assessment_submit", args=[assessment.pk]), {"declaration": "on"})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED


def test_submitting_without_the_declaration_shows_the_error_next_to_it(client, assessment, leader, today):
    complete(assessment, user=leader, today=today)
    client.force_login(leader)
    response = client.post(reverse("assessment_submit", args=[assessment.pk]), {})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Accept the declaration on honour to submit." in page
    assert "The self-assessment has not been submitted." in page
    # Signing is all that is left, so the button stays available.
    assert '<button type="submit" class="btn btn-primary">' in page
    assessment.refresh_from_db()
    assert assessment.is_draft


def test_an_incomplete_assessment_cannot_be_signed_and_the_button_says_why(client, assessment, leader, today):
    client.force_login(leader)
    url = reverse("assessment_submit", args=[assessment.pk])
    page = client.get(url).content.decode()
    to_do = page.count("list-group-item-warning")

    assert to_do > 1
    assert '<button type="submit" class="btn btn-primary" disabled aria-describedby="submit-not-yet">' in page
    assert f"Not available yet: first do the {to_do} points listed above." in page

    complete(assessment, user=leader, today=today)
    page = client.get(url).content.decode()
    assert '<button type="submit" class="btn btn-primary">' in page and "Not available yet" not in page


def test_a_refused_submission_says_so_at_the_top_with_each_point_and_its_link(client, assessment, leader):
    client.force_login(leader)

    response = client.post(reverse("assessment_submit", args=[assessment.pk]), {"declaration": "on"})

    page = response.content.decode()
    assert response.status_code == 400
    alert = page.index('role="alert" tabindex="-1" data-focus-on-load')
    assert "The self-assessment has not been submitted." in page[alert:]
    assert alert < page.index("list-group-item-warning")
    assert (
        f'href="{reverse("assessment_esafety", args=[assessment.pk])}">Answer the eSafety policy question.'
        in page
    )
    assessment.refresh_from_db()
    assert assessment.is_draft


def test_the_checklist_links_to_what_is_missing(client, assessment, leader):
    client.force_login(leader)
    page = client.get(reverse("assessment_submit", args=[assessment.pk])).content.decode()
    assert f'href="{principle_url(assessment, "3")}"' in page
    assert f'href="{reverse("assessment_esafety", args=[assessment.pk])}"' in page


def test_a_teacher_sees_the_checklist_but_cannot_submit(client, assessment, teacher, leader, today):
    complete(assessment, user=leader, today=today)
    client.force_login(teacher)
    assert (
        "Only the school leader can submit"
        in client.get(reverse("assessment_submit", args=[assessment.pk])).content.decode()
    )
    assert (
        client.post(reverse("assessment_submit", args=[assessment.pk]), {"declaration": "on"}).status_code
        == 403
    )
    assessment.refresh_from_db()
    assert assessment.is_draft


def test_a_coordinator_reads_a_submitted_assessment_but_cannot_change_it(client, submitted, coordinator):
    client.force_login(coordinator)
    assert client.get(principle_url(submitted), follow=True).status_code == 200
    response = client.post(save_url(submitted, "2.1"), {"level": "1", "justification": "", "version": 1})
    assert response.status_code == 403


def test_a_coordinator_cannot_see_a_draft(client, assessment, coordinator):
    client.force_login(coordinator)
    assert client.get(principle_url(assessment)).status_code == 404


def add_statements(framework: Framework, count: int) -> None:
    principle = framework.principles.get(code="2")
    for index in range(count):
        Statement.objects.create(
            principle=principle,
            code=f"2.{10 + index}",
            order=10 + index,
            text_en="Extra",
            guidance_en="Extra",
        )


def count_queries(django_assert_max_num_queries, request) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        request()
    return len(context.captured_queries)


def test_the_principle_page_runs_a_fixed_number_of_queries(
    client, school_a, leader, framework, today, django_assert_max_num_queries
):
    from assessment.services.assessments import assessment_start

    client.force_login(leader)
    small_call = Call.objects.create(name="Small", opens_on=today, closes_on=today, framework=framework)
    small = assessment_start(school=school_a, call=small_call, user=leader, today=today)
    few = count_queries(django_assert_max_num_queries, lambda: client.get(principle_url(small)))
    add_statements(framework, 20)
    big_call = Call.objects.create(name="Big", opens_on=today, closes_on=today, framework=framework)
    big = assessment_start(school=school_a, call=big_call, user=leader, today=today)
    many = count_queries(django_assert_max_num_queries, lambda: client.get(principle_url(big)))
    assert few == many
    # Session, user, assessment, memberships, principle(s), answers, scale, evidence (2), and
    # the navigation's coordinator check.
    with django_assert_max_num_queries(10):
        client.get(principle_url(big))


def test_autosave_runs_a_fixed_number_of_queries(client, assessment, teacher, django_assert_max_num_queries):
    client.force_login(teacher)
    # Session, user, assessment, memberships, statement, savepoint, lock, update, re-read, release.
    with django_assert_max_num_queries(11):
        client.post(
            save_url(assessment, "2.1"), {"level": "3", "justification": "j", "version": 0}, headers=HTMX
        )


@pytest.fixture
def submitted_mid_request(monkeypatch, assessment):
    """The leader's submission lands between the autosave's permission check and its save."""
    from assessment import selectors
    from assessment.views import questionnaire

    real = selectors.statement_for

    def statement_then_submitted(*args, **kwargs):
        statement = real(*args, **kwargs)
        Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SUBMITTED)
        return statement

    monkeypatch.setattr(questionnaire.selectors, "statement_for", statement_then_submitted)


def test_an_autosave_that_races_a_submission_says_so_and_saves_nothing(
    client, assessment, teacher, submitted_mid_request
):
    client.force_login(teacher)

    response = client.post(
        save_url(assessment, "2.1"), {"level": "3", "justification": "Typed", "version": 0}, headers=HTMX
    )

    assert response.status_code == 409
    assert (
        "This self-assessment has been submitted, so this change was not saved." in response.content.decode()
    )
    assert assessment.responses.get(statement__code="2.1").justification == ""


def test_a_plain_post_that_races_a_submission_keeps_the_typed_text_on_the_page(
    client, assessment, teacher, submitted_mid_request
):
    client.force_login(teacher)

    response = client.post(
        save_url(assessment, "2.1"), {"level": "3", "justification": "Typed here", "version": 0}
    )

    page = response.content.decode()
    assert response.status_code == 409
    assert "so this change was not saved" in page
    assert ">Typed here</textarea>" in page


def test_a_double_clicked_submit_is_harmless(client, assessment, leader, today):
    complete(assessment, user=leader, today=today)
    client.force_login(leader)
    url = reverse("assessment_submit", args=[assessment.pk])

    first = client.post(url, {"declaration": "on"})
    second = client.post(url, {"declaration": "on"}, follow=True)

    assert first.status_code == 302
    assert second.redirect_chain == [(reverse("assessment_overview", args=[assessment.pk]), 302)]
    assert "This self-assessment has already been submitted." in second.content.decode()
    assert assessment.status_changes.filter(to_status=Assessment.Status.SUBMITTED).count() == 1


def test_a_submit_that_loses_the_race_to_another_is_harmless(client, assessment, leader, today, monkeypatch):
    from assessment.services import assessments as services

    complete(assessment, user=leader, today=today)

    def submitted_by_the_first_click(**kwargs):
        raise services.AlreadySubmitted("This self-assessment has already been submitted.")

    monkeypatch.setattr(services, "assessment_submit", submitted_by_the_first_click)
    client.force_login(leader)

    response = client.post(reverse("assessment_submit", args=[assessment.pk]), {"declaration": "on"})

    assert response.status_code == 302
    assert response.url == reverse("assessment_overview", args=[assessment.pk])


def test_a_submit_with_problems_checks_the_checklist_once_and_shows_what_it_found(
    client, assessment, leader, monkeypatch
):
    from assessment import submission
    from assessment.services import assessments as services
    from assessment.views import questionnaire

    calls = []
    real = submission.submission_problems

    def counted(*args, **kwargs):
        calls.append(kwargs.get("declaration_accepted"))
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "submission_problems", counted)
    monkeypatch.setattr(questionnaire, "submission_problems", counted)
    client.force_login(leader)

    response = client.post(reverse("assessment_submit", args=[assessment.pk]), {"declaration": "on"})

    assert response.status_code == 400
    assert calls == [True]
    page = response.content.decode()
    assert "Answer the eSafety policy question." in page
    assert "Shared leadership: 6 statements are not rated yet." in page


def test_fetching_an_assessment_for_a_request_leaves_its_snapshot_unread(submitted, leader):
    from assessment import permissions

    assessment = permissions.get_assessment_for(leader, submitted.pk)

    assert "snapshot" in assessment.get_deferred_fields()
