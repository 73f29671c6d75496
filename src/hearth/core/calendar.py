"""Working days in England: Monday to Friday, not an England and Wales bank holiday.

"Within N working days of D" is D plus N working days, D itself not counted (Working Together
2023 convention, see shared/reference/timescales.md). Bank holidays come from the ``holidays``
package, which works offline. Working days are precomputed once into a sorted table of ordinals
so that adding days is a binary search, fast enough for a generator making millions of dates.
"""

from __future__ import annotations

import bisect
import datetime as dt
from functools import lru_cache

import holidays

FIRST_YEAR = 1990
LAST_YEAR = 2060


@lru_cache(maxsize=1)
def _working_day_ordinals() -> tuple[int, ...]:
    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST_YEAR, LAST_YEAR + 1))
    start = dt.date(FIRST_YEAR, 1, 1).toordinal()
    end = dt.date(LAST_YEAR, 12, 31).toordinal()
    return tuple(
        o for o in range(start, end + 1)
        if dt.date.fromordinal(o).weekday() < 5 and dt.date.fromordinal(o) not in bank
    )


def _check_range(day: dt.date) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"{day.isoformat()} is outside the working-day calendar "
                         f"({FIRST_YEAR}-{LAST_YEAR})")


def is_working_day(day: dt.date) -> bool:
    """True when ``day`` is a weekday and not a bank holiday in England."""
    _check_range(day)
    table = _working_day_ordinals()
    i = bisect.bisect_left(table, day.toordinal())
    return i < len(table) and table[i] == day.toordinal()


def add_working_days(day: dt.date, n: int) -> dt.date:
    """``day`` plus ``n`` working days (``day`` itself not counted); ``n`` may be negative."""
    _check_range(day)
    table = _working_day_ordinals()
    o = day.toordinal()
    if n >= 0:
        # Index of the last working day on or before ``day``, then step forward n.
        i = bisect.bisect_right(table, o) - 1
        return dt.date.fromordinal(table[i + n]) if n else day
    i = bisect.bisect_left(table, o)
    return dt.date.fromordinal(table[i + n])


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    _check_range(start)
    _check_range(end)
    if end <= start:
        return 0
    table = _working_day_ordinals()
    return bisect.bisect_right(table, end.toordinal()) - bisect.bisect_right(
        table, start.toordinal())


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later, or that month's last day if it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")  # pragma: no cover


def add_years(day: dt.date, years: int) -> dt.date:
    """Anniversary ``years`` later; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)
