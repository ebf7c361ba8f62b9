"""A seventh language is data only: a line in settings.LANGUAGES, a catalogue and the framework's
texts in it. Swedish is added here as a test fixture (nothing of it is shipped) and the
interface, the questionnaire and the PDF report are checked in it, with no change to code."""

import json
import subprocess
import textwrap

from assessment.services.framework import framework_files, framework_read
from tests.processes import run_app

CATALOGUE = """
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: sv\\n"

msgctxt "main menu, short: the page of the eTwinning School profile, never the user's account"
msgid "The profile"
msgstr "Profilen"

msgid "Report"
msgstr "Rapport"
"""


def with_swedish(value):
    """The framework content with a Swedish text beside each English one (marked, so it shows)."""
    if isinstance(value, dict) and "en" in value and all(isinstance(text, str) for text in value.values()):
        return {**value, "sv": f"[sv] {value['en']}"}
    if isinstance(value, dict):
        return {key: with_swedish(item) for key, item in value.items()}
    if isinstance(value, list):
        return [with_swedish(item) for item in value]
    return value


def test_a_seventh_language_works_in_the_interface_the_questionnaire_and_the_pdf(tmp_path):
    (tmp_path / "locale" / "sv" / "LC_MESSAGES").mkdir(parents=True)
    po = tmp_path / "locale" / "sv" / "LC_MESSAGES" / "django.po"
    po.write_text(CATALOGUE, encoding="utf-8")
    subprocess.run(["msgfmt", "-o", po.with_suffix(".mo"), po], check=True)
    content = tmp_path / "framework-sv.json"
    content.write_text(json.dumps(with_swedish(framework_read(framework_files()[-1]))), encoding="utf-8")
    (tmp_path / "seventh_settings.py").write_text(
        textwrap.dedent(
            f"""
            from etwinning_school.settings import *  # noqa: F403

            LANGUAGES = [*LANGUAGES, ("sv", "Svenska")]  # noqa: F405
            LOCALE_PATHS = [{str(tmp_path / "locale")!r}, *LOCALE_PATHS]  # noqa: F405
            # The translated columns of the new language come from the models themselves.
            MIGRATION_MODULES = {{"assessment": None}}
            """
        ),
        encoding="utf-8",
    )
    script = textwrap.dedent(
        f"""
        import datetime, json, subprocess, tempfile
        from django.core.management import call_command
        from django.test import Client
        from django.utils import timezone
        from django.utils.html import escape
        from assessment.models import Call, Framework, Membership
        from assessment.reports.pdf import report_pdf
        from assessment.services.assessments import assessment_start
        from assessment.services.framework import framework_load
        from tests.factories import CountryFactory, MembershipFactory, SchoolFactory

        call_command("migrate", run_syncdb=True, verbosity=0)
        framework_load(data=json.load(open({str(content)!r}, encoding="utf-8")))
        framework = Framework.objects.get()
        today = timezone.localdate()
        call = Call.objects.create(
            name="Call", opens_on=today, closes_on=today + datetime.timedelta(days=30), framework=framework
        )
        school = SchoolFactory(country=CountryFactory(code="SE", name_en="Sweden", name_sv="Sverige"))
        leader = MembershipFactory(school=school, role=Membership.Role.LEADER, user__username="rektor").user
        leader.preferred_language = "sv"
        leader.save()
        assessment = assessment_start(school=school, call=call, user=leader, today=today)
        client = Client(headers={{"accept-language": "sv"}})
        client.force_login(leader)
        home = client.get("/").content.decode()
        print("interface:", '<html lang="sv">' in home, "Profilen" in home)
        principle = client.get(f"/assessments/{{assessment.pk}}/principles/1/").content.decode()
        statement = framework.principles.get(code="1").statements.order_by("order").first()
        print("questionnaire:", statement.text_sv.startswith("[sv]"), escape(statement.text_sv) in principle)
        pdf = report_pdf(assessment, language="sv")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            text = subprocess.run(["pdftotext", handle.name, "-"], capture_output=True, text=True).stdout
        print("report:", "[sv]" in text, "Sverige" in text)
        """
    )

    result = run_app(
        script=script,
        DEBUG="true",
        DJANGO_SETTINGS_MODULE="seventh_settings",
        ALLOWED_HOSTS="testserver",
        PYTHONPATH=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'seventh.sqlite3'}",
        EVIDENCE_ROOT=str(tmp_path / "evidence"),
        STATIC_MANIFEST="false",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-3:] == [
        "interface: True True",
        "questionnaire: True True",
        "report: True True",
    ], result.stdout + result.stderr
