"""The demo's data: its countries, schools, accounts and the stages its schools are at.

Only tables here; `demo.py` turns them into schools, accounts and assessments through the
app's own services.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from assessment.models import Membership

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

SCHOOLS: dict[str, dict[str, Any]] = {
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
    "C": {
        "name": "Zespół Szkół Technicznych nr 3",
        "country": "PL",
        "region": "Pomorskie",
        "city": "Gdańsk",
        "etwinning_registered_on": datetime.date(2019, 3, 4),
        "active_teachers": 4,
        "quality_label_projects": 1,
    },
    "D": {
        "name": "Szkoła Podstawowa w Lipnicy",
        "country": "PL",
        "region": "Podkarpackie",
        "city": "Lipnica",
        "etwinning_registered_on": datetime.date(2025, 9, 1),
        "active_teachers": 1,
        "quality_label_projects": 0,
    },
}

CALL_NAME = "eTwinning School Label 2026-2027"
JUSTIFICATION = (
    "Discussed at the staff meeting; examples are in the shared folder and in our TwinSpace projects."
)


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


# Schools of the demo country at every stage of the review, for the coordinators' pages:
# (name, region, city, levels their answers cycle through, what happens after submission).
NATIONAL = (
    ("Szkoła Podstawowa nr 5 w Toruniu", "Kujawsko-Pomorskie", "Toruń", (4, 4, 3), "award"),
    ("Liceum Ogólnokształcące w Zamościu", "Lubelskie", "Zamość", (2, 3, 3), "return"),
    ("Szkoła Podstawowa nr 2 w Opolu", "Opolskie", "Opole", (3, 4, 3), "review"),
    ("Technikum Łączności w Krakowie", "Małopolskie", "Kraków", (1, 2, 2), "decline"),
    ("Szkoła Podstawowa nr 8 w Gdyni", "Pomorskie", "Gdynia", (3, 3, 4), "submit"),
    ("Zespół Szkół w Białymstoku", "Podlaskie", "Białystok", (2, 2, 3), "submit"),
    ("Gimnazjum Dwujęzyczne w Poznaniu", "Wielkopolskie", "Poznań", (4, 3, 4), "award"),
    ("Szkoła Podstawowa nr 1 w Kielcach", "Świętokrzyskie", "Kielce", (2, 3, 2), "submit"),
)
PREVIOUS_CALL_NAME = "eTwinning School Label 2024-2025"
