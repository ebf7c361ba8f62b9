"""What a label's Open Badges 3.0 credential says: the school, the label and its criteria,
the issuer, the dates, where its revocation status is published. English, the framework's
source language; every address is under `SITE_URL`."""

import datetime

from django.conf import settings
from django.db.models import Model
from django.urls import reverse

from assessment.models import Assessment, Country, Principle

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
LABEL_NAME = "eTwinning School Label"
LABEL_DESCRIPTION = (
    "Awarded by the national coordinators of eTwinning to schools whose self-assessment and "
    "evidence show that they match the eTwinning School profile."
)


def _source(obj: Model, name: str) -> str:
    """A translated field in the source language, English."""
    return getattr(obj, f"{name}_{settings.LANGUAGE_CODE}")


def site(path: str) -> str:
    return settings.SITE_URL + path


def verification_url(assessment: Assessment) -> str:
    """The address of the award's public verification page, or "" if it has none."""
    if not assessment.verification_code:
        return ""
    return site(reverse("credential_verify", args=[assessment.verification_code]))


def issuer_id(country: Country) -> str:
    return site(reverse("credential_issuer", args=[country.code]))


def issuer_profile(country: Country) -> dict:
    """The issuer as a credential names it: the country's National Support Service."""
    profile = {
        "id": issuer_id(country),
        "type": ["Profile"],
        "name": country.issuer_name or f"eTwinning National Support Service, {_source(country, 'name')}",
    }
    if country.issuer_url:
        profile["url"] = country.issuer_url
    return profile


def achievement(country: Country, principles: list[Principle]) -> dict:
    criteria = " ".join(f"{principle.code}. {_source(principle, 'title')}." for principle in principles)
    return {
        "id": site(reverse("credential_achievement", args=[country.code])),
        "type": ["Achievement"],
        "achievementType": "Award",
        "name": LABEL_NAME,
        "description": LABEL_DESCRIPTION,
        "criteria": {"narrative": f"The five principles of the eTwinning School mission: {criteria}"},
    }


def _moment(day: datetime.date, *, end: bool = False) -> str:
    return f"{day.isoformat()}T{'23:59:59' if end else '00:00:00'}Z"


def credential_document(
    assessment: Assessment, *, identifier: str, valid_from: datetime.date, valid_until: datetime.date
) -> dict:
    """The credential before it is signed; `identifier` is its id ("urn:uuid:...")."""
    school, country = assessment.school, assessment.school.country
    principles = list(Principle.objects.filter(framework_id=assessment.call.framework_id).order_by("order"))
    return {
        "@context": CONTEXTS,
        "id": identifier,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{LABEL_NAME}: {school.name}",
        "issuer": issuer_profile(country),
        "validFrom": _moment(valid_from),
        "validUntil": _moment(valid_until, end=True),
        "awardedDate": _moment(valid_from),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": school.name,
                }
            ],
            "achievement": achievement(country, principles),
        },
        "credentialStatus": {
            "id": site(reverse("credential_revocations", args=[country.code])),
            "type": "1EdTechRevocationList",
        },
    }
