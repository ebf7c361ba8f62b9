"""The verifiable side of an awarded label: an Open Badges 3.0 credential per issuance.

An award is issued one credential; changing the label's validity issues a new one and
revokes the old. Each is stored as it was signed (`document`), so that the file a school
downloads is the one issued. Whether it still holds is not in it: validity ends with its
`validUntil`, and a revocation is published in the issuer's revocation list. The award's
public page (`Assessment.verification_code`) says where the label stands today.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.models.assessments import Assessment


class Credential(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="credentials", verbose_name=_("assessment")
    )
    uuid = models.UUIDField(_("credential id"), unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    key_id = models.CharField(_("signing key"), max_length=32)
    document = models.JSONField(_("signed credential"), editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.TextField(_("reason for the revocation"), blank=True)

    class Meta:
        verbose_name = _("label credential")
        verbose_name_plural = _("label credentials")
        ordering = ["-issued_at", "-pk"]

    def __str__(self) -> str:
        return f"urn:uuid:{self.uuid}"
