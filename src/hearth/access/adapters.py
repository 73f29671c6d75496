"""allauth adapters: no self sign-up, GOV.UK wording, and no way to drop the last second factor.

Issue 6: accounts are created by administrators, so neither a password form nor single sign-on
may create one; staff sign in with MFA, so a user may replace an authenticator but not remove
the last one (``hearth.access.mfa`` would only send them straight back to set one up).
"""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.http import HttpRequest

#: Says what to do, as GOV.UK asks, and never whether the username exists.
INVALID_LOGIN = "Enter a correct username and password. Both are case-sensitive."
INACTIVE = "This account is switched off. Ask your administrator to switch it on."
THROTTLED = (
    "There have been too many attempts to sign in from your network. Wait a minute, then try "
    "again."
)
INCORRECT_CODE = "Enter the code shown in your authenticator app now, or a recovery code."
LAST_AUTHENTICATOR = (
    "You cannot remove your only way to verify it is you. Add another one first."
)

#: Authenticators that count as a second factor (recovery codes are a fallback, not a factor).
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


class AccountAdapter(DefaultAccountAdapter):
    """No sign-up; administrators create accounts."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": INVALID_LOGIN,
        "account_inactive": INACTIVE,
        "too_many_login_attempts": THROTTLED,
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on signs in existing accounts only; it never creates one."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False


class MFAAdapter(DefaultMFAAdapter):
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
        return others.exists()
