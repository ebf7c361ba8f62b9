"""The label's Open Badges 3.0 credential: signed on award, verified by anyone, revoked at once."""

import copy
import datetime
import io
import json

import pytest
from cryptography.hazmat.primitives import serialization
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from assessment.credentials.badges import badge_png, bake, unbake
from assessment.credentials.keys import key_generate, signing_key
from assessment.credentials.proof import base58_decode, base58_encode, proof_add
from assessment.credentials.verification import credential_verify
from assessment.models import Assessment, Credential
from assessment.services.credentials import credential_current, label_revoke
from assessment.services.review import Decision, decision_make, label_validity_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(awarded) -> dict:
    return awarded.credentials.get().document


def leaves(node, path=()):
    """Every text or number in the credential, with its path, the proof left out."""
    if isinstance(node, dict):
        for key, value in node.items():
            if path == () and key == "proof":
                continue
            yield from leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from leaves(value, (*path, index))
    else:
        yield path, node


def changed(document: dict, path: tuple, value) -> dict:
    tampered = copy.deepcopy(document)
    place = tampered
    for step in path[:-1]:
        place = place[step]
    place[path[-1]] = value
    return tampered


def test_base58_keeps_leading_zeros_and_every_byte():
    for data in (b"", b"\0\0\x01", bytes(range(256)), b"\xff" * 64):
        assert base58_decode(base58_encode(data)) == data


