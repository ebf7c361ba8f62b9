"""File names come from the uploader's browser: made safe, and always ending as their content."""

import unicodedata

import pytest

from assessment.inspection import safe_file_name, stored_file_name

PDF = "application/pdf"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\plan.pdf", "plan.pdf"),
        ("plan\x1b[31m.pdf", "plan[31m.pdf"),
        ("plan\nfinal.pdf", "plan final.pdf"),
        ("plan   lekcji\t2024.pdf", "plan lekcji 2024.pdf"),
        ('report<1>:"final"|?*.pdf', "report1final.pdf"),
        ("\u202efdp.exe", "fdp.exe"),
        ("re\u200bport\u200d.pdf\ufeff", "report.pdf"),
        ("plan\u3164.pdf", "plan.pdf"),
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


def test_everything_after_a_nul_is_dropped():
    assert safe_file_name("report.pdf\x00.html") == "report.pdf"


@pytest.mark.parametrize("name", ["", "   ", "..", "../..", "\x07", "dir/", "<>?*", "\x00report.pdf"])
def test_a_name_with_nothing_left_becomes_evidence(name):
    assert safe_file_name(name) == "evidence"


def test_a_long_name_is_shortened_keeping_its_extension():
    assert safe_file_name("a" * 300 + ".pdf") == "a" * 146 + ".pdf"


def test_a_shortened_name_does_not_end_its_stem_with_a_space():
    assert safe_file_name("Plan lekcji " * 5 + ".docx", max_length=22) == "Plan lekcji Plan.docx"


def test_an_extension_longer_than_ten_characters_is_cut_like_the_rest():
    assert safe_file_name("a" * 300 + "." + "x" * 20) == "a" * 150


@pytest.mark.parametrize(
    ("name", "content_type", "stored"),
    [
        ("report.pdf\x00.html", PDF, "report.pdf"),
        ("lesson\u202efdp.exe", PDF, "lessonfdp.pdf"),
        ("invoice.pdf.exe", PDF, "invoice.pdf"),
        ("photo.png.html", "image/png", "photo.png"),
        ("photo.png", PDF, "photo.pdf"),
        ("Plan lekcji", PDF, "Plan lekcji.pdf"),
        ("Report 2.5", PDF, "Report 2.5.pdf"),
        ("IMG_2041.JPG", "image/jpeg", "IMG_2041.JPG"),
        ("holiday.jpeg", "image/jpeg", "holiday.jpeg"),
        ("marks.csv", "text/plain", "marks.csv"),
        ("notes", "text/plain", "notes.txt"),
        ("", PDF, "evidence.pdf"),
    ],
)
def test_the_stored_name_ends_with_an_extension_of_the_detected_type(name, content_type, stored):
    assert stored_file_name(name, content_type=content_type) == stored


def test_a_long_stored_name_keeps_its_new_extension_within_the_limit():
    stored = stored_file_name("a" * 300 + ".exe", content_type=PDF)

    assert stored == "a" * 146 + ".pdf"
