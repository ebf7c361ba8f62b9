import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessment.services.evidence_store import evidence_store_check, evidence_store_fix


class Command(BaseCommand):
    help = (
        "List evidence files without a row and rows whose file is gone; with --fix, remove the "
        "files and the drafts' rows. Exits with an error while anything is left to fix."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--fix", action="store_true", help="Remove what is listed (see README).")
        parser.add_argument(
            "--older-than",
            type=int,
            default=60,
            metavar="MINUTES",
            help="Only files older than this count as orphans: younger ones may be an upload in progress "
            "(default: 60).",
        )

    def handle(self, *args: object, fix: bool, older_than: int, **options: object) -> None:
        check = evidence_store_check(grace=datetime.timedelta(minutes=older_than))
        for name in check.orphan_files:
            self.stdout.write(f"file without a row: {name}")
        removable = {evidence.pk for evidence in check.removable_rows}
        for evidence in check.missing_files:
            kept = "" if evidence.pk in removable else " (kept: part of a submitted self-assessment)"
            self.stdout.write(
                f"row without a file: evidence {evidence.pk} of assessment {evidence.assessment_id}, "
                f"{evidence.file.name}{kept}"
            )
        if check.is_clean:
            self.stdout.write(self.style.SUCCESS("The evidence storage and the database agree."))
            return
        if not fix:
            raise CommandError(
                f"{len(check.orphan_files)} file(s) without a row, {len(check.missing_files)} row(s) "
                "without a file. Run with --fix to remove them."
            )
        files, rows = evidence_store_fix(check=check)
        self.stdout.write(self.style.SUCCESS(f"Removed {files} file(s) and {rows} row(s)."))
