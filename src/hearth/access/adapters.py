"""allauth adapters: no self sign-up, GOV.UK wording, and no way to drop the last second factor.

Issue 6: accounts are created by administrators, so neither a password form nor single sign-on
may create one; staff sign in with MFA, so a user may replace an authenticator but not remove
the last one (``hearth.access.mfa`` would only send them straight back to set one up).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from hearth.access.lockout import locked_out_message

#: Says what to do, as GOV.UK asks, and never whether the username exists.
INVALID_LOGIN = "Enter a correct username and password. Both are case-sensitive."
INACTIVE = "This account is switched off. Ask your administrator to switch it on."
INCORRECT_CODE = "Enter the code your authenticator app shows now. A code works only once."
LAST_AUTHENTICATOR = (
    "You cannot remove your only way to verify it is you. Add another one first."
)

#: Authenticators that count as a second factor (recovery codes are a fallback, not a factor).
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth is untyped
    """No sign-up; administrators create accounts."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": INVALID_LOGIN,
        "account_inactive": INACTIVE,
    }

    def validation_error(self, code: str, *args: Any) -> Any:
        """allauth's own throttle (per username, per address, and on second-factor codes)
        says what the django-axes lockout page says, so the two cannot be told apart."""
        if code == "too_many_login_attempts":
            return ValidationError(locked_out_message(), code=code)
        return super().validation_error(code, *args)

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """No second password prompt while setting up MFA for the first time.

        allauth asks for the password again before any MFA change or before showing recovery
        codes. A user sent to set up their first factor straight after typing their password
        would be asked again at once; so within allauth's reauthentication window of a
        password sign-in, for a user who had no second factor before that sign-in, the sign-in
        counts. Later changes still ask again, so a stolen session of a user who already has
        MFA cannot enrol the thief's authenticator.
        """
        request = getattr(context, "request", None)
        user = getattr(request, "user", None)
        if (app == "allauth.mfa" and request is not None and user is not None
                and user.is_authenticated):
            records = get_authentication_records(request, user)
            signed_in_at = max((r["at"] for r in records if r.get("method") == "password"),
                               default=None)
            window = account_settings.REAUTHENTICATION_TIMEOUT
            if (signed_in_at is not None and time.time() - signed_in_at < window
                    and not has_second_factor(user, before=signed_in_at)):
                return False
        return bool(super().is_reauthentication_required(app=app, **kwargs))


def has_second_factor(user: Any, *, before: float | None = None) -> bool:
    """A TOTP authenticator or a passkey (recovery codes alone do not count); with ``before``
    (a Unix time), one set up before then."""
    factors = Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTORS)
    if before is not None:
        factors = factors.filter(created_at__lt=dt.datetime.fromtimestamp(before, tz=dt.UTC))
    return bool(factors.exists())


class SocialAccountAdapter(DefaultSocialAccountAdapter):  # type: ignore[misc]  # allauth is untyped
    """Single sign-on signs in existing accounts only; it never creates one."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False


class MFAAdapter(DefaultMFAAdapter):  # type: ignore[misc]  # allauth is untyped
    """Refuses to delete a user's last TOTP or passkey."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": INCORRECT_CODE,
        "cannot_delete_authenticator": LAST_AUTHENTICATOR,
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        if authenticator.type not in SECOND_FACTORS:
            return True
        others = Authenticator.objects.filter(
            user_id=authenticator.user_id, type__in=SECOND_FACTORS
        ).exclude(pk=authenticator.pk)
        return bool(others.exists())
