"""Signing test users in as staff really are: with a second factor (issue 6).

Production lets no signed-in user past ``hearth.access.mfa.MFARequiredMiddleware`` without a
TOTP authenticator or passkey, and nothing in the settings turns that off. So a test that
signs a user in with ``Client.force_login`` (skipping the sign-in form, as tests do) also gets
the other half of what the form would have insisted on: a real TOTP authenticator row for that
user (``give_totp``). ``tests/conftest.py`` does this for every ``force_login``; a test that
needs a signed-in user *without* MFA says so with ``force_login_without_mfa``.

``totp_code`` computes RFC 6238 codes here, independently of allauth's implementation, so the
sign-in tests check allauth against the standard rather than against itself.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client

#: ``Client.force_login`` before ``tests/conftest.py`` wraps it.
_FORCE_LOGIN = Client.force_login


def totp_code(secret: str, at: float | None = None, *, period: int = 30, digits: int = 6) -> str:
    """The RFC 6238 (TOTP, HMAC-SHA1) code for a base32 ``secret`` at Unix time ``at``."""
    counter = int((time.time() if at is None else at) // period)
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def give_totp(user: Any) -> str:
    """Give ``user`` a TOTP authenticator (as setting up an app would) and return its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def has_second_factor(user: Any) -> bool:
    return Authenticator.objects.filter(
        user_id=user.pk, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


def force_login_with_mfa(client: Client, user: Any, backend: str | None = None) -> None:
    """``force_login``, after giving the user a TOTP authenticator if they have no factor."""
    if not has_second_factor(user):
        give_totp(user)
    _FORCE_LOGIN(client, user, backend)


def force_login_without_mfa(client: Client, user: Any) -> None:
    """Sign in a user who has set up no second factor (to test that they are stopped)."""
    _FORCE_LOGIN(client, user)
