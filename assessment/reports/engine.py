"""The PDF engine: WeasyPrint, run in a child process with a time limit.

A crash inside the engine (a broken font configuration, a bug in Pango or cairo) kills the
process it runs in, and a document that makes it loop holds that process forever. Either
would take a web worker down with the request, its response never sent. So each render
runs in a child, forked from a small render server that has WeasyPrint loaded and its fonts
warm (multiprocessing's forkserver: a clean, single-threaded process, unlike the web worker),
and the web worker waits for the PDF at most `timeout` seconds.

The module knows nothing of Django: a child receives the HTML and the static folders it may
read, and sends back the PDF. As with any use of multiprocessing, a child starts by importing
the program's main module again (as `__mp_main__`): every program that renders PDFs (gunicorn,
manage.py, the test runner, the scripts in bench/) keeps its work behind
`if __name__ == "__main__"`.
"""

import logging
import multiprocessing
import traceback
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

CONTENT_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2"}
# Imported by the render server before it forks its first child.
PRELOAD = ["assessment.reports.engine_preload"]


class RenderFailed(Exception):
    """The engine gave no PDF: it raised, crashed or ran out of time. The message says which."""


@dataclass(frozen=True)
class RenderJob:
    """What a render needs: the HTML, the made-up address static URLs in it start with, and the
    folders those URLs may be read from, as (URL prefix under the static address, folder)."""

    html: str
    base_url: str
    static_url: str
    static_roots: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    refused: tuple[str, ...] = field(default=())


class StaticFilesOnly(URLFetcher):
    """Lets WeasyPrint read the app's own static files and nothing else: no network, no other file."""

    def __init__(self, *, static_url: str, roots: tuple[tuple[str, str], ...]) -> None:
        super().__init__(allowed_protocols=["https"])
        self.static_url = static_url
        self.roots = [(prefix, Path(folder).resolve()) for prefix, folder in roots]
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        path = self.find(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"Only the app's static files can be used in a report, not {url}.")
        return URLFetcherResponse(
            url,
            body=path.read_bytes(),
            headers={"Content-Type": CONTENT_TYPES.get(path.suffix, "application/octet-stream")},
        )

    def find(self, url: str) -> Path | None:
        """The file a static URL names, or None for any other URL or a path out of the folders."""
        if not url.startswith(self.static_url):
            return None
        name = urllib.parse.unquote(urllib.parse.urlsplit(url).path.removeprefix(self.static_path))
        for prefix, folder in self.roots:
            if prefix and not name.startswith(f"{prefix}/"):
                continue
            try:
                path = (folder / name.removeprefix(f"{prefix}/" if prefix else "")).resolve()
            except (ValueError, OSError):  # a NUL byte, a loop of links
                return None
            if path.is_relative_to(folder) and path.is_file():
                return path
        return None

    @property
    def static_path(self) -> str:
        return urllib.parse.urlsplit(self.static_url).path


def render(job: RenderJob) -> Rendered:
    """Render in this process: a tagged PDF/UA document, its title and language from the HTML."""
    fetcher = StaticFilesOnly(static_url=job.static_url, roots=job.static_roots)
    pdf = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True
    )
    return Rendered(pdf=pdf, refused=tuple(fetcher.refused))


def render_isolated(job: RenderJob, *, timeout: float) -> Rendered:
    """Render in a child process; raise `RenderFailed` if it fails, dies or takes over `timeout` s."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=child_main, args=(sender, job), name="report-render", daemon=True)
    try:
        child.start()
    except (OSError, EOFError, RuntimeError) as error:  # the render server could not start or answer
        receiver.close()
        raise RenderFailed(f"The PDF engine could not be started: {error!r}") from error
    finally:
        sender.close()
    try:
        if not receiver.poll(timeout):
            raise RenderFailed(f"The PDF engine did not finish within {timeout:g} s.")
        try:
            outcome, value = receiver.recv()
        except EOFError:
            child.join(5)
            raise RenderFailed(
                f"The PDF engine stopped without a result (exit code {child.exitcode})."
            ) from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if outcome != "pdf":
        raise RenderFailed(f"The PDF engine failed:\n{value}")
    return value


def child_main(sender: Connection, job: RenderJob) -> None:
    """The child's whole life: render, send the PDF (or the traceback) back, exit."""
    try:
        sender.send(("pdf", render(job)))
    except BaseException:
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()
