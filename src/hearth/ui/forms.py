"""Sign-in form with messages written the GOV.UK way (say what to do, not what went wrong)."""

from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm

INVALID_LOGIN = "Enter a correct username and password. Both are case-sensitive."
INACTIVE = "This account is switched off. Ask your administrator to switch it on."


class SignInForm(AuthenticationForm):
    """Django's authentication form with Hearth's wording; the checks are Django's own."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": INVALID_LOGIN,
        "inactive": INACTIVE,
    }
