"""How fast the coordinators' inbox is at national scale, and how PostgreSQL runs its queries.

Run from the project folder:

    .venv/bin/python bench/inbox.py [--keep]

It drops and recreates the database `etwinning_bench` on the PostgreSQL server DATABASE_URL
names (default postgres://postgres@127.0.0.1:5432), never the database DATABASE_URL itself
names; with an SQLite DATABASE_URL it uses a throw-away SQLite file instead. It loads the
framework, bulk-creates 2,000 schools of one country across 16 regions (and 500 of another
country, so that the country filter has something to leave out), each with an assessment in
each of 5 calls, then prints the inbox page's median time for a few filter and sort
combinations, its query count, and the query plans of the page and count queries. The
database is dropped at the end unless --keep is given. Nothing here is a test: CI does not
run it.
"""

import contextlib
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DATABASE = "etwinning_bench"
KEEP = "--keep" in sys.argv[1:]


def bench_database_url() -> str:
    """The throw-away database's URL: on DATABASE_URL's PostgreSQL server, or an SQLite file."""
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/etwinning")
    if url.startswith("sqlite"):
        return f"sqlite:///{Path(tempfile.mkdtemp(prefix='inbox-bench-')) / 'bench.sqlite3'}"
    import psycopg

    server = urlsplit(url)
    with psycopg.connect(server._replace(path="/postgres").geturl(), autocommit=True) as maintenance:
        maintenance.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
        maintenance.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    return server._replace(path=f"/{BENCH_DATABASE}").geturl()


def drop_bench_database(url: str) -> None:
    if url.startswith("sqlite"):
        return
    import psycopg

    with psycopg.connect(urlsplit(url)._replace(path="/postgres").geturl(), autocommit=True) as maintenance:
        maintenance.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")


DATABASE_URL = bench_database_url()
os.environ.update(
    DJANGO_SETTINGS_MODULE="etwinning_school.settings",
    DEBUG="false",
    SECRET_KEY="inbox-bench-only",  # noqa: S106
    ALLOWED_HOSTS="testserver",
    DATABASE_URL=DATABASE_URL,
    STATIC_MANIFEST="false",  # pages link the static files as they are, without collectstatic
    EVIDENCE_ROOT=tempfile.mkdtemp(prefix="inbox-bench-evidence-"),
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from national_data import assessments_create, calls_create, schools_create  # noqa: E402 (beside this script)

from assessment import selectors  # noqa: E402
from assessment.models import Assessment, Call, CoordinatorAssignment, Country, Framework, School, User  # noqa: E402
from assessment.views.coordinator import PAGE_SIZE  # noqa: E402

SCHOOLS = 2_000
OTHER_SCHOOLS = 500
CALLS = 5
REQUESTS = 20
rng = random.Random(2026)  # noqa: S311 (made-up data, not secrets)


def create_data() -> tuple[User, list[Call]]:
    framework = Framework.objects.order_by("-version").first()
    calls = calls_create(framework, CALLS)
    poland = Country.objects.create(code="PL", name_en="Poland")
    romania = Country.objects.create(code="RO", name_en="Romania")
    schools = schools_create(rng, poland, SCHOOLS) + schools_create(
        rng,
        romania,
        OTHER_SCHOOLS,
        kinds=["Școala Gimnazială"],
        regions=[f"Județul {number}" for number in range(1, 9)],
        city="Oraș",
    )
    codes = list(framework.principles.values_list("code", flat=True))
    assessments_create(rng, calls, schools, codes)
    coordinator = User.objects.create_user("coordinator-pl", "coordinator@example.org")
    CoordinatorAssignment.objects.create(user=coordinator, country=poland)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would, so the plans are the real ones
    return coordinator, calls


def plan_of(sql: str) -> str:
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        return "\n".join(" ".join(str(column) for column in row) for row in cursor.fetchall())


def main() -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", verbosity=0)
        call_command("load_framework", verbosity=0)
    start = time.perf_counter()
    coordinator, calls = create_data()
    print(
        f"{connection.vendor} database {connection.settings_dict['NAME']}: "
        f"{School.objects.count()} schools, {Assessment.objects.count()} assessments, {len(calls)} calls "
        f"(created in {time.perf_counter() - start:.1f} s)"
    )
    listed = selectors.coordinator_assessments(
        user=coordinator, call=calls[-1], filters=selectors.InboxFilters()
    ).count()
    print(f"the coordinator's newest call lists {listed} assessments, {PAGE_SIZE} a page")

    client = Client()
    client.force_login(coordinator)
    url = reverse("coordinator_inbox")
    combinations = {
        "default (newest call, newest first)": {},
        "sort by score, highest first": {"sort": "-score"},
        "status submitted, sort by school": {"status": "submitted", "sort": "school"},
        "region + band, sort by region": {"region": "Mazowieckie", "band": "approaching", "sort": "region"},
        "search 'liceum', sort by score": {"q": "liceum", "sort": "score"},
        "oldest call, page 20": {"call": calls[0].pk, "page": 20},
    }
    client.get(reverse("home"))
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        client.get(reverse("home"))
        times.append(time.perf_counter() - start)
    print(f"\nfor comparison, the home page: median {statistics.median(times) * 1000:.1f} ms")
    print(f"\n{'inbox page':<40}{'rows':>6}{'median (ms)':>13}{'min (ms)':>10}{'queries':>9}")
    for label, params in combinations.items():
        for _ in range(2):  # warm the caches
            response = client.get(url, params)
        assert response.status_code == 200, response.status_code  # noqa: S101
        times = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            client.get(url, params)
            times.append(time.perf_counter() - start)
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        # The rows listed: the page's own count query, run again (outside tests the client
        # keeps no template context to read the paginator from).
        count_sql = next(query["sql"] for query in queries.captured_queries if "COUNT(*)" in query["sql"])
        with connection.cursor() as cursor:
            cursor.execute(count_sql)
            [rows] = cursor.fetchone()
        print(
            f"{label:<40}{rows:>6}"
            f"{statistics.median(times) * 1000:>13.1f}{min(times) * 1000:>10.1f}{len(queries):>9}"
        )

    # The plans of the default page: the page of rows and the paginator's count.
    assessments = selectors.coordinator_assessments(
        user=coordinator, call=calls[-1], filters=selectors.InboxFilters(sort="-score")
    )
    page_rows = assessments[:PAGE_SIZE]
    print("\nplan of the page query (newest call, sorted by score):")
    if connection.vendor == "postgresql":
        print(page_rows.explain(analyze=True))
    else:
        print(page_rows.explain())
    with CaptureQueriesContext(connection) as queries:
        assessments.count()
    print("\nplan of the count query:")
    print(plan_of(queries.captured_queries[-1]["sql"]))


if __name__ == "__main__":
    try:
        main()
    finally:
        connections.close_all()
        if not KEEP:
            drop_bench_database(DATABASE_URL)
