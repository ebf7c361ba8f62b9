"""`check_evidence` finds files without a row and rows without a file; `--fix` tidies up."""

import os
import time
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command

from assessment.models import Evidence
from assessment.services.evidence import Target, evidence_add_files
from tests import files
from tests.views.test_evidence import statement, upload

HOUR = 60 * 60


def stored(name: str, content: bytes = b"x", *, age: int = 2 * HOUR) -> str:
    """Put a file in the evidence storage, last changed `age` seconds ago."""
    name = storages["evidence"].save(name, ContentFile(content))
    then = time.time() - age
    os.utime(storages["evidence"].path(name), (then, then))
    return name


def check(*arguments: str) -> str:
    output = StringIO()
    call_command("check_evidence", *arguments, stdout=output)
    return output.getvalue()


@pytest.fixture
def item(assessment, teacher) -> Evidence:
    [evidence] = evidence_add_files(
        assessment=assessment,
        user=teacher,
        files=[upload("plan.pdf", files.PDF)],
        target=Target(statement=statement()),
    )
    return evidence


def test_a_store_in_step_with_the_database_is_reported_clean(item):
    stored(f"{item.file.name}.thumbnail.png")  # a preview belongs to its evidence

    assert "The evidence storage and the database agree." in check()


def test_files_without_a_row_are_listed_and_the_command_fails(assessment, item):
    orphan = stored(f"{assessment.pk}/0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f")
    partial = stored(f"reports/{assessment.pk}/.abc.partial")
    old_report = stored("reports/999999/old.pdf")

    output = StringIO()
    with pytest.raises(CommandError, match=r"3 file\(s\) without a row, 0 row\(s\) without a file"):
        call_command("check_evidence", stdout=output)
    for name in (orphan, partial, old_report):
        assert f"file without a row: {name}" in output.getvalue()


def test_a_file_being_uploaded_right_now_is_not_an_orphan(assessment, item):
    stored(f"{assessment.pk}/1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a", age=60)

    assert "agree" in check("--older-than", "60")


def test_a_cached_report_of_an_existing_assessment_is_kept(assessment, item):
    stored(f"reports/{assessment.pk}/{'a' * 64}.pdf", b"%PDF-1.7\n%%EOF\n")

    assert "agree" in check()


def test_fix_removes_orphan_files_and_drafts_rows_whose_file_is_gone(assessment, item):
    orphan = stored(f"{assessment.pk}/0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f")
    storages["evidence"].delete(item.file.name)

    output = check("--fix")

    assert f"row without a file: evidence {item.pk} of assessment {assessment.pk}" in output
    assert "Removed 1 file(s) and 1 row(s)." in output
    assert not storages["evidence"].exists(orphan)
    assert not Evidence.objects.filter(pk=item.pk).exists()
    assert "agree" in check()


def test_fix_keeps_the_rows_of_a_submitted_self_assessment(submitted):
    item = submitted.evidence.first()
    storages["evidence"].delete(item.file.name)

    output = check("--fix")

    assert "(kept: part of a submitted self-assessment)" in output
    assert Evidence.objects.filter(pk=item.pk).exists()
