"""Browser tests: Debian's Chromium driven by Playwright against a live server.

They run whenever /usr/bin/chromium exists (CI installs it) and are skipped, with that
reason shown, where it does not.
"""

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium keeps trying to reach Google's services on a closed network.
QUIET = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    if shutil.which(CHROMIUM) is None:
        skip = pytest.mark.skip(
            reason=f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
        )
        for item in items:
            if "tests/browser/" in str(item.fspath):
                item.add_marker(skip)


@pytest.fixture(scope="module")
def browser():
    # Playwright's synchronous API runs an event loop in this thread while it is open; the
    # test's own database calls are ordinary synchronous ones and safe here. Both end with
    # the module, so no other test runs beside that loop or with that variable set.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=QUIET)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def open_as(browser, live_server):
    """A fresh browser page logged in as a user (password "correct horse battery staple")."""
    pages = []

    def login(username: str, *, language: str = "en", width: int = 1280, height: int = 720):
        context = browser.new_context(
            locale=language, accept_downloads=True, viewport={"width": width, "height": height}
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "correct horse battery staple")
        page.click("main form [type=submit]")
        page.wait_for_load_state()
        pages.append(context)
        return page

    yield login
    for context in pages:
        context.close()
