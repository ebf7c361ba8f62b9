import pytest
from django.urls import reverse
from django.utils.html import escape

from assessment.dates import day_text
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
        reverse("review_decision", args=[submitted.pk]),
        {"decision": "award", "comment": "", "confirmed": "1"},
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


def test_the_certificate_names_the_programme_the_validity_and_has_a_line_for_the_coordinators_signature(
    client, submitted, coordinator, leader
):
    decision_make(
        assessment=submitted,
        user=coordinator,
        decision=Decision.AWARD,
        comment="",
        today=submitted.call.opens_on,
    )
    submitted.refresh_from_db()
    client.force_login(leader)
    response = client.get(reverse("label_certificate", args=[submitted.pk]) + "?language=en")
    text = pdf_text(response.content)
    assert "ETWINNING · ERASMUS+" in text
    assert f"in the call {submitted.call.name}; valid until {day_text(submitted.label_valid_until)}." in text
    assert f"{coordinator.get_full_name()} National coordinator, Poland" in text
    assert "Place and date" in text
    assert pdf_info(response.content)["Pages"] == "1"


def test_there_is_no_certificate_before_an_award(client, submitted, leader):
    client.force_login(leader)
    assert client.get(reverse("label_certificate", args=[submitted.pk])).status_code == 404


def test_a_double_clicked_decision_is_harmless(client, submitted, coordinator):
    client.force_login(coordinator)
    url = reverse("review_decision", args=[submitted.pk])

    first = client.post(url, {"decision": "award", "comment": "", "confirmed": "1"})
    second = client.post(url, {"decision": "award", "comment": "", "confirmed": "1"}, follow=True)

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
        reverse("review_decision", args=[submitted.pk]),
        {"decision": "decline", "comment": "No.", "confirmed": "1"},
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


# The page's table of contents.


def test_the_review_page_opens_with_links_to_each_part_of_the_submission(client, submitted, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("assessment_review", args=[submitted.pk])).content.decode()
    contents = page[page.index('<nav class="card mb-4" aria-label="Parts of the submission">') :]
    contents = contents[: contents.index("</nav>")]
    sections = ["esafety", *(f"principle-{code}" for code in "12345"), "action-plan", "notes", "decision"]
    for section in sections:
        assert f'href="#{section}"' in contents
        assert f'id="{section}"' in page
    assert contents.index('href="#principle-1"') < contents.index('href="#principle-5"')


# Levels by name, as the snapshot names them.


def test_levels_are_named_with_their_place_on_the_scale(client, assessment, leader, coordinator, today):
    from assessment.services.assessments import assessment_submit
    from tests.conftest import complete

    complete(assessment, user=leader, today=today)
    assessment.responses.filter(statement__code="1.2").update(level="na")
    assessment.responses.filter(statement__code="1.3").update(level="4")
    assessment_submit(assessment=assessment, user=leader, declaration_accepted=True, today=today)
    assessment.responses.filter(statement__code__in=["1.2", "1.3"]).update(level="")
    client.force_login(coordinator)
    page = client.get(reverse("assessment_review", args=[assessment.pk])).content.decode()
    assert "<strong>Established (3 of 4)</strong>" in page
    assert "<strong>Not applicable</strong>" in page
    assert "<strong>Leading (4 of 4)</strong>" in page
    assert " / 4" not in page


def test_a_level_is_named_as_the_snapshot_names_it_in_the_readers_language(client, submitted, coordinator):
    from assessment.models import ScaleLevel

    ScaleLevel.objects.filter(code="3").update(label_en="Renamed after the submission", label_pl="Zmienione")
    client.force_login(coordinator)
    url = reverse("assessment_review", args=[submitted.pk])
    english = client.get(url, headers={"accept-language": "en"}).content.decode()
    polish = client.get(url, headers={"accept-language": "pl"}).content.decode()
    assert "Established (3" in english and "Renamed after the submission" not in english
    assert "Ugruntowane (3" in polish and "Zmienione" not in polish


