"""Survey answers for tests, given through the service a respondent's phone goes through."""

from collections.abc import Callable

from assessment.models import Survey, SurveyStatement
from assessment.selectors.surveys import survey_questions, survey_statements
from assessment.services.surveys import survey_answer


def answer(
    survey: Survey,
    *,
    count: int = 1,
    level: str | Callable[[int, SurveyStatement], str] = "3",
    comment: str = "",
    device: str = "phone",
) -> None:
    """`count` respondents, each from a device of its own, giving `level` (or `level(respondent,
    statement)`) to every statement and `comment` to the first open question."""
    statements = survey_statements(survey)
    questions = survey_questions(survey)
    for respondent in range(count):
        survey_answer(
            survey=survey,
            levels={item.pk: level(respondent, item) if callable(level) else level for item in statements},
            comments={questions[0].pk: comment} if comment else {},
            device=f"{device}-{respondent}",
        )
