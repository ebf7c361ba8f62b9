"""The side-by-side measurement itself; `bench/compare.py` runs it (see its docstring)."""
# ruff: noqa: E402 (the app is imported after Django is set up on the throw-away database)

import argparse
import contextlib
import http.client
import io
import os
import re
import secrets
import shutil
import statistics
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from throwaway import GUNICORN_OPTIONS, gunicorn, postgres_server, production_environment, recreate_database

parser = argparse.ArgumentParser(description="Each endpoint against a bare Django page, side by side.")
parser.add_argument(
    "--rounds", type=int, default=12, help="floor/endpoint pairs per endpoint and concurrency"
)
parser.add_argument("--requests", type=int, default=3, help="requests per thread in each turn")
parser.add_argument("--write", action="store_true", help="write the figures into bench/README.md")
ARGS = parser.parse_args()
COMPARE_DATABASE = "etwinning_compare"
CONCURRENCY = (1, 8)
SERVER = postgres_server("compare.py")
# The aims of the issue "Fast on two cores", as ratios to the floor at concurrency 8.
TARGETS = {
    "principle": (3, 4),
    "esafety": (3, 4),
    "inbox": (3, 4),
    "review": (3, 4),
    "autosave": (2, 2),
    "report": (1.5, 1.5),
}
PDF_TARGET = 1.2


recreate_database(SERVER, COMPARE_DATABASE)
WORK = production_environment(SERVER, COMPARE_DATABASE, "compare-bench-")

import django

django.setup()

from django.core.management import call_command
from django.db import connections
from national_site import LEVELS, TEXTS, Plan, Seat, build, cpu_ticks, free_port, wait_until_answering

from assessment.models import Assessment
from assessment.reports.data import report_data
from assessment.reports.engine import render
from assessment.reports.pdf import render_job, report_html, report_pdf

VERSION = re.compile(rb'id="version-(\d+)" value="(\d+)"')
VERSION_SEEN = re.compile(rb'name="version_seen" value="(\d+)"')
CSRF = secrets.token_hex(16)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    session: str
    body: str | None = None


def request_for(endpoint: str, seat: Seat, plan: Plan, turn: int) -> Request:
    """The request of one endpoint, as the seat's person (or the coordinator) makes it."""
    draft = f"/assessments/{seat.assessment}"
    match endpoint:
        case "floor":
            return Request("GET", "/bench/floor/", seat.session)
        case "principle":
            return Request("GET", f"{draft}/principles/{plan.codes[turn % len(plan.codes)]}/", seat.session)
        case "autosave":
            statements = sorted(seat.versions)
            statement = statements[turn % len(statements)]
            answer = {"level": list(LEVELS)[turn % 4], "justification": TEXTS[turn % len(TEXTS)]}
            body = urlencode({**answer, "version": seat.versions[statement], "csrfmiddlewaretoken": CSRF})
            return Request("POST", f"{draft}/statements/{statement}/", seat.session, body)
        case "esafety":
            return Request("GET", f"{draft}/esafety/", seat.session)
        case "inbox":
            return Request("GET", "/coordinator/", plan.coordinator)
        case "review":
            return Request("GET", f"/assessments/{plan.report_id}/review/", plan.coordinator)
        case "report":
            return Request("GET", plan.report_path, plan.coordinator)
    raise ValueError(endpoint)


def one(conn: http.client.HTTPConnection, request: Request, seat: Seat) -> float:
    """The request's time in milliseconds; anything but a 200 (or an autosave's 409) stops the run."""
    headers = {"Cookie": f"sessionid={request.session}; csrftoken={CSRF}"}
    if request.method == "POST":
        headers |= {"HX-Request": "true", "Content-Type": "application/x-www-form-urlencoded"}
    start = time.perf_counter()
    conn.request(request.method, request.path, body=request.body, headers=headers)
    response = conn.getresponse()
    content = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    if response.status == 409 and (seen := VERSION_SEEN.search(content)):
        statement = int(request.path.rstrip("/").rsplit("/", 1)[1])
        seat.versions[statement] = int(seen[1])
    elif response.status != 200:
        raise RuntimeError(f"{request.method} {request.path} answered {response.status}")
    seat.versions.update((int(pk), int(version)) for pk, version in VERSION.findall(content))
    return elapsed


def turn(endpoint: str, plan: Plan, port: int, concurrency: int, number: int) -> list[float]:
    """`concurrency` people at once, each making `--requests` requests of the endpoint."""
    times: list[float] = []
    lock = threading.Lock()

    def person(seat: Seat) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = [
            one(conn, request_for(endpoint, seat, plan, number * 7 + n), seat) for n in range(ARGS.requests)
        ]
        conn.close()
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=person, args=(seat,)) for seat in plan.seats[:concurrency]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times


