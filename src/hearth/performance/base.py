"""What a measure is: its definition as data, the query that counts it, and its result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

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
