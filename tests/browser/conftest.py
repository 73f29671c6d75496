"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium) against a live server.

The Playwright browser download is not reachable here, so tests use the system browser. On a
developer machine without Chromium they are skipped with a message; CI installs Chromium and
sets ``HEARTH_REQUIRE_BROWSER=1``, which turns a missing browser into a failure instead, so the
browser tests always run in CI.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from tests.signin import give_totp, totp_code

CHROMIUM = os.environ.get("HEARTH_CHROMIUM", "/usr/bin/chromium")
# Chromium's own network chatter (updates, sync) is refused on a closed network; keep it quiet.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


def _browser_path() -> str:
    path = shutil.which(CHROMIUM) or (CHROMIUM if os.path.exists(CHROMIUM) else "")
    if path:
        return path
    message = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set HEARTH_CHROMIUM)"
    if os.environ.get("HEARTH_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _browser_path()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, which Django takes for async
    # code; the tests' own database access is still synchronous and safe. Set only while the
    # browser runs, and taken away after.
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=executable, headless=True,
                                                  args=FLAGS)
            yield launched
            launched.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()


def assert_accessible(page: Any) -> None:
    """axe-core (bundled in axe-playwright-python, no CDN) finds no WCAG 2.2 A/AA violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={
        "runOnly": {"type": "tag",
                    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    })
    assert results.violations_count == 0, results.generate_report()


def sign_in(page: Any, live_server: Any, user: Any, password: str) -> None:
    """Sign ``user`` in through the real pages: password, then a TOTP code (issue 6: every
    staff account has a second factor), ending on the home page."""
    secret = give_totp(user)
    page.goto(f"{live_server.url}/account/login/")
    page.fill("input[name=login]", user.username)
    page.fill("input[name=password]", password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/account/2fa/authenticate/")
    page.fill("input[name=code]", totp_code(secret))
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
