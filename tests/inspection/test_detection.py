"""Evidence is judged by its content: every valid kind accepted, every hostile file refused for
its reason, whatever name or type the browser claims."""

import hashlib
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile, UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import translation

from assessment.inspection import ACCEPTED, UploadRefused, inspect_upload, reasons
from tests import files
from tests.files import VALID
from tests.hostile import HOSTILE
from tests.seed_texts import SEEDS

MAX_SIZE = 10 * 1024 * 1024


def upload(
    content: bytes, name: str = "upload.bin", content_type: str = "application/octet-stream"
) -> UploadedFile:
    """An upload as Django hands it over; the name and the browser's type are often wrong on purpose."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def refusal(file: UploadedFile, **limits: int) -> UploadRefused:
    with pytest.raises(UploadRefused) as refused:
        inspect_upload(file, **{"max_size": MAX_SIZE, **limits})
    return refused.value


@pytest.mark.parametrize("kind", VALID)
def test_a_valid_document_is_accepted_as_its_real_type_whatever_it_is_called(kind):
    make, _name, content_type = VALID[kind]
    content = make()

    inspection = inspect_upload(upload(content, "upload.bin"), max_size=MAX_SIZE)

    assert inspection.content_type == content_type
    assert inspection.label == ACCEPTED[content_type]
    assert inspection.is_image is content_type.startswith("image/")
    assert inspection.size == len(content)
    assert inspection.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_file_is_refused_for_its_reason(kind):
    make, name, reason = HOSTILE[kind]

    assert refusal(upload(make(), name, "application/pdf")).reason == reason


@pytest.mark.parametrize("kind", [kind for kind in VALID if kind.startswith("pdf")])
def test_every_accepted_pdf_is_one_a_pdf_reader_opens_without_complaint(kind, tmp_path):
    path = tmp_path / "document.pdf"
    path.write_bytes(VALID[kind][0]())

    result = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True)

    assert "Pages:           1" in result.stdout
    assert not result.stderr


def test_the_framework_texts_in_every_language_are_accepted_as_plain_text(framework_data):
    """Prose in six languages, with its quotes, dashes, parentheses and lists, is not code."""
    texts = list(_strings(framework_data)) + [path.read_text() for path in sorted(SEEDS.glob("*.txt"))]

    for text in texts:
        assert (
            inspect_upload(upload(text.encode(), "notes.txt"), max_size=MAX_SIZE).content_type == "text/plain"
        ), text


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize("kind", ["docx", "ods", "png", "text-bg", "pdf"])
def test_a_large_upload_kept_in_a_temporary_file_is_judged_the_same(kind):
    make, _name, content_type = VALID[kind]
    content = make()
    file = TemporaryUploadedFile("upload.bin", "application/octet-stream", len(content), None)
    file.write(content)
    file.seek(0)
    try:
        inspection = inspect_upload(file, max_size=MAX_SIZE)
    finally:
        file.close()

    assert inspection.content_type == content_type
    assert inspection.sha256 == hashlib.sha256(content).hexdigest()


def test_every_type_recognised_is_in_the_list_shown_to_users():
    assert {content_type for _make, _name, content_type in VALID.values()} == set(ACCEPTED)


def test_the_file_is_rewound_after_inspection():
    content = files.png()
    file = upload(content, "photo.png", "image/png")

    inspect_upload(file, max_size=MAX_SIZE)

    assert file.tell() == 0
    assert file.read() == content


def test_the_file_is_rewound_after_a_refusal():
    file = upload(files.EXECUTABLE, "plan.pdf")

    refusal(file)

    assert file.tell() == 0


def test_an_empty_file_is_refused():
    assert refusal(upload(b"", "plan.pdf")).reason == reasons.EMPTY


def test_a_file_larger_than_the_limit_is_refused_with_the_limit():
    refused = refusal(upload(files.PDF), max_size=100)

    assert refused.message == f"The file is larger than {filesizeformat(100)}."


def test_the_counted_size_decides_not_the_claimed_one():
    file = upload(files.PDF)
    file.size = 10

    assert refusal(file, max_size=100).reason == reasons.TOO_LARGE


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00\x00\x00" + bytes(52) + b"\x80\x00\x00\x00" + bytes(64) + b"PE\x00\x00",
        b"\x7fELF\x02\x01\x01\x00" + bytes(56),
        b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + bytes(24),
        b"\xca\xfe\xba\xbe\x00\x00\x00\x34" + bytes(24),
    ],
    ids=["windows", "linux", "macos", "java-class"],
)
def test_a_program_is_refused_whatever_its_name(content):
    assert refusal(upload(content, "plan.pdf")).reason == reasons.PROGRAM


@pytest.mark.parametrize(
    "content",
    [
        b"Notes\x00with a NUL byte",
        b"Notes with \x1b[31mterminal colours",
        "Kraków in Latin-1".encode("latin-1"),
        "Ends within a character: ż".encode()[:-1],
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),  # a Word 97 file
    ],
    ids=["nul", "escape", "not-utf8", "cut-utf8", "word-97"],
)
def test_a_file_of_another_kind_is_refused(content):
    assert refusal(upload(content, "notes.txt", "text/plain")).reason == reasons.NOT_ACCEPTED


def test_a_refusal_is_worded_in_the_language_of_the_request():
    with translation.override("pl"):
        refused = refusal(upload(files.EXECUTABLE, "plan.pdf"))
        polish = translation.gettext(reasons.PROGRAM)

    assert polish != reasons.PROGRAM
    assert refused.message == polish
