"""What a measure is: its definition as data, the query that counts it, and its result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db.models import Count, Q, QuerySet

from hearth.performance.scope import Context


class Polarity(StrEnum):
    """Which way is better. Volumes (contacts, children looked after) have no good direction."""

    HIGHER = "higher"
    LOWER = "lower"
    NEUTRAL = "neutral"


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    PER_10K = "per 10,000 children"
    DAYS = "days (average)"
    PER_FTE = "cases per FTE"


Number = int | float


@dataclass(frozen=True)
class Counts:
    """What a query returns: a numerator and, for a ratio, its denominator."""

    numerator: Number
    denominator: Number | None = None


Query = Callable[[Context], Counts]


@dataclass(frozen=True)
class Tally:
    """The records a query counts for a context, and which of them make its numerator.

    A query whose numerator is a set of records (children, referrals, plans) is written as a
    ``Rows`` function returning a ``Tally`` plus a query that counts it (``count``, ``ratio``,
    ``children``, ``children_ratio``). The dashboard's drill-down lists the same ``Tally``, so
    the list behind a figure and the figure come from one definition and cannot disagree.
    """

    rows: QuerySet[Any]
    numerator: Q = field(default_factory=Q)

    def numerator_rows(self) -> QuerySet[Any]:
        return self.rows.filter(self.numerator)


Rows = Callable[[Context], Tally]


def count(tally: Tally) -> Counts:
    """How many rows (events: referrals, enquiries, periods of care started)."""
    return Counts(tally.rows.count())


def ratio(tally: Tally) -> Counts:
    """Rows in the numerator, of all rows (events: assessments in time, of all completed)."""
    totals = tally.rows.aggregate(n=Count("pk"), k=Count("pk", filter=tally.numerator))
    return Counts(totals["k"], totals["n"])


def children(tally: Tally) -> Counts:
    """How many distinct children the rows are about (children looked after at a date)."""
    return Counts(tally.rows.aggregate(n=Count("child", distinct=True))["n"])


def children_ratio(tally: Tally) -> Counts:
    """Distinct children in the numerator, of distinct children in all rows."""
    totals = tally.rows.aggregate(
        n=Count("child", distinct=True),
        k=Count("child", distinct=True, filter=tally.numerator))
    return Counts(totals["k"], totals["n"])


@dataclass(frozen=True)
class Drill:
    """How to list the records behind a measure's figure: the ``Rows`` its query counts, and
    whether the figure is the numerator (``whole=False``) or every row (a count taken from
    another measure's denominator, such as assessments completed).

    ``child`` is the path from a row to its child, for the access filter; ``day`` the date (or
    date-time) field shown for each row, headed ``day_label``.
    """

    rows: Rows
    day: str
    day_label: str
    whole: bool = False
    child: str = "child"

    def records(self, ctx: Context, *, rest: bool = False) -> QuerySet[Any]:
        """The records the figure counts; with ``rest``, those the measure's denominator
        counts and its numerator does not (the children whose reviews are *not* in time)."""
        tally = self.rows(ctx)
        if rest:
            return tally.rows.exclude(tally.numerator)
        return tally.rows if self.whole else tally.numerator_rows()


@dataclass(frozen=True)
class Measure:
    """One measure, defined once.

    ``query`` counts the numerator (and the denominator of a percentage, average or ratio) for
    a context. A rate per 10,000 children divides by the council's child population, so it has a
    value only for the whole council: areas, teams and workers have no population of their own.
    """

    id: str
    name: str
    definition: str
    numerator: str
    denominator: str
    polarity: Polarity
    unit: Unit
    source: str
    query: Query
    target: float | None = None
    #: The records behind the figure, or ``None`` when the numerator is not a set of records
    #: (days, FTE) and the figure cannot be listed.
    drill: Drill | None = None

    def result(self, counts: Counts, ctx: Context) -> Result:
        numerator: Number = counts.numerator
        denominator = counts.denominator
        value: Number | None
        if self.unit is Unit.COUNT:
            value, denominator = numerator, None
        elif self.unit is Unit.PER_10K:
            denominator = ctx.la.child_population if ctx.scope.is_council else None
            value = _ratio(numerator * 10_000, denominator)
        elif self.unit is Unit.PERCENT:
            value = _ratio(100 * numerator, denominator)
        else:
            value = _ratio(numerator, denominator)
        return Result(self, value, numerator, denominator)


def _ratio(top: Number, bottom: Number | None) -> float | None:
    if not bottom:
        return None
    return round(float(top) / float(bottom), 1)


def plain(number: Number | Decimal | None) -> Number | None:
    """Whole numbers as ``int``; FTE and other fractions as ``float`` rounded to 2 places."""
    if number is None:
        return None
    if isinstance(number, int):
        return number
    as_float = float(number)
    return int(as_float) if as_float.is_integer() else round(as_float, 2)


@dataclass(frozen=True)
class Result:
    measure: Measure
    value: Number | None
    numerator: Number
    denominator: Number | None

    def as_dict(self) -> dict[str, Any]:
        m = self.measure
        return {
            "id": m.id,
            "name": m.name,
            "value": self.value,
            "numerator": plain(self.numerator),
            "denominator": plain(self.denominator),
            "unit": m.unit.value,
            "polarity": m.polarity.value,
            "target": m.target,
            "source": m.source,
        }


def shared(ctx: Context, query: Query) -> Counts:
    """Run ``query`` once per context, however many measures use it."""
    return ctx.once(query, lambda: query(ctx))


def denominator_of(query: Query) -> Query:
    """A count taken from the denominator of another measure's query (the same query, run once):
    assessments completed is the denominator of assessments completed in time."""

    def count(ctx: Context) -> Counts:
        return Counts(shared(ctx, query).denominator or 0)

    count.__doc__ = f"The denominator of ``{query.__name__}``: {query.__doc__}"
    return count