def test_level_names_cover_not_applicable_and_not_rated():
    from django.utils import translation

    from assessment.reports.data import level_names
    from assessment.snapshot.records import LevelRecord

    levels = [
        LevelRecord(code=code, label={"en": label, "pl": f"{label} (pl)"}, meaning={"en": ""})
        for code, label in (("1", "Not yet"), ("2", "Emerging"), ("na", "Does not apply"))
    ]
    with translation.override("en"):
        names = level_names(levels, "pl")
    assert names == {
        "1": "Not yet (pl) (1 of 2)",
        "2": "Emerging (pl) (2 of 2)",
        "na": "Does not apply (pl)",
        "": "Not rated",
    }


# Confirming an award or a decline.


def decision_url(assessment) -> str:
    return reverse("review_decision", args=[assessment.pk])


def form_fields(page: str) -> dict[str, str]:
    """What the confirmation's form sends when its first button is pressed: its hidden fields."""
    from html.parser import HTMLParser

    fields: dict[str, str] = {}

    class Inputs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attributes = dict(attrs)
            if tag == "input" and attributes.get("type") == "hidden":
                fields[attributes["name"]] = attributes.get("value") or ""

    Inputs().feed(page[page.index('id="confirmation"') :])
    return fields


def test_an_award_is_shown_for_confirmation_and_not_made(client, submitted, coordinator):
    client.force_login(coordinator)
    response = client.post(decision_url(submitted), {"decision": "award", "comment": "Well done."})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Confirm the decision" in page and "Award the eTwinning School label" in page
    assert "Well done." in page
    assert '<input type="hidden" name="confirmed" value="1">' in page
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SUBMITTED
    assert not submitted.status_changes.filter(to_status="awarded").exists()


def test_an_award_is_made_once_confirmed(client, submitted, coordinator):
    client.force_login(coordinator)
    response = client.post(
        decision_url(submitted), {"decision": "award", "comment": "Well done.", "confirmed": "1"}
    )
    assert (response.status_code, response.url) == (302, reverse("coordinator_inbox"))
    submitted.refresh_from_db()
    assert (submitted.status, submitted.decision_comment) == (Assessment.Status.AWARDED, "Well done.")


def test_a_decline_is_confirmed_with_its_comment_kept_to_the_letter(client, submitted, coordinator):
    comment = 'No evidence for 4.5.\r\nSee <b>"the guide"</b> & try again.'
    client.force_login(coordinator)
    confirmation = client.post(decision_url(submitted), {"decision": "decline", "comment": comment})
    page = confirmation.content.decode()
    assert confirmation.status_code == 200 and "Do not award the label" in page
    assert escape(comment) in page and "<b>" not in page
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SUBMITTED

    client.post(decision_url(submitted), form_fields(page))
    submitted.refresh_from_db()
    assert (submitted.status, submitted.decision_comment) == (Assessment.Status.NOT_AWARDED, comment)


def test_a_decline_without_a_comment_is_refused_before_any_confirmation(client, submitted, coordinator):
    client.force_login(coordinator)
    response = client.post(decision_url(submitted), {"decision": "decline", "comment": " "})
    assert response.status_code == 400
    page = response.content.decode()
    assert "a comment is required for this decision" in page and "Confirm the decision" not in page


def test_back_from_the_confirmation_shows_the_decision_form_as_it_was_filled_in(
    client, submitted, coordinator
):
    client.force_login(coordinator)
    response = client.post(
        decision_url(submitted),
        {"decision": "decline", "comment": "Not this year.", "confirmed": "1", "back": "1"},
    )
    assert response.status_code == 200
    form = response.context["decision_form"]
    assert (form["decision"].value(), form["comment"].value()) == ("decline", "Not this year.")
    page = response.content.decode()
    assert 'value="decline" id="id_decision_2" required checked' in page
    assert ">\nNot this year.</textarea>" in page
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SUBMITTED


