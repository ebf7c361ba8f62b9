"""Virus scanning through a ClamAV daemon, against a fake clamd that speaks its INSTREAM protocol
on a local socket and answers as told: clean, infected, an error, or nothing at all."""

import socketserver
import struct
import threading
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment.inspection import UploadRefused
from assessment.models import Evidence, Statement
from assessment.virus_scan import ScannerUnavailable, scan
from tests import files
from tests.servers import serving

REPLIES = {
    "clean": b"stream: OK\0",
    "infected": b"stream: Win.Test.EICAR_HDB-1 FOUND\0",
    "error": b"INSTREAM size limit exceeded. ERROR\0",
}


class FakeClamd:
    """Records what it was sent; `answer` is one of REPLIES, "silent" (never answers) or "hang-up"."""

    def __init__(self) -> None:
        self.answer = "clean"
        self.received: list[bytes] = []
        self.release = threading.Event()

    def handler(self) -> type[socketserver.BaseRequestHandler]:
        fake = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                stream = self.request.makefile("rb")
                assert stream.read(10) == b"zINSTREAM\0"
                content = b""
                while (size := struct.unpack("!L", stream.read(4))[0]) > 0:
                    content += stream.read(size)
                fake.received.append(content)
                if fake.answer == "silent":
                    fake.release.wait(10)
                elif fake.answer != "hang-up":
                    self.request.sendall(REPLIES[fake.answer])

        return Handler


@pytest.fixture
def clamd(settings, tmp_path) -> Iterator[FakeClamd]:
    """A fake clamd on a Unix socket, named by CLAMD_SOCKET."""
    fake = FakeClamd()
    path = tmp_path / "clamd.sock"
    server = socketserver.ThreadingUnixStreamServer(str(path), fake.handler())
    settings.CLAMD_SOCKET, settings.CLAMD_HOST, settings.CLAMD_TIMEOUT = path, None, 1
    with serving(server):
        yield fake
        fake.release.set()


@pytest.fixture
def clamd_tcp(settings) -> Iterator[FakeClamd]:
    fake = FakeClamd()
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), fake.handler())
    settings.CLAMD_SOCKET, settings.CLAMD_HOST, settings.CLAMD_PORT = (
        None,
        "127.0.0.1",
        server.server_address[1],
    )
    with serving(server):
        yield fake


def test_a_clean_file_passes_and_the_scanner_saw_all_of_it(clamd):
    content = files.png(600, 400) * 3  # more than one chunk

    scan([content[:70_000], content[70_000:]], name="photo.png")

    assert clamd.received == [content]


def test_an_infected_file_is_refused(clamd):
    clamd.answer = "infected"

    with pytest.raises(UploadRefused, match="recognised as a virus"):
        scan([files.PDF], name="plan.pdf")


@pytest.mark.parametrize("answer", ["error", "hang-up", "silent"])
def test_a_scanner_without_a_verdict_is_unavailable_never_a_pass(clamd, answer):
    clamd.answer = answer

    with pytest.raises(ScannerUnavailable):
        scan([files.PDF], name="plan.pdf")


def test_an_unreachable_scanner_is_unavailable(settings, tmp_path):
    settings.CLAMD_SOCKET, settings.CLAMD_HOST = tmp_path / "nobody-listens.sock", None

    with pytest.raises(ScannerUnavailable):
        scan([files.PDF], name="plan.pdf")


def test_the_scanner_is_also_reached_over_tcp(clamd_tcp):
    clamd_tcp.answer = "infected"

    with pytest.raises(UploadRefused):
        scan([files.PDF], name="plan.pdf")
    assert clamd_tcp.received == [files.PDF]


def _add(client, assessment, content: bytes, name: str = "plan.pdf"):
    data = {
        "statement": Statement.objects.get(code="4.3").pk,
        "files": [SimpleUploadedFile(name, content)],
        "title": "Kept title",
    }
    return client.post(reverse("evidence_add", args=[assessment.pk]), data)


def test_uploads_are_scanned_before_they_are_stored(client, assessment, teacher, clamd):
    client.force_login(teacher)

    assert _add(client, assessment, files.PDF).status_code == 302
    assert clamd.received == [files.PDF]
    assert Evidence.objects.count() == 1


def test_an_upload_the_scanner_flags_is_refused_next_to_the_field(client, assessment, teacher, clamd):
    clamd.answer = "infected"
    client.force_login(teacher)

    response = _add(client, assessment, files.PDF)

    assert response.status_code == 422
    assert "plan.pdf: This file is recognised as a virus" in response.content.decode()
    assert not Evidence.objects.exists()


def test_an_upload_while_the_scanner_is_down_is_a_503_that_keeps_the_form(
    client, assessment, teacher, settings, tmp_path
):
    settings.CLAMD_SOCKET, settings.CLAMD_HOST = tmp_path / "nobody-listens.sock", None
    client.force_login(teacher)

    response = _add(client, assessment, files.PDF)

    page = response.content.decode()
    assert response.status_code == 503
    assert "The virus scanner could not check the file just now" in page
    assert 'value="Kept title"' in page
    assert not Evidence.objects.exists()
    assert not [path for path in (tmp_path / "evidence").rglob("*") if path.is_file()]
