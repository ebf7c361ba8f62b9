"""What the serving benchmarks set up before Django starts, and take down after: a throw-away
PostgreSQL database and work folder, production settings in the environment (read by the
benchmark and by gunicorn alike), and gunicorn itself."""

import contextlib
import os
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import SplitResult, urlsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
# Sync workers, 2 per core: the pages are CPU-bound, and a request's database waits are short.
GUNICORN_OPTIONS = ["--workers=4", "--worker-class=sync"]


def postgres_server(script: str) -> SplitResult:
    """The PostgreSQL server DATABASE_URL names (its database is never touched)."""
    server = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/etwinning"))
    if server.scheme.startswith("sqlite"):
        sys.exit(f"bench/{script} needs PostgreSQL: set DATABASE_URL to a postgres:// URL.")
    return server


def recreate_database(server: SplitResult, name: str, *, drop_only: bool = False) -> None:
    with psycopg.connect(server._replace(path="/postgres").geturl(), autocommit=True) as maintenance:
        maintenance.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if not drop_only:
            maintenance.execute(f"CREATE DATABASE {name}")


def production_environment(server: SplitResult, name: str, prefix: str) -> Path:
    """Production settings on database `name` and a new work folder, which it returns. The
    sessions made here must be read by gunicorn: the secret key is shared through the environment."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="etwinning_school.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=server._replace(path=f"/{name}").geturl(),
        STATIC_MANIFEST="false",
        EVIDENCE_ROOT=str(work / "evidence"),
        CREDENTIAL_KEY_FILE=str(work / "credential-key.pem"),
        TASKS_BACKEND="immediate",
    )
    return work


@contextlib.contextmanager
def gunicorn(port: int, work: Path, environment: dict[str, str] | None = None) -> Iterator[subprocess.Popen]:
    """Gunicorn serving the app on a loopback port, stopped on leaving (also on Ctrl-C)."""
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "etwinning_school.wsgi",
        f"--bind=127.0.0.1:{port}",
        *GUNICORN_OPTIONS,
        f"--error-logfile={work / 'gunicorn.log'}",
    ]
    # Its own session: Ctrl-C reaches only the benchmark, which then stops gunicorn itself.
    server = subprocess.Popen(command, cwd=ROOT, env=environment, start_new_session=True)  # noqa: S603
    try:
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
