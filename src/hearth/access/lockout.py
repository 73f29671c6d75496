"""What a locked-out sign-in sees (django-axes, ``AXES_LOCKOUT_CALLABLE``).

After ``AXES_FAILURE_LIMIT`` failed sign-ins for one username, that username is locked for
``AXES_COOLOFF_TIME``. The page is the same whether or not the username exists (axes counts
attempts on unknown usernames too), so it tells nobody which accounts there are; it says how
long to wait, as GOV.UK's pattern for too many attempts does.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

LOCKED_OUT = (
    "You have tried to sign in too many times. Wait {minutes} minutes, then try again."
)


def locked_out_message() -> str:
    """The lockout sentence, with the cool-off period from the settings."""
    return LOCKED_OUT.format(minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_response(request: HttpRequest, original_response: HttpResponse | None,
                     credentials: dict[str, Any] | None) -> HttpResponse:
    """GOV.UK page with status 429 Too Many Requests; the username is never echoed back."""
    return render(request, "ui/locked_out.html", {"lockout_message": locked_out_message()},
                  status=HTTPStatus.TOO_MANY_REQUESTS)
