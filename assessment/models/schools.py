from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.Model):
    code = models.CharField(_("code"), max_length=2, unique=True, help_text=_("ISO 3166 code, e.g. PL."))
    name = models.CharField(_("name"), max_length=100)
    # The label's issuer in its verifiable credentials: the country's National Support Service.
    issuer_name = models.CharField(
        _("issuer of the label"),
        max_length=200,
        blank=True,
        help_text=_("The national coordinators' organisation, as the label's credentials name it."),
    )
    issuer_url = models.URLField(_("issuer's website"), blank=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="schools", verbose_name=_("country")
    )
    region = models.CharField(_("region"), max_length=100)
    city = models.CharField(_("city"), max_length=100)
    etwinning_registered_on = models.DateField(_("registered in eTwinning on"))
    active_teachers = models.PositiveIntegerField(_("teachers active in eTwinning"), default=0)
    quality_label_projects = models.PositiveIntegerField(
        _("projects with a National Quality Label"),
        default=0,
        help_text=_(
            "eTwinning projects that received a National Quality Label in the period set by the call."
        ),
    )
    in_public_register = models.BooleanField(
        _("listed in the public register of labels"),
        default=False,
        help_text=_("While the school holds a valid label, anyone can see it in its country's public list."),
    )

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("School leader")
        TEACHER = "teacher", _("Teacher")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("school")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.TEACHER)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "school"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.school} ({self.get_role_display()})"


class CoordinatorAssignment(models.Model):
    """Makes a user a national coordinator for one country."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coordinator_assignments",
        verbose_name=_("user"),
    )
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="coordinator_assignments", verbose_name=_("country")
    )

    class Meta:
        verbose_name = _("coordinator assignment")
        verbose_name_plural = _("coordinator assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "country"], name="coordinator_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.country}"
