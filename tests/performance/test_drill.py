"""Drill-downs: the records listed behind a figure are the records the figure counts."""

from __future__ import annotations

import pytest
from tests.factories import (
    AllocationFactory,
    AreaFactory,
    ChildFactory,
    TeamFactory,
    WorkerFactory,
)
from tests.performance.casefile import AS_OF, D, episode, in_care, la
from tests.performance.test_queries import case_file

from hearth.performance.base import Unit
from hearth.performance.measures import BY_ID, MEASURES, NOT_DRILLABLE, compute
from hearth.performance.scope import COUNCIL, Context, Scope, parse_scope


def numerators_and_lists(scope: Scope) -> dict[str, tuple[object, int, int]]:
    """Each drillable measure's numerator, the number of records its drill lists, and the
    number of distinct children among them."""
    council = la()
    shown: dict[str, tuple[object, int, int]] = {}
    for result in compute(council, AS_OF, scope):
        drill = result.measure.drill
        if drill is None:
            continue
        records = drill.records(Context(council, AS_OF, scope))
        shown[result.measure.id] = (
            result.numerator, records.count(),
            records.values(drill.child).distinct().count())
    return shown


def test_every_measure_is_drillable_or_says_why_not() -> None:
    for measure in MEASURES:
        assert (measure.drill is None) == (measure.id in NOT_DRILLABLE), measure.id


@pytest.mark.parametrize("scope_text", ["", "area:North", "area:South"])
def test_each_drill_lists_exactly_its_numerator_on_a_full_case_file(scope_text: str) -> None:
    north = WorkerFactory(team=TeamFactory(area=AreaFactory(name="North")))
    WorkerFactory(team=TeamFactory(area=AreaFactory(name="South")))
    for number in range(3):
        case_file(number, north)
    scope = parse_scope(la(), scope_text)
    shown = numerators_and_lists(scope)
    assert len(shown) == len(MEASURES) - len(NOT_DRILLABLE)
    for measure_id, (numerator, listed, distinct_children) in shown.items():
        assert listed == numerator, measure_id
        # Counts of children list one record per child.
        assert distinct_children == listed, measure_id
    expected = 0 if scope_text == "area:South" else 3
    assert shown["referrals_count"][0] == expected
    assert shown["cla_count"][0] == expected


def test_drills_list_the_hand_counted_children() -> None:
    """Three children looked after at 31 March 2025, one of whom moved three times in the year;
    one left care in the year; a re-referral. The lists name exactly those children."""
    north = WorkerFactory(team=TeamFactory(area=AreaFactory(name="North")))
    settled = in_care(D(2023, 1, 1))
    moved = in_care(D(2024, 1, 1), placements=(
        (D(2024, 1, 1), D(2024, 6, 1), "U6"), (D(2024, 6, 1), D(2024, 11, 1), "K2"),
        (D(2024, 11, 1), None, "U6")))
    new = in_care(D(2025, 2, 1))
    left = in_care(D(2023, 5, 1), D(2024, 9, 30))
    for period in (settled, moved, new, left):
        AllocationFactory(child=period.child, worker=north, start_date=period.start_date)
    again = ChildFactory()
    episode(D(2024, 5, 1), D(2024, 6, 1), child=again)
    episode(D(2024, 12, 1), child=again)
    ctx = Context(la(), AS_OF, COUNCIL)

    def listed(measure_id: str) -> set[int]:
        drill = BY_ID[measure_id].drill
        assert drill is not None
        return set(drill.records(ctx).values_list("child", flat=True))

    assert listed("cla_count") == {settled.child_id, moved.child_id, new.child_id}
    assert listed("cla_3plus_placements_pct") == {moved.child_id}
    assert listed("cla_started_count") == {new.child_id}
    assert listed("cla_ceased_count") == {left.child_id}
    assert listed("rereferral_12m_pct") == {again.pk}
    # Referrals in the year: New's episode (1 Feb 2025) and both of Again's; the other
    # periods' episodes opened before 1 April 2024.
    assert listed("referrals_count") == {new.child_id, again.pk}
    referrals = BY_ID["referrals_count"].drill
    assert referrals is not None
    assert referrals.records(ctx).count() == 3
    assert BY_ID["assessments_count"].drill is not None
    assert BY_ID["assessments_count"].drill.whole


def test_a_worker_scope_drill_follows_the_allocation_at_the_date() -> None:
    ann = WorkerFactory(staff_id="SW1", team=TeamFactory(area=AreaFactory(name="North")))
    bob = WorkerFactory(staff_id="SW2", team=ann.team)
    period = in_care(D(2024, 1, 1))
    AllocationFactory(child=period.child, worker=ann, start_date=D(2024, 1, 1),
                      end_date=D(2025, 1, 1))
    AllocationFactory(child=period.child, worker=bob, start_date=D(2025, 1, 1))
    drill = BY_ID["cla_count"].drill
    assert drill is not None
    for staff_id, day, expected in (("SW1", D(2024, 12, 31), 1), ("SW1", AS_OF, 0),
                                    ("SW2", AS_OF, 1)):
        ctx = Context(la(), day, parse_scope(la(), f"worker:{staff_id}"))
        assert drill.records(ctx).count() == expected, (staff_id, day)


@pytest.mark.parametrize("scope_text", ["", "area:North"])
def test_the_rest_of_a_ratio_is_its_denominator_less_its_numerator(scope_text: str) -> None:
    north = WorkerFactory(team=TeamFactory(area=AreaFactory(name="North")))
    for number in range(3):
        case_file(number, north)
    late = in_care(D(2023, 1, 1))  # no review, visit or health assessment: out of time
    AllocationFactory(child=late.child, worker=north, start_date=D(2023, 1, 1))
    council = la()
    scope = parse_scope(council, scope_text)
    ctx = Context(council, AS_OF, scope)
    for result in compute(council, AS_OF, scope):
        drill = result.measure.drill
        # A percentage's denominator is records too; a rate's is the child population.
        if drill is None or result.measure.unit is not Unit.PERCENT:
            continue
        assert result.denominator is not None
        rest = drill.records(ctx, rest=True)
        assert rest.count() == result.denominator - result.numerator, result.measure.id
        assert not rest.filter(pk__in=drill.records(ctx).values("pk")).exists()
    reviews = BY_ID["cla_reviews_in_time_pct"].drill
    assert reviews is not None
    assert late.child_id in set(reviews.records(ctx, rest=True).values_list("child", flat=True))
