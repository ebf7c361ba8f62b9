"""Background work (Django's tasks framework): run at once in development, by a worker in production."""

from django.tasks import task

from assessment.models import Assessment
from assessment.reports.pdf import report_pdf


@task
def report_prepare(assessment_id: int, language: str) -> None:
    """Render a submitted assessment's report into the cache, so the first download is instant."""
    assessment = Assessment.objects.select_related("school__country", "call__framework").get(pk=assessment_id)
    report_pdf(assessment, language=language)