def test_an_award_issues_a_signed_open_badges_credential(awarded, document):
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert document["credentialSubject"]["identifier"][0]["identityHash"] == awarded.school.name
    assert document["credentialSubject"]["achievement"]["name"] == "eTwinning School Label"
    assert document["validUntil"] == f"{awarded.label_valid_until.isoformat()}T23:59:59Z"
    assert document["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert document["proof"]["proofValue"].startswith("z")
    assert awarded.verification_code and len(awarded.verification_code) >= 24
    verdict = credential_verify(document)
    assert verdict.valid, verdict.findings


def test_changing_one_character_of_any_field_breaks_the_signature(document):
    paths = list(leaves(document))
    assert len(paths) >= 20
    for path, value in paths:
        if isinstance(value, bool):
            tampered = changed(document, path, not value)
        elif isinstance(value, str):
            tampered = changed(document, path, value[:-1] + ("X" if value[-1:] != "X" else "Y"))
        else:
            tampered = changed(document, path, value + 1)
        verdict = credential_verify(tampered)
        assert not verdict.valid, path
        assert any("signature does not match" in finding for finding in verdict.findings), path


@pytest.mark.parametrize("field", ["created", "proofPurpose", "proofValue"])
def test_changing_the_proof_breaks_it(document, field):
    proof = document["proof"]
    tampered = changed(
        document, ("proof", field), proof[field][:-1] + ("2" if proof[field][-1] != "2" else "3")
    )
    assert not credential_verify(tampered).valid


def test_a_field_added_after_signing_breaks_the_signature(document):
    assert not credential_verify({**document, "awardedDate": "2020-01-01T00:00:00Z"}).valid
    assert not credential_verify({**document, "extra": "x"}).valid


def test_a_key_the_site_does_not_publish_is_refused(document, tmp_path):
    other = key_generate(tmp_path / "other.pem")
    unsigned = {name: value for name, value in document.items() if name != "proof"}
    forged = proof_add(
        unsigned,
        key=other.private,
        verification_method=document["proof"]["verificationMethod"],
        created=document["proof"]["created"],
    )
    verdict = credential_verify(forged)
    assert not verdict.valid


def test_an_expired_credential_is_refused_as_expired(document, awarded):
    later = datetime.datetime.combine(
        awarded.label_valid_until + datetime.timedelta(days=1), datetime.time(12), tzinfo=datetime.UTC
    )
    verdict = credential_verify(document, now=later)
    assert not verdict.valid and any("expired" in finding for finding in verdict.findings)


def test_a_revoked_label_fails_its_status_and_is_told_to_the_school(
    awarded, document, coordinator, leader, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        label_revoke(assessment=awarded, user=coordinator, reason="The evidence of principle 4 was invented.")

    verdict = credential_verify(document)
    assert not verdict.valid and any("revoked" in finding for finding in verdict.findings)
    awarded.refresh_from_db()
    assert awarded.status == Assessment.Status.REVOKED
    change = awarded.status_changes.last()
    assert (change.to_status, change.comment) == ("revoked", "The evidence of principle 4 was invented.")
    assert leader.email in [address for message in mail.outbox for address in message.to]
    assert credential_current(awarded) is None


def test_a_revocation_needs_a_reason(awarded, coordinator):
    with pytest.raises(Exception, match="Say why"):
        label_revoke(assessment=awarded, user=coordinator, reason="  ")
    awarded.refresh_from_db()
    assert awarded.status == Assessment.Status.AWARDED


def test_a_new_validity_replaces_the_credential(awarded, document, admin_user):
    new_end = awarded.label_valid_until + datetime.timedelta(days=100)
    label_validity_change(assessment=awarded, user=admin_user, valid_until=new_end)

    assert not credential_verify(document).valid  # the old one is revoked
    current = credential_current(awarded)
    assert current.document["validUntil"].startswith(new_end.isoformat())
    assert credential_verify(current.document).valid
    assert Credential.objects.filter(assessment=awarded).count() == 2


def test_without_a_key_the_award_stands_and_the_credential_comes_when_asked(
    submitted, coordinator, today, settings, credential_key_file
):
    settings.CREDENTIAL_KEY_FILE = credential_key_file.parent / "missing.pem"
    awarded = decision_make(
        assessment=submitted, user=coordinator, decision=Decision.AWARD, comment="", today=today
    )
    assert awarded.status == Assessment.Status.AWARDED and awarded.verification_code
    assert not awarded.credentials.exists()

    settings.CREDENTIAL_KEY_FILE = credential_key_file
    assert credential_verify(credential_current(awarded).document).valid


def test_a_retired_key_still_verifies_what_it_signed(document, settings, tmp_path):
    retired = tmp_path / "retired.pem"
    retired.write_bytes(
        signing_key().public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    settings.CREDENTIAL_KEY_FILE = tmp_path / "new.pem"
    key_generate(settings.CREDENTIAL_KEY_FILE)
    assert not credential_verify(document).valid

    settings.CREDENTIAL_RETIRED_KEYS = [retired]
    assert credential_verify(document).valid


def test_the_badge_carries_the_credential(document):
    baked = bake(badge_png(title="eTwinning School Label", until="valid until 2028"), document)
    assert baked.startswith(b"\x89PNG")
    assert unbake(baked) == document


def test_the_command_says_why_a_credential_is_valid_or_not(document, tmp_path):
    good = tmp_path / "label.json"
    good.write_text(json.dumps(document))
    out = io.StringIO()
    call_command("verify_credential", str(good), stdout=out)
    assert "The credential is valid." in out.getvalue() and "not revoked" in out.getvalue()

    bad = tmp_path / "changed.json"
    bad.write_text(json.dumps(changed(document, ("validUntil",), "2099-12-31T23:59:59Z")))
    out = io.StringIO()
    with pytest.raises(CommandError, match="not valid"):
        call_command("verify_credential", str(bad), stdout=out)
    assert "changed after it was signed" in out.getvalue()


def test_the_command_reads_a_baked_badge(document, tmp_path):
    badge = tmp_path / "badge.png"
    badge.write_bytes(bake(badge_png(title="eTwinning School Label", until="2028"), document))
    out = io.StringIO()
    call_command("verify_credential", str(badge), stdout=out)
    assert "The credential is valid." in out.getvalue()


def test_the_key_command_keeps_a_key_and_rotates_on_request(settings, tmp_path):
    settings.CREDENTIAL_KEY_FILE = tmp_path / "key.pem"
    call_command("credential_key", stdout=io.StringIO())
    first = settings.CREDENTIAL_KEY_FILE.read_bytes()
    call_command("credential_key", stdout=io.StringIO())
    assert settings.CREDENTIAL_KEY_FILE.read_bytes() == first
    assert settings.CREDENTIAL_KEY_FILE.stat().st_mode & 0o077 == 0

    call_command("credential_key", "--rotate", str(tmp_path / "retired.pem"), stdout=io.StringIO())
    assert settings.CREDENTIAL_KEY_FILE.read_bytes() != first
    assert b"PUBLIC KEY" in (tmp_path / "retired.pem").read_bytes()


def test_the_credential_is_issued_on_the_day_of_the_award(awarded, today):
    credential = awarded.credentials.get()
    assert credential.valid_from == today
    assert credential.issued_at <= timezone.now()
