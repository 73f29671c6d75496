"""Performance dashboards (issue 7): the council, the areas side by side, an area, a team and a
worker, and behind each figure the list of records it counts.

Thin views: ``measures.compute`` makes the figures, ``selectors`` decides who sees which place
and lists the records behind a figure through the access filter, ``charts`` draws the monthly
series. Every page runs a fixed number of queries however many children the council has.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from hearth.access.decorators import acting_user
from hearth.access.models import AccessVerb
from hearth.access.services import deny, record_access
from hearth.core import clock
from hearth.core.calendar import FIRST_YEAR, LAST_YEAR
from hearth.organisation.models import LocalAuthority
from hearth.performance import charts, selectors
from hearth.performance.base import Unit
from hearth.performance.dashboards import Figure, sections, show
from hearth.performance.decorators import dashboard_view
from hearth.performance.measures import BY_ID, MEASURES, NOT_DRILLABLE, compute
from hearth.performance.scope import Context, ScopeKind
from hearth.performance.selectors import Place

PAGE_SIZE = 50
#: Flows look back a year and deadlines a few more; the working-day calendar must cover them.
EARLIEST_YEAR = FIRST_YEAR + 10
BAD_DATE = "The date must be a real date, as YYYY-MM-DD, no later than today, from {first} on."


class BadDate(ValueError):
    pass


def _on(request: HttpRequest) -> dt.date:
    """The as-of date asked for (``?on=YYYY-MM-DD``), or today."""
    raw = request.GET.get("on")
    today = clock.today()
    if not raw:
        return today
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise BadDate from None
    if day > today or not EARLIEST_YEAR <= day.year <= LAST_YEAR:
        raise BadDate
    return day


def _query(request: HttpRequest) -> str:
    raw = request.GET.get("on")
    return f"?on={raw}" if raw else ""


def place_url(place: Place) -> str:
    if place.scope.is_council:
        return reverse("performance:council")
    return reverse("performance:place", kwargs={"kind": place.scope.kind.value,
                                                "pk": place.scope.pk})


def drill_url(place: Place, measure_id: str) -> str:
    if place.scope.is_council:
        return reverse("performance:council_drill", kwargs={"measure_id": measure_id})
    return reverse("performance:place_drill", kwargs={
        "kind": place.scope.kind.value, "pk": place.scope.pk, "measure_id": measure_id})


def _params(request: HttpRequest, *, rest: bool) -> list[str]:
    """The drill-down's query parameters: the date asked for, and which part is listed."""
    params = {"on": request.GET.get("on", ""), "part": "rest" if rest else ""}
    return [urlencode({key: value}) for key, value in params.items() if value]


def _drill_link(place: Place, measure_id: str, request: HttpRequest, *, rest: bool) -> str:
    params = _params(request, rest=rest)
    return drill_url(place, measure_id) + ("?" + "&".join(params) if params else "")


def _council(request: HttpRequest) -> LocalAuthority:
    user = acting_user(request)
    la = LocalAuthority.objects.filter(pk=user.la_id).first() if user.la_id else None
    if la is None:
        raise Http404
    return la


def _bad_date() -> HttpResponse:
    return HttpResponseBadRequest(BAD_DATE.format(first=EARLIEST_YEAR),
                                  content_type="text/plain; charset=utf-8")


def _year_ends(today: dt.date) -> list[dt.date]:
    """The last two 31 Marches, for comparing with the DfE's published years."""
    latest = dt.date(today.year if today >= dt.date(today.year, 3, 31) else today.year - 1, 3, 31)
    return [latest, latest.replace(year=latest.year - 1)]


def _breadcrumbs(request: HttpRequest, place: Place) -> list[tuple[str, str]]:
    """Places above this one that the user may see, top first."""
    user = acting_user(request)
    above: list[Place] = [selectors.council_place()]
    if place.area is not None and place.scope.kind is not ScopeKind.AREA:
        above.append(selectors.place_of(place.area))
    if place.team is not None and place.scope.kind is ScopeKind.WORKER:
        above.append(selectors.place_of(place.team))
    if place.scope.is_council:
        return []
    return [(p.name, place_url(p) + _query(request)) for p in above
            if selectors.may_view(user, p)]


@transaction.non_atomic_requests
@login_required
def start(request: HttpRequest) -> HttpResponse:
    """``/performance/``: the dashboard the user starts from (council, area, team or own)."""
    user = acting_user(request)
    home = selectors.home_place(user)
    if home is None:
        deny(actor=user, request=request, detail="performance dashboard",
             message=selectors.refusal_message(user))
    return redirect(place_url(home))


