"""Check a label's credential (a JSON file, or a badge PNG with the credential baked in): its
signature against this site's published keys, its issuer, its dates, its revocation status."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessment.credentials.badges import unbake
from assessment.credentials.verification import credential_verify


class Command(BaseCommand):
    help = "Say whether a label's credential is valid, and why."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The credential (.json) or the badge (.png).")

    def handle(self, *args: object, file: Path, **options: object) -> None:
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file} cannot be read: {error}") from error
        try:
            document = unbake(data) if data.startswith(b"\x89PNG") else json.loads(data)
        except (ValueError, OSError) as error:
            raise CommandError(f"{file} holds no credential: {error}") from error
        verdict = credential_verify(document)
        for finding in verdict.findings:
            self.stdout.write(finding)
        if not verdict.valid:
            raise CommandError("The credential is not valid.")
        self.stdout.write(self.style.SUCCESS("The credential is valid."))
