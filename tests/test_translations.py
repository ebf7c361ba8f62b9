"""Every user-visible string is translated into every language, and nothing is fuzzy."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assessment.languages import translated_language_codes
from tests.catalogues import catalogue_entries

PROJECT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted((PROJECT / "locale").glob("*/LC_MESSAGES/django.po"))


def msgids(po: Path) -> set[str]:
    return {entry.msgid for entry in catalogue_entries(po)}


def test_there_is_a_catalogue_for_each_language_translated_from_english():
    assert sorted(po.parent.parent.name for po in CATALOGUES) == sorted(translated_language_codes())
    assert len(CATALOGUES) == 5


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: po.parent.parent.name)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(po):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert re.fullmatch(r"\d+ translated messages\.\n", result.stderr), result.stderr


def test_every_string_in_the_code_is_in_the_catalogues(tmp_path):
    """A fresh `makemessages`, run on a scratch copy of the project, finds no new string."""
    for part in ("manage.py", "etwinning_school", "assessment", "templates", "locale"):
        source = PROJECT / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / part)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "pl", "--no-location", "-v", "0"],
        cwd=tmp_path,
        env={**os.environ, "DEBUG": "true"},
        check=True,
        timeout=120,
    )
    fresh = msgids(tmp_path / "locale" / "pl" / "LC_MESSAGES" / "django.po")
    committed = msgids(PROJECT / "locale" / "pl" / "LC_MESSAGES" / "django.po")
    assert fresh - committed == set()
