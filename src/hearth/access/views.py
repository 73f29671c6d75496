"""Access-audit pages: who has looked at a child, and a user's own access history (issue 6).

Thin views over ``selectors`` and ``services``. Reading a child's access log is itself a look at
that child, so its first page is audited (later pages are the same visit); a refusal is audited
on every page. A user's own history is not audited: it shows them nothing about anyone else.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.access.decorators import acting_user
from hearth.access.models import AccessEvent, AccessVerb
from hearth.access.selectors import (
    access_events_by,
    access_events_for_child,
    child_for_access_log,
    user_for_access_history,
)
from hearth.access.services import deny, record_access

PAGE_SIZE = 50

NO_ACCESS_LOG = (
    "Only managers of the child's team or service, and administrators, can see who has looked "
    "at a child's record."
)
NO_USER_HISTORY = "Only administrators can see another user's access history."
ACCESS_LOG_DETAIL = "who has looked at this child"


def _requested_page(request: HttpRequest) -> int:
    """The page number asked for; anything that is not a positive number is the first page."""
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and int(raw) > 0 else 1


def _page(request: HttpRequest, events: QuerySet[AccessEvent]) -> Page[AccessEvent]:
    return Paginator(events.select_related("actor"), PAGE_SIZE).get_page(_requested_page(request))


@transaction.non_atomic_requests
@login_required
def child_access_log(request: HttpRequest, child_id: int) -> HttpResponse:
    """Who has looked at this child: for managers of children in their scope, and administrators.

    The row for this visit is written before the list is read, so it heads the list.
    """
    user = acting_user(request)
    child = child_for_access_log(user, child_id)
    if child is None:
        deny(actor=user, request=request, child_id=child_id, detail=ACCESS_LOG_DETAIL,
             message=NO_ACCESS_LOG)
    if _requested_page(request) == 1:
        record_access(actor=user, verb=AccessVerb.VIEW_ACCESS_LOG, child=child, request=request,
                      detail=ACCESS_LOG_DETAIL)
    return render(request, "access/access_log.html", {
        "heading": f"Who has looked at child {child.la_child_id}",
        "caption": "Access log",
        "page": _page(request, access_events_for_child(child)),
        "show_actor": True,
        "show_child": False,
    })


@login_required
def my_access_history(request: HttpRequest) -> HttpResponse:
    """Every record the signed-in user has opened, searched, exported or been refused."""
    user = acting_user(request)
    return render(request, "access/access_log.html", {
        "heading": "My access history",
        "caption": user.get_full_name() or user.get_username(),
        "page": _page(request, access_events_by(user)),
        "show_actor": False,
        "show_child": True,
    })


@transaction.non_atomic_requests
@login_required
def user_access_history(request: HttpRequest, user_id: int) -> HttpResponse:
    """One user's access history, for an administrator of their council acting as auditor."""
    viewer = acting_user(request)
    subject = user_for_access_history(viewer, user_id)
    if subject is None:
        deny(actor=viewer, request=request, detail=f"access history of user id {user_id}",
             message=NO_USER_HISTORY)
    if subject.pk != viewer.pk and _requested_page(request) == 1:
        record_access(actor=viewer, verb=AccessVerb.VIEW_ACCESS_LOG, request=request,
                      detail=f"access history of {subject.get_username()}")
    return render(request, "access/access_log.html", {
        "heading": f"Access history of {subject.get_full_name() or subject.get_username()}",
        "caption": subject.get_username(),
        "page": _page(request, access_events_by(subject)),
        "show_actor": False,
        "show_child": True,
    })
