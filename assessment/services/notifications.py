"""Emails about an assessment's life, each in its recipient's own language."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from assessment.models import Assessment, StatusChange, User
from assessment.tasks import email_enqueue

# Who hears about a move to each status, besides the school's members.
COORDINATORS_HEAR_OF = {Assessment.Status.SUBMITTED}

# Each status has its own subject, a whole sentence, so that every language can word it.
SUBJECTS = {
    Assessment.Status.DRAFT: _("The self-assessment of %(school)s is a draft again"),
    Assessment.Status.SUBMITTED: _("%(school)s has submitted its self-assessment"),
    Assessment.Status.IN_REVIEW: _("The national coordinator is reviewing the self-assessment of %(school)s"),
    Assessment.Status.RETURNED: _("The self-assessment of %(school)s was returned for changes"),
    Assessment.Status.AWARDED: _("%(school)s has been awarded the eTwinning School label"),
    Assessment.Status.NOT_AWARDED: _("%(school)s has not been awarded the eTwinning School label"),
    Assessment.Status.REVOKED: _("The eTwinning School label of %(school)s has been revoked"),
}


def status_change_subject(change: StatusChange) -> str:
    """The subject of the email about a status change, in the active language."""
    return str(SUBJECTS[Assessment.Status(change.to_status)]) % {"school": change.assessment.school.name}


def status_change_recipients(change: StatusChange) -> list[User]:
    school = change.assessment.school
    recipients = User.objects.filter(memberships__school=school)
    if change.to_status in COORDINATORS_HEAR_OF:
        recipients = recipients | User.objects.filter(coordinator_assignments__country_id=school.country_id)
    return list(recipients.exclude(email="").distinct().order_by("pk"))


def status_change_notify(*, change_id: int) -> None:
    """Queue an email to everyone concerned by a status change, once the change is committed."""
    change = StatusChange.objects.select_related("assessment__school", "assessment__call", "actor").get(
        pk=change_id
    )
    path = reverse("assessment_overview", args=[change.assessment_id])
    for recipient in status_change_recipients(change):
        with translation.override(recipient.preferred_language):
            context = {
                "change": change,
                "assessment": change.assessment,
                "recipient": recipient,
                "status": change.assessment.Status(change.to_status).label,
                "url": f"{settings.SITE_URL}{path}",
            }
            subject = status_change_subject(change)
            body = render_to_string("emails/status_change_body.txt", context)
        email_enqueue(to=recipient.email, subject=subject, body=body)
