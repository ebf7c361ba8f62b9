"""Reading PDFs back with Poppler, as a person copying text out of the report would."""

import html
import re
import subprocess
import tempfile
import zlib
from dataclasses import dataclass


def _with_file(pdf: bytes, *command: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        return subprocess.run(
            [*command, handle.name, *(["-"] if command[0] == "pdftotext" else [])],
            capture_output=True,
            text=True,
            check=True,
        ).stdout


def pdf_text(pdf: bytes, *, page: int | None = None) -> str:
    """The PDF's text as one line: a line break is a space, or nothing after a slash (where
    the layout may break "area/region" without a space in the text)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    text = _with_file(pdf, "pdftotext", "-enc", "UTF-8", *pages)
    return re.sub(r"\s+", " ", re.sub(r"/\n", "/", text))


# DejaVu Sans reaches 0.928 of its size above the baseline and 0.236 below: the height of a
# word's box in Poppler's layout is 1.164 times the size it is set in.
DEJAVU_BOX = 1.164


@dataclass(frozen=True)
class Word:
    text: str
    page: int
    top: float  # in points, from the top of the page
    bottom: float

    @property
    def size(self) -> float:
        """The size in points the word is set in."""
        return (self.bottom - self.top) / DEJAVU_BOX


def pdf_words(pdf: bytes) -> list[Word]:
    """Every word of the PDF with its page and its vertical place."""
    layout = _with_file(pdf, "pdftotext", "-enc", "UTF-8", "-bbox")
    words = []
    for number, page in enumerate(re.findall(r"<page .*?</page>", layout, flags=re.S), start=1):
        for top, bottom, text in re.findall(
            r'<word xMin="[^"]+" yMin="([^"]+)" xMax="[^"]+" yMax="([^"]+)">([^<]*)</word>', page
        ):
            words.append(Word(html.unescape(text), number, float(top), float(bottom)))
    return words


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF's objects with every compressed stream inflated, to look inside the catalogue."""
    inflated = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            inflated.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(inflated)


def pdf_info(pdf: bytes) -> dict[str, str]:
    lines = _with_file(pdf, "pdfinfo").splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def pdf_fonts(pdf: bytes) -> list[list[str]]:
    """One row per font: name, type, ..., emb, sub, uni (the `pdffonts` table)."""
    return [line.split() for line in _with_file(pdf, "pdffonts").splitlines()[2:]]


# Render children that go wrong, for the engine's isolation tests. They run in the child
# process, so they must be importable functions, not lambdas.


def crashing_child(sender, job) -> None:
    """Dies as a crash inside the engine's C libraries would: by a signal, without a word."""
    import os
    import signal

    os.kill(os.getpid(), signal.SIGSEGV)


def hanging_child(sender, job) -> None:
    import time

    time.sleep(600)


def failing_child(sender, job) -> None:
    """Answers as the real child does when the engine raises: with the traceback."""
    sender.send(
        ("error", "Traceback (most recent call last):\nRuntimeError: fontconfig: no fonts configured\n")
    )
    sender.close()
