import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessment.exports import assessment_export
from assessment.models import Assessment


class Command(BaseCommand):
    help = "Print one assessment as a JSON document (fields described in README)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id", type=int, help="The assessment's id.")

    def handle(self, *args: object, id: int, **options: object) -> None:
        assessment = (
            Assessment.objects.select_related("school__country", "call__framework").filter(pk=id).first()
        )
        if assessment is None:
            raise CommandError(f"There is no assessment with id {id}.")
        self.stdout.write(json.dumps(assessment_export(assessment), ensure_ascii=False, indent=2))
