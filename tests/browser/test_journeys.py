"""What people do in the browser: autosave, evidence, submission, review, report, language."""

import re
import subprocess

import pytest

from assessment.models import Assessment, Statement
from assessment.services.assessments import response_save
from tests import files
from tests.conftest import complete, evidence_storage

pytestmark = pytest.mark.django_db(transaction=True)


def statement_card(code: str) -> str:
    return f"#statement-{code.replace('.', chr(92) + '.')}"


def test_a_leader_fills_a_principle_and_it_saves_as_they_type(open_as, live_server, assessment, leader):
    page = open_as("leader")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/principles/2/")
    card = statement_card("2.1")
    page.click(f"{card} label[for$='-3']")
    page.fill(f"{card} textarea", "The teams plan every project together in September.")
    page.wait_for_selector(f"{card} .saved")
    stored = assessment.responses.get(statement__code="2.1")
    assert (stored.level, stored.justification) == (
        "3",
        "The teams plan every project together in September.",
    )
    page.reload()
    assert page.input_value(f"{card} textarea") == "The teams plan every project together in September."


def test_a_teacher_uploads_evidence_and_sees_it_listed(open_as, live_server, assessment, teacher, tmp_path):
    document = tmp_path / "Open day programme.pdf"
    document.write_bytes(files.PDF)
    page = open_as("teacher")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/principles/4/")
    card = statement_card("4.3")
    page.click(f"{card} summary")
    page.set_input_files(f"{card} input[type=file]", str(document))
    page.click(f"{card} .evidence-form button[type=submit]")
    page.wait_for_selector(f"{card} .evidence-list")
    assert "Open day programme.pdf" in page.inner_text(f"{card} .evidence-list")
    assert Statement.objects.get(code="4.3").evidence.get().added_by == teacher


def test_an_upload_the_full_disk_cannot_take_says_so_in_place_keeping_the_title(
    open_as, live_server, assessment, teacher, tmp_path, settings
):
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": evidence_storage(tmp_path / "evidence", "tests.fake_storage.DiskFullStorage"),
    }
    document = tmp_path / "Open day programme.pdf"
    document.write_bytes(files.PDF)
    page = open_as("teacher")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/principles/4/")
    card = statement_card("4.3")
    page.click(f"{card} summary")
    page.fill(f"{card} .evidence-form input[name=title]", "Programme of the open day")
    page.set_input_files(f"{card} input[type=file]", str(document))
    page.click(f"{card} .evidence-form button[type=submit]")
    page.wait_for_selector(f"{card} :text('the storage is unavailable or full')")
    assert page.input_value(f"{card} .evidence-form input[name=title]") == "Programme of the open day"
    assert not Statement.objects.get(code="4.3").evidence.exists()


def test_submit_return_fix_resubmit_award_and_the_bulgarian_report(
    open_as, live_server, assessment, leader, teacher, coordinator, today
):
    complete(assessment, user=leader, today=today)
    leader_page = open_as("leader")
    leader_page.goto(f"{live_server.url}/assessments/{assessment.pk}/submit/")
    leader_page.check("input[name=declaration]")
    leader_page.click("main form button[type=submit]")
    leader_page.wait_for_load_state()
    assert Assessment.objects.get(pk=assessment.pk).status == "submitted"

    coordinator_page = open_as("coordinator")
    coordinator_page.goto(f"{live_server.url}/coordinator/")
    coordinator_page.click("text=School A")
    coordinator_page.fill("#principle-4 textarea", "Show the mentoring scheme with a document.")
    coordinator_page.click("#principle-4 button[type=submit]")
    coordinator_page.check("input[name=decision][value=return]")
    coordinator_page.fill("#decision textarea", "Please add evidence for principle 4.")
    coordinator_page.click("#decision button[type=submit]")
    coordinator_page.wait_for_load_state()
    assert Assessment.objects.get(pk=assessment.pk).status == "returned"

    leader_page.goto(f"{live_server.url}/assessments/{assessment.pk}/principles/4/")
    assert "Show the mentoring scheme with a document." in leader_page.content()
    card = statement_card("4.5")
    leader_page.fill(f"{card} textarea", "Our mentoring scheme with two village schools.")
    leader_page.wait_for_selector(f"{card} .saved")
    leader_page.goto(f"{live_server.url}/assessments/{assessment.pk}/submit/")
    leader_page.check("input[name=declaration]")
    leader_page.click("main form button[type=submit]")
    leader_page.wait_for_load_state()
    assert Assessment.objects.get(pk=assessment.pk).status == "submitted"

    coordinator_page.goto(f"{live_server.url}/assessments/{assessment.pk}/review/")
    assert "Changed since the previous submission" in coordinator_page.inner_text("#principle-4")
    coordinator_page.check("input[name=decision][value=award]")
    coordinator_page.click("#decision button[type=submit]")
    coordinator_page.wait_for_selector("#confirmation")
    # Not decided before it is confirmed.
    assert Assessment.objects.get(pk=assessment.pk).status == "in_review"
    coordinator_page.click("#confirmation button:not([name=back])")
    coordinator_page.wait_for_load_state()
    assert Assessment.objects.get(pk=assessment.pk).status == "awarded"

    leader_page.goto(f"{live_server.url}/assessments/{assessment.pk}/")
    assert re.search(r"The label is valid until \d", leader_page.inner_text("main"))
    leader_page.goto(f"{live_server.url}/assessments/{assessment.pk}/results/")
    leader_page.select_option("#report-language", "bg")
    with leader_page.expect_download() as download:
        leader_page.click("button[name=format][value=pdf]")
    path = download.value.path()
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Страница 1 от" in text
    assert "eTwinning училищата са пример за другите училища" in text


