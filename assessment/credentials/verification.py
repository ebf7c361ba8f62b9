"""Checking a credential as anyone would: its proof against the site's published keys, its
issuer, its dates and its revocation status. Every finding is a sentence of the verdict."""

import datetime
import uuid
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from assessment.credentials.document import issuer_id, site
from assessment.credentials.keys import published_keys
from assessment.credentials.proof import CRYPTOSUITE, proof_holds
from assessment.models import Country, Credential


@dataclass
class Verdict:
    valid: bool = True
    findings: list[str] = field(default_factory=list)

    def fail(self, finding: str) -> None:
        self.valid = False
        self.findings.append(f"INVALID: {finding}")

    def note(self, finding: str) -> None:
        self.findings.append(f"ok: {finding}")


def _moment(text: object) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None


def credential_verify(document: object, *, now: datetime.datetime | None = None) -> Verdict:
    verdict = Verdict()
    if not isinstance(document, dict):
        verdict.fail("the file holds no credential (a JSON object).")
        return verdict
    proof = document.get("proof")
    if not isinstance(proof, dict) or proof.get("cryptosuite") != CRYPTOSUITE:
        verdict.fail(f"the credential has no {CRYPTOSUITE} proof.")
        return verdict
    keys = published_keys()
    method = str(proof.get("verificationMethod", ""))
    key = next(
        (key for kid, key in keys.items() if method == site(reverse("credential_key", args=[kid]))), None
    )
    if key is None:
        verdict.fail(f"it was signed with a key this site does not publish ({method or 'none named'}).")
        return verdict
    verdict.note(f"signed with the published key {method}.")
    if not proof_holds(document, key):
        verdict.fail(
            "the signature does not match the content: the credential was changed after it was signed."
        )
        return verdict
    verdict.note("the signature matches the content.")
    issuer = document.get("issuer")
    codes = Country.objects.values_list("code", flat=True)
    issuer_ids = {issuer_id(Country(code=code)) for code in codes}
    if not isinstance(issuer, dict) or issuer.get("id") not in issuer_ids:
        verdict.fail("its issuer is not one of this site's national issuers.")
    else:
        verdict.note(f"issued by {issuer.get('name')} ({issuer['id']}).")
    now = now or timezone.now()
    valid_from, valid_until = _moment(document.get("validFrom")), _moment(document.get("validUntil"))
    if valid_from is None or valid_until is None:
        verdict.fail("it does not say from when until when it is valid.")
    elif now < valid_from:
        verdict.fail(f"it is not valid before {document['validFrom']}.")
    elif now > valid_until:
        verdict.fail(f"it expired on {document['validUntil']}.")
    else:
        verdict.note(f"valid until {document['validUntil']}.")
    credential = _stored(document.get("id"))
    if credential is None:
        verdict.fail("this site has no record of issuing it.")
    elif credential.revoked_at:
        verdict.fail(f"it was revoked on {credential.revoked_at:%Y-%m-%d}.")
    else:
        verdict.note("it is not revoked.")
    return verdict


def _stored(identifier: object) -> Credential | None:
    text = str(identifier or "")
    if not text.startswith("urn:uuid:"):
        return None
    try:
        return Credential.objects.filter(uuid=uuid.UUID(text.removeprefix("urn:uuid:"))).first()
    except ValueError:
        return None
