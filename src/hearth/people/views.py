"""The child record, child search and the give-a-reason step (issue 4, issue 6).

Thin views over ``people.selectors`` and ``access.services``. Opening a record goes through
``open_child``: the check is the scope filter, the look is audited, and a refusal is audited and
answered 403, unless the user could open the child by giving a reason (a practitioner for a
child held by their team, a performance analyst): they are sent to say why. Views that may
refuse are ``non_atomic_requests`` so the refusal's audit row survives the 403.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from hearth.access.decorators import acting_user
from hearth.access.models import AccessVerb
from hearth.access.selectors import (
    REASON_ROLES,
    children_reason_may_open,
    children_visible_to,
)
from hearth.access.services import (
    NO_REASON_FOR_ROLE,
    OUTSIDE_REASON_SCOPE,
    access_reason_give,
    deny,
    open_child,
    record_access,
)
from hearth.core.errors import GuardFailed, NotPermitted
from hearth.people import selectors
from hearth.people.forms import ReasonForm, SearchForm

NO_SEARCH = "Your role does not include finding children's records."
SEARCH_DETAIL = "search for {terms!r}"


def _requested_page(request: HttpRequest) -> int:
    """The page asked for; anything that is not a positive number is the first page."""
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and int(raw) > 0 else 1


@transaction.non_atomic_requests
@login_required
def child_record(request: HttpRequest, child_id: int) -> HttpResponse:
    """A child's record: summary, open work, relationships and a filterable chronology.

    An htmx request for another page or kind of event answers with the chronology alone and is
    audited as a view of the chronology; the full page is audited as a view of the record.
    """
    user = acting_user(request)
    htmx = getattr(request, "htmx", None)
    # Going back to a pushed URL, htmx asks for the whole page (a history restore).
    partial = htmx is not None and bool(htmx) and not htmx.history_restore_request
    verb = AccessVerb.VIEW_CHRONOLOGY if partial else AccessVerb.VIEW_CHILD
    try:
        child = open_child(actor=user, child_id=child_id, verb=verb, request=request)
    except NotPermitted:
        if children_reason_may_open(user).filter(pk=child_id).exists():
            return redirect(reverse("people:child_reason", args=[child_id]))
        raise
    kinds = selectors.chronology_kinds(user=user, child=child)
    kind = request.GET.get("type", "")
    if kind not in {value for value, _ in kinds}:
        kind = ""
    page = Paginator(selectors.chronology(user=user, child=child, kind=kind),
                     selectors.CHRONOLOGY_PAGE_SIZE).get_page(_requested_page(request))
    rows = [{**row, "label": selectors.event_label(row["c_kind"]),
             "detail": selectors.event_detail(row)} for row in page.object_list]
    context = {"child": child, "page": page, "rows": rows, "kinds": kinds, "kind": kind}
    if partial:
        response = render(request, "people/_chronology.html", context)
    else:
        context.update(
            summary=selectors.child_summary(user=user, child=child),
            work=selectors.open_work(user=user, child=child),
            relationships=list(selectors.relationships(user=user, child=child)),
        )
        response = render(request, "people/child.html", context)
    # The same URL answers with a fragment or a page: caches must keep them apart.
    patch_vary_headers(response, ("HX-Request",))
    return response


@transaction.non_atomic_requests
@login_required
def child_reason(request: HttpRequest, child_id: int) -> HttpResponse:
    """Say why you need a record outside your own scope (issue 6): the reason opens it for a
    working day, and is kept in the access audit. Asking for a child no reason would open is
    refused and audited."""
    user = acting_user(request)
    if children_visible_to(user).filter(pk=child_id).exists():
        return redirect(reverse("people:child", args=[child_id]))
    child = children_reason_may_open(user).filter(pk=child_id).first()
    if child is None:
        message = OUTSIDE_REASON_SCOPE if user.role in REASON_ROLES else NO_REASON_FOR_ROLE
        deny(actor=user, request=request, child_id=child_id,
             detail=AccessVerb.GIVE_REASON.label, message=message)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            access_reason_give(actor=user, child=child, reason=form.cleaned_data["reason"],
                               request=request)
        except GuardFailed as error:
            form.add_error("reason", str(error))
        else:
            return HttpResponseRedirect(reverse("people:child", args=[child.pk]))
    return render(request, "people/reason.html", {"child": child, "form": form})


@transaction.non_atomic_requests
@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Find a child by name, date of birth or identifier, within what the user may see.

    Every search is written to the access audit with the words searched for, before the
    results are read; roles that hold no child records are refused (and audited).
    """
    user = acting_user(request)
    if not selectors.may_search(user):
        deny(actor=user, request=request, detail="search", message=NO_SEARCH)
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid():
        terms = form.cleaned_data["q"]
        record_access(actor=user, verb=AccessVerb.SEARCH, request=request,
                      detail=SEARCH_DETAIL.format(terms=terms))
        results = list(selectors.search_children(user=user, terms=terms))
    return render(request, "people/search.html", {
        "form": form, "results": results, "limit": selectors.SEARCH_LIMIT,
    })
