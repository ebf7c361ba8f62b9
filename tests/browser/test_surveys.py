"""Ten phones answer a survey in two languages; the leader sees the group beside the leadership."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from assessment.models import SurveyResponse
from assessment.services.surveys import survey_open
from tests.browser.test_accessibility import serious
from tests.conftest import complete
from tests.survey_helpers import answer

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def answer_on_a_phone(browser, url: str, *, language: str, choice: int, comment: str = "", check=None) -> str:
    """Answer every statement with the `choice`-th option (0 to 3: the levels, 4: "I don't
    know") on a phone in `language`; the heading of the page it ends on."""
    context = browser.new_context(locale=language, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(url)
        if check:
            check(page)
        for statement in page.locator("fieldset.survey-statement").all():
            statement.locator("input[type=radio]").nth(choice).check()
        if comment:
            page.locator("form.survey-form textarea").first.fill(comment)
        page.locator("form.survey-form button[type=submit]").click()
        page.wait_for_url("**/thanks/")
        if check:
            check(page)
        return page.locator("h1").inner_text()
    finally:
        context.close()


def test_ten_phones_answer_in_two_languages_and_the_leader_sees_them_beside_the_leadership(
    browser, live_server, open_as, assessment, leader, today
):
    complete(assessment, user=leader, today=today)
    survey = survey_open(assessment=assessment, group="students", language="pl", user=leader)
    url = live_server.url + reverse("survey_answer", args=[survey.token])
    problems = []

    def check(page):
        problems.extend(serious(page))
        # Nothing wider than the phone: no sideways scrolling to reach an answer.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    headings = [
        answer_on_a_phone(
            browser,
            url,
            language="pl" if phone < 5 else "en",
            choice=phone % 5,
            comment="Więcej projektów z muzyką." if phone == 0 else "",
            check=check if phone in (0, 5) else None,
        )
        for phone in range(10)
    ]

    assert problems == []
    with translation.override("pl"):
        polish = gettext("Thank you")
    assert headings == [polish] * 5 + ["Thank you"] * 5
    assert polish != "Thank you"
    assert SurveyResponse.objects.filter(survey=survey).count() == 10

    page = open_as("leader")
    page.goto(live_server.url + reverse("assessment_surveys", args=[assessment.pk]))
    assert page.locator('[data-survey-count="students"]').inner_text() == "10"
    assert page.locator("table.survey-principles").count() == 1
    assert "Więcej projektów z muzyką." in page.content()
    assert serious(page) == []


def test_the_results_fit_a_phone_in_the_longest_language(open_as, live_server, assessment, leader, today):
    complete(assessment, user=leader, today=today)
    for group in ("staff", "students"):
        answer(
            survey_open(assessment=assessment, group=group, language="bg", user=leader), count=5, device=group
        )
    page = open_as("leader", language="bg", width=PHONE["width"], height=PHONE["height"])
    widths = {}
    for name in ("assessment_surveys", "assessment_results"):
        page.goto(live_server.url + reverse(name, args=[assessment.pk]))
        assert page.locator("table.survey-principles").count() == 1
        widths[name] = page.evaluate("document.documentElement.scrollWidth")
    assert widths == {"assessment_surveys": PHONE["width"], "assessment_results": PHONE["width"]}
