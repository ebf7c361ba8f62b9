"""The settings module refuses to start on a bad environment, with a sentence, not a trace."""

import os
import socket
import subprocess
import time

import pytest

from tests.processes import run_app


def start(**environment: str):
    return run_app("check", **environment)


def test_debug_maybe_stops_start_up_saying_what_is_allowed():
    result = start(DEBUG="maybe", SECRET_KEY="x")
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "Configuration error: DEBUG must be true or false (also accepted: 1/0, yes/no, on/off), not 'maybe'."
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = start(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert "Traceback" not in result.stderr


def test_development_starts_without_a_secret_key():
    result = start(DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_a_bad_database_url_stops_start_up():
    result = start(DEBUG="true", DATABASE_URL="mongodb://localhost/app")
    assert result.returncode != 0
    assert "DATABASE_URL must be sqlite:////absolute/path/db.sqlite3 or postgres://" in result.stderr


def evidence_storage_with(**environment: str) -> list[str]:
    """Class name and key options of STORAGES["evidence"] when the app starts with this environment."""
    script = (
        "from django.core.files.storage import storages\n"
        "s = storages['evidence']\n"
        "print(type(s).__name__, *([s.bucket_name, s.endpoint_url, s.default_acl, s.location] "
        "if hasattr(s, 'bucket_name') else [s.location]))"
    )
    return run_app(script=script, DEBUG="true", **environment).stdout.split()


def test_naming_a_bucket_keeps_evidence_in_private_s3_compatible_storage():
    storage = evidence_storage_with(
        EVIDENCE_S3_BUCKET="school-evidence", EVIDENCE_S3_ENDPOINT_URL="https://s3.example.org"
    )
    assert storage == ["S3Storage", "school-evidence", "https://s3.example.org", "private", "evidence"]


def test_without_a_bucket_evidence_stays_in_the_private_folder():
    assert evidence_storage_with(EVIDENCE_ROOT="/srv/evidence") == [
        "PrivateFileSystemStorage",
        "/srv/evidence",
    ]


def run_with(script: str, **environment: str) -> subprocess.CompletedProcess:
    return run_app(script=script, SECRET_KEY="x", **environment)


def test_postgresql_connections_give_up_and_statements_are_cancelled_in_time():
    script = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    defaults = run_with(script, DATABASE_URL="postgres://app@db.example.org:5432/etwinning")
    chosen = run_with(
        script,
        DATABASE_URL="postgres://app@db.example.org:5432/etwinning",
        DATABASE_CONNECT_TIMEOUT="2",
        DATABASE_STATEMENT_TIMEOUT="4",
    )
    assert "'connect_timeout': 5" in defaults.stdout and "statement_timeout=15000" in defaults.stdout
    assert "'connect_timeout': 2" in chosen.stdout and "statement_timeout=4000" in chosen.stdout


def test_a_database_server_that_never_answers_fails_within_the_connect_timeout():
    # A listening socket nobody reads from: the connection is accepted by the kernel, and the
    # database's greeting never comes.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        started = time.monotonic()
        result = run_with(
            "from django.db import connection\ntry:\n    connection.ensure_connection()\n"
            "except Exception as error:\n    print(type(error).__name__)",
            DATABASE_URL=f"postgres://app@127.0.0.1:{port}/etwinning",
            DATABASE_CONNECT_TIMEOUT="1",
        )
        elapsed = time.monotonic() - started
    assert result.stdout.strip() == "OperationalError", result.stderr
    assert elapsed < 30  # not the app server's worker timeout: the connect timeout gave up


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs PostgreSQL's statement_timeout",
)
def test_a_statement_over_the_statement_timeout_is_cancelled_on_postgresql():
    result = run_with(
        "from django.db import connection, OperationalError\ntry:\n"
        "    connection.cursor().execute('select pg_sleep(5)')\n"
        "except OperationalError as error:\n    print('cancelled:', error)",
        DATABASE_URL=os.environ["DATABASE_URL"],
        DATABASE_STATEMENT_TIMEOUT="1",
    )
    assert "cancelled: canceling statement due to statement timeout" in result.stdout, result.stderr


def test_links_in_emails_follow_where_the_app_is_served_unless_the_site_url_is_set():
    script = "from django.conf import settings; print(settings.SITE_URL)"
    assert run_with(script).stdout.strip() == "http://127.0.0.1:8000"
    assert run_with(script, HOST="localhost", PORT="8123").stdout.strip() == "http://localhost:8123"
    chosen = run_with(script, PORT="8123", SITE_URL="https://school.example.org/")
    assert chosen.stdout.strip() == "https://school.example.org"
