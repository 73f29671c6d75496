"""The guard for dashboard pages: sign-in, the place asked for, and issue 7's rule for who may see
it (``selectors.may_view``); a refusal is audited and answered 403 like any other.

Built on ``hearth.access.decorators.acting_user`` and ``access.services.deny`` and Django's
``login_required``, so changes to sign-in and to the access audit apply here too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse

from hearth.access.decorators import acting_user
from hearth.access.services import deny
from hearth.performance.scope import SCOPE_KINDS, ScopeKind
from hearth.performance.selectors import (
    NO_DASHBOARD,
    find_place,
    has_dashboard,
    may_view,
    refusal_message,
)

View = Callable[..., HttpResponse]


def _kind(text: str | None) -> ScopeKind:
    if text is None:
        return ScopeKind.COUNCIL
    kind = next((k for k in SCOPE_KINDS if k.value == text), None)
    if kind is None:
        raise Http404
    return kind


def dashboard_view(view: View) -> View:
    """Decorate a view taking ``place``: the URL's ``kind`` and ``pk`` (none for the council)
    name it. A user without a dashboard, or asking for a place outside theirs, is refused (403)
    and the refusal recorded; a place that is not in their council is a 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = acting_user(request)
        kind, pk = _kind(kwargs.pop("kind", None)), kwargs.pop("pk", None)
        detail = f"performance dashboard: {kind.value}" + (f" {pk}" if pk is not None else "")
        if not has_dashboard(user):
            deny(actor=user, request=request, detail=detail, message=NO_DASHBOARD)
        place = find_place(user, kind, pk)
        if place is None:
            raise Http404
        if not may_view(user, place):
            deny(actor=user, request=request, detail=detail, message=refusal_message(user))
        return view(request, *args, place=place, **kwargs)

    # A refusal's audit row must survive the 403 (see hearth.access.decorators).
    return transaction.non_atomic_requests(login_required(wrapper))
