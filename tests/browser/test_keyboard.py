"""The main forms work with the keyboard alone, with a visible focus."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def tab_to(page, selector: str, *, limit: int = 40) -> None:
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_logging_in_and_rating_a_statement_with_the_keyboard_alone(browser, live_server, assessment, leader):
    page = browser.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    tab_to(page, "#id_username")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in {"none", ""}
    page.keyboard.type("leader")
    page.keyboard.press("Tab")
    page.keyboard.type("correct horse battery staple")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/login/" not in page.url

    page.goto(f"{live_server.url}/assessments/{assessment.pk}/principles/3/")
    tab_to(page, "input[name=level]")
    page.keyboard.press("Space")
    page.wait_for_selector("#statement-3\\.1 .saved")
    assert assessment.responses.get(statement__code="3.1").level == "1"
    page.close()
