"""Every measure is computed set-based: a fixed number of queries however many children."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.factories import (
    AllocationFactory,
    AreaFactory,
    AssessmentFactory,
    CareLeaverFactory,
    CareLeaverStatusFactory,
    ChildFactory,
    ContactFactory,
    CPPlanFactory,
    ICPCFactory,
    MissingEpisodeFactory,
    ReturnHomeInterviewFactory,
    S47EnquiryFactory,
    StrategyDiscussionFactory,
    TeamFactory,
    WorkerFactory,
)
from tests.performance.casefile import AS_OF, D, at, episode, in_care, la

from hearth.care.models import CLAReview, HealthCheck
from hearth.organisation.models import Worker
from hearth.people.models import UASCStatus
from hearth.performance.measures import MEASURES, compute
from hearth.performance.scope import COUNCIL, parse_scope
from hearth.practice.models import CaseAudit, Visit

#: One aggregate query per query function. Counts and their rates per 10,000 share a query, as
#: do assessments and ICPCs with their timeliness, and the three measures of each care leavers'
#: age band: 40 measures, 29 queries.
QUERIES = 29


def case_file(child_number: int, worker: Worker) -> None:
    """One child with a record of nearly everything the measures read."""
    day = D(2024, 4, 1) + dt.timedelta(days=child_number)
    child = ChildFactory(date_of_birth=D(2012, 6, 1))
    AllocationFactory(child=child, worker=worker, start_date=day)
    ContactFactory(child=child, received_at=at(day), decision="referral", decided_at=at(day, 15))
    opened = episode(day, child=child)
    AssessmentFactory(episode=opened, start_date=day, completed_date=day + dt.timedelta(days=30),
                      authorised_date=day + dt.timedelta(days=30), status="authorised")
    discussion = StrategyDiscussionFactory(episode=opened, held_on=day)
    icpc = ICPCFactory(s47=S47EnquiryFactory(strategy_discussion=discussion, icpc_required=True,
                                             end_date=day + dt.timedelta(days=10)),
                       held_on=day + dt.timedelta(days=12))
    CPPlanFactory(episode=opened, icpc=icpc, start_date=day + dt.timedelta(days=12),
                  end_date=day + dt.timedelta(days=60))
    period = in_care(D(2022, 1, 1), child=ChildFactory(), placements=(
        (D(2022, 1, 1), day, "U6"), (day, None, "U4")))
    AllocationFactory(child=period.child, worker=worker, start_date=D(2022, 1, 1))
    CLAReview.objects.create(la=period.la, child=period.child, period=period, review_date=day,
                             participation="PN1")
    Visit.objects.create(la=period.la, child=period.child, kind="cla", visit_date=day)
    HealthCheck.objects.create(la=period.la, child=period.child, kind="rha", check_date=day)
    UASCStatus.objects.create(la=period.la, child=period.child, start_date=D(2022, 1, 1))
    missing = MissingEpisodeFactory(child=period.child, started_at=at(day, 18),
                                    returned_at=at(day + dt.timedelta(days=1), 8))
    ReturnHomeInterviewFactory(episode=missing)
    adopted = in_care(D(2022, 1, 1), day, reason="E11", placements=(
        (D(2022, 1, 1), D(2023, 1, 1), "U6"), (D(2023, 1, 1), day, "A6")))
    AllocationFactory(child=adopted.child, worker=worker, start_date=D(2022, 1, 1),
                      end_date=day)
    leaver = CareLeaverFactory(child=ChildFactory(date_of_birth=D(2004, 6, 1)),
                               personal_adviser=worker)
    CareLeaverStatusFactory(care_leaver=leaver, recorded_on=day)
    CaseAudit.objects.create(la=child.la, child=child, auditor=worker, audit_date=day,
                             theme="Planning", grade="good")


@pytest.mark.parametrize("children", [1, 10])
def test_all_measures_take_a_fixed_number_of_queries(
        children: int, django_assert_num_queries: object) -> None:
    worker = WorkerFactory(team=TeamFactory(area=AreaFactory(name="North")))
    for number in range(children):
        case_file(number, worker)
    council = la()
    area = parse_scope(council, "area:North")

    for scope in (COUNCIL, area):
        with django_assert_num_queries(QUERIES):  # type: ignore[operator]
            results = compute(council, AS_OF, scope)
        assert len(results) == len(MEASURES)
        counted = {r.measure.id: r.numerator for r in results}
        # Every child's records are found, in the council and in the area that holds them.
        assert counted["referrals_count"] == children
        assert counted["cla_count"] == children
        assert counted["rhi_within_72h_pct"] == children
        assert counted["adoption_entry_to_placed_days"] > 0
