"""Anonymous surveys of a school's staff, students and parents, beside its self-assessment.

The questionnaires are framework content (`SurveyStatement`, `SurveyQuestion`, translated and
loaded by `load_framework`). A school's `Survey` for one group is answered by people with no
account; what they give is kept as a `SurveyResponse` with its answers and comments, and
nothing else: no account, no address, no device, not even the time of answering.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.models.assessments import Assessment
from assessment.models.framework import Principle, Statement


class SurveyGroup(models.TextChoices):
    STAFF = "staff", _("Staff")
    STUDENTS = "students", _("Students")
    PARENTS = "parents", _("Parents")


# What the survey's page and poster are called, per group.
SURVEY_TITLES = {
    SurveyGroup.STAFF: _("Survey of the school's staff"),
    SurveyGroup.STUDENTS: _("Survey of students"),
    SurveyGroup.PARENTS: _("Survey of parents"),
}


class SurveyStatement(models.Model):
    """A statement of one group's questionnaire: a framework statement in that group's words."""

    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="survey_statements", verbose_name=_("statement")
    )
    group = models.CharField(_("group"), max_length=10, choices=SurveyGroup.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("survey statement")
        verbose_name_plural = _("survey statements")
        ordering = ["statement__principle__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "group"], name="survey_statement_once_per_group"),
        ]

    def __str__(self) -> str:
        return f"{self.get_group_display()} {self.statement.code}"


class SurveyQuestion(models.Model):
    """The optional open question of one group's questionnaire on one principle."""

    principle = models.ForeignKey(
        Principle, on_delete=models.CASCADE, related_name="survey_questions", verbose_name=_("principle")
    )
    group = models.CharField(_("group"), max_length=10, choices=SurveyGroup.choices)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["principle__order"]
        constraints = [
            models.UniqueConstraint(fields=["principle", "group"], name="survey_question_once_per_group"),
        ]

    def __str__(self) -> str:
        return f"{self.get_group_display()} {self.principle.code}"


class Survey(models.Model):
    """A school's survey of one group for one self-assessment, answered through its link or code."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="surveys", verbose_name=_("assessment")
    )
    group = models.CharField(_("group"), max_length=10, choices=SurveyGroup.choices)
    language = models.CharField(
        _("language of the poster"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    # The link's secret part, and the short code a class types in instead.
    token = models.CharField(_("link"), max_length=40, unique=True, editable=False)
    code = models.CharField(_("survey code"), max_length=8, unique=True, editable=False)
    is_open = models.BooleanField(_("open"), default=True)
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("opened by"),
    )

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["assessment", "group"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "group"], name="survey_once_per_group"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} – {self.get_group_display()}"

    @property
    def title(self) -> str:
        return str(SURVEY_TITLES[SurveyGroup(self.group)])

    @property
    def display_code(self) -> str:
        """The code as printed and typed: two halves, easier to read out to a class."""
        return f"{self.code[:4]}-{self.code[4:]}"


class SurveyResponse(models.Model):
    """One respondent's answers, with nothing that tells who gave them."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey")
    )

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"


class SurveyAnswer(models.Model):
    class Level(models.TextChoices):
        NOT_YET = "1", "1"
        EMERGING = "2", "2"
        ESTABLISHED = "3", "3"
        LEADING = "4", "4"
        DONT_KNOW = "dk", _("I don't know")

    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    item = models.ForeignKey(
        SurveyStatement, on_delete=models.PROTECT, related_name="answers", verbose_name=_("statement")
    )
    level = models.CharField(_("level"), max_length=2, choices=Level.choices)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="survey_answer_once_per_statement"),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.item_id}: {self.level}"


class SurveyComment(models.Model):
    """An answer to a principle's open question. It may name people: only the leader reads it."""

    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="comments", verbose_name=_("response")
    )
    question = models.ForeignKey(
        SurveyQuestion, on_delete=models.PROTECT, related_name="comments", verbose_name=_("question")
    )
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("survey comment")
        verbose_name_plural = _("survey comments")

    def __str__(self) -> str:
        return self.text[:60]


class SurveyDevice(models.Model):
    """That some device has answered a survey: a keyed hash of the survey and the random value
    of the device's cookie. It is never linked to the answers, and says nothing of the person."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+", verbose_name=_("survey"))
    digest = models.CharField(_("digest"), max_length=64)

    class Meta:
        verbose_name = _("device that answered")
        verbose_name_plural = _("devices that answered")
        constraints = [
            models.UniqueConstraint(fields=["survey", "digest"], name="survey_device_once"),
        ]

    def __str__(self) -> str:
        return self.digest[:12]
