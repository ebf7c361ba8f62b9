from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from assessment.services.demo import demo_seed


class Command(BaseCommand):
    help = "Create demo schools and one account per role, for trying the app. Never on a live site."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password", default="demo", help="Password of every demo account (default: demo)."
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even though DEBUG is off (for a demo server only)."
        )

    def handle(self, *args: object, password: str, force: bool, **options: object) -> None:
        if not (settings.DEBUG or force):
            raise CommandError(
                "seed_demo creates accounts with a known password, so it only runs when DEBUG is on. "
                "On a demo server, run it with --force."
            )
        # The demo's own submissions and decisions email no one and render no report in the
        # background: the whole transaction runs with these settings, its commit hooks included.
        quiet = override_settings(
            MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}},
            TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}},
        )
        try:
            with quiet:
                accounts = demo_seed(password=password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Demo data is ready. Accounts (password: {password}):"))
        for account in accounts:
            self.stdout.write(f"  {account.username:<14} {account.role}")
