"""The layout in every language: the menu on one line on a desktop, nothing wider than a phone."""

import datetime

import pytest

from assessment.models import Principle
from assessment.services.assessments import action_add
from assessment.services.review import review_open
from tests.browser.test_accessibility import COORDINATOR_PAGES, SCHOOL_PAGES, serious
from tests.conftest import LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}

# What sticks out to the right of the window, leaving out what is hidden from sight on
# purpose (a table's column names stand beside each cell on a phone instead).
WIDER_THAN_THE_WINDOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(element => element.getBoundingClientRect().right > width + 1)
    .filter(element => !element.closest('.visually-hidden, .visually-hidden-focusable, .table-stack:not(.sortable) thead'));
  return {scroll: document.documentElement.scrollWidth - width,
          elements: wide.slice(0, 3).map(element => element.tagName + '.' + element.className)};
}"""


def menu_on_one_line(page) -> bool:
    """Whether every entry of the menu sits beside the others: none begins below another's end."""
    return page.evaluate(
        """() => {
          const boxes = [...document.querySelectorAll('#main-nav .nav-link, #main-nav select')]
            .map(element => element.getBoundingClientRect());
          const firstEnd = Math.min(...boxes.map(box => box.bottom));
          return boxes.length > 5 && boxes.every(box => box.top < firstEnd);
        }"""
    )


@pytest.fixture
def planned(assessment, leader, today):
    """A draft whose action plan has a step with long texts in each cell."""
    action_add(
        assessment=assessment,
        principle=Principle.objects.get(code="1"),
        user=leader,
        action="Run a joint eTwinning project with two partner schools and present it at the open day",
        owner="The deputy head with the school's eTwinning team",
        due_on=today + datetime.timedelta(days=120),
        success_indicator="Two partner schools take part and forty parents come to the open day",
    )
    return assessment


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", [1200, 1280])
def test_a_coordinators_menu_stays_on_one_line_inside_the_window(
    open_as, live_server, coordinator, school_a, language, width
):
    page = open_as("coordinator", language=language, width=width)
    page.goto(f"{live_server.url}/coordinator/")
    assert menu_on_one_line(page)
    switcher = page.locator("#language-select").bounding_box()
    assert switcher["x"] + switcher["width"] <= width
    assert page.evaluate(WIDER_THAN_THE_WINDOW)["scroll"] == 0


@pytest.mark.parametrize("language", ["bg", "ro"])
def test_the_schools_pages_fit_a_phone(open_as, live_server, planned, leader, language):
    page = open_as("leader", language=language, **PHONE)
    wide = {}
    for path in SCHOOL_PAGES:
        page.goto(live_server.url + path.format(school=planned.school_id, draft=planned.pk))
        found = page.evaluate(WIDER_THAN_THE_WINDOW)
        if found["scroll"] or found["elements"]:
            wide[path] = found
    assert wide == {}


@pytest.mark.parametrize("language", ["bg", "nl"])
def test_the_coordinators_pages_fit_a_phone(open_as, live_server, submitted, coordinator, language):
    review_open(assessment=submitted, coordinator=coordinator)
    page = open_as("coordinator", language=language, **PHONE)
    wide = {}
    for path in COORDINATOR_PAGES:
        page.goto(live_server.url + path.format(submitted=submitted.pk))
        found = page.evaluate(WIDER_THAN_THE_WINDOW)
        if found["scroll"] or found["elements"]:
            wide[path] = found
    assert wide == {}


def test_on_a_phone_each_step_of_the_plan_is_a_card_with_its_buttons_in_reach(
    open_as, live_server, planned, leader
):
    page = open_as("leader", language="bg", **PHONE)
    page.goto(f"{live_server.url}/assessments/{planned.pk}/action-plan/")
    step = page.locator("#principle-1 tbody tr").first
    assert step.evaluate("row => getComputedStyle(row).display") == "block"
    assert step.locator("td[data-label='Отговорник']").is_visible()
    for button in (
        step.get_by_role("link", name="Редактиране"),
        step.get_by_role("button", name="Премахване"),
    ):
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    step.get_by_role("link", name="Редактиране").click()
    assert page.locator("#id_action").input_value().startswith("Run a joint eTwinning project")
    assert serious(page) == []


def test_on_a_phone_the_inbox_sorts_and_reads_as_cards(open_as, live_server, submitted, coordinator):
    page = open_as("coordinator", language="ro", **PHONE)
    page.goto(f"{live_server.url}/coordinator/")
    card = page.locator(".inbox-table tbody tr").first
    assert card.evaluate("row => getComputedStyle(row).display") == "block"
    assert card.get_by_role("link", name="School A").is_visible()
    page.locator(".inbox-table thead").get_by_role("link", name="Regiune").click()
    assert "sort=region" in page.url
    assert serious(page) == []
