import pytest
from django.urls import reverse
from django.utils.html import escape

from assessment.models import Assessment, Principle, Statement
from assessment.services.review import Decision, decision_make, feedback_save, note_add
from tests.reports_helpers import pdf_info, pdf_text


def test_the_review_page_shows_the_submission_and_opens_it(client, submitted, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("assessment_review", args=[submitted.pk])).content.decode()
    assert "School A" in page and "We do this every term." in page
    assert 'role="img"' in page  # the radar chart
    assert reverse("evidence_download", args=[submitted.evidence.first().pk]) in page
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.IN_REVIEW


def test_a_return_without_a_comment_is_refused_next_to_the_field(client, submitted, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("review_decision", args=[submitted.pk]), {"decision": "return", "comment": ""}
    )
    assert response.status_code == 400
    assert "a comment is required for this decision" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SUBMITTED


def test_the_coordinator_awards_the_label(client, submitted, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("review_decision", args=[submitted.pk]), {"decision": "award", "comment": ""}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.AWARDED and submitted.label_valid_until


def test_feedback_is_saved_per_principle(client, submitted, coordinator):
    client.force_login(coordinator)
    url = reverse("review_feedback", args=[submitted.pk, "2"])
    client.post(url, {"p2-agreement": "disagree", "p2-comment": "The plan is not shared yet."})
    feedback = submitted.feedback.get()
    assert (feedback.principle.code, feedback.agreement, feedback.comment) == (
        "2",
        "disagree",
        "The plan is not shared yet.",
    )


def test_a_bad_agreement_value_is_a_bad_request(client, submitted, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("review_feedback", args=[submitted.pk, "2"]), {"p2-agreement": "maybe"})
    assert response.status_code == 400
    assert not submitted.feedback.exists()


def test_the_school_sees_feedback_and_decision_only_once_decided(client, submitted, coordinator, leader):
    principle = Principle.objects.get(code="2")
    feedback_save(
        assessment=submitted,
        principle=principle,
        user=coordinator,
        agreement="partly",
        comment="Share the plan.",
    )
    client.force_login(leader)
    url = reverse("assessment_principle", args=[submitted.pk, "2"])
    assert "Share the plan." not in client.get(url).content.decode()
    decision_make(
        assessment=submitted,
        user=coordinator,
        decision=Decision.RETURN,
        comment="See principle 2.",
        today=submitted.call.opens_on,
    )
    assert "Share the plan." in client.get(url).content.decode()
    overview = client.get(reverse("assessment_overview", args=[submitted.pk])).content.decode()
    assert "See principle 2." in overview


@pytest.mark.parametrize("person", ["leader", "teacher"])
def test_internal_notes_never_reach_the_school(client, submitted, coordinator, person, request):
    note_add(assessment=submitted, user=coordinator, text="Confidential: ask the region.")
    decision_make(
        assessment=submitted,
        user=coordinator,
        decision=Decision.RETURN,
        comment="Fix 4.",
        today=submitted.call.opens_on,
    )
    client.force_login(request.getfixturevalue(person))
    for url in (
        reverse("assessment_overview", args=[submitted.pk]),
        reverse("assessment_principle", args=[submitted.pk, "1"]),
        reverse("assessment_report", args=[submitted.pk]) + "?language=en",
        reverse("assessment_results", args=[submitted.pk]),
    ):
        assert "Confidential" not in client.get(url).content.decode()
    assert client.get(reverse("assessment_review", args=[submitted.pk])).status_code == 404


def test_internal_notes_never_reach_the_export_or_the_pdf(submitted, coordinator):
    from io import StringIO

    from django.core.management import call_command

    from assessment.reports.pdf import report_pdf

    note_add(assessment=submitted, user=coordinator, text="Confidential: ask the region.")
    decision_make(
        assessment=submitted,
        user=coordinator,
        decision=Decision.AWARD,
        comment="Well done.",
        today=submitted.call.opens_on,
    )
    out = StringIO()
    call_command("export_assessment", str(submitted.pk), stdout=out)
    assert "Confidential" not in out.getvalue() and "Well done." in out.getvalue()
    submitted.refresh_from_db()
    text = pdf_text(report_pdf(submitted, language="en"))
    assert "Confidential" not in text and "Well done." in text


def test_the_award_certificate_is_one_page_in_the_schools_language(client, submitted, coordinator, leader):
    leader.preferred_language = "pl"
    leader.save()
    decision_make(
        assessment=submitted,
        user=coordinator,
        decision=Decision.AWARD,
        comment="",
        today=submitted.call.opens_on,
    )
    client.force_login(leader)
    response = client.get(reverse("label_certificate", args=[submitted.pk]))
    assert response.status_code == 200
    assert pdf_info(response.content)["Pages"] == "1"
    from django.utils import translation

    with translation.override("pl"):
        heading = translation.gettext("eTwinning School Label")
    assert heading in pdf_text(response.content)
    assert "School A" in pdf_text(response.content)


def test_there_is_no_certificate_before_an_award(client, submitted, leader):
    client.force_login(leader)
    assert client.get(reverse("label_certificate", args=[submitted.pk])).status_code == 404


def test_a_double_clicked_decision_is_harmless(client, submitted, coordinator):
    client.force_login(coordinator)
    url = reverse("review_decision", args=[submitted.pk])

    first = client.post(url, {"decision": "award", "comment": ""})
    second = client.post(url, {"decision": "award", "comment": ""}, follow=True)

    assert first.status_code == 302
    assert second.redirect_chain == [(reverse("assessment_review", args=[submitted.pk]), 302)]
    assert "A decision on this self-assessment has already been recorded." in second.content.decode()
    assert submitted.status_changes.filter(to_status="awarded").count() == 1


def test_a_decision_after_another_coordinators_changes_nothing(client, submitted, coordinator, monkeypatch):
    from assessment.services import review as services

    def decided_a_moment_before(**kwargs):
        raise services.AlreadyDecided("This self-assessment is not awaiting a decision.")

    monkeypatch.setattr(services, "decision_make", decided_a_moment_before)
    client.force_login(coordinator)

    response = client.post(
        reverse("review_decision", args=[submitted.pk]), {"decision": "decline", "comment": "No."}
    )

    assert response.status_code == 302
    assert response.url == reverse("assessment_review", args=[submitted.pk])


def test_a_coordinator_reads_every_part_of_a_submission_on_its_review_page(client, submitted, coordinator):
    client.force_login(coordinator)
    review = reverse("assessment_review", args=[submitted.pk])
    for name, args, section in (
        ("assessment_overview", [submitted.pk], ""),
        ("assessment_principle", [submitted.pk, "2"], "#principle-2"),
        ("assessment_esafety", [submitted.pk], "#esafety"),
        ("action_plan", [submitted.pk], "#action-plan"),
    ):
        response = client.get(reverse(name, args=args))
        assert (response.status_code, response.url) == (302, review + section)
    page = client.get(review).content.decode()
    assert all(f'id="{section}"' in page for section in ("principle-2", "esafety", "action-plan"))
    unknown = client.get(reverse("assessment_principle", args=[submitted.pk, "9"]))
    assert unknown.status_code == 404


def test_a_returned_assessment_is_the_schools_working_copy_again_for_the_coordinator(
    client, submitted, coordinator
):
    decision_make(
        assessment=submitted,
        user=coordinator,
        decision=Decision.RETURN,
        comment="Fix 4.",
        today=submitted.call.opens_on,
    )
    client.force_login(coordinator)
    assert client.get(reverse("assessment_principle", args=[submitted.pk, "2"])).status_code == 200


def test_what_was_submitted_stays_as_submitted_after_the_framework_is_edited(
    client, submitted, coordinator, leader, framework
):
    from assessment.exports import assessment_export

    export_before = assessment_export(submitted)
    statement = Statement.objects.get(code="1.1")
    submitted_text = statement.text_en
    statement.text_en = "A statement rewritten after the submission."
    statement.save()
    principle = framework.principles.get(code="1")
    submitted_title = principle.title_en
    principle.title_en = "A principle renamed after the submission."
    principle.save()
    assert assessment_export(submitted) == export_before

    client.force_login(coordinator)
    # Whichever page of the submission the coordinator opens, it is read on the review page.
    review = client.get(
        reverse("assessment_principle", args=[submitted.pk, "1"]), follow=True
    ).content.decode()
    client.force_login(leader)
    report = client.get(reverse("assessment_report", args=[submitted.pk]) + "?language=en").content.decode()

    for page in (review, report):
        assert escape(submitted_text) in page and escape(submitted_title) in page
        assert "rewritten after the submission" not in page and "renamed after the submission" not in page
