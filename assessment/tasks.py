"""Background work (Django's tasks framework): run at once in development, by a worker in production.

Side effects of a committed change (its emails, its report) are tasks, enqueued after the
commit, so that a mail server or the PDF engine failing never turns the change itself into
an error page. A task that fails is logged; with the database backend it stays visible (and
can be run again) in the admin, and an email is tried again later by itself.
"""

import datetime
import logging
import smtplib

from django.core.mail import send_mail
from django.tasks import task
from django.utils import timezone

from assessment.models import Assessment
from assessment.reports.pdf import report_pdf

logger = logging.getLogger(__name__)

# Minutes to wait before each new attempt at an email the mail server refused or did not take.
EMAIL_RETRY_MINUTES = (1, 5, 15, 60, 240)


@task
def report_prepare(assessment_id: int, language: str) -> None:
    """Render a submitted assessment's report into the cache, so the first download is instant."""
    assessment = Assessment.objects.select_related("school__country", "call__framework").get(pk=assessment_id)
    report_pdf(assessment, language=language)


@task
def email_send(*, to: str, subject: str, body: str, attempt: int = 1) -> None:
    """Send one email. When the mail server fails, log it and, if the task backend can wait,
    enqueue the next attempt; this attempt still fails, so that it shows in the task results."""
    try:
        send_mail(subject, body, None, [to])
    except (smtplib.SMTPException, OSError):
        retry = attempt <= len(EMAIL_RETRY_MINUTES) and email_send.get_backend().supports_defer
        logger.exception(
            "Email %r could not be sent (attempt %d); %s.",
            subject,
            attempt,
            "it will be tried again" if retry else "it is not tried again",
        )
        if retry:
            delay = datetime.timedelta(minutes=EMAIL_RETRY_MINUTES[attempt - 1])
            email_send.using(run_after=timezone.now() + delay).enqueue(
                to=to, subject=subject, body=body, attempt=attempt + 1
            )
        raise
    logger.info("Email %r sent (attempt %d).", subject, attempt)


def email_enqueue(*, to: str, subject: str, body: str) -> None:
    """Queue an email, already written in its reader's language; called once the change it
    tells of is committed. A queue that cannot take it is logged, never an error page."""
    try:
        email_send.enqueue(to=to, subject=subject, body=body)
    except Exception:
        logger.exception("Email %r could not be queued.", subject)
