"""Working days in England and calendar months (the conventions of timescales.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hearth.core.calendar import (
    add_months,
    add_working_days,
    add_years,
    is_working_day,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(("start", "n", "expected"), [
    (D(2025, 12, 24), 1, D(2025, 12, 29)),  # Christmas Day and Boxing Day, then a weekend
    (D(2026, 4, 2), 1, D(2026, 4, 7)),  # Good Friday and Easter Monday 2026
    (D(2026, 4, 2), 0, D(2026, 4, 2)),
    (D(2026, 2, 27), 1, D(2026, 3, 2)),  # Friday to Monday
    (D(2026, 3, 1), 1, D(2026, 3, 2)),  # from a Sunday, the next working day
    (D(2026, 1, 5), 45, D(2026, 3, 9)),
    (D(2026, 5, 1), 1, D(2026, 5, 5)),  # early May bank holiday
    (D(2026, 3, 9), -45, D(2026, 1, 5)),
])
def test_add_working_days(start: dt.date, n: int, expected: dt.date) -> None:
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize(("start", "months", "expected"), [
    (D(2026, 1, 31), 1, D(2026, 2, 28)),
    (D(2024, 1, 31), 1, D(2024, 2, 29)),
    (D(2026, 8, 31), 3, D(2026, 11, 30)),
    (D(2026, 11, 30), 3, D(2027, 2, 28)),
    (D(2026, 3, 15), 6, D(2026, 9, 15)),
])
def test_add_months_keeps_the_day_or_takes_the_months_last(
        start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected


def test_29_february_anniversary_in_a_common_year() -> None:
    assert add_years(D(2008, 2, 29), 18) == D(2026, 2, 28)


def test_outside_the_calendar_is_an_error() -> None:
    with pytest.raises(ValueError, match="outside the working-day calendar"):
        add_working_days(D(1980, 1, 1), 1)


days = st.dates(min_value=D(2000, 1, 1), max_value=D(2050, 12, 31))


@given(days, st.integers(min_value=1, max_value=300))
def test_result_is_a_working_day_and_the_count_matches(start: dt.date, n: int) -> None:
    end = add_working_days(start, n)
    assert is_working_day(end)
    assert end > start
    assert working_days_between(start, end) == n


@given(days, st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200))
def test_adding_working_days_composes(start: dt.date, a: int, b: int) -> None:
    if not is_working_day(start):
        start = add_working_days(start, 1)
    assert add_working_days(add_working_days(start, a), b) == add_working_days(start, a + b)
