"""A backup of the database, loaded into an empty one, gives back every assessment as it was."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from assessment.exports import assessment_export
from assessment.models import Assessment

# Rebuilt by migrate itself, or not worth keeping: never part of a backup.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


def exports() -> dict[int, str]:
    return {
        assessment.pk: json.dumps(assessment_export(assessment), sort_keys=True)
        for assessment in Assessment.objects.select_related("school__country", "call__framework").order_by(
            "pk"
        )
    }


@pytest.mark.django_db(transaction=True)
def test_a_dump_loaded_into_an_empty_database_gives_back_every_export(settings, framework_data, tmp_path):
    from assessment.services.framework import framework_load

    settings.DEBUG = True
    framework_load(data=framework_data)
    call_command("seed_demo", stdout=StringIO())
    before = exports()
    assert len(before) >= 10

    # XML keeps timestamps to the microsecond; Django's JSON rounds them to milliseconds.
    dump = tmp_path / "backup.xml"
    call_command(
        "dumpdata", exclude=EXCLUDED, natural_foreign=True, format="xml", output=str(dump), verbosity=0
    )
    call_command("flush", interactive=False, verbosity=0)
    assert not Assessment.objects.exists()
    call_command("loaddata", str(dump), verbosity=0)

    assert exports() == before
