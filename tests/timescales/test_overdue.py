"""Overdue lists: hand-built cases with hand-counted due dates, one query per rule."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from tests.factories import (
    AssessmentFactory,
    CareLeaverFactory,
    CarePeriodFactory,
    CINEpisodeFactory,
    ContactFactory,
    CPPlanFactory,
    ICPCFactory,
    MissingEpisodeFactory,
    ReturnHomeInterviewFactory,
    S47EnquiryFactory,
    StrategyDiscussionFactory,
)

from hearth.care.models import CLAReview
from hearth.leavingcare.models import PathwayPlan
from hearth.organisation.models import LocalAuthority
from hearth.protection.models import CoreGroup, CPReview
from hearth.timescales import overdue

D = dt.date
LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db


def la() -> LocalAuthority:
    return LocalAuthority.objects.get()


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def test_contact_awaiting_decision_after_one_working_day() -> None:
    late = ContactFactory(received_at=at(D(2024, 5, 30), 10))  # Thursday: due Friday
    ContactFactory(received_at=at(D(2024, 5, 31), 10))  # Friday: due Monday 3 June
    ContactFactory(received_at=at(D(2024, 5, 29), 10), decision="nfa",
                   decided_at=at(D(2024, 5, 29), 15))
    assert list(overdue.contacts_awaiting_decision(la(), D(2024, 6, 3))) == [late]


def test_assessment_due_45_working_days_after_referral_over_easter_and_may() -> None:
    # Referred Thursday 28 March 2024: Good Friday, Easter Monday, 6 and 27 May are holidays,
    # so the 45th working day is Wednesday 5 June.
    episode = CINEpisodeFactory(referral_date=D(2024, 3, 28))
    late = AssessmentFactory(episode=episode)
    done = AssessmentFactory(episode=CINEpisodeFactory(referral_date=D(2024, 3, 28)),
                             status="authorised", completed_date=D(2024, 5, 1),
                             authorised_date=D(2024, 5, 1))
    assert list(overdue.assessments(la(), D(2024, 6, 5))) == []
    assert list(overdue.assessments(la(), D(2024, 6, 6))) == [late]
    assert done not in overdue.assessments(la(), D(2024, 6, 6))


def test_icpc_due_15_working_days_after_the_strategy_discussion() -> None:
    # Strategy discussion Wednesday 1 May 2024; 6 May is a bank holiday: due Thursday 23 May.
    late = S47EnquiryFactory(strategy_discussion=StrategyDiscussionFactory(
        held_on=D(2024, 5, 1)))
    S47EnquiryFactory(strategy_discussion=StrategyDiscussionFactory(held_on=D(2024, 5, 1)),
                      end_date=D(2024, 5, 10), icpc_required=False)
    ICPCFactory(s47__strategy_discussion__held_on=D(2024, 5, 1))
    assert list(overdue.icpcs(la(), D(2024, 5, 23))) == []
    assert list(overdue.icpcs(la(), D(2024, 5, 24))) == [late]


def test_core_group_and_cp_reviews() -> None:
    plan = CPPlanFactory(episode=CINEpisodeFactory(referral_date=D(2023, 11, 1)),
                         start_date=D(2023, 11, 30))
    # No core group: 10 working days from 30 November 2023 is 14 December.
    assert list(overdue.core_groups(la(), D(2023, 12, 15))) == [plan]
    CoreGroup.objects.create(la=plan.la, plan=plan, held_on=D(2023, 12, 12))
    assert list(overdue.core_groups(la(), D(2023, 12, 15))) == []
    # First review within 3 months: 29 February 2024 in a leap year.
    assert list(overdue.first_cp_reviews(la(), D(2024, 2, 29))) == []
    assert list(overdue.first_cp_reviews(la(), D(2024, 3, 1))) == [plan]
    CPReview.objects.create(la=plan.la, plan=plan, review_date=D(2024, 2, 29))
    assert list(overdue.first_cp_reviews(la(), D(2024, 3, 1))) == []
    # Then at most six months: 29 August 2024.
    assert list(overdue.cp_reviews(la(), D(2024, 8, 29))) == []
    assert list(overdue.cp_reviews(la(), D(2024, 8, 30))) == [plan]


def test_cla_reviews_first_second_and_later() -> None:
    period = CarePeriodFactory(start_date=D(2024, 3, 1))
    # 20 working days from Friday 1 March 2024, over Easter: Tuesday 2 April.
    assert list(overdue.first_cla_reviews(la(), D(2024, 4, 2))) == []
    assert list(overdue.first_cla_reviews(la(), D(2024, 4, 3))) == [period]
    review = CLAReview.objects.create(la=period.la, child=period.child, period=period,
                                      review_date=D(2024, 1, 31), participation="PN1")
    assert list(overdue.first_cla_reviews(la(), D(2024, 4, 3))) == []
    # Second review within 3 months of 31 January: 30 April.
    assert list(overdue.second_cla_reviews(la(), D(2024, 4, 30))) == []
    assert list(overdue.second_cla_reviews(la(), D(2024, 5, 1))) == [period]
    review.pk = None
    review.review_date = D(2024, 2, 29)
    review.save()
    assert list(overdue.second_cla_reviews(la(), D(2024, 5, 1))) == []
    # Later reviews at most six months apart: 29 August.
    assert list(overdue.cla_reviews(la(), D(2024, 8, 29))) == []
    assert list(overdue.cla_reviews(la(), D(2024, 8, 30))) == [period]


def test_pathway_plan_review_within_six_months() -> None:
    leaver = CareLeaverFactory(start_date=D(2023, 9, 1))
    assert list(overdue.pathway_plan_reviews(la(), D(2024, 3, 2))) == [leaver]
    PathwayPlan.objects.create(la=leaver.la, care_leaver=leaver, plan_date=D(2023, 12, 31))
    assert list(overdue.pathway_plan_reviews(la(), D(2024, 6, 30))) == []
    assert list(overdue.pathway_plan_reviews(la(), D(2024, 7, 1))) == [leaver]


def test_return_interview_overdue_72_hours_after_return() -> None:
    returned = at(D(2024, 5, 4), 8)
    waiting = MissingEpisodeFactory(returned_at=returned)
    ReturnHomeInterviewFactory(episode=MissingEpisodeFactory(returned_at=returned))
    assert list(overdue.return_interviews(la(), returned + dt.timedelta(hours=71))) == []
    assert list(overdue.return_interviews(la(), returned + dt.timedelta(hours=72))) == [waiting]


def _council(n: int) -> None:
    for _ in range(n):
        AssessmentFactory(episode=CINEpisodeFactory(referral_date=D(2024, 1, 8)))
        CPPlanFactory(start_date=D(2024, 1, 10))
        CarePeriodFactory(start_date=D(2024, 3, 1))
        MissingEpisodeFactory()


@pytest.mark.parametrize("children", [1, 12])
def test_counts_take_one_query_per_rule_however_many_children(
        children: int, django_assert_num_queries: object) -> None:
    _council(children)
    now, council = at(D(2024, 9, 2), 12), la()
    with django_assert_num_queries(len(overdue.DATE_LISTS) + 1):  # type: ignore[operator]
        counts = overdue.overdue_counts(council, now)
    assert counts["assessment"] == children
    assert counts["first-cp-review"] == children
    assert counts["first-cla-review"] == children
    assert counts["rhi"] == children
