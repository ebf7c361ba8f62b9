"""The app in a fresh process, started with an environment of the test's choosing: settings are
read once, at start-up, so only a new process shows what a deployment's variables do."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
# Left out of the environment the tests run in, so that each test says what it sets.
SETTINGS_VARIABLES = frozenset(
    {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "HOST", "PORT", "SITE_URL"}
)


def run_app(*arguments: str, script: str | None = None, **environment: str) -> subprocess.CompletedProcess:
    """`manage.py ARGUMENTS`, or the Python `script` once Django is set up, in a new process."""
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    env.update({"DJANGO_SETTINGS_MODULE": "etwinning_school.settings", **environment})
    if script is None:
        command = [sys.executable, "manage.py", *arguments]
    else:
        command = [sys.executable, "-c", "import django\ndjango.setup()\n" + script]
    return subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120)