def test_a_return_is_recorded_at_once_as_the_school_can_resubmit(client, submitted, coordinator):
    client.force_login(coordinator)
    response = client.post(decision_url(submitted), {"decision": "return", "comment": "Add the plan."})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.RETURNED


# What changed since the submission that was returned.


def resubmit(assessment, *, coordinator, leader, today, answers: dict[str, tuple[str, str]]):
    """Return the submission, change `answers` ({code: (level, justification)}), submit again."""
    from assessment.services.assessments import assessment_submit, response_save

    decision_make(
        assessment=assessment,
        user=coordinator,
        decision=Decision.RETURN,
        comment="Look at 4.5 again.",
        today=today,
    )
    for code, (level, justification) in answers.items():
        response = assessment.responses.select_related("statement").get(statement__code=code)
        response_save(
            assessment=assessment,
            statement=response.statement,
            user=leader,
            level=level,
            justification=justification,
            version=response.version,
        )
    return assessment_submit(assessment=assessment, user=leader, declaration_accepted=True, today=today)


def test_a_return_keeps_the_submission_it_returned(submitted, coordinator, today):
    from assessment.snapshot import previous_submission_of

    kept = submitted.snapshot
    decision_make(
        assessment=submitted, user=coordinator, decision=Decision.RETURN, comment="Fix 4.", today=today
    )
    assert previous_submission_of(submitted).to_json() == kept


def test_a_resubmission_shows_each_changed_answer_with_the_previous_one(
    client, submitted, coordinator, leader, today
):
    resubmit(
        submitted,
        coordinator=coordinator,
        leader=leader,
        today=today,
        answers={
            "4.5": ("4", "Our mentoring scheme with two village schools."),
            "2.1": ("2", "We do this every term."),
        },
    )
    client.force_login(coordinator)
    page = client.get(reverse("assessment_review", args=[submitted.pk])).content.decode()
    assert page.count("Changed since the previous submission") == 2
    assert "2 statements changed since the previous submission" in page
    assert "1 statement changed</span>" in page  # principles 2 and 4, in the contents
    principle_4 = page[page.index('id="principle-4"') : page.index('id="principle-5"')]
    assert "<strong>Leading (4 of 4)</strong>: Our mentoring scheme with two village schools." in principle_4
    assert "Previous level: <strong>Established (3 of 4)</strong>" in principle_4
    assert "Previous justification: We do this every term." in principle_4
    principle_2 = page[page.index('id="principle-2"') : page.index('id="principle-3"')]
    assert "Previous level: <strong>Established (3 of 4)</strong>" in principle_2
    assert "Previous justification" not in principle_2  # only its level changed


def test_a_first_submission_shows_no_changes(client, submitted, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("assessment_review", args=[submitted.pk])).content.decode()
    assert "since the previous submission" not in page


def test_a_resubmission_with_nothing_changed_says_so(client, submitted, coordinator, leader, today):
    resubmit(submitted, coordinator=coordinator, leader=leader, today=today, answers={})
    client.force_login(coordinator)
    page = client.get(reverse("assessment_review", args=[submitted.pk])).content.decode()
    assert "No statement changed since the previous submission" in page
    assert "Changed since the previous submission" not in page


def test_a_returned_submissions_review_page_shows_what_was_submitted_not_the_working_copy(
    client, submitted, coordinator, leader, today
):
    from assessment.services.assessments import response_save

    decision_make(
        assessment=submitted, user=coordinator, decision=Decision.RETURN, comment="Fix 4.", today=today
    )
    response = submitted.responses.select_related("statement").get(statement__code="4.5")
    response_save(
        assessment=submitted,
        statement=response.statement,
        user=leader,
        level="4",
        justification="Half-written, not submitted yet.",
        version=response.version,
    )
    client.force_login(coordinator)
    page = client.get(reverse("assessment_review", args=[submitted.pk])).content.decode()
    assert "We do this every term." in page and "Half-written" not in page
    assert "since the previous submission" not in page
