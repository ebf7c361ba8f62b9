import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.models.framework import Framework


class Call(models.Model):
    """A call for the eTwinning School Label, e.g. "eTwinning School Label 2026-2027"."""

    name = models.CharField(_("name"), max_length=200)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="calls", verbose_name=_("framework")
    )
    min_registration_years = models.PositiveSmallIntegerField(
        _("minimum years registered in eTwinning"), default=2
    )
    min_active_teachers = models.PositiveSmallIntegerField(
        _("minimum teachers active in eTwinning"), default=3
    )
    min_quality_label_projects = models.PositiveSmallIntegerField(
        _("minimum projects with a National Quality Label"), default=1
    )
    profile_threshold = models.PositiveSmallIntegerField(
        _("score every principle must reach to match the profile"),
        default=75,
        validators=[MaxValueValidator(100)],
    )
    approaching_threshold = models.PositiveSmallIntegerField(
        _("overall score for approaching the profile"), default=50, validators=[MaxValueValidator(100)]
    )
    label_validity_years = models.PositiveSmallIntegerField(
        _("label validity in years"), default=2, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="call_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_open_on(self, day: datetime.date) -> bool:
        return self.opens_on <= day <= self.closes_on
