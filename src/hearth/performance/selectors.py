"""Who may see which dashboard, and the reads the dashboard pages share.

Issue 7: directors and performance analysts see the whole council (every area, team and
worker); a head of service their own area and its teams and workers; a team manager their own
team and its workers; a practitioner their own figures. Everyone else sees no dashboard. The
figures are aggregates; the records behind a figure (the drill-down) are children's records and
are listed through ``access.selectors.visible``, so a dashboard never lists a child the user
could not open: an analyst, who opens a child only with a recorded reason, sees the council's
figures but, behind them, only the children they have given a reason for.

A user's own place comes from their worker record while they are in post (as in
``access.selectors``); a user with no worker record, or one who has left, has no area, team or
self to see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from hearth.access.models import Role, User
from hearth.access.selectors import visible
from hearth.core import clock
from hearth.organisation.models import Area, Team, Worker
from hearth.performance.base import Drill
from hearth.performance.models import Benchmark, Comparator
from hearth.performance.scope import COUNCIL, Context, Scope, ScopeKind

#: Roles that see the whole council's dashboards.
COUNCIL_ROLES = frozenset({Role.DIRECTOR, Role.PERFORMANCE})
#: Every role with a dashboard of some scope (the navigation links these).
DASHBOARD_ROLES = COUNCIL_ROLES | {Role.HEAD_OF_SERVICE, Role.TEAM_MANAGER, Role.PRACTITIONER}

NO_DASHBOARD = "Your role does not include performance dashboards."
OUTSIDE_DASHBOARD = (
    "You can see the figures for your own {place} only. Ask a performance analyst for others."
)
PLACE: dict[str, str] = {Role.HEAD_OF_SERVICE: "area", Role.TEAM_MANAGER: "team",
         Role.PRACTITIONER: "caseload"}


@dataclass(frozen=True)
class Place:
    """A scope with the records that name it, for headings and links."""

    scope: Scope
    name: str
    area: Area | None = None
    team: Team | None = None
    worker: Worker | None = None


def _own_worker(user: User) -> Worker | None:
    """The user's worker record while in post, with its team and area (one query)."""
    if user.worker_id is None or user.la_id is None:
        return None
    today = clock.today()
    worker = (Worker.objects.select_related("team__area")
              .filter(pk=user.worker_id, la_id=user.la_id).first())
    if worker is None or (worker.leave_date is not None and worker.leave_date <= today):
        return None
    return worker


def has_dashboard(user: User) -> bool:
    """Whether the user has a dashboard of any scope (their role alone; no query)."""
    return (isinstance(user, User) and user.is_active and user.la_id is not None
            and user.role in DASHBOARD_ROLES)


def sees_whole_council(user: User) -> bool:
    return has_dashboard(user) and user.role in COUNCIL_ROLES


def council_place() -> Place:
    return Place(COUNCIL, "The council")


def home_place(user: User) -> Place | None:
    """The dashboard a user starts from: the council, their area, team or own figures."""
    if not has_dashboard(user):
        return None
    if sees_whole_council(user):
        return Place(COUNCIL, "The council")
    worker = _own_worker(user)
    if worker is None:
        return None
    if user.role == Role.HEAD_OF_SERVICE:
        area = worker.team.area
        return place_of(area) if area is not None else None
    if user.role == Role.TEAM_MANAGER:
        return place_of(worker.team)
    return place_of(worker)


def place_of(record: Area | Team | Worker) -> Place:
    if isinstance(record, Area):
        return Place(Scope(ScopeKind.AREA, record.pk, f"area {record.name}"), record.name,
                     area=record)
    if isinstance(record, Team):
        return Place(Scope(ScopeKind.TEAM, record.pk, f"team {record.name}"), record.name,
                     area=record.area, team=record)
    return Place(Scope(ScopeKind.WORKER, record.pk, f"worker {record.staff_id}"), str(record),
                 area=record.team.area, team=record.team, worker=record)


def find_place(user: User, kind: ScopeKind, pk: int | None) -> Place | None:
    """The council, or an area, team or worker of the user's council; ``None`` if there is no
    such record in it (the view answers 404: which ids exist elsewhere is not told)."""
    if kind is ScopeKind.COUNCIL or pk is None:
        return Place(COUNCIL, "The council") if kind is ScopeKind.COUNCIL else None
    la = user.la_id
    found: Area | Team | Worker | None
    if kind is ScopeKind.AREA:
        found = Area.objects.filter(la_id=la, pk=pk).first()
    elif kind is ScopeKind.TEAM:
        found = Team.objects.select_related("area").filter(la_id=la, pk=pk).first()
    else:
        found = Worker.objects.select_related("team__area").filter(la_id=la, pk=pk).first()
    return place_of(found) if found is not None else None


def may_view(user: User, place: Place) -> bool:
    """Issue 7's rule: the council roles see every place; a head of service their area and
    what is inside it; a team manager their team and its workers; a practitioner themselves."""
    if not has_dashboard(user):
        return False
    if sees_whole_council(user):
        return True
    worker = _own_worker(user)
    if worker is None or place.scope.is_council:
        return False
    if user.role == Role.HEAD_OF_SERVICE:
        return worker.team.area_id is not None and place.area is not None \
            and place.area.pk == worker.team.area_id
    if user.role == Role.TEAM_MANAGER:
        return place.team is not None and place.team.pk == worker.team_id
    return place.worker is not None and place.worker.pk == worker.pk


def refusal_message(user: User) -> str:
    place = PLACE.get(user.role)
    return OUTSIDE_DASHBOARD.format(place=place) if place else NO_DASHBOARD


def areas(user: User) -> QuerySet[Area]:
    return Area.objects.filter(la_id=user.la_id).order_by("name")


def teams_in(area: Area) -> QuerySet[Team]:
    return Team.objects.filter(area=area).select_related("area").order_by("name")


def workers_in(team: Team, on: dt.date) -> QuerySet[Worker]:
    """Workers of the team in post on ``on``."""
    return Worker.objects.filter(team=team, start_date__lte=on).exclude(
        leave_date__lte=on).order_by("last_name", "first_name")


def reporting_year(day: dt.date) -> int:
    """The DfE reporting year ``day`` falls in, as the year it ends (31 March)."""
    return day.year + 1 if day.month >= 4 else day.year


@dataclass(frozen=True)
class Benchmarks:
    england: Benchmark | None = None
    neighbours: Benchmark | None = None


def benchmarks(user: User, measure_ids: list[str], on: dt.date) -> dict[str, Benchmarks]:
    """The latest England and statistical-neighbour values for each measure, published for a
    reporting year no later than the one ``on`` falls in (one query)."""
    latest: dict[tuple[str, str], Benchmark] = {}
    rows = Benchmark.objects.filter(
        la_id=user.la_id, measure_id__in=measure_ids, year__lte=reporting_year(on),
        comparator__in=[Comparator.ENGLAND, Comparator.STATISTICAL_NEIGHBOURS],
    ).order_by("year")
    for row in rows:
        latest[(row.measure_id, row.comparator)] = row
    return {
        m: Benchmarks(latest.get((m, Comparator.ENGLAND)),
                      latest.get((m, Comparator.STATISTICAL_NEIGHBOURS)))
        for m in measure_ids
    }


def drill_records(user: User, drill: Drill, ctx: Context, *,
                  rest: bool = False) -> QuerySet[Any]:
    """The records behind a figure that ``user`` may open, with their child, in date order
    (with ``rest``, those in the denominator and not the numerator)."""
    records = drill.records(ctx, rest=rest)
    return (visible(records, user, drill.child).select_related(drill.child)
            .order_by(drill.day, "pk"))
