"""Periods of care and missing spells in the synthetic council."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from hearth.care.models import CLAReview, MissingEpisode
from hearth.core import codes as codes_module
from hearth.core.calendar import add_years
from hearth.synthetic.care import (
    Care,
    CarePlan,
    Segment,
    _status_on,
    adopted_by_foster_carers,
    collection_year_after,
    found_by_year_end,
)
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


def _child(child_id: int, dob: dt.date, **fields: object) -> ChildInfo:
    return ChildInfo(id=child_id, dob=dob, sex="F", area=1, postcode="CM1 1AA",
                     **fields)  # type: ignore[arg-type]


def _care(c: Ctx) -> Care:
    care = Care(c, Population(c, {}), Workforce(c))
    care.workforce.iros = [1]
    return care


@pytest.mark.django_db
def test_a_child_under_4_on_the_day_of_a_cla_review_does_not_take_part() -> None:
    """Rule 441: age in whole years, as the DfE counts it (the day before the 4th birthday the
    child is 3, though 4 x 365 days have passed), not days / 365."""
    c = ctx()
    care = _care(c)
    dobs = {}
    for i in range(1, 1500):
        dob = D(2010, 1, 1) + dt.timedelta(days=i)
        dobs[i] = dob
        # Reviews from the 3rd birthday to the 5th, before the staff records begin.
        care._reviews(_child(i, dob), 1, add_years(dob, 3) + dt.timedelta(days=40),
                      add_years(dob, 5))
    table = c.rows[CLAReview]
    reviews = [(table.get(r[0], "child_id"), table.get(r[0], "review_date"),
                table.get(r[0], "participation")) for r in table.rows]
    assert len(reviews) > 4000
    for child_id, held, participation in reviews:
        assert (participation == "PN0") == (held < add_years(dobs[child_id], 4)), (
            dobs[child_id], held, participation)
    # Some reviews fall on the day before a 4th birthday, 1,460 or more days after birth.
    assert [held for child_id, held, _ in reviews
            if held == add_years(dobs[child_id], 4) - dt.timedelta(days=1)
            and (held - dobs[child_id]).days // 365 == 4]


def _plan(*codes: str) -> CarePlan:
    start = D(2024, 1, 1)
    plan = CarePlan(start=start, end=None, reason="", need="N1")
    plan.placements = [Segment(code, start + dt.timedelta(days=30 * i))
                       for i, code in enumerate(codes)]
    return plan


@pytest.mark.parametrize(("codes", "former_foster_carers"), [
    (("U6", "A3"), True), (("U5", "A5"), True), (("U3", "A4"), False), (("U6", "A6"), False),
])
def test_adopters_are_the_former_foster_carers_after_an_a3_or_a5_placement(
        codes: tuple[str, ...], former_foster_carers: bool) -> None:
    """Rule 335: FOSTER_CARE is 1 for a placement with the current foster carers (A3 with
    consent, A5 under a placement order), 0 for A4 and A6."""
    assert adopted_by_foster_carers(_plan(*codes)) is former_foster_carers


@pytest.mark.django_db
def test_placements_before_a_placement_for_adoption_are_foster_placements() -> None:
    """Rule 336: a child placed for adoption with consent (A3/A4) was in a foster placement
    just before; children waiting to be placed for adoption live with foster carers."""
    c = ctx()
    care = _care(c)
    adoptions = 0
    for i in range(1, 3000):
        start = D(2018, 1, 1) + dt.timedelta(days=i)
        child = _child(i, start - dt.timedelta(days=30 + i % 700))
        plan = care.plan(child, start)
        assert plan is not None
        codes = [seg.code for seg in plan.placements]
        adopted = [k for k, code in enumerate(codes) if code in codes_module.ADOPTION_PLACEMENTS]
        if not adopted:
            continue
        adoptions += 1
        assert all(code in codes_module.FOSTER_PLACEMENTS for code in codes[:adopted[0]]), codes
    assert adoptions > 100


@pytest.mark.django_db
def test_no_move_leaves_everything_the_903_reports_unchanged() -> None:
    """Rule 435: a change of placement without a change of legal status changes the placement
    type, provider, postcode or URN. Placed with parents is at the family home, so a child
    leaves it for foster carers; carers of the same kind are at another postcode."""
    c = ctx()
    care = _care(c)
    # Three postcodes in the child's area, so a move within it often draws the same one.
    care.population.area_names = {1: "Mid"}
    care.population.postcodes = {"Mid": ("CM1 1AA", "CM2 9AA", "CM3 4BB")}
    same_type_moves = 0
    for i in range(1, 3000):
        start = D(2018, 1, 1) + dt.timedelta(days=i)
        child = _child(i, start - dt.timedelta(days=365 * (i % 17)))
        plan = care.plan(child, start)
        assert plan is not None
        segs = plan.placements
        for before, after in itertools.pairwise(segs):
            assert not before.code == after.code == "P1", [s.code for s in segs]
        postcode, _ = care._placement_postcode(child, segs[0], "")
        for before, after in itertools.pairwise(segs):
            previous = postcode
            postcode, _ = care._placement_postcode(child, after, previous)
            if (after.code != "P1" and before.code == after.code
                    and after.provider == before.provider == "PR1"):
                same_type_moves += 1
                assert postcode != previous
    assert same_type_moves > 100


@pytest.mark.django_db
def test_a_young_person_back_from_missing_on_the_morning_care_ends_left_care_missing() -> None:
    """Rule 580: MIS_END, DEC and the 18th birthday on one day want REC E8, however early
    that day the young person came back: the 903 has the date only."""
    c = ctx()
    care = _care(c)
    found = 0
    for i in range(1, 4000):
        dob = D(2006, 1, 1) + dt.timedelta(days=i % 365)
        eighteen = add_years(dob, 18)
        child = _child(i, dob)
        table = c.rows[MissingEpisode]
        first_row = len(table) + 1
        at_end = care._missing(child, eighteen - dt.timedelta(days=40), eighteen, ends=True)
        returns = [table.get(r, "returned_at") for r in range(first_row, len(table) + 1)]
        assert all(back is not None and back.date() <= eighteen for back in returns)
        assert at_end == any(back.date() == eighteen for back in returns)
        if at_end and min(back for back in returns if back.date() == eighteen).hour < 12:
            found += 1
    assert found  # some came back that morning, before noon


@pytest.mark.django_db
def test_no_placement_order_after_the_decision_to_place_for_adoption_was_reversed() -> None:
    """Rule 553: a placement order (E1) needs a decision that the child should be placed for
    adoption in force. The court makes the order after the full care order at the earliest;
    when adoption stopped being the plan before then, no order is made."""
    c = ctx()
    care = _care(c)
    start = D(2020, 2, 3)
    court = 0
    for i in range(1, 60):
        plan = CarePlan(start=start, end=add_years(start, 12), reason="E5", need="N1")
        # Reversed within 60 days, before any full care order (120 days at the soonest).
        plan.adoption = {"decision": start + dt.timedelta(days=10),
                         "placement_order": start + dt.timedelta(days=20),
                         "reversed": start + dt.timedelta(days=60)}
        care._plan_statuses(plan, _child(i, D(2019, 6, 1)), "adoption")
        codes = [seg.code for seg in plan.statuses]
        court += "C2" in codes
        assert "E1" not in codes, plan.statuses
    assert court > 30  # most went to court for a care order, none got a placement order


@pytest.mark.django_db
def test_a_placement_order_is_revoked_when_adoption_stops_being_the_plan() -> None:
    c = ctx()
    care = _care(c)
    start = D(2020, 2, 3)
    orders = 0
    for i in range(1, 60):
        plan = CarePlan(start=start, end=add_years(start, 12), reason="E5", need="N1")
        plan.adoption = {"decision": start + dt.timedelta(days=100),
                         "placement_order": start + dt.timedelta(days=400),
                         "reversed": start + dt.timedelta(days=500)}
        care._plan_statuses(plan, _child(i, D(2019, 6, 1)), "adoption")
        if "E1" in [seg.code for seg in plan.statuses]:
            orders += 1
            assert _status_on(plan, start + dt.timedelta(days=500)) == "C2"
            assert _status_on(plan, start + dt.timedelta(days=499)) == "E1"
    assert orders > 30
