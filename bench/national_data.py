"""A country's worth of made-up schools, calls and assessments for the benchmarks.

Import it after django.setup(). Everything is bulk-created, with the statuses a country
would show: in a closed call most assessments are decided, in the open one most are not yet.
"""

import datetime
import random

from django.utils import timezone

from assessment.models import Assessment, Call, Country, Framework, School
from assessment.scoring import Band

BATCH = 2_000
REGIONS = [
    "Dolnośląskie",
    "Kujawsko-pomorskie",
    "Lubelskie",
    "Lubuskie",
    "Łódzkie",
    "Małopolskie",
    "Mazowieckie",
    "Opolskie",
    "Podkarpackie",
    "Podlaskie",
    "Pomorskie",
    "Śląskie",
    "Świętokrzyskie",
    "Warmińsko-mazurskie",
    "Wielkopolskie",
    "Zachodniopomorskie",
]
KINDS = ["Szkoła Podstawowa", "Liceum Ogólnokształcące", "Technikum", "Zespół Szkół", "Przedszkole"]
CLOSED_CALL = {"draft": 25, "returned": 4, "awarded": 56, "not_awarded": 15}
OPEN_CALL = {"draft": 40, "submitted": 28, "in_review": 14, "returned": 8, "awarded": 8, "not_awarded": 2}


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def calls_create(framework: Framework, count: int) -> list[Call]:
    """One call a school year, the last one opened this year."""
    year = timezone.localdate().year
    return [
        Call.objects.create(
            name=f"eTwinning School Label {y}-{y + 1}",
            opens_on=datetime.date(y, 9, 1),
            closes_on=datetime.date(y + 1, 1, 31),
            framework=framework,
        )
        for y in range(year - count + 1, year + 1)
    ]


def schools_create(
    rng: random.Random,
    country: Country,
    count: int,
    *,
    kinds: list[str] = KINDS,
    regions: list[str] = REGIONS,
    city: str = "Miasto",
) -> list[School]:
    """Schools spread over the country's regions (by default, Poland's 16)."""
    return School.objects.bulk_create(
        (
            School(
                name=f"{rng.choice(kinds)} nr {number}",
                country=country,
                region=rng.choice(regions),
                city=city,
                etwinning_registered_on=datetime.date(2015, 9, 1),
            )
            for number in range(1, count + 1)
        ),
        batch_size=BATCH,
    )


def assessments_create(
    rng: random.Random, calls: list[Call], schools: list[School], codes: list[str]
) -> list[Assessment]:
    """An assessment per school and call; those submitted carry the figures stored at submission
    (`codes` are the principles'), submitted within the call's first 150 days."""
    now, assessments = timezone.now(), []
    for call in calls:
        shares = OPEN_CALL if call is calls[-1] else CLOSED_CALL
        opened = datetime.datetime.combine(call.opens_on, datetime.time(8), tzinfo=datetime.UTC)
        window = (min(now, opened + datetime.timedelta(days=150)) - opened).total_seconds()
        for school in schools:
            assessment = Assessment(school=school, call=call, status=pick(rng, shares))
            if assessment.status != "draft":
                score = max(0.0, min(100.0, rng.gauss(65, 15)))
                assessment.submitted_at = opened + datetime.timedelta(seconds=rng.uniform(0, window))
                assessment.decided_at = assessment.submitted_at if assessment.is_decided else None
                assessment.overall_score, assessment.evidence_coverage = score, rng.uniform(0.4, 1.0)
                assessment.principle_scores = {c: max(0, min(100, round(rng.gauss(score, 8)))) for c in codes}
                # Close enough for a benchmark: the real band also needs every principle's score.
                assessment.band = (
                    Band.MATCHES if score >= 80 else Band.APPROACHING if score >= 50 else Band.EARLY
                )
            assessments.append(assessment)
    return Assessment.objects.bulk_create(assessments, batch_size=BATCH)
