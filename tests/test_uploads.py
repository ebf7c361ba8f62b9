"""Evidence uploads are judged by their content: real files are built here, byte by byte."""

import hashlib
import subprocess
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile, UploadedFile
from django.template.defaultfilters import filesizeformat
from PIL import Image

from assessment.uploads import ACCEPTED, UploadRefused, inspect_upload, safe_file_name

MAX_SIZE = 1024 * 1024

EMPTY = "The file is empty."
MARKUP = (
    "Web pages and SVG images are not accepted as evidence, because they can contain code. "
    "Save the page as PDF instead."
)
PROGRAM = "Programs and scripts are not accepted as evidence."
NOT_OFFICE = "This ZIP archive is not an office document. Upload the documents themselves."
INVALID_DOCUMENT = "The file is damaged or is not a valid document."
NOT_ACCEPTED = (
    "This kind of file is not accepted. Accepted: PDF, images (PNG, JPEG, WebP), Word, Excel, "
    "PowerPoint, OpenDocument and plain text files."
)

CONTENT_TYPES_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def pdf() -> bytes:
    """A one-page A4 PDF with a correct cross-reference table, as a reader expects."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>",
    ]
    content = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(content))
        content += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(content)
    content += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    content += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    content += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return content


def image(format: str) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format=format)
    return buffer.getvalue()


def archive(members: dict[str, bytes]) -> bytes:
    """A ZIP of `members`, a `mimetype` member stored uncompressed as ODF requires."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zip_file:
        for name, content in members.items():
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            zip_file.writestr(name, content, compress_type=compression)
    return buffer.getvalue()


def ooxml(main_part: str, **extra: bytes) -> bytes:
    return archive(
        {"[Content_Types].xml": CONTENT_TYPES_XML, "_rels/.rels": b"<Relationships/>", main_part: b"<x/>"}
        | extra
    )


def odf(mimetype: str) -> bytes:
    return archive({"mimetype": mimetype.encode(), "META-INF/manifest.xml": b"<m/>", "content.xml": b"<c/>"})


def upload(content: bytes, name: str = "evidence.pdf", content_type: str = "application/pdf") -> UploadedFile:
    """An upload as Django hands it over; the name and the browser's type are often wrong on purpose."""
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def large_upload() -> Iterator[Callable[[bytes, str], UploadedFile]]:
    """Uploads as Django keeps large ones: in a temporary file, read in 64 KiB chunks.

    A small upload stays in memory and comes back as a single chunk, so content split
    between chunks can only be tested with these.
    """
    files: list[TemporaryUploadedFile] = []

    def make(content: bytes, name: str) -> UploadedFile:
        file = TemporaryUploadedFile(name, "application/octet-stream", len(content), None)
        file.write(content)
        file.seek(0)
        files.append(file)
        return file

    yield make
    for file in files:
        file.close()


def refusal(file: UploadedFile, *, max_size: int = MAX_SIZE) -> str:
    with pytest.raises(UploadRefused) as refused:
        inspect_upload(file, max_size=max_size)
    return refused.value.message


