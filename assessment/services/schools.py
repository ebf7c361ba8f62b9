"""Writes of a school's own data."""

from django.db import transaction

from assessment.models import School


@transaction.atomic
def school_update(*, school: School, data: dict) -> School:
    for name, value in data.items():
        setattr(school, name, value)
    school.full_clean()
    school.save(update_fields=list(data))
    return school
