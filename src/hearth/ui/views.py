"""The shell's home page. Sign-in is allauth's; case-work pages live in their own apps."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.access.models import User
from hearth.ui.selectors import (
    NOT_PERMITTED_FIGURES,
    can_see_council_figures,
    council_overview,
)

NO_COUNCIL = "Your account is not linked to a council yet. Ask your administrator to link it."


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Who is signed in, and the council's figures today when the role includes them."""
    user = request.user
    if not isinstance(user, User):  # login_required has already sent anonymous users away
        raise PermissionDenied
    context: dict[str, object]
    if can_see_council_figures(user):
        context = {"overview": council_overview(user=user)}
    elif user.la_id is None:
        context = {"no_figures_reason": NO_COUNCIL}
    else:
        context = {"no_figures_reason": NOT_PERMITTED_FIGURES}
    return render(request, "ui/home.html", context)