ACCEPTED_FILES: dict[str, tuple[Callable[[], bytes], str, str, bool]] = {
    "pdf": (pdf, "application/pdf", "PDF", False),
    "png": (lambda: image("PNG"), "image/png", "PNG image", True),
    "jpeg": (lambda: image("JPEG"), "image/jpeg", "JPEG image", True),
    "webp": (lambda: image("WEBP"), "image/webp", "WebP image", True),
    "docx": (
        lambda: ooxml("word/document.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word document",
        False,
    ),
    "xlsx": (
        lambda: ooxml("xl/workbook.xml"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel spreadsheet",
        False,
    ),
    "pptx": (
        lambda: ooxml("ppt/presentation.xml"),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint presentation",
        False,
    ),
    "odt": (
        lambda: odf("application/vnd.oasis.opendocument.text"),
        "application/vnd.oasis.opendocument.text",
        "Text document (ODT)",
        False,
    ),
    "ods": (
        lambda: odf("application/vnd.oasis.opendocument.spreadsheet"),
        "application/vnd.oasis.opendocument.spreadsheet",
        "Spreadsheet (ODS)",
        False,
    ),
    "odp": (
        lambda: odf("application/vnd.oasis.opendocument.presentation"),
        "application/vnd.oasis.opendocument.presentation",
        "Presentation (ODP)",
        False,
    ),
    "text": (
        lambda: "Plan lekcji – Kraków, zażółć gęślą jaźń.\r\nУрок по български език.\tКрай.\f\n".encode(),
        "text/plain",
        "Plain text",
        False,
    ),
}


@pytest.mark.parametrize("kind", ACCEPTED_FILES)
def test_an_accepted_file_is_recognised_from_its_content_not_its_name_or_claimed_type(kind):
    build, content_type, label, is_image = ACCEPTED_FILES[kind]
    content = build()

    inspection = inspect_upload(upload(content, "upload.bin", "application/octet-stream"), max_size=MAX_SIZE)

    assert inspection.content_type == content_type
    assert inspection.label == label
    assert inspection.is_image is is_image
    assert inspection.size == len(content)
    assert inspection.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize("kind", ["docx", "ods", "png", "text"])
def test_a_large_upload_kept_in_a_temporary_file_is_recognised_too(kind, large_upload):
    build, content_type, _, _ = ACCEPTED_FILES[kind]
    content = build()

    inspection = inspect_upload(large_upload(content, "upload.bin"), max_size=MAX_SIZE)

    assert inspection.content_type == content_type
    assert inspection.sha256 == hashlib.sha256(content).hexdigest()


def test_every_type_recognised_is_in_the_list_shown_to_users():
    assert {content_type for _, content_type, _, _ in ACCEPTED_FILES.values()} == set(ACCEPTED)


def test_the_hand_written_pdf_is_one_a_reader_accepts(tmp_path):
    # A real reader, so the PDF accepted above is a real PDF and not just its first five bytes.
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf())

    result = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True)

    assert "Pages:           1" in result.stdout
    assert not result.stderr


def test_the_file_is_rewound_after_inspection():
    content = image("PNG")
    file = upload(content, "photo.png", "image/png")

    inspect_upload(file, max_size=MAX_SIZE)

    assert file.tell() == 0
    assert file.read() == content


def test_the_file_is_rewound_after_a_refusal():
    file = upload(b"MZ" + bytes(200), "plan.pdf")

    refusal(file)

    assert file.tell() == 0


def test_a_text_with_a_byte_order_mark_is_plain_text():
    inspection = inspect_upload(upload("\ufeffNotatki z lekcji".encode(), "notes.txt"), max_size=MAX_SIZE)

    assert inspection.content_type == "text/plain"


def test_a_character_split_between_two_chunks_is_still_text(large_upload):
    # "ż" is two bytes in UTF-8; the first chunk ends between them.
    content = b"a" * (UploadedFile.DEFAULT_CHUNK_SIZE - 1) + "żółw".encode()

    inspection = inspect_upload(large_upload(content, "notes.txt"), max_size=MAX_SIZE)

    assert inspection.content_type == "text/plain"
    assert inspection.size == len(content)


def test_an_empty_file_is_refused():
    assert refusal(upload(b"", "plan.pdf")) == EMPTY


def test_a_file_larger_than_the_limit_is_refused():
    assert refusal(upload(pdf()), max_size=100) == f"The file is larger than {filesizeformat(100)}."


def test_the_counted_size_decides_not_the_claimed_one():
    file = upload(pdf())
    file.size = 10

    assert refusal(file, max_size=100) == f"The file is larger than {filesizeformat(100)}."


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "plan.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00" + bytes(52) + b"\x80\x00\x00\x00" + bytes(64) + b"PE\x00\x00",
        ),
        ("photo.png", b"\x7fELF\x02\x01\x01\x00" + bytes(56)),
        ("report.docx", b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + bytes(24)),
        ("notes.txt", b"#!/bin/sh\ncurl https://example.com/x | sh\n"),
    ],
    ids=["windows", "linux", "macos", "script"],
)
def test_a_program_is_refused_whatever_its_name(name, content):
    assert refusal(upload(content, name)) == PROGRAM


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<?xml version="1.0"?><note>hello</note>',
        b"<p>A fragment is markup too</p>",
        "\ufeff \n\t<div>after a BOM and blank lines</div>".encode(),
        b"Our notes\nand then <SCRIPT>alert(1)</SCRIPT>",
        b"Our notes\n<Svg onload=alert(1)>",
    ],
    ids=["html", "svg", "xml", "fragment", "bom-and-blank-lines", "script-inside-text", "svg-inside-text"],
)
def test_markup_is_refused_even_named_as_an_image(content):
    assert refusal(upload(content, "photo.png", "image/png")) == MARKUP


def test_markup_split_between_two_chunks_is_still_found(large_upload):
    content = b"a" * (UploadedFile.DEFAULT_CHUNK_SIZE - 3) + b"<script>alert(1)</script>"

    assert refusal(large_upload(content, "notes.txt")) == MARKUP


