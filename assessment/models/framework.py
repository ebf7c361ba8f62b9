"""The eTwinning School framework: what a school assesses itself against.

All texts are translated with django-modeltranslation (see `assessment/translation.py`)
and loaded from the versioned file in `assessment/content/` by `load_framework`.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment import scoring


class Framework(models.Model):
    version = models.CharField(_("version"), max_length=20, unique=True)
    mission = models.TextField(
        _("mission"),
        help_text=_(
            "The opening text of the eTwinning School mission. Separate paragraphs "
            "with an empty line; **double asterisks** mark emphasis."
        ),
    )

    class Meta:
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        ordering = ["-version"]

    def __str__(self) -> str:
        return self.version


class Principle(models.Model):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="principles", verbose_name=_("framework")
    )
    code = models.CharField(_("code"), max_length=10)
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    short_title = models.CharField(
        _("short title"), max_length=100, help_text=_("Used in charts and tables.")
    )
    description = models.TextField(_("description"))

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="principle_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.short_title}"


class Statement(models.Model):
    principle = models.ForeignKey(
        Principle, on_delete=models.CASCADE, related_name="statements", verbose_name=_("principle")
    )
    code = models.CharField(_("code"), max_length=10)
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("text"))
    guidance = models.TextField(
        _("guidance on evidence"), help_text=_("What good evidence for this statement looks like.")
    )
    evidence_expected = models.BooleanField(_("evidence expected"), default=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1, validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["principle__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["principle", "code"], name="statement_code_unique"),
        ]

    def __str__(self) -> str:
        return self.code


class ScaleLevel(models.Model):
    """One step of the rating scale: four maturity levels, and "not applicable"."""

    NOT_APPLICABLE = scoring.NOT_APPLICABLE

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="levels", verbose_name=_("framework")
    )
    code = models.CharField(
        _("code"), max_length=2, help_text=_("1 to 4 for the levels, “na” for not applicable.")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    label = models.CharField(_("label"), max_length=60)
    meaning = models.CharField(_("meaning"), max_length=300)

    class Meta:
        verbose_name = _("scale level")
        verbose_name_plural = _("scale levels")
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="scale_level_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.label}"

    @property
    def value(self) -> int | None:
        """The level as a number from 1 to 4, or None for "not applicable"."""
        return None if self.code == self.NOT_APPLICABLE else int(self.code)


class ESafetyItem(models.Model):
    """The preliminary item on the school's eSafety policy, asked before the principles."""

    framework = models.OneToOneField(
        Framework, on_delete=models.CASCADE, related_name="esafety", verbose_name=_("framework")
    )
    text = models.TextField(_("text"))
    guidance = models.TextField(_("guidance on evidence"))

    class Meta:
        verbose_name = _("eSafety item")
        verbose_name_plural = _("eSafety items")

    def __str__(self) -> str:
        return str(_("eSafety policy"))
