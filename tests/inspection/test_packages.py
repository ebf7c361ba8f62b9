"""Office documents are read member by member, with the bytes they really unpack to counted."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessment.inspection import UploadRefused, inspect_upload, reasons
from tests import files
from tests.files import XLSX


def refused_reason(content: bytes, *, max_size: int = 10 * 1024 * 1024) -> str:
    with pytest.raises(UploadRefused) as refused:
        inspect_upload(SimpleUploadedFile("report.docx", content), max_size=max_size)
    return refused.value.reason


def test_a_document_that_unpacks_to_more_than_twenty_times_the_size_limit_is_refused():
    # Each part compresses like text does; together they are over the budget.
    parts = {f"word__media__part{number}_dot_bin": bytes(range(256)) * 200 for number in range(12)}
    content = files.docx(**parts)

    assert len(content) < 10_000
    assert refused_reason(content, max_size=10_000) == reasons.TOO_MUCH_INSIDE


def test_the_same_document_within_the_budget_is_accepted():
    parts = {f"word__media__part{number}_dot_bin": bytes(range(256)) * 200 for number in range(2)}

    inspection = inspect_upload(SimpleUploadedFile("report.docx", files.docx(**parts)), max_size=10_000)

    assert inspection.content_type == files.DOCX


def test_a_document_of_more_than_5000_members_is_refused():
    members = {f"word__media__{number}_dot_xml": b"<x/>" for number in range(5_000)}

    assert refused_reason(files.docx(**members)) == reasons.TOO_MUCH_INSIDE


@pytest.mark.parametrize(
    "content",
    [
        files.zip_of({"photo.jpg": files.image("JPEG"), "notes.txt": b"Notes"}),
        files.zip_of({"[Content_Types].xml": files.content_types("word/document.xml", "application/xml")}),
        files.zip_of({"word/document.xml": files.word_document()}),
        files.zip_of({}),
    ],
    ids=["photos", "content-types-without-relationships", "main-part-alone", "empty"],
)
def test_a_zip_that_is_not_an_office_document_is_refused(content):
    assert refused_reason(content) == reasons.NOT_OFFICE


@pytest.mark.parametrize("mimetype", ["application/vnd.oasis.opendocument.graphics", "application/epub+zip"])
def test_a_packaged_document_of_another_kind_is_refused(mimetype):
    assert refused_reason(files.odf(mimetype)) == reasons.NOT_ACCEPTED


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04" + b"garbage" * 100, files.docx()[:-30]],
    ids=["garbage", "truncated"],
)
def test_a_damaged_document_is_refused(content):
    assert refused_reason(content) == reasons.INVALID_DOCUMENT


def test_a_document_inside_a_document_inside_a_document_is_refused():
    innermost = files.ooxml(XLSX)
    middle = files.docx(word__embeddings__inner_dot_xlsx=innermost)

    assert refused_reason(files.docx(word__embeddings__middle_dot_docx=middle)) == reasons.MACROS


def test_a_zip_that_is_no_office_document_inside_a_document_is_refused():
    archive = files.zip_of({"notes.txt": b"Notes"})

    assert refused_reason(files.docx(word__embeddings__files_dot_zip=archive)) == reasons.MACROS