@dashboard_view
def dashboard(request: HttpRequest, place: Place) -> HttpResponse:
    """The council, an area, a team or a worker: every measure, benchmarks and the charts."""
    try:
        on = _on(request)
    except BadDate:
        return _bad_date()
    la = _council(request)
    user = acting_user(request)
    results = compute(la, on, place.scope)
    query = _query(request)
    drills = {m.id: drill_url(place, m.id) + query for m in MEASURES if m.drill is not None}
    cut = sections(results, selectors.benchmarks(user, [m.id for m in MEASURES], on), drills,
                   NOT_DRILLABLE)
    below: list[tuple[str, str]] = []
    if place.scope.is_council:
        below = [(a.name, place_url(selectors.place_of(a)) + query)
                 for a in selectors.areas(user)]
    elif place.area is not None and place.scope.kind is ScopeKind.AREA:
        below = [(t.name, place_url(selectors.place_of(t)) + query)
                 for t in selectors.teams_in(place.area)]
    elif place.team is not None and place.scope.kind is ScopeKind.TEAM:
        below = [(str(w), place_url(selectors.place_of(w)) + query)
                 for w in selectors.workers_in(place.team, on).select_related("team__area")]
    return render(request, "performance/dashboard.html", {
        "place": place,
        "on": on,
        "today": clock.today(),
        "year_ends": _year_ends(clock.today()),
        "here": place_url(place),
        "sections": cut,
        "charts": [(line, charts.svg(line)) for line in charts.series(la, place.scope, on)],
        "below": below,
        "below_kind": {ScopeKind.COUNCIL: "Areas", ScopeKind.AREA: "Teams",
                       ScopeKind.TEAM: "Workers"}.get(place.scope.kind, ""),
        "breadcrumbs": _breadcrumbs(request, place),
        "areas_url": reverse("performance:areas") + query if place.scope.is_council else "",
        "illustrative": any(f.neighbours_illustrative for s in cut for f in s.figures),
    })


@dashboard_view
def areas(request: HttpRequest, place: Place) -> HttpResponse:
    """Every area beside the council, one column each (council roles: the council's page)."""
    try:
        on = _on(request)
    except BadDate:
        return _bad_date()
    la = _council(request)
    user = acting_user(request)
    measures = tuple(m for m in MEASURES if m.unit is not Unit.PER_10K)
    places = [place] + [selectors.place_of(a) for a in selectors.areas(user)]
    query = _query(request)
    columns = [(p, compute(la, on, p.scope, measures=measures)) for p in places]
    rows: list[dict[str, Any]] = []
    for index, measure in enumerate(measures):
        cells = []
        for p, results in columns:
            result = results[index]
            cells.append({
                "value": show(result.value, measure.unit),
                "url": drill_url(p, measure.id) + query
                       if measure.drill and result.value is not None else "",
                "place": p.name,
            })
        rows.append({"measure": measure, "cells": cells})
    return render(request, "performance/areas.html", {
        "on": on,
        "places": places,
        "rows": rows,
        "council_url": place_url(place) + query,
    })


@dashboard_view
def drill(request: HttpRequest, place: Place, measure_id: str) -> HttpResponse:
    """The records behind one figure that the user may open, with how many are not shown."""
    measure = BY_ID.get(measure_id)
    if measure is None or measure.drill is None:
        raise Http404
    try:
        on = _on(request)
    except BadDate:
        return _bad_date()
    la = _council(request)
    user = acting_user(request)
    ctx = Context(la, on, place.scope)
    (result,) = compute(la, on, place.scope, measures=(measure,))
    # A percentage's list can show the records outside its numerator (?part=rest): the children
    # whose reviews are not in time, the assessments that were late.
    has_rest = measure.unit is Unit.PERCENT and not measure.drill.whole
    rest = has_rest and request.GET.get("part") == "rest"
    behind = measure.drill.records(ctx, rest=rest).count()
    records = selectors.drill_records(user, measure.drill, ctx, rest=rest)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    if page.number == 1:
        record_access(actor=user, verb=AccessVerb.SEARCH, request=request,
                      detail=f"performance list: {measure.name}{' (the rest)' if rest else ''}"
                             f", {place.scope.label}, on {on.isoformat()}")
    rows = [(getattr(record, measure.drill.child), getattr(record, measure.drill.day))
            for record in page]
    hidden = behind - page.paginator.count
    return render(request, "performance/drill.html", {
        "place": place,
        "on": on,
        "measure": measure,
        "figure": Figure(result, None, None),
        "drill": measure.drill,
        "behind": behind,
        "hidden": hidden,
        "page": page,
        "rows": rows,
        "timed": isinstance(rows[0][1], dt.datetime) if rows else False,
        "back_url": place_url(place) + _query(request),
        "page_query": "".join(f"{part}&" for part in _params(request, rest=rest)),
        "rest": rest,
        "other_part_url": _drill_link(place, measure.id, request, rest=not rest)
                          if has_rest else "",
        "analyst": user.role == "performance",
    })
