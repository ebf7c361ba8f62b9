"""Dates as a European reads them: one short format per language, everywhere."""

import datetime
import pathlib
import re

import pytest
from django.utils import translation

from assessment.dates import day_text, moment_text
from assessment.reports.data import report_data
from assessment.reports.pdf import report_html

SECOND_OF_NOVEMBER = datetime.date(2026, 11, 2)
# The day first everywhere, in each language's own convention.
WRITTEN = {
    "en": "02/11/2026",
    "pl": "02.11.2026",
    "ro": "02.11.2026",
    "nb": "02.11.2026",
    "bg": "02.11.2026",
    "nl": "2-11-2026",
}


@pytest.mark.parametrize(("language", "written"), WRITTEN.items())
def test_a_day_is_written_day_first_as_its_language_writes_it(language, written):
    with translation.override(language):
        assert day_text(SECOND_OF_NOVEMBER) == written
        assert day_text("2026-11-02") == written  # as a snapshot stores it


def test_a_moment_is_its_local_day_and_a_24_hour_time(settings):
    settings.TIME_ZONE = "Europe/Brussels"
    late_evening_utc = datetime.datetime(2026, 11, 2, 23, 30, tzinfo=datetime.UTC)
    with translation.override("en"):
        assert moment_text(late_evening_utc) == "03/11/2026 00:30"
        assert day_text(late_evening_utc) == "03/11/2026"


def test_templates_write_dates_only_through_the_apps_format():
    """`|date:` with a format of its own would bring back a second format (or the American one)."""
    templates = pathlib.Path(__file__).resolve().parent.parent / "templates"
    offenders = [
        str(path.relative_to(templates))
        for path in templates.rglob("*")
        if path.is_file() and re.search(r"\|date\b", path.read_text())
    ]
    assert offenders == []


def test_the_reports_action_plan_writes_its_due_dates_as_the_reader_does(submitted):
    [due_on] = {action.due_on for action in submitted.actions.all()}
    html = report_html(report_data(submitted, language="pl"), for_pdf=True)
    assert f"<td>{due_on:%d.%m.%Y}</td>" in html
    assert due_on.isoformat() not in html


def test_the_label_email_writes_its_validity_as_each_member_reads_it(
    submitted, coordinator, leader, teacher, today, django_capture_on_commit_callbacks
):
    from django.core import mail

    from assessment.services.review import Decision, decision_make

    teacher.preferred_language = "nl"
    teacher.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision_make(
            assessment=submitted, user=coordinator, decision=Decision.AWARD, comment="", today=today
        )
    submitted.refresh_from_db()
    bodies = {message.to[0]: message.body for message in mail.outbox}
    valid_until = submitted.label_valid_until
    assert f"valid until {valid_until:%d/%m/%Y}." in bodies[leader.email]
    assert f"{valid_until.day}-{valid_until.month}-{valid_until.year}" in bodies[teacher.email]
