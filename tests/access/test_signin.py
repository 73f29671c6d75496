"""Signing in (issue 6): a password then a second factor, no way round MFA, lockout, SSO."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse
from tests.factories import LocalAuthorityFactory
from tests.signin import force_login_without_mfa, give_totp, totp_code

from hearth.access.adapters import INCORRECT_CODE, LAST_AUTHENTICATOR
from hearth.access.lockout import LOCKED_OUT
from hearth.access.models import Role, User
from hearth.config.settings import _oidc_providers

if TYPE_CHECKING:
    from pytest_django import Settings

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
NOW = dt.datetime(2024, 6, 3, 10, 0, 7, tzinfo=dt.UTC)


@pytest.fixture
def sam() -> User:
    return User.objects.create_user(
        username="sam.worker", password=PASSWORD, role=Role.PRACTITIONER,
        la=LocalAuthorityFactory(), first_name="Sam", last_name="Worker",
    )


def sign_in_with_password(client: Client, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post(reverse("account_login"), {"login": username, "password": password})


# --- MFA is required before anything else --------------------------------------------------

PAGES_REFUSED_WITHOUT_MFA = [
    "/", "/access/me/history/", "/access/children/1/views/", "/admin/",
    "/account/password/change/",
]


@pytest.mark.parametrize("path", PAGES_REFUSED_WITHOUT_MFA)
def test_a_signed_in_user_without_mfa_is_sent_to_set_it_up(
    client: Client, sam: User, path: str
) -> None:
    force_login_without_mfa(client, sam)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")


def test_without_mfa_only_setup_and_sign_out_are_open(client: Client, sam: User) -> None:
    sign_in_with_password(client, sam.username)  # recently signed in: allauth asks no password

    setup = client.get(reverse("mfa_index"))
    totp = client.get(reverse("mfa_activate_totp"))
    passkey = client.get(reverse("mfa_add_webauthn"))
    signed_out = client.post(reverse("account_logout"))

    assert setup.status_code == 200
    assert totp.status_code == 200
    assert "Set up an authenticator app" in totp.content.decode()
    assert passkey.status_code == 200
    assert signed_out.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_sign_in_without_mfa_goes_to_setup_not_home(client: Client, sam: User) -> None:
    response = sign_in_with_password(client, sam.username)

    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == reverse("mfa_index")


def test_setting_up_totp_with_a_computed_code_opens_the_service(
    client: Client, sam: User
) -> None:
    with time_machine.travel(NOW, tick=False):
        sign_in_with_password(client, sam.username)
        page = client.get(reverse("mfa_activate_totp")).content.decode()
        shown = re.search(r'id="authenticator_secret">([A-Z2-7]+)<', page)
        assert shown is not None
        secret = shown.group(1)

        wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
        activated = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
        home = client.get(reverse("home"))

    assert wrong.status_code == 200
    assert "govuk-error-summary" in wrong.content.decode()
    assert activated.status_code == 302
    assert activated["Location"] == reverse("mfa_view_recovery_codes")  # shown once, at once
    assert Authenticator.objects.filter(user=sam, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=sam,
                                        type=Authenticator.Type.RECOVERY_CODES).exists()
    assert home.status_code == 200
    assert "Signed in as Sam Worker" in home.content.decode()


def test_first_setup_asks_no_second_password_but_later_changes_do(
    client: Client, sam: User
) -> None:
    with time_machine.travel(NOW, tick=False) as traveller:
        sign_in_with_password(client, sam.username)
        page = client.get(reverse("mfa_activate_totp")).content.decode()
        secret = re.search(r'id="authenticator_secret">([A-Z2-7]+)<', page).group(1)  # type: ignore[union-attr]
        client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
        codes_at_setup = client.get(reverse("mfa_view_recovery_codes"))
        client.post(reverse("account_logout"))
        traveller.shift(dt.timedelta(seconds=31))  # a fresh code window
        sign_in_with_password(client, sam.username)
        client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
        codes_next_time = client.get(reverse("mfa_view_recovery_codes"))
        remove_next_time = client.get(reverse("mfa_deactivate_totp"))

    assert codes_at_setup.status_code == 200
    assert codes_next_time.status_code == 302
    assert codes_next_time["Location"].startswith(reverse("account_reauthenticate"))
    assert remove_next_time["Location"].startswith(reverse("account_reauthenticate"))


def test_sign_in_asks_for_the_code_and_accepts_only_the_right_one(
    client: Client, sam: User
) -> None:
    secret = give_totp(sam)
    with time_machine.travel(NOW, tick=False):
        password_step = sign_in_with_password(client, sam.username)
        signed_in_after_password = "_auth_user_id" in client.session
        wrong = client.post(reverse("mfa_authenticate"), {"code": "123456"})
        right = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
        signed_in_as = client.session.get("_auth_user_id")

    assert password_step["Location"] == reverse("mfa_authenticate")
    assert not signed_in_after_password
    assert INCORRECT_CODE in wrong.content.decode()
    assert right.status_code == 302
    assert right["Location"] == reverse("home")
    assert signed_in_as == str(sam.pk)


def test_a_code_from_another_time_window_is_refused(client: Client, sam: User) -> None:
    secret = give_totp(sam)
    with time_machine.travel(NOW, tick=False):
        sign_in_with_password(client, sam.username)
        stale = client.post(reverse("mfa_authenticate"),
                            {"code": totp_code(secret, NOW.timestamp() - 90)})

    assert INCORRECT_CODE in stale.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_last_authenticator_cannot_be_removed(client: Client, sam: User) -> None:
    give_totp(sam)
    sign_in_with_password(client, sam.username)
    client.force_login(sam)  # the code step is tested above; here, a signed-in session

    with time_machine.travel(dt.datetime.now(tz=dt.UTC), tick=False):
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        response = client.post(reverse("mfa_deactivate_totp"))

    assert LAST_AUTHENTICATOR in response.content.decode()
    assert Authenticator.objects.filter(user=sam, type=Authenticator.Type.TOTP).exists()


def test_the_admin_signs_in_through_allauth(client: Client, db: None) -> None:
    response = client.get("/admin/login/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_there_is_no_self_sign_up(client: Client, db: None) -> None:
    response = client.post(reverse("account_signup"), {
        "username": "new.person", "password1": PASSWORD, "password2": PASSWORD,
    })

    assert not User.objects.filter(username="new.person").exists()
    assert "sign up" not in client.get(reverse("account_login")).content.decode().lower()
    assert response.status_code == 200


# --- demo mode relaxes MFA for demo users only ---------------------------------------------

@pytest.mark.parametrize(("demo_mode", "demo_user", "relaxed"), [
    (True, True, True),
    (True, False, False),
    (False, True, False),
    (False, False, False),
])
def test_mfa_is_relaxed_only_for_demo_users_in_demo_mode(
    client: Client, sam: User, settings: Settings, demo_mode: bool, demo_user: bool,
    relaxed: bool,
) -> None:
    settings.DEMO = demo_mode
    sam.is_demo = demo_user
    sam.save()
    force_login_without_mfa(client, sam)

    response = client.get(reverse("home"))

    assert (response.status_code == 200) is relaxed
    if not relaxed:
        assert response["Location"] == reverse("mfa_index")


# --- lockout -------------------------------------------------------------------------------

def test_five_failures_lock_the_username_for_a_while(
    client: Client, sam: User, settings: Settings
) -> None:
    with time_machine.travel(NOW, tick=False) as traveller:
        failures = [sign_in_with_password(client, sam.username, "wrong-password")
                    for _ in range(settings.AXES_FAILURE_LIMIT)]
        right_password_while_locked = sign_in_with_password(client, sam.username)
        traveller.shift(settings.AXES_COOLOFF_TIME + dt.timedelta(seconds=1))
        after_cool_off = sign_in_with_password(client, sam.username)

    assert [r.status_code for r in failures[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert failures[-1].status_code == 429
    message = LOCKED_OUT.format(minutes=15)
    assert message in failures[-1].content.decode()
    assert right_password_while_locked.status_code != 302  # not let through
    assert message in right_password_while_locked.content.decode()
    assert after_cool_off.status_code == 302  # on to set up MFA: the password was accepted


def test_guessing_the_second_factor_code_is_stopped_too(
    client: Client, sam: User, settings: Settings
) -> None:
    secret = give_totp(sam)
    with time_machine.travel(NOW, tick=False):
        sign_in_with_password(client, sam.username)
        for guess in range(settings.AXES_FAILURE_LIMIT):
            client.post(reverse("mfa_authenticate"), {"code": f"{guess:06d}"})
        right_code = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
        signed_in = "_auth_user_id" in client.session

    assert LOCKED_OUT.format(minutes=15) in right_code.content.decode()
    assert not signed_in


def test_the_lockout_does_not_reveal_whether_an_account_exists(
    client: Client, sam: User, settings: Settings
) -> None:
    def locked_page(username: str) -> tuple[int, str]:
        response = None
        for _ in range(settings.AXES_FAILURE_LIMIT):
            response = sign_in_with_password(client, username, "wrong-password")
        assert response is not None
        html = response.content.decode()
        return response.status_code, html.replace(username, "USERNAME")

    existing = locked_page(sam.username)
    unknown = locked_page("nobody.here")

    assert existing[0] == unknown[0] == 429
    assert existing[1].split("<main")[1] == unknown[1].split("<main")[1]
    assert "USERNAME" not in existing[1]  # the username is not echoed either


def test_another_username_is_not_locked(client: Client, sam: User, settings: Settings) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in_with_password(client, "someone.else", "wrong-password")

    assert sign_in_with_password(client, sam.username).status_code == 302


# --- single sign-on is configuration -------------------------------------------------------

def test_no_sso_button_without_oidc_settings(client: Client, db: None,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HEARTH_OIDC_SERVER_URL", "HEARTH_OIDC_CLIENT_ID", "HEARTH_OIDC_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)

    assert _oidc_providers() == {}
    assert "Sign in with" not in client.get(reverse("account_login")).content.decode()


def test_oidc_settings_from_the_environment_show_an_sso_button(
    client: Client, db: None, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    monkeypatch.setenv("HEARTH_OIDC_SERVER_URL",
                       "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0")
    monkeypatch.setenv("HEARTH_OIDC_CLIENT_ID", "synthetic-client-id")
    monkeypatch.setenv("HEARTH_OIDC_CLIENT_SECRET", "synthetic-client-secret")
    monkeypatch.setenv("HEARTH_OIDC_NAME", "Synthetic Council account")
    settings.SOCIALACCOUNT_PROVIDERS = _oidc_providers()

    html = client.get(reverse("account_login")).content.decode()

    assert "Sign in with Synthetic Council account" in html
    assert 'action="/account/oidc/council/login/' in html


def test_half_configured_sso_names_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEARTH_OIDC_SERVER_URL", "https://login.microsoftonline.com/x/v2.0")
    monkeypatch.delenv("HEARTH_OIDC_CLIENT_ID", raising=False)
    monkeypatch.setenv("HEARTH_OIDC_CLIENT_SECRET", "synthetic-client-secret")

    with pytest.raises(Exception, match="missing: HEARTH_OIDC_CLIENT_ID"):
        _oidc_providers()


class _IdentityProvider:
    """Stands in for the council's Entra ID discovery endpoint (an external edge)."""

    requested: list[str] = []

    def __enter__(self) -> _IdentityProvider:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def get(self, url: str, **kwargs: object) -> _IdentityProvider:
        self.requested.append(url)
        return self

    def raise_for_status(self) -> None:
        return None

    def json(self) -> dict[str, str]:
        base = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000"
        return {"issuer": f"{base}/v2.0",
                "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                "token_endpoint": f"{base}/oauth2/v2.0/token",
                "userinfo_endpoint": "https://graph.microsoft.com/oidc/userinfo",
                "jwks_uri": f"{base}/discovery/v2.0/keys"}


