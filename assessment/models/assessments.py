import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment import scoring
from assessment.models.calls import Call
from assessment.models.framework import Principle, Statement
from assessment.models.schools import School


class LabelStanding(models.TextChoices):
    """Where an awarded label stands, as its public verification page says it."""

    VALID = "valid", pgettext_lazy("label", "Valid")
    EXPIRED = "expired", pgettext_lazy("label", "Expired")
    REVOKED = "revoked", pgettext_lazy("label", "Revoked")


class Assessment(models.Model):
    """One school's self-assessment for one call."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("assessment status", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("assessment status", "Submitted")
        IN_REVIEW = "in_review", pgettext_lazy("assessment status", "In review")
        RETURNED = "returned", pgettext_lazy("assessment status", "Returned for changes")
        AWARDED = "awarded", pgettext_lazy("assessment status", "Awarded")
        NOT_AWARDED = "not_awarded", pgettext_lazy("assessment status", "Not awarded")
        REVOKED = "revoked", pgettext_lazy("assessment status", "Label revoked")

    class ESafety(models.TextChoices):
        IN_PLACE = "in_place", _("Yes, the school has an eSafety policy and applies it")
        IN_PREPARATION = "in_preparation", _("The policy is being prepared")
        NONE = "none", _("No, not yet")

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("school")
    )
    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("call")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    esafety_answer = models.CharField(_("eSafety policy"), max_length=20, choices=ESafety.choices, blank=True)
    esafety_comment = models.TextField(_("comment on the eSafety policy"), blank=True)
    esafety_needs_recheck = models.BooleanField(
        _("eSafety answer copied, to re-check"),
        default=False,
        help_text=_("Copied from the previous self-assessment."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    declaration_name = models.CharField(_("declaration signed by"), max_length=200, blank=True)
    declaration_at = models.DateTimeField(_("declaration signed at"), null=True, blank=True)
    snapshot = models.JSONField(_("snapshot at submission"), null=True, blank=True, editable=False)
    # Copied from the snapshot at submission, so that national lists filter and sort on them.
    overall_score = models.FloatField(_("overall score"), null=True, blank=True, editable=False)
    principle_scores = models.JSONField(_("score per principle"), null=True, blank=True, editable=False)
    evidence_coverage = models.FloatField(_("evidence coverage"), null=True, blank=True, editable=False)
    band = models.CharField(_("profile match"), max_length=12, blank=True, editable=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_comment = models.TextField(_("decision comment"), blank=True)
    label_valid_until = models.DateField(_("label valid until"), null=True, blank=True)
    # The address of the award's public verification page: unguessable, so that the list of
    # labels cannot be walked through; given on award.
    verification_code = models.CharField(
        _("verification code"), max_length=40, unique=True, null=True, blank=True, editable=False
    )

    # The school is working on it: a new draft, or one returned for changes.
    EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})
    DECIDED = frozenset({Status.RETURNED, Status.AWARDED, Status.NOT_AWARDED, Status.REVOKED})

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["school", "call"], name="assessment_school_call_unique"),
        ]
        indexes = [
            # The coordinators' inbox: one call, filtered by status, sorted by score or date.
            models.Index(fields=["call", "status"], name="assessment_call_status"),
            models.Index(fields=["call", "overall_score"], name="assessment_call_score"),
            models.Index(fields=["call", "submitted_at"], name="assessment_call_submitted"),
        ]

    def __str__(self) -> str:
        return f"{self.school} – {self.call}"

    @property
    def is_draft(self) -> bool:
        """The school can still change it: a first draft, or one returned for changes."""
        return self.status in self.EDITABLE

    @property
    def is_decided(self) -> bool:
        return self.status in self.DECIDED

    def label_standing(self, day: datetime.date) -> str:
        """Where the label stands on `day`: "valid", "expired", "revoked", or "" if never awarded."""
        if self.status == self.Status.REVOKED:
            return LabelStanding.REVOKED
        if self.status != self.Status.AWARDED or self.label_valid_until is None:
            return ""
        return LabelStanding.EXPIRED if day > self.label_valid_until else LabelStanding.VALID


class Response(models.Model):
    """A school's answer to one statement. `version` grows with each save (no lost update)."""

    class Level(models.TextChoices):
        NOT_YET = "1", "1"
        EMERGING = "2", "2"
        ESTABLISHED = "3", "3"
        LEADING = "4", "4"
        NOT_APPLICABLE = scoring.NOT_APPLICABLE, _("not applicable")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="responses", verbose_name=_("assessment")
    )
    statement = models.ForeignKey(
        Statement, on_delete=models.PROTECT, related_name="responses", verbose_name=_("statement")
    )
    level = models.CharField(_("level"), max_length=2, choices=Level.choices, blank=True)
    justification = models.TextField(_("justification"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    updated_at = models.DateTimeField(_("last changed at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    needs_recheck = models.BooleanField(
        _("copied, to re-check"), default=False, help_text=_("Copied from the previous self-assessment.")
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "statement"], name="response_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.statement_id}: {self.level or '-'}"

    @property
    def is_rated(self) -> bool:
        return self.level != ""


class ActionItem(models.Model):
    """A step of the school's action plan for one principle, for the next two years."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="actions", verbose_name=_("assessment")
    )
    principle = models.ForeignKey(
        Principle, on_delete=models.PROTECT, related_name="actions", verbose_name=_("principle")
    )
    action = models.TextField(_("action"))
    owner = models.CharField(_("owner"), max_length=200, help_text=_("Who is responsible."))
    due_on = models.DateField(_("due date"))
    success_indicator = models.TextField(_("success indicator"), help_text=_("How you will know it worked."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    needs_recheck = models.BooleanField(
        _("copied, to re-check"), default=False, help_text=_("Copied from the previous self-assessment.")
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("action plan")
        ordering = ["principle__order", "due_on", "pk"]

    def __str__(self) -> str:
        return self.action[:60]


class StatusChange(models.Model):
    """The audit log of an assessment's life: who moved it from which status to which, and why."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("assessment")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    from_status = models.CharField(_("from"), max_length=20, choices=Assessment.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Assessment.Status.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status log")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class ReturnedSubmission(models.Model):
    """The snapshot of a submission the coordinator returned for changes, kept when it is
    returned: the school's next submission replaces `Assessment.snapshot`, and its review
    shows what changed since this one. A table of its own, not a field of the assessment,
    so that the pages that load an assessment never carry an earlier snapshot's weight.
    A migration that upgrades the snapshot schema must upgrade these too."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="returned_submissions",
        verbose_name=_("assessment"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), auto_now_add=True)
    snapshot = models.JSONField(_("snapshot at submission"), editable=False)

    class Meta:
        verbose_name = _("returned submission")
        verbose_name_plural = _("returned submissions")
        ordering = ["returned_at", "pk"]

    def __str__(self) -> str:
        return f"{self.assessment_id} @ {self.returned_at:%Y-%m-%d %H:%M}"


class PrincipleFeedback(models.Model):
    """A national coordinator's view of one principle of a submission, for the school to read."""

    class Agreement(models.TextChoices):
        AGREE = "agree", _("Agrees with the school's view")
        PARTLY = "partly", _("Partly agrees")
        DISAGREE = "disagree", _("Disagrees")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("assessment")
    )
    principle = models.ForeignKey(
        Principle, on_delete=models.PROTECT, related_name="+", verbose_name=_("principle")
    )
    agreement = models.CharField(_("agreement"), max_length=10, choices=Agreement.choices, blank=True)
    comment = models.TextField(_("comment for the school"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    updated_at = models.DateTimeField(_("at"), auto_now=True)

    class Meta:
        verbose_name = _("feedback on a principle")
        verbose_name_plural = _("feedback on principles")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "principle"], name="feedback_once_per_principle"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.principle_id}: {self.agreement}"


class InternalNote(models.Model):
    """A note among coordinators about a submission. The school never sees it."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="internal_notes", verbose_name=_("assessment")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
