"""Access-audit pages: who has looked at a child, a user's own access history, and the change
history of a child's records (issue 6).

Thin views over ``selectors`` and ``services``. Reading a child's access log is itself a look at
that child, so its first page is audited (later pages are the same visit); a refusal is audited
on every page. A user's own history is not audited: it shows them nothing about anyone else.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.access.decorators import acting_user
from hearth.access.models import AccessEvent, AccessVerb, ChangeEntry
from hearth.access.selectors import (
    access_events_by,
    access_events_for_child,
    changes_for_child,
    child_for_access_log,
    child_for_change_history,
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
NO_CHANGE_HISTORY = (
    "Only managers of the child's team or service, and administrators, can see the change "
    "history of a child's records."
)
CHANGE_HISTORY_DETAIL = "change history of this child's records"


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


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


#: How an empty value reads (an en dash, as in the access log's empty cells).
EMPTY = "\u2013"


def _shown(value: object) -> str:
    return EMPTY if value in (None, "", "None") else str(value)


def _field_changes(entry: ChangeEntry) -> list[FieldChange]:
    """Each changed field of ``entry`` under its own label, with old and new values as text."""
    model = entry.content_type.model_class()
    changes: list[FieldChange] = []
    for name, values in (entry.changes_dict or {}).items():
        old, new = [*values, None, None][:2] if isinstance(values, list) else (None, values)
        label = name
        if model is not None:
            try:
                label = str(getattr(model._meta.get_field(name), "verbose_name", name))
            except FieldDoesNotExist:
                label = name
        changes.append(FieldChange(label=label.capitalize(), old=_shown(old), new=_shown(new)))
    return changes


@transaction.non_atomic_requests
@login_required
def child_change_history(request: HttpRequest, child_id: int) -> HttpResponse:
    """Who changed what on this child's records, with old and new values (django-auditlog).

    For managers of children in their scope and administrators (``child_for_change_history``).
    Audited as a view of the child on its first page; refused on every page.
    """
    user = acting_user(request)
    child = child_for_change_history(user, child_id)
    if child is None:
        deny(actor=user, request=request, child_id=child_id, detail=CHANGE_HISTORY_DETAIL,
             message=NO_CHANGE_HISTORY)
    if _requested_page(request) == 1:
        record_access(actor=user, verb=AccessVerb.VIEW_CHANGES, child=child, request=request,
                      detail=CHANGE_HISTORY_DETAIL)
    page = Paginator(changes_for_child(child), PAGE_SIZE).get_page(_requested_page(request))
    return render(request, "access/change_history.html", {
        "child": child,
        "page": page,
        "entries": [(entry, _field_changes(entry)) for entry in page],
    })
