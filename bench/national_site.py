"""The national-scale site the serving benchmarks run against: the dataset (schools, calls,
assessments, answers, evidence, a submitted report), the logged-in sessions, and gunicorn's
start. Import it after django.setup(); `load_run.py` and `compare_run.py` share it."""

import contextlib
import io
import random
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.utils import timezone
from national_data import BATCH, REGIONS, assessments_create, calls_create, pick, schools_create

from assessment.models import (
    Assessment,
    Call,
    Evidence,
    EvidenceUse,
    Framework,
    Membership,
    Response,
    School,
    User,
)
from assessment.reports.pdf import report_pdf
from assessment.services.assessments import assessment_start, assessment_submit
from tests.conftest import complete  # the tests' "answer everything the checklist asks for"
from tests.factories import CoordinatorAssignmentFactory, CountryFactory, MembershipFactory, SchoolFactory

SCHOOLS, CALLS = 2_000, 5
LEVELS = {"1": 10, "2": 25, "3": 35, "4": 25, "na": 5}
TEXTS = ["Discussed at the staff meeting.", "Shown at the open day.", "In the minutes of the eTwinning team."]

INBOX_QUERIES = ["", "sort=-score", "status=submitted&sort=school", "q=liceum&sort=score", "band=early"]

rng = random.Random(2026)  # noqa: S311 (made-up data and timings, not secrets)


def session_for(user: User) -> str:
    """A logged-in session made directly: the production password hasher would slow logins down."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def create_responses(assessments: list[Assessment], statements: list) -> None:
    """An answer row per statement, as assessment_start makes them; drafts partly rated."""
    for start in range(0, len(assessments), 500):
        rows = []
        for assessment in assessments[start : start + 500]:
            share = rng.random() if assessment.status == "draft" else 1.0
            for statement in statements:
                row = Response(assessment=assessment, statement=statement)
                if rng.random() < share:
                    row.level, row.justification, row.version = pick(rng, LEVELS), rng.choice(TEXTS), 1
                    row.updated_at = assessment.submitted_at or timezone.now()
                rows.append(row)
        Response.objects.bulk_create(rows, batch_size=BATCH)


def create_report(school: School, call: Call) -> tuple[Assessment, User]:
    """The school submits through the real services; its Bulgarian report is rendered once."""
    leader = MembershipFactory(school=school, role=Membership.Role.LEADER, user__preferred_language="pl").user
    today = timezone.localdate()
    assessment = assessment_start(school=school, call=call, user=leader, today=today)
    complete(assessment, user=leader, today=today)
    with contextlib.redirect_stdout(io.StringIO()):  # the console email backend's notification
        assessment = assessment_submit(
            assessment=assessment, user=leader, declaration_accepted=True, today=today
        )
    start = time.perf_counter()
    report_pdf(assessment, language="bg")
    print(f"Bulgarian report: first render {time.perf_counter() - start:.2f} s; downloads read the cache")
    return assessment, leader


@dataclass
class Seat:
    """One simulated user: their session, their draft, and the answer versions they have seen."""

    session: str
    assessment: int
    versions: dict[int, int]


@dataclass
class Plan:
    seats: list[Seat]
    codes: list[str]
    coordinator: str
    report_sessions: list[str]
    report_path: str
    report_id: int
    inbox_queries: list[str]


def build(users: int) -> Plan:
    framework = Framework.objects.order_by("-version").first()
    principles = list(framework.principles.order_by("order").prefetch_related("statements"))
    codes, statements = [p.code for p in principles], [s for p in principles for s in p.statements.all()]
    calls = calls_create(framework, CALLS)
    poland = CountryFactory(code="PL", name_en="Poland")
    schools = schools_create(rng, poland, SCHOOLS)
    assessments = assessments_create(rng, calls, schools, codes)
    create_responses(assessments, statements)
    report, report_leader = create_report(SchoolFactory(country=poland, region=REGIONS[0]), calls[-1])
    print(
        f"{len(schools) + 1} schools, {len(assessments) + 1} assessments, {Response.objects.count()} answers"
    )

    # The users: leaders of open-call drafts; one in ten a teacher of a draft another user edits.
    drafts = [a for a in assessments if a.call_id == calls[-1].pk and a.status == "draft"]
    drafts = [drafts[index % min(len(drafts), users - users // 10)] for index in range(users)]
    accounts = User.objects.bulk_create(
        User(username=f"load-{n}", password=UNUSABLE_PASSWORD_PREFIX) for n in range(users)
    )
    Membership.objects.bulk_create(
        Membership(user=user, school_id=draft.school_id, role="teacher" if draft in drafts[:n] else "leader")
        for n, (user, draft) in enumerate(zip(accounts, drafts, strict=True))
    )
    # Three links on each draft, each supporting four statements (the first also the eSafety item).
    links = Evidence.objects.bulk_create(
        Evidence(assessment=d, kind="link", url=f"https://example.org/{d.pk}/{n}", supports_esafety=n == 0)
        for d in set(drafts)
        for n in range(3)
    )
    EvidenceUse.objects.bulk_create(
        EvidenceUse(evidence=link, statement=s) for link in links for s in rng.sample(statements, 4)
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would, before the load rather than during it
    coordinator = session_for(CoordinatorAssignmentFactory(country=poland).user)
    return Plan(
        seats=[
            Seat(session_for(user), draft.pk, dict(draft.responses.values_list("statement_id", "version")))
            for user, draft in zip(accounts, drafts, strict=True)
        ],
        codes=codes,
        coordinator=coordinator,
        report_sessions=[coordinator, session_for(report_leader)],
        report_path=f"/assessments/{report.pk}/report/?language=bg&format=pdf",
        report_id=report.pk,
        inbox_queries=[
            *INBOX_QUERIES,
            f"call={calls[0].pk}&page=20",
            urlencode({"region": REGIONS[6], "sort": "region"}),
        ],
    )


def cpu_ticks() -> tuple[int, int]:
    """The machine's busy and total CPU time so far (Linux's /proc/stat): all but idle and iowait."""
    ticks = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(ticks) - ticks[3] - ticks[4], sum(ticks)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(server: subprocess.Popen, port: int, log: Path) -> None:
    for _ in range(300):  # up to 30 s
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: {log.read_text()}")
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).close()  # noqa: S310 (our own URL)
            return
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer within 30 s")
