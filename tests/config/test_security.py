"""HTTP security (issue 6): CSP without unsafe-inline, the usual headers, cookies, idle expiry."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from tests.config.test_settings_modes import hearth
from tests.factories import LocalAuthorityFactory

from hearth.access.models import Role, User

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2024, 6, 3, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def signed_in(client: Client) -> Client:
    user = User.objects.create_user(username="sam.worker", role=Role.PRACTITIONER,
                                    la=LocalAuthorityFactory())
    client.force_login(user)
    return client


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


@pytest.mark.parametrize(("path", "as_signed_in"), [("/account/login/", False), ("/", True)])
def test_every_page_has_a_csp_without_unsafe_inline(
    signed_in: Client, path: str, as_signed_in: bool
) -> None:
    response = (signed_in if as_signed_in else Client()).get(path)
    policy = directives(response["Content-Security-Policy"])

    assert response.status_code == 200
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    for values in policy.values():
        assert "'unsafe-inline'" not in values
        assert "'unsafe-eval'" not in values


def test_mfa_setup_page_has_the_csp_and_no_inline_script(client: Client) -> None:
    user = User.objects.create_user(username="new.starter", password="a-long-passphrase-1",
                                    role=Role.PRACTITIONER)
    client.post(reverse("account_login"), {"login": user.username,
                                           "password": "a-long-passphrase-1"})

    response = client.get(reverse("mfa_activate_totp"))
    html = response.content.decode()

    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "<script>" not in html  # every script has a src, or is inert JSON data
    assert "style=" not in html


def test_the_usual_security_headers(signed_in: Client) -> None:
    response = signed_in.get(reverse("home"))

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_session_ends_after_30_idle_minutes(signed_in: Client) -> None:
    with time_machine.travel(NOW, tick=False) as traveller:
        signed_in.get(reverse("home"))  # the session's clock starts now
        traveller.shift(dt.timedelta(minutes=29))
        still_in = signed_in.get(reverse("home"))
        traveller.shift(dt.timedelta(minutes=29))  # 58 minutes in, but never 30 idle
        active_user = signed_in.get(reverse("home"))
        traveller.shift(dt.timedelta(minutes=30, seconds=1))
        idle = signed_in.get(reverse("home"))

    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert still_in.status_code == 200
    assert active_user.status_code == 200
    assert idle.status_code == 302
    assert idle["Location"].startswith(reverse("account_login"))


def test_production_cookies_and_transport_are_secure(tmp_path: object) -> None:
    names = ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
             "CSRF_COOKIE_HTTPONLY", "SESSION_EXPIRE_AT_BROWSER_CLOSE",
             "SESSION_SAVE_EVERY_REQUEST", "SESSION_COOKIE_AGE", "SECURE_SSL_REDIRECT",
             "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "PASSWORD_HASHERS",
             "MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", "MFA_TOTP_INSECURE_BYPASS_CODE"]
    script = ("import json; from django.conf import settings; "
              f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}}))")
    result = hearth("shell", "-c", script, HEARTH_MODE="production",
                    SECRET_KEY="x" * 20 + "-not-a-real-key-" + "y" * 40,
                    ALLOWED_HOSTS="hearth.example.org",
                    DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])

    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert values["SESSION_SAVE_EVERY_REQUEST"] is True
    assert values["SESSION_COOKIE_AGE"] == 30 * 60
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert values["MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN"] is False
    assert values["MFA_TOTP_INSECURE_BYPASS_CODE"] is None