def centiles(times: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return cuts[49], cuts[94]


def measure(plan: Plan, port: int) -> dict[tuple[str, int], list[float]]:
    """Floor and endpoint in turn (A B A B ...), so that both meet the same moments of the machine."""
    samples: dict[tuple[str, int], list[float]] = {}
    for concurrency in CONCURRENCY:
        for endpoint in ("floor", *TARGETS):  # a warm-up turn of each, not counted
            turn(endpoint, plan, port, concurrency, 0)
        for number in range(1, ARGS.rounds + 1):
            for endpoint in TARGETS:
                for name in ("floor", endpoint):
                    samples.setdefault((name, concurrency), []).extend(
                        turn(name, plan, port, concurrency, number)
                    )
    return samples


def pdf_ratio(assessment: Assessment) -> tuple[float, float]:
    """Cold report (data, HTML and the isolated engine, cache emptied) and WeasyPrint alone on
    the same HTML, interleaved: the medians in seconds."""
    cold, bare = [], []
    report_pdf(assessment, language="bg")  # starts the render server
    for _ in range(5):
        for name in (WORK / "evidence" / "reports").rglob("*"):
            if name.is_file():
                name.unlink()
        start = time.perf_counter()
        report_pdf(assessment, language="bg")
        cold.append(time.perf_counter() - start)
        job = render_job(report_html(report_data(assessment, language="bg"), for_pdf=True))
        start = time.perf_counter()
        render(job)
        bare.append(time.perf_counter() - start)
    return statistics.median(cold), statistics.median(bare)


def lines(samples: dict, pdf: tuple[float, float], load: tuple[float, float], cpu: float) -> list[str]:
    out = [
        f"Machine: {os.cpu_count()} cores; load average {load[0]:.2f} before, {load[1]:.2f} after; "
        f"CPU {cpu:.0%} busy while measuring.",
        "",
        "| endpoint | concurrency | p50 (ms) | p95 (ms) | p50 / floor | p95 / floor | target (c=8) | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for concurrency in CONCURRENCY:
        floor50, floor95 = centiles(samples["floor", concurrency])
        out.append(f"| floor | {concurrency} | {floor50:.1f} | {floor95:.1f} | 1.00 | 1.00 | | |")
        for endpoint, (aim50, aim95) in TARGETS.items():
            p50, p95 = centiles(samples[endpoint, concurrency])
            met = ""
            if concurrency == 8:
                met = "yes" if p50 / floor50 <= aim50 and p95 / floor95 <= aim95 else "no"
            out.append(
                f"| {endpoint} | {concurrency} | {p50:.1f} | {p95:.1f} | {p50 / floor50:.2f} | "
                f"{p95 / floor95:.2f} | ≤ {aim50}× / {aim95}× | {met} |"
            )
    cold, bare = pdf
    out += [
        "",
        f"Report PDF (Bulgarian, in-process): cold {cold:.2f} s, WeasyPrint alone on the same HTML "
        f"{bare:.2f} s: {cold / bare:.2f}× (target ≤ {PDF_TARGET}×: {'yes' if cold / bare <= PDF_TARGET else 'no'}).",
    ]
    return out


START, END = "<!-- compare.py: start -->", "<!-- compare.py: end -->"


def readme_write(figures: list[str]) -> None:
    readme = ROOT / "bench" / "README.md"
    text = readme.read_text(encoding="utf-8")
    stamp = time.strftime("%Y-%m-%d")
    block = f"{START}\nMeasured {stamp} ({ARGS.rounds} rounds, {ARGS.requests} requests a person a turn):\n\n"
    block += "\n".join(figures) + f"\n{END}"
    if START in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + f"\n\n## `compare.py`: each endpoint against the floor\n\n{block}\n"
    readme.write_text(text, encoding="utf-8")


def serve_and_measure() -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", verbosity=0)
        call_command("load_framework", verbosity=0)
        call_command("credential_key", verbosity=0)
        plan = build(max(CONCURRENCY))  # its submission's emails go to the console backend
    report = Assessment.objects.select_related("school__country", "call__framework").get(pk=plan.report_id)
    pdf = pdf_ratio(report)
    connections.close_all()
    port = free_port()
    # The app's settings with one page more, the floor (compare_site.py, compare_urls.py).
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "compare_site",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT)]),
    }
    with gunicorn(port, WORK, environment) as server:
        wait_until_answering(server, port, WORK / "gunicorn.log")
        print(f"gunicorn on 127.0.0.1:{port} ({' '.join(GUNICORN_OPTIONS)}); measuring")
        load_before = os.getloadavg()[0]
        before = cpu_ticks()
        samples = measure(plan, port)
        busy, total = (after - then for after, then in zip(cpu_ticks(), before, strict=True))
        figures = lines(samples, pdf, (load_before, os.getloadavg()[0]), busy / total)
    print("\n".join(figures))
    if ARGS.write:
        readme_write(figures)
        print("Written to bench/README.md.")


def main() -> None:
    try:
        serve_and_measure()
    finally:
        connections.close_all()
        recreate_database(SERVER, COMPARE_DATABASE, drop_only=True)
        shutil.rmtree(WORK, ignore_errors=True)
