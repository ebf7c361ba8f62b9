"""axe-core on every main page, in English and in Polish: no serious or critical violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from assessment.services.review import review_open

pytestmark = pytest.mark.django_db(transaction=True)

SCHOOL_PAGES = [
    "/",
    "/about/",
    "/accounts/profile/",
    "/schools/{school}/",
    "/schools/{school}/edit/",
    "/schools/{school}/members/",
    "/assessments/{draft}/",
    "/assessments/{draft}/esafety/",
    "/assessments/{draft}/principles/1/",
    "/assessments/{draft}/action-plan/",
    "/assessments/{draft}/submit/",
    "/assessments/{draft}/results/",
    "/assessments/{draft}/surveys/",
    "/assessments/{draft}/report/?language=en",
]
COORDINATOR_PAGES = [
    "/coordinator/",
    "/coordinator/dashboard/",
    "/coordinator/labels/",
    "/assessments/{submitted}/review/",
]


def serious(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at {[n['target'] for n in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_schools_pages_have_no_serious_accessibility_problem(
    open_as, live_server, assessment, leader, language
):
    page = open_as("leader", language=language)
    problems = {}
    for path in SCHOOL_PAGES:
        page.goto(live_server.url + path.format(school=assessment.school_id, draft=assessment.pk))
        if found := serious(page):
            problems[path] = found
    assert problems == {}


@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_coordinators_pages_have_no_serious_accessibility_problem(
    open_as, live_server, submitted, coordinator, language
):
    review_open(assessment=submitted, coordinator=coordinator)
    page = open_as("coordinator", language=language)
    problems = {}
    for path in COORDINATOR_PAGES:
        page.goto(live_server.url + path.format(submitted=submitted.pk))
        if found := serious(page):
            problems[path] = found
    assert problems == {}


def test_the_login_page_has_no_serious_accessibility_problem(browser, live_server, db):
    page = browser.new_page(locale="nb")
    page.goto(f"{live_server.url}/accounts/login/")
    assert serious(page) == []
    page.close()


@pytest.mark.parametrize("language", ["en", "bg"])
def test_the_public_pages_of_an_awarded_label_have_no_serious_accessibility_problem(
    browser, live_server, awarded, language
):
    awarded.school.in_public_register = True
    awarded.school.save()
    page = browser.new_page(locale=language)
    problems = {}
    for path in (f"/verify/{awarded.verification_code}/", "/labels/PL/"):
        page.goto(live_server.url + path)
        if found := serious(page):
            problems[path] = found
    page.close()
    assert problems == {}


def test_the_school_and_review_pages_of_an_awarded_label_have_no_serious_accessibility_problem(
    open_as, live_server, awarded, leader
):
    page = open_as("leader")
    page.goto(f"{live_server.url}/assessments/{awarded.pk}/")
    school = serious(page)
    page = open_as("coordinator")
    page.goto(f"{live_server.url}/assessments/{awarded.pk}/review/")
    assert (school, serious(page)) == ([], [])
