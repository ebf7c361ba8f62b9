"""Make the Ed25519 key that signs the labels' credentials, where CREDENTIAL_KEY_FILE says.

An existing key is kept (so that `make run` and `make serve` can run this every time); a
rotation makes a new one with --rotate, after the old key's public part is kept for
CREDENTIAL_RETIRED_KEYS (see README, "Verifiable labels")."""

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessment.credentials.keys import key_generate, signing_key


class Command(BaseCommand):
    help = "Make the key that signs the labels' credentials, unless there is one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--rotate",
            metavar="RETIRED_PUBLIC_KEY",
            type=Path,
            help="Write the current key's public part to this file, then make a new key.",
        )

    def handle(self, *args: object, rotate: Path | None, **options: object) -> None:
        path = settings.CREDENTIAL_KEY_FILE
        if not path:
            raise CommandError("CREDENTIAL_KEY_FILE is not set.")
        if path.exists() and not rotate:
            self.stdout.write(f"The credential key {path} is there already (key {signing_key().id}).")
            return
        if rotate:
            if not path.exists():
                raise CommandError(f"There is no key at {path} to rotate.")
            current = signing_key()
            rotate.write_bytes(
                current.public.public_bytes(
                    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
                )
            )
            self.stdout.write(
                f"The public part of key {current.id} is in {rotate}: add it to CREDENTIAL_RETIRED_KEYS."
            )
            path.unlink()
        key = key_generate(path)
        self.stdout.write(self.style.SUCCESS(f"Made the credential key {key.id} in {path}."))
