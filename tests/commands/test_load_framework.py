from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from assessment.models import Statement


def run(*args: str) -> str:
    out = StringIO()
    call_command("load_framework", *args, stdout=out)
    return out.getvalue()


def test_load_framework_reports_what_it_created_then_that_all_is_up_to_date(no_framework):
    assert "31 Statement created" in run()
    assert run() == "framework-2026.toml: already up to date.\n"
    assert Statement.objects.count() == 31


@pytest.mark.django_db
def test_load_framework_refuses_a_file_that_does_not_exist(tmp_path):
    with pytest.raises(CommandError, match="No framework file at"):
        run(str(tmp_path / "missing.toml"))


@pytest.mark.django_db
def test_load_framework_explains_an_invalid_file(tmp_path):
    path = tmp_path / "framework-broken.toml"
    path.write_text('version = "broken"\n[mission]\nen = "Only English"\n', encoding="utf-8")
    with pytest.raises(CommandError, match="framework-broken.toml: framework mission has no text for: pl"):
        run(str(path))
