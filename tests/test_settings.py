"""The settings module refuses to start on a bad environment, with a sentence, not a trace."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def start(**environment: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


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