@pytest.mark.parametrize(
    "content",
    [
        b"Notes\x00with a NUL byte",
        b"Notes with \x1b[31mterminal colours",
        "Kraków in Latin-1".encode("latin-1"),
        "Ends within a character: ż".encode()[:-1],
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),  # a Word 97 file
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    ],
    ids=["nul", "escape", "not-utf8", "cut-utf8", "word-97", "gif"],
)
def test_a_file_of_another_kind_is_refused(content):
    assert refusal(upload(content, "notes.txt", "text/plain")) == NOT_ACCEPTED


@pytest.mark.parametrize(
    "content",
    [
        archive({"photo.jpg": image("JPEG"), "notes.txt": b"Notes"}),
        archive({"[Content_Types].xml": CONTENT_TYPES_XML, "_rels/.rels": b"<Relationships/>"}),
        archive({"word/document.xml": b"<w/>"}),
        archive({}),
    ],
    ids=["photos", "content-types-without-main-part", "main-part-without-content-types", "empty"],
)
def test_a_zip_that_is_not_an_office_document_is_refused(content):
    assert refusal(upload(content, "report.docx")) == NOT_OFFICE


@pytest.mark.parametrize("mimetype", ["application/vnd.oasis.opendocument.graphics", "application/epub+zip"])
def test_a_packaged_document_of_another_kind_is_refused(mimetype):
    assert refusal(upload(odf(mimetype), "report.odt")) == NOT_ACCEPTED


@pytest.mark.parametrize(
    "content",
    [
        b"PK\x03\x04" + b"garbage" * 100,
        ooxml("word/document.xml")[:-30],
        archive({"mimetype": "application/vnd.oasis.opendocument.tëxt".encode()}),
    ],
    ids=["garbage", "truncated", "mimetype-not-ascii"],
)
def test_a_damaged_document_is_refused(content):
    assert refusal(upload(content, "report.docx")) == INVALID_DOCUMENT


def test_a_document_that_unpacks_to_more_than_twenty_times_the_limit_is_refused():
    max_size = 10_000
    content = ooxml("word/document.xml", **{"word/media/zeros.bin": bytes(20 * max_size + 1)})

    assert len(content) < max_size
    assert refusal(upload(content, "report.docx"), max_size=max_size) == INVALID_DOCUMENT


def test_a_document_of_more_than_5000_members_is_refused():
    members = {f"word/media/{number}.xml": b"" for number in range(5_000)}
    content = ooxml("word/document.xml", **members)

    assert refusal(upload(content, "report.docx")) == INVALID_DOCUMENT


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\plan.pdf", "plan.pdf"),
        ("plan\x00\x1b[31m.pdf", "plan[31m.pdf"),
        ("plan\nfinal.pdf", "plan final.pdf"),
        ("plan   lekcji\t2024.pdf", "plan lekcji 2024.pdf"),
        ('report<1>:"final"|?*.pdf', "report1final.pdf"),
        ("\u202efdp.exe", "fdp.exe"),
        (b"plan\xff\xfe.pdf".decode("utf-8", "surrogateescape"), "plan__.pdf"),
        ("Plan lekcji – Kraków.pdf", "Plan lekcji – Kraków.pdf"),
        ("План на урока – София.docx", "План на урока – София.docx"),
        (unicodedata.normalize("NFD", "Kraków.pdf"), "Kraków.pdf"),
        (".htaccess", "htaccess"),
        (" . plan.pdf. ", "plan.pdf"),
    ],
)
def test_a_file_name_is_made_safe(name, safe):
    assert safe_file_name(name) == safe


@pytest.mark.parametrize("name", ["", "   ", "..", "../..", "\x00\x07", "dir/", "<>?*"])
def test_a_name_with_nothing_left_becomes_evidence(name):
    assert safe_file_name(name) == "evidence"


def test_a_long_name_is_shortened_keeping_its_extension():
    safe = safe_file_name("a" * 300 + ".pdf")

    assert safe == "a" * 146 + ".pdf"


def test_a_shortened_name_does_not_end_its_stem_with_a_space():
    assert safe_file_name("Plan lekcji " * 5 + ".docx", max_length=22) == "Plan lekcji Plan.docx"


def test_an_extension_longer_than_ten_characters_is_cut_like_the_rest():
    safe = safe_file_name("a" * 300 + "." + "x" * 20, max_length=150)

    assert safe == "a" * 150
