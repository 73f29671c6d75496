"""Measures for an area, a team or a worker follow the allocation holding the case on the day:
the as-of date for counts of children, the day of the event for flows."""

from __future__ import annotations

import pytest
from tests.factories import (
    AllocationFactory,
    AreaFactory,
    AssessmentFactory,
    CareLeaverFactory,
    CareLeaverStatusFactory,
    ChildFactory,
    TeamFactory,
    WorkerFactory,
)
from tests.performance.casefile import AS_OF, D, episode, figures, la

from hearth.organisation.models import Area, Team, Worker
from hearth.performance import sql
from hearth.performance.scope import COUNCIL, Scope, ScopeError, ScopeKind, parse_scope


def scope(kind: str, name: str) -> Scope:
    return parse_scope(la(), f"{kind}:{name}")


@pytest.fixture
def county() -> dict[str, Worker]:
    """Two areas: North with teams N1 and N2, South with team S1, one worker in each team."""
    north, south = AreaFactory(name="North"), AreaFactory(name="South")
    teams = {"N1": TeamFactory(area=north, name="N1"), "N2": TeamFactory(area=north, name="N2"),
             "S1": TeamFactory(area=south, name="S1")}
    return {name: WorkerFactory(team=team, staff_id=f"SW-{name}") for name, team in
            teams.items()}


@pytest.mark.parametrize("semi_join", [True, False], ids=["semi-join", "lookup per row"])
def test_a_case_moving_teams_counts_where_it_was_held_on_the_day(
        county: dict[str, Worker], semi_join: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # Both ways of finding the allocation that holds a case give the same answers, whichever
    # one this database would use.
    monkeypatch.setattr(sql, "semi_join", lambda alias: semi_join)
    moved = ChildFactory()
    referral = episode(D(2024, 4, 1), child=moved)
    AllocationFactory(child=moved, worker=county["N1"], start_date=D(2024, 4, 1),
                      end_date=D(2024, 10, 1))
    AllocationFactory(child=moved, worker=county["S1"], start_date=D(2024, 10, 1))
    AssessmentFactory(episode=referral, start_date=D(2024, 4, 2), completed_date=D(2024, 6, 1),
                      authorised_date=D(2024, 6, 1), status="authorised")
    # A referral closed with no further action: allocated and released on the same day.
    quick = episode(D(2024, 5, 1), D(2024, 5, 1), nfa=True)
    AllocationFactory(child=quick.child, worker=county["N2"], start_date=D(2024, 5, 1),
                      end_date=D(2024, 5, 1))

    # At 31 March 2025 the case is held in S1, so the child in need is South's ...
    assert figures("cin_count", AS_OF, scope("team", "S1"))[0] == 1
    assert figures("cin_count", AS_OF, scope("area", "South"))[0] == 1
    assert figures("cin_count", AS_OF, scope("area", "North"))[0] == 0
    assert figures("cin_count", AS_OF, scope("worker", "SW-S1"))[0] == 1
    # ... while the referral and the assessment happened while N1 held it; North also had the
    # no-further-action referral, held for that day by N2.
    assert figures("referrals_count", AS_OF, scope("team", "N1"))[0] == 1
    assert figures("referrals_count", AS_OF, scope("team", "N2"))[0] == 1
    assert figures("referrals_count", AS_OF, scope("area", "North"))[0] == 2
    assert figures("referrals_count", AS_OF, scope("area", "South"))[0] == 0
    assert figures("assessments_count", AS_OF, scope("team", "N1"))[0] == 1
    assert figures("assessments_count", AS_OF, scope("team", "S1"))[0] == 0
    # On 30 September N1 held the case; on 1 October, the day it moved, S1 does.
    assert figures("cin_count", D(2024, 9, 30), scope("team", "N1"))[0] == 1
    assert figures("cin_count", D(2024, 10, 1), scope("team", "N1"))[0] == 0
    assert figures("cin_count", D(2024, 10, 1), scope("team", "S1"))[0] == 1
    # The council counts the case once, whoever holds it.
    assert figures("cin_count")[0] == 1
    assert figures("referrals_count")[0] == 2


def test_rates_per_10000_have_no_value_below_the_council(county: dict[str, Worker]) -> None:
    held = episode(D(2024, 6, 1))
    AllocationFactory(child=held.child, worker=county["N1"], start_date=D(2024, 6, 1))
    assert figures("cin_per_10k") == (0.5, 1, 20_000)
    assert figures("cin_per_10k", AS_OF, scope("area", "North")) == (None, 1, None)


def test_workforce_and_care_leavers_follow_the_worker_team(county: dict[str, Worker]) -> None:
    for _ in range(2):
        AllocationFactory(worker=county["N1"], start_date=D(2024, 6, 1))
    AllocationFactory(worker=county["S1"], start_date=D(2024, 6, 1))
    adviser = WorkerFactory(team=Team.objects.get(name="S1"), role="personal_adviser")
    CareLeaverStatusFactory(care_leaver=CareLeaverFactory(personal_adviser=adviser),
                            recorded_on=D(2024, 12, 1))  # born 2 April 2006: 18 at the date

    assert figures("caseload_per_worker", AS_OF, scope("area", "North")) == (2.0, 2, 1)
    assert figures("caseload_per_worker", AS_OF, scope("worker", "SW-S1")) == (1.0, 1, 1)
    assert figures("caseload_per_worker") == (1.5, 3, 2)
    assert figures("care_leavers_17_18_in_touch_pct", AS_OF, scope("area", "South"))[1:] == (1, 1)
    assert figures("care_leavers_17_18_in_touch_pct", AS_OF, scope("team", "N1"))[1:] == (0, 0)


def test_parse_scope_finds_the_record(county: dict[str, Worker]) -> None:
    assert parse_scope(la(), None) is COUNCIL
    north = Area.objects.get(name="North")
    assert scope("area", "North") == Scope(ScopeKind.AREA, north.pk, "area North")
    assert scope("AREA", " North ").pk == north.pk
    assert scope("worker", "SW-N2").pk == county["N2"].pk


@pytest.mark.parametrize(("text", "message"), [
    ("North", "--scope must be KIND:NAME (area:NAME, team:NAME, worker:STAFF_ID), not 'North'"),
    ("area:", "--scope must be KIND:NAME"),
    ("region:East", "unknown scope kind 'region': use area:NAME, team:NAME, worker:STAFF_ID, or no "
                     "scope for the whole council"),
    ("council:Essex", "unknown scope kind 'council'"),
    ("area:Nowhere", "no area called 'Nowhere' in Essex (areas: North, South)"),
    ("team:N9", "no team called 'N9' in Essex"),
    ("worker:SW-X", "no worker with staff id 'SW-X' in Essex"),
])
def test_parse_scope_names_what_is_wrong(county: dict[str, Worker], text: str,
                                         message: str) -> None:
    with pytest.raises(ScopeError) as error:
        parse_scope(la(), text)
    assert str(error.value).startswith(message)
