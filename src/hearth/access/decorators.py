"""Guards for views that open one child's record: check the scope, audit the look, or refuse.

Issue 6: every view of a child's record or chronology, and every refused attempt, writes an
access-audit row. A view that shows a child is written as::

    @child_record_view(AccessVerb.VIEW_CHRONOLOGY)
    def chronology(request, child): ...

with ``<int:child_id>`` in its URL; class-based views mix in ``ChildRecordMixin``. Both run
``services.open_child``, whose check *is* the scope filter, and answer 403 through
``NotPermitted`` (a ``PermissionDenied``). Anonymous users are sent to sign in and write no row
(there is no actor to name; failed sign-ins belong to the sign-in slice).

Both mark the view ``non_atomic_requests``: with ``ATOMIC_REQUESTS`` on, the 403 would roll back
the request's transaction and the refusal's audit row with it. A refusal must be recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.decorators import method_decorator

from hearth.access.models import AccessVerb, User
from hearth.access.services import open_child
from hearth.core.errors import NotPermitted
from hearth.people.models import Child

ChildView = Callable[..., HttpResponse]


def acting_user(request: HttpRequest) -> User:
    """The signed-in user, typed. Callers run after ``login_required``; anything else is a 403."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise NotPermitted
    return user


def child_record_view(verb: AccessVerb = AccessVerb.VIEW_CHILD, *,
                      url_kwarg: str = "child_id") -> Callable[[ChildView], ChildView]:
    """Decorate a view taking ``child``: it is called only for a child the user may open, after
    ``verb`` is recorded; otherwise ``denied`` is recorded and the answer is 403."""

    def decorate(view: ChildView) -> ChildView:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            child = open_child(actor=acting_user(request), child_id=kwargs.pop(url_kwarg),
                               verb=verb, request=request)
            return view(request, *args, child=child, **kwargs)

        return transaction.non_atomic_requests(login_required(wrapper))

    return decorate


class ChildRecordMixin(LoginRequiredMixin):
    """For class-based views: ``self.child`` is the child, opened and audited as ``child_verb``."""

    child_verb: AccessVerb = AccessVerb.VIEW_CHILD
    child_url_kwarg = "child_id"
    child: Child

    @method_decorator(transaction.non_atomic_requests)
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            self.child = open_child(actor=acting_user(request),
                                    child_id=kwargs[self.child_url_kwarg],
                                    verb=self.child_verb, request=request)
        return super().dispatch(request, *args, **kwargs)
