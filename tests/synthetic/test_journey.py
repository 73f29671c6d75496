"""Children's journeys in the synthetic council: the stages of an episode."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.care.models import CarePeriod
from hearth.synthetic.context import ChildInfo, Config, Ctx
from hearth.synthetic.journey import Journeys
from hearth.synthetic.population import Population
from hearth.synthetic.workforce import Workforce

D = dt.date
END = D(2026, 6, 30)


def journeys() -> Journeys:
    """Journeys in a council with its staff in post (the context reads content type ids)."""
    ctx = Ctx(Config(children=5_000, years=2, seed=5, end=END,
                     la_name="Synthetic Essex (test)", la_dfe_number="881",
                     la_ons_code="E10000012"))
    workforce = Workforce(ctx)
    workforce.build()
    return Journeys(ctx, Population(ctx, workforce.area_ids), workforce)


def unborn(j: Journeys, *, born_by_end: bool) -> ChildInfo:
    """An unborn child first known to the council shortly before the end of the data."""
    while True:
        child = j.population.new_child(END - dt.timedelta(days=60), age=-1)
        if child.born == born_by_end and child.dob > END - dt.timedelta(days=60):
            return child


def periods_of_care(j: Journeys, child: ChildInfo) -> list[tuple[dt.date, dt.date | None]]:
    table = j.ctx.rows[CarePeriod]
    return [(table.get(row[0], "start_date"), table.get(row[0], "end_date"))
            for row in table.rows if table.get(row[0], "child_id") == child.id]


@pytest.mark.django_db
def test_an_unborn_child_comes_into_care_when_born_never_before() -> None:
    """903 rules 102, 232 and 442: a looked-after child has a date of birth, a known sex and a
    UPN status. An unborn child the council decides to look after comes into care at birth."""
    j = journeys()
    child = unborn(j, born_by_end=True)
    j.referral(child, END - dt.timedelta(days=60), None, "6",
               first=("care", END - dt.timedelta(days=55)))
    assert [start for start, _ in periods_of_care(j, child)] == [child.dob]


@pytest.mark.django_db
def test_a_child_still_unborn_at_the_end_of_the_data_is_not_yet_looked_after() -> None:
    j = journeys()
    child = unborn(j, born_by_end=False)
    j.referral(child, END - dt.timedelta(days=60), None, "6",
               first=("care", END - dt.timedelta(days=55)))
    assert periods_of_care(j, child) == []
    assert child.open_forever  # still a child in need, the episode open at the end of the data
