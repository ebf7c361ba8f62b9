"""How long the full demo report takes: cold render per language, then served from the cache.

Run from the project folder (it uses a throw-away SQLite database and evidence folder):

    .venv/bin/python bench/report.py

It prints one line per language and a summary. Nothing here is a test: CI does not run it.
"""

import contextlib
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="report-bench-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="etwinning_school.settings",
        DEBUG="true",
        DATABASE_URL=f"sqlite:///{work / 'bench.sqlite3'}",
        EVIDENCE_ROOT=str(work / "evidence"),
    )
    import django

    django.setup()

    from django.core.management import call_command

    from assessment.languages import language_codes
    from assessment.models import Assessment
    from assessment.reports.data import report_data
    from assessment.reports.engine import render
    from assessment.reports.pdf import render_job, report_html, report_pdf

    with contextlib.redirect_stdout(io.StringIO()):  # the demo's emails and messages
        call_command("migrate", verbosity=0)
        call_command("load_framework", verbosity=0)
        call_command("seed_demo", verbosity=0)

    # School B's, the first of the demo's submitted assessments.
    assessment = (
        Assessment.objects.select_related("school__country", "call__framework")
        .filter(status=Assessment.Status.SUBMITTED)
        .order_by("pk")
        .first()
    )
    cold, cached, bare = [], [], []
    print(f"Report of the submitted demo assessment ({assessment.school.name}), {work}")
    print("cold: through the isolated engine (a child process); in-process: the same HTML rendered")
    print("by WeasyPrint in this process, for comparison; cached: the second download.")
    print(f"{'language':<9}{'cold (s)':>10}{'in-process (s)':>16}{'cached (ms)':>13}{'size (KB)':>11}")
    for language in language_codes():
        for name in (work / "evidence" / "reports").rglob("*"):
            if name.is_file():
                name.unlink()  # make sure the first render of each language is cold
        start = time.perf_counter()
        pdf = report_pdf(assessment, language=language)
        cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        report_pdf(assessment, language=language)
        cached.append(time.perf_counter() - start)
        job = render_job(report_html(report_data(assessment, language=language), for_pdf=True))
        start = time.perf_counter()
        render(job)
        bare.append(time.perf_counter() - start)
        print(
            f"{language:<9}{cold[-1]:>10.2f}{bare[-1]:>16.2f}{cached[-1] * 1000:>13.1f}{len(pdf) / 1024:>11.0f}"
        )
    print(
        f"median: cold {statistics.median(cold):.2f} s, in-process {statistics.median(bare):.2f} s, "
        f"cached {statistics.median(cached) * 1000:.1f} ms"
    )


# Guarded: the PDF engine's render processes import the main program again (as Python's
# multiprocessing does), and must find nothing to run.
if __name__ == "__main__":
    main()
