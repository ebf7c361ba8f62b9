"""The load test itself; `bench/load.py` runs it (see its docstring)."""
# ruff: noqa: E402 (the app is imported after Django is set up on the throw-away database)

import argparse
import contextlib
import http.client
import io
import os
import random
import re
import secrets
import shutil
import statistics
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from throwaway import GUNICORN_OPTIONS, gunicorn, postgres_server, production_environment, recreate_database

parser = argparse.ArgumentParser(
    description="100 people at once against gunicorn on a national-scale dataset."
)
parser.add_argument("--users", type=int, default=100)
parser.add_argument("--duration", type=float, default=120, help="seconds of measured load")
parser.add_argument("--think", type=float, default=3.0, help="mean pause between a user's requests (s)")
ARGS = parser.parse_args()
LOAD_DATABASE = "etwinning_load"
SERVER = postgres_server("load.py")
recreate_database(SERVER, LOAD_DATABASE)
WORK = production_environment(SERVER, LOAD_DATABASE, "load-bench-")

import django

django.setup()

from django.core.management import call_command
from django.db import connections
from national_data import pick
from national_site import LEVELS, TEXTS, Plan, Seat, build, cpu_ticks, free_port, wait_until_answering

ENDPOINTS = {"principle": 35, "autosave": 30, "esafety": 10, "inbox": 15, "report": 10}


VERSION = re.compile(rb'id="version-(\d+)" value="(\d+)"')
VERSION_SEEN = re.compile(rb'name="version_seen" value="(\d+)"')
CSRF = secrets.token_hex(16)  # 32 characters: an unmasked CSRF secret, as Django's cookie holds one


def simulate(
    seat: Seat, plan: Plan, port: int, window: tuple[float, float], stop: threading.Event, records: list
) -> None:
    """One user until the window closes: a pause, then a request picked by weight and timed.

    Requests started inside the window are recorded as (endpoint, milliseconds or None,
    HTTP status or the connection error's name)."""
    user_rng = random.Random(seat.session)  # noqa: S311
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    # Pausing first spreads the users' first requests, as people do not all click at once.
    while not stop.wait(ARGS.think * user_rng.uniform(0.5, 1.5)) and time.perf_counter() < window[1]:
        endpoint, method, body, session = pick(user_rng, ENDPOINTS), "GET", None, seat.session
        headers, draft = {}, f"/assessments/{seat.assessment}"
        if endpoint == "principle":
            path = f"{draft}/principles/{user_rng.choice(plan.codes)}/"
        elif endpoint == "autosave":
            statement = user_rng.choice(list(seat.versions))
            method, path = "POST", f"{draft}/statements/{statement}/"
            answer = {"level": pick(user_rng, LEVELS), "justification": user_rng.choice(TEXTS)}
            body = urlencode({**answer, "version": seat.versions[statement], "csrfmiddlewaretoken": CSRF})
            headers = {"HX-Request": "true", "Content-Type": "application/x-www-form-urlencoded"}
        elif endpoint == "esafety":
            path = f"{draft}/esafety/"
        elif endpoint == "inbox":
            path, session = f"/coordinator/?{user_rng.choice(plan.inbox_queries)}", plan.coordinator
        else:
            path, session = plan.report_path, user_rng.choice(plan.report_sessions)
        headers["Cookie"] = f"sessionid={session}; csrftoken={CSRF}"
        start = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            outcome, elapsed = response.status, (time.perf_counter() - start) * 1000
        except (OSError, http.client.HTTPException) as error:
            conn.close()
            outcome, elapsed, content = type(error).__name__, None, b""
        if start >= window[0]:
            records.append((endpoint, elapsed, outcome))
        if outcome == 409 and (seen := VERSION_SEEN.search(content)):
            seat.versions[statement] = int(seen[1])  # another user saved first: merge onto theirs
        elif outcome == 200 and endpoint in {"principle", "autosave"}:
            seat.versions.update((int(pk), int(version)) for pk, version in VERSION.findall(content))
    conn.close()


@dataclass
class Usage:
    """The CPU over the measured window, as a share of all the machine's cores."""

    busy: float
    generator: float  # this script's simulated users, which share the machine with the server


def run(plan: Plan, port: int, stop: threading.Event) -> tuple[list, Usage]:
    """All users for a 10 s warm-up (templates, translations, connections in every worker), then
    `--duration` seconds measured: the records, and how busy the CPU was meanwhile."""
    records, measured_from = [], time.perf_counter() + 10
    window = (measured_from, measured_from + ARGS.duration)
    threads = [
        threading.Thread(target=simulate, args=(seat, plan, port, window, stop, records), daemon=True)
        for seat in plan.seats
    ]
    for thread in threads:
        thread.start()
    stop.wait(10)
    before, own = cpu_ticks(), time.process_time()
    stop.wait(ARGS.duration)
    own = time.process_time() - own
    busy, total = (after - then for after, then in zip(cpu_ticks(), before, strict=True))
    for thread in threads:
        thread.join()  # each ends after its pause; requests started late are recorded too
    return records, Usage(busy=busy / total, generator=own / ARGS.duration / os.cpu_count())


def report(records: list, cpu: Usage) -> None:
    rate = len(records) / ARGS.duration
    print(f"\n{len(records)} requests started in {ARGS.duration:.0f} s: {rate:.1f}/s")
    print(
        f"CPU: {cpu.busy:.0%} of the {os.cpu_count()} cores busy; the simulated users alone {cpu.generator:.0%}"
    )
    print(f"{'endpoint':<11}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'409':>6}")
    for endpoint in ENDPOINTS:
        outcomes = [outcome for name, _ms, outcome in records if name == endpoint]
        times = [ms for name, ms, _outcome in records if name == endpoint and ms is not None]
        # A 409 is an autosave's right answer to a conflict; anything else but a 200 is an error.
        errors = Counter(o for o in outcomes if o != 200 and not (endpoint == "autosave" and o == 409))
        centiles = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else [0.0] * 99
        conflicts = outcomes.count(409) if endpoint == "autosave" else ""
        print(
            f"{endpoint:<11}{len(outcomes):>7}{centiles[49]:>9.1f}{centiles[94]:>9.1f}{centiles[98]:>9.1f}"
            f"{errors.total():>8}{conflicts:>6}  {dict(errors) or ''}"
        )


def serve_and_measure() -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", verbosity=0)
        call_command("load_framework", verbosity=0)
    start = time.perf_counter()
    plan = build(ARGS.users)
    print(f"dataset built in {time.perf_counter() - start:.1f} s (after migrate and load_framework)")
    connections.close_all()
    port, stop = free_port(), threading.Event()
    with gunicorn(port, WORK) as server:
        try:
            wait_until_answering(server, port, WORK / "gunicorn.log")
            print(f"gunicorn on 127.0.0.1:{port} ({' '.join(GUNICORN_OPTIONS)})")
            print(f"{ARGS.users} users for {ARGS.duration:.0f} s, pausing {ARGS.think} s on average")
            report(*run(plan, port, stop))
        finally:
            stop.set()


def main() -> None:
    try:
        serve_and_measure()
    finally:
        connections.close_all()
        recreate_database(SERVER, LOAD_DATABASE, drop_only=True)
        shutil.rmtree(WORK, ignore_errors=True)
