import uuid
from typing import cast

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

from assessment.inspection import ACCEPTED
from assessment.models.assessments import Assessment
from assessment.models.framework import Statement


class EvidenceStorage(LazyObject):
    """The private evidence storage (STORAGES["evidence"]), looked up when first used.

    A FileField evaluates its storage once, when the model is defined; going through this
    lazy object (as Django's own default_storage does) lets the configured storage, and a
    test's override of it, take effect.
    """

    _wrapped: object

    def _setup(self) -> None:
        self._wrapped = storages["evidence"]


EVIDENCE_STORAGE = EvidenceStorage()


@receiver(setting_changed)
def _forget_evidence_storage(*, setting: str, **kwargs: object) -> None:
    if setting == "STORAGES":
        EVIDENCE_STORAGE._wrapped = empty


def evidence_storage() -> Storage:
    """The evidence storage; the lazy object stands in for it in every respect."""
    return cast(Storage, EVIDENCE_STORAGE)


def evidence_path(instance: "Evidence", filename: str) -> str:
    # Stored under a random name: the uploaded name never reaches the file system.
    return f"{instance.assessment_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    """A file or a link that backs a school's answers; it may support several statements."""

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        LINK = "link", _("Link")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("assessment")
    )
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(
        _("file"), storage=evidence_storage, upload_to=evidence_path, blank=True, max_length=200
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    original_name = models.CharField(_("original file name"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    statements = models.ManyToManyField(
        Statement,
        through="EvidenceUse",
        related_name="evidence",
        blank=True,
        verbose_name=_("statements it supports"),
    )
    supports_esafety = models.BooleanField(_("supports the eSafety item"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    needs_recheck = models.BooleanField(
        _("copied, to re-check"), default=False, help_text=_("Copied from the previous self-assessment.")
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["added_at", "pk"]
        constraints = [
            # The same file is stored once per assessment and linked wherever it is used.
            models.UniqueConstraint(
                fields=["assessment", "sha256"], condition=models.Q(kind="file"), name="evidence_file_once"
            ),
        ]
        indexes = [
            # A file copied into a later self-assessment is shared: its removal looks for other users.
            models.Index(fields=["file"], name="evidence_file"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def type_label(self) -> str:
        """What kind of document it is, in the reader's language ("PDF", "Word document")."""
        return str(ACCEPTED.get(self.content_type, self.content_type))

    @property
    def is_image(self) -> bool:
        return self.content_type in {"image/png", "image/jpeg", "image/webp"}


class EvidenceUse(models.Model):
    """A piece of evidence supporting one statement, with what the school wrote about it there:
    the same file uploaded again for another statement is stored once, and the title and
    description typed with it describe this use of it."""

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="uses")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title here"), max_length=200, blank=True)
    description = models.TextField(_("description here"), blank=True)

    class Meta:
        # The table Django made for the plain many-to-many relation this model took over.
        db_table = "assessment_evidence_statements"
        verbose_name = _("use of evidence")
        verbose_name_plural = _("uses of evidence")
        constraints = [
            models.UniqueConstraint(fields=["evidence", "statement"], name="evidence_use_once"),
        ]

    def __str__(self) -> str:
        return f"{self.evidence_id} → {self.statement_id}"
