from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessment.languages import is_language, language_codes
from assessment.models import Assessment
from assessment.reports.pdf import report_pdf


class Command(BaseCommand):
    help = "Write an assessment's report as a PDF, in one of the six languages."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id", type=int, help="The assessment's id.")
        parser.add_argument(
            "--language", default="en", help=f"One of: {', '.join(language_codes())} (default: en)."
        )
        parser.add_argument("--output", type=Path, required=True, help="Where to write the PDF.")

    def handle(self, *args: object, id: int, language: str, output: Path, **options: object) -> None:
        if not is_language(language):
            raise CommandError(f"Unknown language {language!r}: choose one of {', '.join(language_codes())}.")
        assessment = (
            Assessment.objects.select_related("school__country", "call__framework").filter(pk=id).first()
        )
        if assessment is None:
            raise CommandError(f"There is no assessment with id {id}.")
        output.write_bytes(report_pdf(assessment, language=language))
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({output.stat().st_size:,} bytes)."))
