"""Demo data for trying the app on a laptop: a country, schools, and one account per role."""

import datetime
from dataclasses import dataclass

from django.db import transaction

from assessment.models import CoordinatorAssignment, Country, Membership, School, User

COUNTRIES = {
    "PL": {"en": "Poland", "pl": "Polska", "ro": "Polonia", "nb": "Polen", "bg": "Полша", "nl": "Polen"},
    "RO": {
        "en": "Romania",
        "pl": "Rumunia",
        "ro": "România",
        "nb": "Romania",
        "bg": "Румъния",
        "nl": "Roemenië",
    },
}

SCHOOLS = {
    "A": {
        "name": "Szkoła Podstawowa nr 12 im. Marii Skłodowskiej-Curie",
        "country": "PL",
        "region": "Małopolskie",
        "city": "Kraków",
        "etwinning_registered_on": datetime.date(2016, 9, 1),
        "active_teachers": 9,
        "quality_label_projects": 3,
    },
    "B": {
        "name": "I Liceum Ogólnokształcące im. Adama Mickiewicza",
        "country": "PL",
        "region": "Wielkopolskie",
        "city": "Poznań",
        "etwinning_registered_on": datetime.date(2014, 10, 15),
        "active_teachers": 6,
        "quality_label_projects": 2,
    },
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: str
    language: str
    school: str | None = None
    membership_role: str | None = None
    coordinates: str | None = None
    superuser: bool = False


ACCOUNTS = (
    DemoAccount("admin", "Ada", "Admin", "administrator", "en", superuser=True),
    DemoAccount("leader", "Anna", "Kowalska", "leader of school A", "pl", "A", Membership.Role.LEADER),
    DemoAccount("teacher", "Tomasz", "Nowak", "teacher of school A", "en", "A", Membership.Role.TEACHER),
    DemoAccount("leader2", "Barbara", "Wiśniewska", "leader of school B", "pl", "B", Membership.Role.LEADER),
    DemoAccount("coordinator", "Piotr", "Zieliński", "national coordinator, Poland", "pl", coordinates="PL"),
    DemoAccount("coordinator2", "Ioana", "Popescu", "national coordinator, Romania", "ro", coordinates="RO"),
)


@transaction.atomic
def demo_seed(*, password: str) -> list[DemoAccount]:
    """Create (or bring back to their demo state) the demo countries, schools and accounts.

    Safe to run again: everything is looked up by its natural key, never duplicated.
    """
    countries = {
        code: Country.objects.update_or_create(
            code=code, defaults={f"name_{language}": name for language, name in names.items()}
        )[0]
        for code, names in COUNTRIES.items()
    }
    schools = {
        key: School.objects.update_or_create(
            name=data["name"], defaults={**data, "country": countries[data["country"]]}
        )[0]
        for key, data in SCHOOLS.items()
    }
    for account in ACCOUNTS:
        user, _created = User.objects.update_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "email": f"{account.username}@example.org",
                "preferred_language": account.language,
                "is_staff": account.superuser,
                "is_superuser": account.superuser,
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        if account.school:
            Membership.objects.update_or_create(
                user=user, school=schools[account.school], defaults={"role": account.membership_role}
            )
        if account.coordinates:
            CoordinatorAssignment.objects.get_or_create(user=user, country=countries[account.coordinates])
    return list(ACCOUNTS)
