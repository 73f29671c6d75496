"""Periods of care and missing spells in the synthetic council."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.synthetic.care import Care, collection_year_after, found_by_year_end
from hearth.synthetic.context import LONDON, ChildInfo, Config, Ctx
from hearth.synthetic.population import Population
from hearth.synthetic.workforce import Workforce

D = dt.date


def ctx() -> Ctx:
    """A generator context (it reads content type ids, so its tests use the database)."""
    return Ctx(Config(children=1_000, years=2, seed=5, end=D(2026, 6, 30),
                      la_name="Synthetic Essex (test)", la_dfe_number="881",
                      la_ons_code="E10000012"))


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


@pytest.mark.parametrize(("day", "after"), [
    (D(2025, 4, 1), D(2026, 4, 1)), (D(2025, 9, 8), D(2026, 4, 1)),
    (D(2026, 3, 31), D(2026, 4, 1)), (D(2026, 1, 1), D(2026, 4, 1)),
    (D(2026, 4, 1), D(2027, 4, 1)),
])
def test_the_collection_year_after_a_day(day: dt.date, after: dt.date) -> None:
    assert collection_year_after(day) == after


@pytest.mark.django_db
def test_a_child_missing_over_31_march_is_found_by_midnight() -> None:
    """Rules 575 and 577 (csc-validator-be-903 0.1.17) flag a spell still open on 31 March
    once rule 365 has filled the blank DECs: the child is back at 23:59 that night."""
    c = ctx()
    state = c.rng.getstate()
    back = found_by_year_end(c, at(D(2026, 3, 30), 22), at(D(2026, 4, 2), 9))
    assert back == at(D(2026, 3, 31), 23, 59)
    assert found_by_year_end(c, at(D(2026, 3, 31), 23), at(D(2026, 4, 1), 3)) == at(
        D(2026, 3, 31), 23, 59)
    assert c.rng.getstate() == state  # nothing drawn from the council's random stream


@pytest.mark.django_db
@pytest.mark.parametrize(("began", "back"), [
    (at(D(2026, 3, 29), 15), at(D(2026, 3, 31), 20)),  # back before midnight on 31 March
    (at(D(2026, 4, 1), 14), at(D(2026, 4, 3), 9)),  # began in the new year
    (at(D(2025, 12, 30), 20), at(D(2026, 1, 2), 10)),  # over new year, not the year end
])
def test_other_missing_spells_end_when_they_would(began: dt.datetime,
                                                  back: dt.datetime) -> None:
    assert found_by_year_end(ctx(), began, back) == back


@pytest.mark.django_db
def test_a_child_who_left_care_comes_back_no_sooner_than_the_next_collection_year() -> None:
    """Rule SW12STG2 (csc-validator-be-903 0.1.17) cannot pass most children with two periods
    of care in one year: one who left care comes back into care from the next 1 April."""
    c = ctx()
    care = Care(c, Population(c, {}), Workforce(c))
    child = ChildInfo(id=7, dob=D(2012, 5, 1), sex="F", area=1, postcode="CM1 1AA")
    assert care.return_to_care_from(child, D(2025, 11, 3)) == D(2025, 11, 3)  # never in care
    care.left_care[child.id] = D(2025, 8, 1)
    assert care.return_to_care_from(child, D(2025, 11, 3)) == D(2026, 4, 1)
    assert care.return_to_care_from(child, D(2026, 4, 20)) == D(2026, 4, 20)
    care.left_care[child.id] = D(2026, 3, 20)
    assert care.return_to_care_from(child, D(2026, 4, 1)) == D(2026, 4, 1)