def test_a_submission_with_points_open_is_refused_out_loud_with_the_focus_on_why(
    open_as, live_server, assessment, leader, today
):
    page = open_as("leader", language="ro")
    url = f"{live_server.url}/assessments/{assessment.pk}/submit/"
    page.goto(url)
    button = page.locator("main form [type=submit]")
    assert button.is_disabled()
    assert "Încă indisponibil" in page.inner_text(f"#{button.get_attribute('aria-describedby')}")

    complete(assessment, user=leader, today=today)
    page.goto(url)
    # While the leader reads the page, a teacher clears a rating.
    assessment.responses.filter(statement__code="2.1").update(level="")
    page.check("#id_declaration")
    button.click()

    page.wait_for_selector("[data-focus-on-load]")
    assert page.evaluate("document.activeElement.matches('[role=alert][data-focus-on-load]')")
    assert "Autoevaluarea nu a fost depusă." in page.inner_text("[role=alert]")
    assert page.locator(f".checklist a[href='/assessments/{assessment.pk}/principles/2/']").is_visible()
    assert button.is_disabled()
    assessment.refresh_from_db()
    assert assessment.is_draft


def test_the_language_switcher_changes_the_language_and_it_sticks(open_as, live_server, leader, framework):
    page = open_as("leader")
    page.goto(f"{live_server.url}/about/")
    with page.expect_navigation():
        page.select_option("#language-select", "ro")
    assert page.locator("html").get_attribute("lang") == "ro"
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "ro"
    assert "Școlile eTwinning" in page.inner_text("main")


def test_a_conflicting_autosave_keeps_the_typed_text(open_as, live_server, assessment, leader, teacher):
    teacher_page = open_as("teacher")
    teacher_page.goto(f"{live_server.url}/assessments/{assessment.pk}/principles/1/")
    statement = Statement.objects.get(code="1.1")
    response_save(
        assessment=assessment,
        statement=statement,
        user=leader,
        level="4",
        justification="Leader's view.",
        version=0,
    )
    card = statement_card("1.1")
    teacher_page.fill(f"{card} textarea", "Teacher's view.")
    teacher_page.wait_for_selector(f"{card} .conflict")
    assert "Leader's view." in teacher_page.inner_text(f"{card} .conflict")
    assert teacher_page.input_value(f"{card} textarea") == "Teacher's view."


def test_a_decline_is_confirmed_first_and_back_keeps_the_comment(
    open_as, live_server, submitted, coordinator
):
    page = open_as("coordinator", language="bg")
    page.goto(f"{live_server.url}/assessments/{submitted.pk}/review/")
    page.click("nav[aria-label] a[href='#principle-3']")
    assert page.evaluate("location.hash") == "#principle-3"
    page.check("input[name=decision][value=decline]")
    page.fill("#decision textarea", "Кандидатствайте отново догодина.\nС поздрав.")
    page.click("#decision button[type=submit]")

    page.wait_for_selector("#confirmation")
    assert "Това решение е окончателно" in page.inner_text("#confirmation")
    page.click("#confirmation button[name=back]")
    page.wait_for_selector("#decision")
    assert page.input_value("#decision textarea") == "Кандидатствайте отново догодина.\nС поздрав."
    assert page.is_checked("input[name=decision][value=decline]")
    assert Assessment.objects.get(pk=submitted.pk).status == "in_review"

    page.click("#decision button[type=submit]")
    page.click("#confirmation button:not([name=back])")
    page.wait_for_load_state()
    submitted.refresh_from_db()
    assert (submitted.status, submitted.decision_comment.replace("\r\n", "\n")) == (
        "not_awarded",
        "Кандидатствайте отново догодина.\nС поздрав.",
    )


def test_a_drafts_results_show_what_is_not_rated_yet_not_a_zero(open_as, live_server, assessment, leader):
    response = assessment.responses.select_related("statement").get(statement__code="1.1")
    response_save(
        assessment=assessment,
        statement=response.statement,
        user=leader,
        level="4",
        justification="",
        version=response.version,
    )
    page = open_as("leader", language="pl")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/results/")
    table = page.locator("table").inner_text()
    assert table.count("Jeszcze bez oceny") == 4
    rateable = Statement.objects.filter(principle__code="1").count()
    assert f"100 (na podstawie 1 z {rateable} stwierdzeń)" in table
    chart = page.locator("svg.radar")
    assert chart.locator("tspan", has_text="Jeszcze bez oceny").count() == 4
    assert chart.locator("circle").count() == 1  # one rated principle, one point; no zeros
