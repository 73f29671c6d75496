"""Template context every page needs: whether this is a demo, and whose service it is."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from hearth.access.models import User
from hearth.returns.selectors import may_use_returns

SERVICE_NAME = "Hearth"


def hearth(request: HttpRequest) -> dict[str, Any]:
    """``demo`` drives the banner that warns records are synthetic; ``la_name`` the header.

    Settings are read per request (not at import) so a test can flip ``DEMO`` with the
    ``settings`` fixture. The council's name comes from ``HEARTH_LA_NAME`` (the installation
    serves one council) and falls back to the signed-in user's council, costing no query on a
    configured installation.
    """
    la_name: str = settings.HEARTH_LA_NAME
    user = getattr(request, "user", None)
    if not la_name and isinstance(user, User) and user.la is not None:
        la_name = user.la.name
    return {
        "demo": bool(settings.DEMO),
        "la_name": la_name,
        "service_name": SERVICE_NAME,
        "nav_returns": isinstance(user, User) and may_use_returns(user),
    }
