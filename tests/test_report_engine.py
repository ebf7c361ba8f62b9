"""The PDF engine runs in a child process: a crash, a hang or an error there is a clear failure
here, never a dead web worker."""

import multiprocessing

import pytest

from assessment.reports import engine
from assessment.reports.engine import RenderFailed, RenderJob, render_isolated
from assessment.reports.pdf import render_job
from tests.reports_helpers import crashing_child, failing_child, hanging_child, pdf_text


def job(html: str = "<p>Plan lekcji – zażółć gęślą jaźń</p>") -> RenderJob:
    return render_job(html)


def test_a_render_in_the_child_gives_the_pdf():
    rendered = render_isolated(job(), timeout=60)

    assert "Plan lekcji – zażółć gęślą jaźń" in pdf_text(rendered.pdf)
    assert rendered.refused == ()


def test_what_the_document_tried_to_fetch_comes_back_from_the_child():
    rendered = render_isolated(job('<img src="http://evil.example/pixel.png"><p>x</p>'), timeout=60)

    assert rendered.refused == ("http://evil.example/pixel.png",)


def test_a_child_that_crashes_is_a_render_failure(monkeypatch):
    monkeypatch.setattr(engine, "child_main", crashing_child)

    with pytest.raises(RenderFailed, match=r"stopped without a result \(exit code -11\)"):
        render_isolated(job(), timeout=60)


def test_a_child_that_hangs_is_stopped_at_the_time_limit(monkeypatch):
    monkeypatch.setattr(engine, "child_main", hanging_child)

    with pytest.raises(RenderFailed, match="did not finish within 1 s"):
        render_isolated(job(), timeout=1)
    assert not [child for child in multiprocessing.active_children() if child.name == "report-render"]


def test_an_engine_error_in_the_child_brings_its_traceback(monkeypatch):
    monkeypatch.setattr(engine, "child_main", failing_child)

    with pytest.raises(RenderFailed, match="fontconfig: no fonts configured"):
        render_isolated(job(), timeout=60)


def test_the_next_render_after_a_crash_works(monkeypatch):
    monkeypatch.setattr(engine, "child_main", crashing_child)
    with pytest.raises(RenderFailed):
        render_isolated(job(), timeout=60)
    monkeypatch.undo()

    assert render_isolated(job(), timeout=60).pdf.startswith(b"%PDF-")
