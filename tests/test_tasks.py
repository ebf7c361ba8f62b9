"""Emails are tasks, enqueued once the change they tell of is committed: a mail server that fails
never undoes, or hides, the change, and what failed is logged, retried and can be run again."""

import socket
import socketserver
from collections.abc import Iterator

import pytest
from django.core import mail
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from assessment.models import Assessment
from assessment.tasks import EMAIL_RETRY_MINUTES, email_send
from tests.conftest import complete
from tests.servers import serving

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def smtp(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 2},
        }
    }


@pytest.fixture
def closed_port() -> int:
    """A port on which nothing listens: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RefusingSMTP(socketserver.StreamRequestHandler):
    """A mail server that greets, then refuses every sender with a temporary failure."""

    def handle(self) -> None:
        self.wfile.write(b"220 mail.example.org ESMTP\r\n")
        while line := self.rfile.readline():
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                self.wfile.write(b"250 mail.example.org\r\n")
            elif command.startswith(b"QUIT"):
                self.wfile.write(b"221 Bye\r\n")
                return
            else:
                self.wfile.write(b"451 4.3.0 Mail server temporarily unavailable\r\n")


@pytest.fixture
def refusing_smtp() -> Iterator[int]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), RefusingSMTP)
    with serving(server):
        yield server.server_address[1]


@pytest.fixture(params=["refused-connection", "refusing-server"])
def failing_mail(request, settings, closed_port, refusing_smtp) -> None:
    port = closed_port if request.param == "refused-connection" else refusing_smtp
    settings.MAILERS = smtp(port)


def test_a_submission_stands_when_the_mail_server_fails(
    client, assessment, leader, coordinator, today, failing_mail, django_capture_on_commit_callbacks, caplog
):
    complete(assessment, user=leader, today=today)
    client.force_login(leader)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assessment_submit", args=[assessment.pk]), {"declaration": "on"})

    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    assert "could not be sent (attempt 1)" in caplog.text


def test_a_decision_stands_when_the_mail_server_fails(
    client, submitted, coordinator, failing_mail, django_capture_on_commit_callbacks, caplog
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("review_decision", args=[submitted.pk]),
            {"decision": "return", "comment": "Add the plan."},
        )

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.RETURNED
    assert "could not be sent" in caplog.text


def test_an_invitation_is_kept_when_the_mail_server_fails(
    client, leader, school_a, failing_mail, django_capture_on_commit_callbacks
):
    client.force_login(leader)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("school_members", args=[school_a.pk]), {"email": "new@example.org"})

    assert response.status_code == 302
    assert school_a.invitations.filter(email="new@example.org").exists()


def test_a_password_reset_email_is_sent_as_a_task(client, leader, settings):
    leader.email = "leader@example.org"
    leader.save()

    response = client.post(reverse("password_reset"), {"email": "leader@example.org"})

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["leader@example.org"]]
    assert "/accounts/reset/" in mail.outbox[0].body


# The worker closes its database connection after each task, as it should: these tests commit
# for real rather than inside the test's transaction.
@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_a_failed_email_is_kept_and_tried_again_later(settings, closed_port, caplog):
    settings.TASKS = DATABASE_TASKS
    settings.MAILERS = smtp(closed_port)
    email_send.enqueue(to="leader@example.org", subject="Submitted", body="Thank you.")

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert "ConnectionRefusedError" in failed.traceback
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.args_kwargs["kwargs"] | {"attempt": 2} == retry.args_kwargs["kwargs"]
    assert retry.run_after > timezone.now() + (EMAIL_RETRY_MINUTES[0] - 1) * timezone.timedelta(minutes=1)
    assert "it will be tried again" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_the_last_attempt_is_not_tried_again(settings, closed_port, caplog):
    settings.TASKS = DATABASE_TASKS
    settings.MAILERS = smtp(closed_port)
    last = len(EMAIL_RETRY_MINUTES) + 1
    email_send.enqueue(to="leader@example.org", subject="Submitted", body="Thank you.", attempt=last)

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
    assert "it is not tried again" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_an_administrator_runs_a_failed_task_again_from_the_admin(client, admin_user, settings, closed_port):
    settings.TASKS = DATABASE_TASKS
    settings.MAILERS = smtp(closed_port)
    last = len(EMAIL_RETRY_MINUTES) + 1
    email_send.enqueue(to="leader@example.org", subject="Submitted", body="Thank you.", attempt=last)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    failed = DBTaskResult.objects.get()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:django_tasks_database_dbtaskresult_changelist"),
        {"action": "run_again", "_selected_action": [str(failed.pk)]},
        follow=True,
    )
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert "1 task queued again." in response.content.decode()
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 1
    assert [message.subject for message in mail.outbox] == ["Submitted"]
