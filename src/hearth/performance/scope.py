"""What a set of measures is computed for: a council, an area, a team or a worker, on a date.

Counts of children are taken at the end of the as-of date; flows are events in the 12 months
ending on it (1 April to 31 March when the as-of date is 31 March, as in the DfE returns).

A child belongs to a scope through the allocation that holds their case on the day that matters:
the as-of date for a count of children, the day of the event for a flow (the referral date for a
referral, the authorisation date for an assessment). Allocations run from ``start_date`` to
``end_date`` (the day the case moved on or closed). The allocation holding a case on a day is
the latest one that started on or before it and had not ended before it: on the day a case moves
the new team holds it, and on the day a case closes the last team still holds it, so what
happens on that day (an assessment authorised, a plan ended) stays with them. Every child is in
at most one team on any day, and the teams of an area add up to the area.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from django.db.models import Q

from hearth.core.calendar import add_years
from hearth.organisation.models import Area, LocalAuthority, Team, Worker
from hearth.timescales.rules import LONDON

T = TypeVar("T")


class ScopeKind(StrEnum):
    COUNCIL = "council"
    AREA = "area"
    TEAM = "team"
    WORKER = "worker"


SCOPE_KINDS = (ScopeKind.AREA, ScopeKind.TEAM, ScopeKind.WORKER)


class ScopeError(ValueError):
    """The scope asked for does not exist or is not written as KIND:NAME."""


@dataclass(frozen=True)
class Scope:
    """The council as a whole, or one area, team or worker of it (``pk`` of that record)."""

    kind: ScopeKind
    pk: int | None = None
    label: str = ""

    @property
    def is_council(self) -> bool:
        return self.kind is ScopeKind.COUNCIL

    def holder_filter(self, *, area: str, team: str, worker: str) -> Q:
        """A filter on whatever holds a record, given the paths to its area, team and worker."""
        path = {ScopeKind.AREA: area, ScopeKind.TEAM: team, ScopeKind.WORKER: worker}
        if self.is_council:
            return Q()
        return Q(**{path[self.kind]: self.pk})


COUNCIL = Scope(ScopeKind.COUNCIL, label="council")


def parse_scope(la: LocalAuthority, text: str | None) -> Scope:
    """``area:NAME``, ``team:NAME`` or ``worker:STAFF_ID`` within ``la``; empty is the council."""
    if not text:
        return COUNCIL
    kind_text, sep, name = text.partition(":")
    kinds = "area:NAME, team:NAME, worker:STAFF_ID"
    if not sep or not name.strip():
        raise ScopeError(f"--scope must be KIND:NAME ({kinds}), not {text!r}")
    kind = next((k for k in SCOPE_KINDS if k.value == kind_text.strip().lower()), None)
    if kind is None:
        raise ScopeError(f"unknown scope kind {kind_text!r}: use {kinds}, or no scope for the "
                         "whole council")
    name = name.strip()
    found: int | None
    if kind is ScopeKind.AREA:
        areas = dict(Area.objects.filter(la=la).values_list("name", "pk"))
        found = areas.get(name)
        missing = f"no area called {name!r} in {la.name} (areas: {', '.join(sorted(areas))})"
    elif kind is ScopeKind.TEAM:
        found = Team.objects.filter(la=la, name=name).values_list("pk", flat=True).first()
        missing = f"no team called {name!r} in {la.name}"
    else:
        found = Worker.objects.filter(la=la, staff_id=name).values_list("pk", flat=True).first()
        missing = f"no worker with staff id {name!r} in {la.name}"
    if found is None:
        raise ScopeError(missing)
    return Scope(kind, int(found), f"{kind.value} {name}")


def london_midnight(day: dt.date) -> dt.datetime:
    """The start of ``day`` in Europe/London, to compare date-times with calendar days."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=LONDON)


@dataclass(frozen=True)
class Context:
    """One computation: the council, the as-of date and the scope."""

    la: LocalAuthority
    as_of: dt.date
    scope: Scope = COUNCIL
    memo: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)

    def once(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` the first time ``key`` is asked for, the remembered result after, so
        measures that share a query (a count and its rate per 10,000) run it once."""
        if key not in self.memo:
            self.memo[key] = compute()
        result: T = self.memo[key]
        return result

    @property
    def start(self) -> dt.date:
        """First day of the 12 months ending on the as-of date."""
        return add_years(self.as_of, -1) + dt.timedelta(days=1)

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        return self.start, self.as_of

    @property
    def since(self) -> dt.datetime:
        """The period's first moment, for date-time fields."""
        return london_midnight(self.start)

    @property
    def until(self) -> dt.datetime:
        """The moment after the period ends, for date-time fields (exclusive)."""
        return london_midnight(self.as_of + dt.timedelta(days=1))

    def days(self) -> list[dt.date]:
        """Every day of the period, in order."""
        first, length = self.start, (self.as_of - self.start).days + 1
        return [first + dt.timedelta(days=i) for i in range(length)]
