"""Browser tests: Playwright drives Debian's Chromium against a live test server; axe checks
every page a test visits."""

import os
import shutil
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = os.environ.get("MEEDOEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM) or shutil.which("chromium"):
        return
    skip = pytest.mark.skip(
        reason=f"browser tests: Chromium not found at {CHROMIUM} (apt-get install chromium)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


DEMO_PASSWORD = "meedoen-demo"


@pytest.fixture
def demo(settings) -> None:
    """The demo data, loaded through the rooms' services like `meedoen demo` does."""
    from meedoen.demo.loaders import demo_load

    settings.MEEDOEN_DEMO_PASSWORD = DEMO_PASSWORD
    demo_load()


_axe = Axe()


def assert_accessible(page) -> None:
    """axe (WCAG 2.1 and 2.2, A and AA) finds nothing on the page as it is now."""
    results = _axe.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def login(page, email: str, password: str) -> None:
    page.goto("/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
