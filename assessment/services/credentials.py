"""Writes of the labels' credentials: issuing one on award (and anew when the validity
changes), and revoking an award."""

import datetime
import logging
import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.credentials.document import credential_document, site
from assessment.credentials.keys import NoSigningKey, signing_key
from assessment.credentials.proof import proof_add
from assessment.models import Assessment, Credential, User
from assessment.services.assessments import status_change_log

logger = logging.getLogger(__name__)


def _now_text() -> str:
    return timezone.now().replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _give_verification_code(assessment: Assessment) -> None:
    """The award's public page, whatever becomes of its credentials."""
    if not assessment.verification_code:
        assessment.verification_code = secrets.token_urlsafe(18)
        assessment.save(update_fields=["verification_code"])


def credential_issue(*, assessment: Assessment, valid_from: datetime.date | None = None) -> Credential:
    """Sign and keep a credential for the assessment's label as it stands, valid from the day
    of the award unless told otherwise. Raises `NoSigningKey` when no signing key is configured."""
    key = signing_key()
    valid_until = assessment.label_valid_until
    if valid_until is None:
        raise ValidationError(_("Only an awarded label has a validity."))
    _give_verification_code(assessment)
    valid_from = valid_from or timezone.localdate(assessment.decided_at or timezone.now())
    identifier = uuid.uuid4()
    document = credential_document(
        assessment,
        identifier=f"urn:uuid:{identifier}",
        valid_from=valid_from,
        valid_until=valid_until,
    )
    signed = proof_add(
        document,
        key=key.private,
        verification_method=site(reverse("credential_key", args=[key.id])),
        created=_now_text(),
    )
    return Credential.objects.create(
        assessment=assessment,
        uuid=identifier,
        issued_at=timezone.now(),
        valid_from=valid_from,
        valid_until=valid_until,
        key_id=key.id,
        document=signed,
    )


def credential_issue_on_award(*, assessment: Assessment, today: datetime.date | None = None) -> None:
    """Issue the award's credential; without a signing key the award stands and the
    credential is issued when it is first asked for (`credential_current`)."""
    _give_verification_code(assessment)
    try:
        credential_issue(assessment=assessment, valid_from=today)
    except NoSigningKey:
        logger.exception("The credential of assessment %s could not be signed.", assessment.pk)


def credential_current(assessment: Assessment) -> Credential | None:
    """The credential a school downloads: the latest not revoked, issued now if an awarded
    label has none yet (its award came while no signing key was configured)."""
    if assessment.status != Assessment.Status.AWARDED:
        return None
    credential = assessment.credentials.filter(revoked_at__isnull=True).order_by("-issued_at", "-pk").first()
    return credential or credential_issue(assessment=assessment)


def _revoke_all(assessment: Assessment, *, user: User | None, reason: str) -> None:
    assessment.credentials.filter(revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=user, revocation_reason=reason
    )


def credential_reissue(*, assessment: Assessment, user: User) -> None:
    """The label's dates changed: its credentials are replaced by one that says so."""
    _revoke_all(assessment, user=user, reason=_("Replaced by a credential with the label's new validity."))
    credential_issue_on_award(assessment=assessment)


@transaction.atomic
def label_revoke(*, assessment: Assessment, user: User, reason: str) -> Assessment:
    """Revoke an awarded label, with a reason: logged, told to the school, and published in
    the issuer's revocation list at once."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != Assessment.Status.AWARDED:
        raise ValidationError(_("Only an awarded label can be revoked."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the label is revoked: the school is told.")})
    _revoke_all(assessment, user=user, reason=reason)
    status_change_log(assessment=assessment, actor=user, to_status=Assessment.Status.REVOKED, comment=reason)
    assessment.save(update_fields=["status"])
    return assessment