def test_sso_sends_the_browser_to_the_council_identity_provider_with_pkce(
    client: Client, db: None, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    from hearth.access.adapters import SocialAccountAdapter

    monkeypatch.setenv("HEARTH_OIDC_SERVER_URL",
                       "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0")
    monkeypatch.setenv("HEARTH_OIDC_CLIENT_ID", "synthetic-client-id")
    monkeypatch.setenv("HEARTH_OIDC_CLIENT_SECRET", "synthetic-client-secret")
    settings.SOCIALACCOUNT_PROVIDERS = _oidc_providers()
    idp = _IdentityProvider()
    monkeypatch.setattr(SocialAccountAdapter, "get_requests_session", lambda self: idp)

    refused_get = client.get("/account/oidc/council/login/")
    response = client.post("/account/oidc/council/login/")

    assert refused_get.status_code == 200  # a GET only shows a button; it redirects nowhere
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("https://login.microsoftonline.com/00000000-0000-0000-0000-"
                               "000000000000/oauth2/v2.0/authorize?")
    assert "client_id=synthetic-client-id" in location
    assert "code_challenge=" in location
    assert "redirect_uri=http%3A%2F%2Ftestserver%2Faccount%2Foidc%2Fcouncil%2Flogin%2Fcallback%2F" \
        in location
    assert idp.requested[0].endswith("/v2.0/.well-known/openid-configuration")
