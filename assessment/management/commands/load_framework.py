from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessment.services.framework import framework_files, framework_load, framework_read


class Command(BaseCommand):
    help = (
        "Import the eTwinning School framework (principles, statements, scale, eSafety item, "
        "mission) in every language. Safe to run again: only changed texts are updated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "files",
            nargs="*",
            type=Path,
            help="Framework files to load (default: every assessment/content/framework-*.toml).",
        )

    def handle(self, *args: object, files: list[Path], **options: object) -> None:
        for path in files or framework_files():
            if not path.is_file():
                raise CommandError(f"No framework file at {path}.")
            try:
                report = framework_load(data=framework_read(path))
            except ValidationError as error:
                raise CommandError(f"{path.name}: {'; '.join(error.messages)}") from error
            if not report.changed_anything:
                self.stdout.write(f"{path.name}: already up to date.")
                continue
            parts = [f"{count} {kind} created" for kind, count in sorted(report.created.items())]
            parts += [f"{count} {kind} updated" for kind, count in sorted(report.updated.items())]
            self.stdout.write(self.style.SUCCESS(f"{path.name}: {', '.join(parts)}."))
