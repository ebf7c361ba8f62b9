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


def evidence_storage_with(**environment: str) -> list[str]:
    """Class name and key options of STORAGES["evidence"] when the app starts with this environment."""
    script = (
        "import django; django.setup(); from django.core.files.storage import storages; "
        "s = storages['evidence']; "
        "print(type(s).__name__, *([s.bucket_name, s.endpoint_url, s.default_acl, s.location] "
        "if hasattr(s, 'bucket_name') else [s.location]))"
    )
    env = {
        key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }
    env.update(DEBUG="true", DJANGO_SETTINGS_MODULE="etwinning_school.settings", **environment)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=60
    )
    return result.stdout.split()


def test_naming_a_bucket_keeps_evidence_in_private_s3_compatible_storage():
    storage = evidence_storage_with(
        EVIDENCE_S3_BUCKET="school-evidence", EVIDENCE_S3_ENDPOINT_URL="https://s3.example.org"
    )
    assert storage == ["S3Storage", "school-evidence", "https://s3.example.org", "private", "evidence"]


def test_without_a_bucket_evidence_stays_in_the_private_folder():
    assert evidence_storage_with(EVIDENCE_ROOT="/srv/evidence") == ["FileSystemStorage", "/srv/evidence"]
