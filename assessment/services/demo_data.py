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

# The national support services that issue the labels' credentials.
ISSUERS = {
    "PL": {
        "issuer_name": "Fundacja Rozwoju Systemu Edukacji – eTwinning Polska",
        "issuer_url": "https://etwinning.pl",
    },
    "RO": {
        "issuer_name": "ANPCDEFP – Biroul Național de Sprijin eTwinning",
        "issuer_url": "https://www.etwinning.ro",
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
        "in_public_register": True,
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
    "R": {
        "name": "Liceul Teoretic „Ion Creangă”",
        "country": "RO",
        "region": "Iași",
        "city": "Iași",
        "etwinning_registered_on": datetime.date(2013, 11, 20),
        "active_teachers": 7,
        "quality_label_projects": 4,
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

# What a school writes to justify its rating: per principle, one example per statement, which
# `justification` joins with the school's own project and the level's wording, so that no two
# statements or schools read alike.
EXAMPLES = {
    "1": [
        "the head gives the eTwinning team two hours a month and a budget line for project materials",
        "the eTwinning team, not the head alone, chose this year's three partner projects",
        "international projects are one of the four goals of our development plan",
        "teachers who run projects count the hours towards their professional development",
        "the deputy head follows each project at the monthly staff meeting",
        "project work is planned in the timetable, not added after school",
    ],
    "2": [
        "three subject teams planned a joint project on water across biology, geography and English",
        "teachers plan eTwinning lessons together in a shared folder open to the whole staff",
        "two experienced teachers mentor colleagues starting their first project",
        "project results are presented at the end-of-term staff meeting",
        "the school shares its project calendar with the parents' council",
        "teachers swap lessons to co-teach with partner schools online",
    ],
    "3": [
        "pupils chose the theme of our climate project and wrote its questionnaire",
        "a student council member sits on the eTwinning team",
        "pupils present projects to parents and younger classes",
        "older pupils coach younger ones in using the TwinSpace safely",
        "pupils' feedback changed how we run the language exchange",
        "pupil ambassadors keep the project noticeboard up to date",
    ],
    "4": [
        "we ran an open day on eTwinning for six schools of the district",
        "our teachers gave two workshops at the regional teachers' centre",
        "we mentor a partner school starting its first project",
        "our project pages are public and linked from the school's website",
        "the local newspaper covered our exchange with a school in Portugal",
        "we host student teachers who observe project lessons",
    ],
    "5": [
        "every class takes part in at least one project, whatever the pupils' needs",
        "project activities are adapted for pupils with special educational needs",
        "pupils learn to check sources and protect their data before projects start",
        "the school tries new tools in projects first, then in ordinary lessons",
        "parents who speak other languages help with the partner school's visits",
        "the library lends tablets so that every pupil can join online meetings",
    ],
}
LEVEL_WORDING = {
    "1": "We have made a start: {example}, but only in a few classes so far.",
    "2": "So far: {example}; we want to make it a habit across the school.",
    "3": "We do this regularly: {example}, as the {project} project showed this year.",
    "4": "A strength of ours: {example}, and other schools took it up after the {project} project.",
}

# The action plan: per principle, steps a school may write (action, owner, success indicator).
ACTIONS = {
    "1": [
        (
            "Add eTwinning to the yearly review of the development plan",
            "Head teacher",
            "Goals reviewed in June",
        ),
        ("Give the eTwinning team a fixed meeting slot every month", "Deputy head", "Ten meetings held"),
    ],
    "2": [
        ("Set up cross-subject project teams for each year group", "eTwinning team", "Four teams at work"),
        ("Run a staff workshop on planning projects together", "Lead teacher", "Twenty teachers attend"),
    ],
    "3": [
        (
            "Let the student council choose one project theme a year",
            "Student council tutor",
            "Theme chosen by May",
        ),
        (
            "Train pupil ambassadors to present projects to parents",
            "English teacher",
            "Six ambassadors trained",
        ),
    ],
    "4": [
        ("Hold an open day on eTwinning for neighbouring schools", "eTwinning team", "Five schools visit"),
        ("Mentor a school starting its first project", "Experienced teacher", "The school runs a project"),
    ],
    "5": [
        (
            "Adapt project materials for pupils with special needs",
            "Special needs coordinator",
            "Materials in use",
        ),
        ("Run an eSafety week before projects start", "ICT teacher", "Every class takes part"),
    ],
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
    DemoAccount(
        "leader3", "Elena", "Ionescu", "leader of the Romanian school", "ro", "R", Membership.Role.LEADER
    ),
    DemoAccount("coordinator", "Piotr", "Zieliński", "national coordinator, Poland", "pl", coordinates="PL"),
    DemoAccount("coordinator2", "Ioana", "Popescu", "national coordinator, Romania", "ro", coordinates="RO"),
)


# Schools of the demo country at every stage of the review, for the coordinators' pages:
# (name, region, city, levels their answers cycle through, what happens after submission).
NATIONAL = (
    ("Szkoła Podstawowa nr 5 w Toruniu", "Kujawsko-Pomorskie", "Toruń", (4, 4, 3), "award"),
    ("Liceum Ogólnokształcące w Zamościu", "Lubelskie", "Zamość", (2, 3, 3), "return"),
    ("Szkoła Podstawowa nr 3 w Lublinie", "Lubelskie", "Lublin", (3, 2, 3), "resubmit"),
    ("Szkoła Podstawowa nr 2 w Opolu", "Opolskie", "Opole", (3, 4, 3), "review"),
    ("Technikum Łączności w Krakowie", "Małopolskie", "Kraków", (1, 2, 2), "decline"),
    ("Szkoła Podstawowa nr 8 w Gdyni", "Pomorskie", "Gdynia", (3, 3, 4), "submit"),
    ("Zespół Szkół w Białymstoku", "Podlaskie", "Białystok", (2, 2, 3), "submit"),
    ("Gimnazjum Dwujęzyczne w Poznaniu", "Wielkopolskie", "Poznań", (4, 3, 4), "award"),
    ("Szkoła Podstawowa nr 1 w Kielcach", "Świętokrzyskie", "Kielce", (2, 3, 2), "submit"),
)
PREVIOUS_CALL_NAME = "eTwinning School Label 2024-2025"

# Project names the schools' justifications refer to, one per school in turn.
PROJECTS = (
    "Water Around Us",
    "Stories Without Borders",
    "Our Town in 2050",
    "Healthy Lunchbox",
    "Games of Our Grandparents",
    "Climate Detectives",
    "Bridges of Europe",
    "Code and Create",
    "Voices of the River",
    "Green Schoolyards",
    "Letters to the Future",
    "Music Maps",
)


def justification(*, code: str, level: str, project: str) -> str:
    """A school's justification of one rating, different for each statement, level and project."""
    principle, number = code.split(".")
    examples = EXAMPLES[principle]
    example = examples[(int(number) - 1) % len(examples)]
    return LEVEL_WORDING[level].format(example=example, project=project)


# School A's surveys: enough staff and students to show their results, too few parents so far.
# Each group's answers centre on a level that moves from statement to statement; respondents
# spread around it, and now and then someone does not know.
@dataclass(frozen=True)
class SurveyDemo:
    respondents: int
    centre: int  # the level the answers gather around
    language: str  # the poster's


SURVEY_DEMO = {
    "staff": SurveyDemo(respondents=12, centre=2, language="pl"),
    "students": SurveyDemo(respondents=24, centre=3, language="pl"),
    "parents": SurveyDemo(respondents=3, centre=3, language="pl"),
}
SURVEY_SPREAD = (-1, 0, 0, 1, 0, 0, -1)
SURVEY_DONT_KNOW_EVERY = 9
SURVEY_COMMENTS = {
    "staff": {
        "1": "Przydałby się stały zespół eTwinning, a nie jedna osoba, która wszystko koordynuje.",
        "2": "Więcej czasu na wspólne planowanie na początku semestru.",
    },
    "students": {
        "3": "Chcielibyśmy sami wybrać temat następnego projektu.",
        "5": "Więcej zajęć poza klasą, na przykład wspólne nagrania z partnerami.",
    },
}
