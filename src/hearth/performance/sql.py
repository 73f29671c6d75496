"""Query building blocks shared by the measures: open-on-a-day filters, per-day thresholds
computed in Python from the statutory rules, and the scope of a record at a date.

Statutory deadlines are counted in working days, which SQL cannot do. A measure over a year's
events has at most 366 distinct event days, so the threshold for each day (for example the
earliest referral an assessment authorised that day can follow and still be in time,
``Rule.cutoff``) is worked out in Python and handed to the database as one ``CASE`` expression.
Consecutive days with the same threshold (a weekend and the Monday after it) share a branch. The
number of queries stays fixed however many records there are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    DateField,
    DateTimeField,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncDate

from hearth.organisation.models import Allocation
from hearth.performance.scope import Context, ScopeKind, london_midnight
from hearth.timescales.rules import LONDON

M = TypeVar("M", bound=Model)

_ALLOCATION_PATH = {ScopeKind.AREA: "team__area", ScopeKind.TEAM: "team",
                    ScopeKind.WORKER: "worker"}


def open_on(day: dt.date | F, start: str = "start_date", end: str = "end_date") -> Q:
    """Started on or before ``day`` and not ended by the end of it (end dates are the first day
    no longer open: a CIN episode closed on 31 March is not open at 31 March)."""
    return Q(**{f"{start}__lte": day}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": day}))


def per_day(field: str, days: Iterable[dt.date], threshold: Callable[[dt.date], dt.date],
            *, timed: bool = False) -> Expression:
    """``threshold(day of field)`` as SQL, for rows whose ``field`` falls on one of ``days``.

    ``days`` must be consecutive and cover every value the rows can hold (the measures filter to
    the period first): a row outside them gets the threshold of the nearest end. Consecutive days
    with the same threshold share a branch, and the branches are nested as a binary search, so
    each row is compared about eight times, not once per day. With ``timed`` the field is a
    date-time and the thresholds are the start of the threshold day in Europe/London.
    """
    runs: list[tuple[dt.date, dt.date]] = []  # (last day of the run, its threshold)
    for day in sorted(days):
        value = threshold(day)
        if runs and runs[-1][1] == value:
            runs[-1] = (day, value)
        else:
            runs.append((day, value))
    if not runs:
        raise ValueError("per_day needs at least one day")
    output: DateField[Any, Any] = DateTimeField() if timed else DateField()

    def value_of(day: dt.date) -> Value:
        return Value(london_midnight(day) if timed else day, output_field=output)

    def search(low: int, high: int) -> Expression:
        if high - low == 1:
            return value_of(runs[low][1])
        middle = (low + high) // 2
        last = runs[middle - 1][0]
        upto = (Q(**{f"{field}__lt": london_midnight(last + dt.timedelta(days=1))}) if timed
                else Q(**{f"{field}__lte": last}))
        return Case(When(upto, then=search(low, middle)), default=search(middle, high),
                    output_field=output)

    return search(0, len(runs))


def local_day(field: str) -> TruncDate:
    """The Europe/London calendar day of a date-time field."""
    return TruncDate(field, tzinfo=LONDON)


def allocated(ctx: Context, qs: QuerySet[M], *, child: str = "child",
              day: str | dt.date) -> QuerySet[M]:
    """``qs`` narrowed to the scope by the allocation holding the child's case on ``day``.

    ``day`` is a fixed date (counts of children at the as-of date) or the name of a date field of
    the row (the day of the event). The allocation holding a case on a day is the latest (by
    start, then by creation) that started on or before it and had not ended before it; the row
    is kept when that allocation is in the scope.
    """
    if ctx.scope.is_council:
        return qs
    path = _ALLOCATION_PATH[ctx.scope.kind]
    when: Any = day if isinstance(day, dt.date) else OuterRef(day)
    if semi_join(qs.db):
        # "An allocation in the scope covers the day and no later one does."
        later_when: Any = day if isinstance(day, dt.date) else OuterRef(OuterRef(day))
        later = Allocation.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=later_when), child=OuterRef("child"),
            start_date__lte=later_when,
        ).filter(Q(start_date__gt=OuterRef("start_date"))
                 | Q(start_date=OuterRef("start_date"), pk__gt=OuterRef("pk")))
        holding = Allocation.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=when), child=OuterRef(child),
            start_date__lte=when, **{path: ctx.scope.pk},
        ).exclude(Exists(later))
        return qs.filter(Exists(holding))
    holder = (Allocation.objects.filter(child=OuterRef(child), start_date__lte=when)
              .filter(Q(end_date__isnull=True) | Q(end_date__gte=when))
              .order_by("-start_date", "-pk").values(path)[:1])
    narrowed: QuerySet[M] = qs.annotate(scope_holder=Subquery(holder)).filter(
        scope_holder=ctx.scope.pk)
    return narrowed


def semi_join(alias: str) -> bool:
    """Whether to find the holding allocation with a semi-join or with a lookup per row.

    Both give the same answer. PostgreSQL runs the semi-join as one hash join over the scope's
    allocations, several times faster than a lookup per row. SQLite, without planner statistics,
    would run it by scanning every allocation of the team for each row, so there the lookup of
    the latest allocation per row, by child, is the fast one.
    """
    return connections[alias].vendor == "postgresql"


def held_by(ctx: Context, qs: QuerySet[M], *, worker: str) -> QuerySet[M]:
    """``qs`` narrowed to the scope through a worker field of the row (``worker`` is its path):
    the worker's own team, and the area of that team."""
    return qs.filter(ctx.scope.holder_filter(area=f"{worker}__team__area",
                                             team=f"{worker}__team", worker=worker))


def exists(qs: QuerySet[Any]) -> Q:
    """A correlated ``EXISTS`` as a filter usable inside an aggregate."""
    return Q(Exists(qs))


def count_of(qs: QuerySet[Any]) -> Subquery:
    """``SELECT COUNT(*)`` of a correlated queryset, as a value (0 when nothing matches)."""
    return Subquery(qs.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1],
                    output_field=IntegerField())


def max_of(qs: QuerySet[Any], field: str) -> Subquery:
    """``SELECT MAX(field)`` of a correlated queryset, as a value (null when nothing matches)."""
    return Subquery(qs.order_by().annotate(top=Func(F(field), function="MAX")).values("top")[:1])


def latest(qs: QuerySet[Any], field: str, by: str) -> Subquery:
    """``field`` of the row of ``qs`` latest by ``by`` (ties to the last created)."""
    return Subquery(qs.order_by(f"-{by}", "-pk").values(field)[:1])


def flag(condition: Q) -> ExpressionWrapper[Q]:
    """A condition as a true/false column. Aggregating over a queryset with subquery
    annotations wraps it in an outer query; a condition that refers to the row's own columns
    must therefore be computed inside, as a column, and the aggregate filters on that."""
    return ExpressionWrapper(condition, output_field=BooleanField())
