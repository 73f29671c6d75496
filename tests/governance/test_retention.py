"""The retention rule as a pure function: which period applies and when it ends."""

from __future__ import annotations

import datetime as dt

import pytest
from pytest_django import Settings

from hearth.governance.models import RetentionRule
from hearth.governance.retention import Retention, retention_for

BORN = dt.date(1990, 3, 15)


def test_a_child_in_need_file_is_kept_until_the_25th_birthday() -> None:
    assert retention_for(date_of_birth=BORN, date_of_death=None, looked_after=False,
                         adopted_on=None) == Retention(RetentionRule.OTHER, dt.date(2015, 3, 15))


def test_a_looked_after_childs_file_is_kept_until_the_75th_birthday() -> None:
    assert retention_for(date_of_birth=BORN, date_of_death=None, looked_after=True,
                         adopted_on=None) == Retention(RetentionRule.LOOKED_AFTER,
                                                       dt.date(2065, 3, 15))


def test_a_looked_after_child_who_died_before_18_is_kept_15_years_from_death() -> None:
    died = dt.date(2000, 7, 1)
    assert retention_for(date_of_birth=BORN, date_of_death=died, looked_after=True,
                         adopted_on=None) == Retention(RetentionRule.DIED_IN_CARE,
                                                       dt.date(2015, 7, 1))


def test_a_looked_after_adult_who_died_keeps_the_75_year_rule() -> None:
    found = retention_for(date_of_birth=BORN, date_of_death=dt.date(2010, 1, 1),
                          looked_after=True, adopted_on=None)
    assert found == Retention(RetentionRule.LOOKED_AFTER, dt.date(2065, 3, 15))


def test_an_adoption_file_is_kept_100_years_from_the_order_whatever_the_birth_date() -> None:
    order = dt.date(2001, 2, 28)
    for born in (BORN, None):
        assert retention_for(date_of_birth=born, date_of_death=None, looked_after=True,
                             adopted_on=order) == Retention(RetentionRule.ADOPTED,
                                                            dt.date(2101, 2, 28))


def test_an_unborn_childs_file_has_no_retention_date() -> None:
    assert retention_for(date_of_birth=None, date_of_death=None, looked_after=False,
                         adopted_on=None) is None


def test_a_29_february_birthday_ends_on_28_february() -> None:
    found = retention_for(date_of_birth=dt.date(2000, 2, 29), date_of_death=None,
                          looked_after=False, adopted_on=None)
    assert found is not None
    assert found.retain_until == dt.date(2025, 2, 28)


@pytest.mark.parametrize(("rule", "looked_after", "until"), [
    ("other", False, dt.date(2020, 3, 15)),
    ("looked_after", True, dt.date(2070, 3, 15)),
])
def test_the_periods_come_from_the_settings(settings: Settings, rule: str, looked_after: bool,
                                            until: dt.date) -> None:
    settings.HEARTH_RETENTION_YEARS = {rule: {"other": 30, "looked_after": 80}[rule]}

    found = retention_for(date_of_birth=BORN, date_of_death=None, looked_after=looked_after,
                          adopted_on=None)

    assert found is not None
    assert found.retain_until == until
