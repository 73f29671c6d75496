"""Staff must have a second factor before they reach anything (issue 6, DESIGN.md "Access").

allauth asks for the second factor at sign-in when a user has one; it does not insist that a
user has one. This middleware does: a signed-in user with no TOTP authenticator and no passkey
is sent to set one up, and may reach only the MFA set-up pages and sign-out until they have.

The one relaxation: in demo mode (``settings.DEMO``) the demo users (``User.is_demo``, created
only by ``demo_users`` outside production) may work without MFA, and every page says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from hearth.access.adapters import has_second_factor
from hearth.access.models import User

#: URL names a signed-in user without MFA may still open: set up a factor, see the recovery
#: codes that come with it, confirm their password when allauth asks, and sign out.
MFA_SETUP_URL_NAMES = frozenset({
    "mfa_index",
    "mfa_activate_totp",
    "mfa_add_webauthn",
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_generate_recovery_codes",
    "account_reauthenticate",
    "mfa_reauthenticate",
    "account_logout",
})

SET_UP_MFA_URL_NAME = "mfa_index"


def mfa_relaxed_for(user: User) -> bool:
    """Only demo users, only in demo mode, may work without a second factor."""
    return bool(settings.DEMO) and user.is_demo


def needs_mfa_setup(user: Any) -> bool:
    """A signed-in user who has neither a TOTP authenticator nor a passkey, and is not exempt."""
    if not getattr(user, "is_authenticated", False) or not isinstance(user, User):
        return False
    if mfa_relaxed_for(user):
        return False
    return not has_second_factor(user)


class MFARequiredMiddleware:
    """Sends a signed-in user without MFA to set it up, whatever page they asked for."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable[..., Any],
                     view_args: Any, view_kwargs: Any) -> HttpResponse | None:
        match = request.resolver_match
        if match is not None and match.url_name in MFA_SETUP_URL_NAMES:
            return None
        if needs_mfa_setup(request.user):
            return redirect(SET_UP_MFA_URL_NAME)
        return None
