"""Signing in with the keyboard only, password then TOTP code, on pages that pass axe."""

from __future__ import annotations

from typing import Any

import pytest
from tests.browser.conftest import assert_accessible
from tests.factories import LocalAuthorityFactory
from tests.signin import give_totp, totp_code

from hearth.access.models import Role, User

PASSWORD = "a-long-synthetic-passphrase"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def practitioner() -> User:
    return User.objects.create_user(
        username="sam.worker", password=PASSWORD, role=Role.PRACTITIONER,
        la=LocalAuthorityFactory(), first_name="Sam", last_name="Worker",
    )


def test_keyboard_only_sign_in_with_a_totp_code_reaches_the_home_page(
        page: Any, live_server: Any, practitioner: User) -> None:
    secret = give_totp(practitioner)
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/account/login/")
    assert_accessible(page)
    # The first Tab stop is the skip link, as GOV.UK pages have.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    # From the main content, Tab reaches the username then the password field.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "login":
            break
    assert page.evaluate("document.activeElement.name") == "login"
    page.keyboard.type("sam.worker")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    # Second step: the code from the authenticator app, computed here from the secret.
    page.wait_for_url(f"{live_server.url}/account/2fa/authenticate/")
    assert_accessible(page)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "code":
            break
    assert page.evaluate("document.activeElement.name") == "code"
    page.keyboard.type(totp_code(secret))
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    assert "Signed in as Sam Worker" in page.inner_text("main")
    assert_accessible(page)


def test_a_wrong_password_shows_an_error_summary_that_takes_focus(
        page: Any, live_server: Any, practitioner: User) -> None:
    page.goto(f"{live_server.url}/account/login/")
    page.fill("input[name=login]", "sam.worker")
    page.fill("input[name=password]", "not-the-password")
    page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "There is a problem" in summary.inner_text()
    # GOV.UK Frontend moves focus to the error summary so screen readers announce it.
    page.wait_for_function("document.activeElement.classList.contains('govuk-error-summary')")
    assert_accessible(page)


def test_a_new_user_sets_up_an_authenticator_app_before_anything_else(
        page: Any, live_server: Any, practitioner: User) -> None:
    page.goto(f"{live_server.url}/account/login/")
    page.fill("input[name=login]", "sam.worker")
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/account/2fa/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/")  # trying to go elsewhere first leads back to set-up
    page.wait_for_url(f"{live_server.url}/account/2fa/")
    page.get_by_role("link", name="Set up an authenticator app").click()
    page.wait_for_url(f"{live_server.url}/account/2fa/totp/activate/")
    assert_accessible(page)
    secret = page.inner_text("#authenticator_secret").strip()
    page.fill("input[name=code]", totp_code(secret))
    page.get_by_role("button", name="Turn on").click()
    page.wait_for_url(f"{live_server.url}/account/2fa/recovery-codes/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/")
    assert "Signed in as Sam Worker" in page.inner_text("main")


def test_a_passkey_is_added_and_then_signs_in(page: Any, live_server: Any,
                                              practitioner: User) -> None:
    """WebAuthn end to end, with Chromium's virtual authenticator standing in for a device."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True}})
    page.goto(f"{live_server.url}/account/login/")
    page.fill("input[name=login]", "sam.worker")
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/account/2fa/")
    page.get_by_role("link", name="Add a passkey").click()
    page.wait_for_url(f"{live_server.url}/account/2fa/webauthn/add/")
    assert_accessible(page)
    page.get_by_role("button", name="Add").click()
    page.wait_for_url(f"{live_server.url}/account/2fa/recovery-codes/")
    page.goto(f"{live_server.url}/")
    assert "Signed in as Sam Worker" in page.inner_text("main")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{live_server.url}/account/login/")

    page.fill("input[name=login]", "sam.worker")
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/account/2fa/authenticate/")
    page.get_by_role("button", name="Use a passkey").click()
    page.wait_for_url(f"{live_server.url}/")
    assert "Signed in as Sam Worker" in page.inner_text("main")
