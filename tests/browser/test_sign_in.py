"""Signing in with the keyboard only, on pages that pass an automated accessibility check."""

from __future__ import annotations

from typing import Any

import pytest
from tests.browser.conftest import assert_accessible
from tests.factories import LocalAuthorityFactory

from hearth.access.models import Role, User

PASSWORD = "a-long-synthetic-passphrase"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def practitioner() -> User:
    return User.objects.create_user(
        username="sam.worker", password=PASSWORD, role=Role.PRACTITIONER,
        la=LocalAuthorityFactory(), first_name="Sam", last_name="Worker",
    )


def test_keyboard_only_sign_in_reaches_the_home_page(page: Any, live_server: Any,
                                                     practitioner: User) -> None:
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/sign-in/")
    assert_accessible(page)
    # The first Tab stop is the skip link, as GOV.UK pages have.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    # From the main content, Tab reaches the username then the password field.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "username":
            break
    assert page.evaluate("document.activeElement.name") == "username"
    page.keyboard.type("sam.worker")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    assert "Signed in as Sam Worker" in page.inner_text("main")
    assert_accessible(page)


def test_a_wrong_password_shows_an_error_summary_that_takes_focus(
        page: Any, live_server: Any, practitioner: User) -> None:
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("input[name=username]", "sam.worker")
    page.fill("input[name=password]", "not-the-password")
    page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "There is a problem" in summary.inner_text()
    # GOV.UK Frontend moves focus to the error summary so screen readers announce it.
    page.wait_for_function("document.activeElement.classList.contains('govuk-error-summary')")
    assert_accessible(page)
