"""Statutory timescales: each rule's due date, around holidays and month ends, and cut-offs."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hearth.timescales.rules import BY_NAME, RULES, UnknownRule, rule

D = dt.date
LONDON = ZoneInfo("Europe/London")
REQUIRED = ("referral-decision", "assessment", "icpc", "core-group", "first-cp-review",
            "cp-review", "first-cla-review", "second-cla-review", "cla-review",
            "pathway-plan-review", "rhi")


def test_every_required_rule_is_defined_once_with_a_source() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    for name in REQUIRED:
        assert BY_NAME[name].source
        assert BY_NAME[name].trigger


@pytest.mark.parametrize(("name", "start", "expected"), [
    ("referral-decision", D(2025, 12, 24), D(2025, 12, 29)),  # Christmas, Boxing Day, weekend
    ("referral-decision", D(2026, 4, 2), D(2026, 4, 7)),  # Good Friday and Easter Monday
    ("referral-decision", D(2026, 1, 2), D(2026, 1, 5)),  # Friday to Monday
    ("assessment", D(2026, 3, 2), D(2026, 5, 7)),  # Easter and early May bank holiday inside
    ("assessment", D(2025, 11, 3), D(2026, 1, 8)),  # across Christmas and New Year
    ("icpc", D(2025, 12, 15), D(2026, 1, 8)),
    ("icpc", D(2026, 3, 23), D(2026, 4, 15)),  # over Easter
    ("core-group", D(2026, 2, 20), D(2026, 3, 6)),
    ("first-cp-review", D(2025, 11, 30), D(2026, 2, 28)),  # end of February
    ("first-cp-review", D(2023, 11, 30), D(2024, 2, 29)),  # leap year
    ("cp-review", D(2025, 8, 31), D(2026, 2, 28)),
    ("first-cla-review", D(2025, 12, 1), D(2025, 12, 31)),  # 20 working days over Christmas
    ("second-cla-review", D(2026, 1, 31), D(2026, 4, 30)),
    ("cla-review", D(2026, 3, 31), D(2026, 9, 30)),
    ("pathway-plan-review", D(2026, 8, 29), D(2027, 2, 28)),
    ("first-cla-visit", D(2026, 2, 25), D(2026, 3, 4)),
    ("cla-visit", D(2026, 1, 1), D(2026, 2, 12)),
])
def test_due_dates(name: str, start: dt.date, expected: dt.date) -> None:
    assert rule(name).due(start) == expected


def test_rhi_counts_72_hours_of_elapsed_time_across_the_clock_change() -> None:
    returned = dt.datetime(2026, 3, 28, 12, 0, tzinfo=LONDON)  # clocks go forward on 29 March
    due = rule("rhi").due_at(returned)
    assert due == dt.datetime(2026, 3, 31, 13, 0, tzinfo=LONDON)
    assert due.astimezone(dt.UTC) - returned.astimezone(dt.UTC) == dt.timedelta(hours=72)


def test_rhi_from_a_naive_time_is_read_as_london_time() -> None:
    naive = dt.datetime(2026, 6, 1, 9, 30)  # noqa: DTZ001 - what a user types
    assert rule("rhi").due_at(naive) == dt.datetime(
        2026, 6, 4, 9, 30, tzinfo=LONDON)


def test_hours_and_days_are_not_confused() -> None:
    with pytest.raises(TypeError, match="use due_at"):
        rule("rhi").due(D(2026, 1, 1))
    with pytest.raises(TypeError, match=r"use due\(\)"):
        rule("assessment").due_at(dt.datetime(2026, 1, 1, 9, 0, tzinfo=LONDON))


def test_unknown_rule_names_the_rules_there_are() -> None:
    with pytest.raises(UnknownRule, match=r"no timescale called 'assesment'.*assessment"):
        rule("assesment")


day_rules = [r for r in RULES if not r.timed]


@given(st.sampled_from(day_rules), st.dates(min_value=D(2001, 1, 1), max_value=D(2049, 1, 1)))
def test_cutoff_separates_overdue_triggers_from_the_rest(r: object, today: dt.date) -> None:
    from hearth.timescales.rules import Rule

    assert isinstance(r, Rule)
    cutoff = r.cutoff(today)
    assert r.due(cutoff) >= today
    assert r.due(cutoff - dt.timedelta(days=1)) < today


@given(st.sampled_from(day_rules), st.dates(min_value=D(2001, 1, 1), max_value=D(2049, 1, 1)),
       st.integers(min_value=0, max_value=400))
def test_due_dates_never_go_backwards(r: object, start: dt.date, later: int) -> None:
    from hearth.timescales.rules import Rule

    assert isinstance(r, Rule)
    assert r.due(start + dt.timedelta(days=later)) >= r.due(start) > start - dt.timedelta(days=1)
