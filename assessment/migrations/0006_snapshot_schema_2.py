"""Every stored snapshot upgraded to schema 2, the typed one `assessment.snapshot` reads.

Earlier snapshots carried no version and came in three shapes: the first had no evidence;
then came the evidence list; then the status, school, call and eligibility figures. Schema
2 adds the version, the country's code and each answer's author's username, and drops the
scores, which are now always computed from the answers. What an early snapshot lacks is
taken from the database as it stands: the assessment's school, call and answers, which do
not change once submitted. The upgrade is written out here, not imported, so that this
migration keeps doing what it did whatever the app's code becomes.
"""

from django.conf import settings
from django.db import migrations

SCHEMA = 2


def upgrade(snapshot: dict, *, assessment, usernames: dict[str, str | None]) -> dict:
    """`snapshot` in schema 2; `usernames` maps statement codes to their answer's author."""
    if snapshot.get("schema") == SCHEMA:
        return snapshot
    school, call = assessment.school, assessment.call
    data = dict(snapshot, schema=SCHEMA)
    data.setdefault("status", assessment.status)
    data.setdefault(
        "school",
        {
            "name": school.name,
            "city": school.city,
            "region": school.region,
            "country": {
                code: getattr(school.country, f"name_{code}", "") or school.country.name_en
                for code, _name in settings.LANGUAGES
            },
        },
    )
    data["school"] = {**data["school"], "country_code": school.country.code}
    data.setdefault(
        "call",
        {
            "name": call.name,
            "opens_on": call.opens_on.isoformat(),
            "closes_on": call.closes_on.isoformat(),
            "profile_threshold": call.profile_threshold,
            "approaching_threshold": call.approaching_threshold,
        },
    )
    submitted_on = assessment.submitted_at.date() if assessment.submitted_at else None
    data.setdefault(
        "eligibility",
        {
            "on": (submitted_on or call.opens_on).isoformat(),
            "etwinning_registered_on": school.etwinning_registered_on.isoformat(),
            "active_teachers": school.active_teachers,
            "quality_label_projects": school.quality_label_projects,
            "min_registration_years": call.min_registration_years,
            "min_active_teachers": call.min_active_teachers,
            "min_quality_label_projects": call.min_quality_label_projects,
        },
    )
    data.setdefault("evidence", [])
    data.setdefault("declaration", None)
    data.pop("overall_score", None)
    data["principles"] = [
        {
            **{key: value for key, value in principle.items() if key != "score"},
            "statements": [
                {
                    "evidence": [],
                    **statement,
                    "updated_by_username": statement.get("updated_by_username", usernames.get(statement["code"])),
                }
                for statement in principle["statements"]
            ],
        }
        for principle in snapshot["principles"]
    ]
    return data


def forwards(apps, schema_editor) -> None:
    Assessment = apps.get_model("assessment", "Assessment")
    Response = apps.get_model("assessment", "Response")
    stored = Assessment.objects.exclude(snapshot__isnull=True).select_related("school__country", "call")
    for assessment in stored.iterator(chunk_size=200):
        if assessment.snapshot.get("schema") == SCHEMA:
            continue
        usernames = dict(
            Response.objects.filter(assessment=assessment).values_list(
                "statement__code", "updated_by__username"
            )
        )
        assessment.snapshot = upgrade(assessment.snapshot, assessment=assessment, usernames=usernames)
        assessment.save(update_fields=["snapshot"])


class Migration(migrations.Migration):
    dependencies = [("assessment", "0005_stored_figures")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
