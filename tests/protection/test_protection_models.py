"""The database refuses child protection records the CIN census could not accept.

A child has at most one CP plan open at a time, every category of abuse is a census code, and an
s47 enquiry that has ended records whether a conference is needed.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from tests.factories import (
    CINEpisodeFactory,
    CPPlanFactory,
    ICPCFactory,
    S47EnquiryFactory,
    StrategyDiscussionFactory,
)

from hearth.protection.models import CPPlan, CPReview, S47Enquiry, StrategyAttendee

pytestmark = pytest.mark.django_db

#: Both constraints refuse the row; which one reports it depends on the backend.
OPEN_OR_OVERLAP = r"cp_plan_one_open_per_child|cp_plan_no_overlap"


def test_journey_from_strategy_discussion_to_cp_plan_saves() -> None:
    icpc = ICPCFactory()
    plan = CPPlanFactory(episode=icpc.s47.episode, icpc=icpc, start_date=icpc.held_on)

    assert plan.child == icpc.s47.strategy_discussion.child
    assert CPPlan.objects.get(icpc=icpc) == plan


def test_s47_ended_without_recording_whether_a_conference_is_needed_is_refused() -> None:
    discussion = StrategyDiscussionFactory()

    with pytest.raises(IntegrityError, match="s47_ended_has_outcome"), transaction.atomic():
        S47EnquiryFactory(strategy_discussion=discussion,
                          end_date=discussion.held_on + dt.timedelta(days=5))
    with pytest.raises(IntegrityError, match="s47_dates_ordered"), transaction.atomic():
        S47EnquiryFactory(strategy_discussion=discussion, icpc_required=False,
                          end_date=discussion.held_on - dt.timedelta(days=1))

    assert not S47Enquiry.objects.exists()


AGENCY_VALID = "strategy_attendee_agency_valid"


def test_strategy_attendee_from_an_unknown_agency_is_refused() -> None:
    discussion = StrategyDiscussionFactory()
    StrategyAttendee.objects.create(la=discussion.la, discussion=discussion, agency="police",
                                    name="DC Synthetic")

    with pytest.raises(IntegrityError, match=AGENCY_VALID), transaction.atomic():
        StrategyAttendee.objects.create(la=discussion.la, discussion=discussion,
                                        agency="fire_service", name="Officer Synthetic")

    assert discussion.attendees.count() == 1


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        pytest.param({"initial_category": "PHS"}, "cp_initial_category_valid",
                     id="initial-not-a-code"),
        pytest.param({"latest_category": "DOM"}, "cp_latest_category_valid",
                     id="latest-not-a-code"),
        pytest.param({"initial_category": ""}, "cp_initial_category_valid", id="initial-empty"),
        pytest.param({"end_date": dt.date(2024, 1, 1)}, "cp_plan_dates_ordered",
                     id="ends-before-start"),
    ],
)
def test_cp_plan_breaking_its_invariants_is_refused(fields: dict, constraint: str) -> None:
    episode = CINEpisodeFactory()

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        CPPlanFactory(episode=episode, **fields)

    assert not CPPlan.objects.exists()


def test_second_open_cp_plan_for_one_child_is_refused() -> None:
    plan = CPPlanFactory()

    with pytest.raises(IntegrityError, match=OPEN_OR_OVERLAP), transaction.atomic():
        CPPlanFactory(episode=plan.episode, start_date=plan.start_date + dt.timedelta(days=40))

    assert plan.child.cp_plans.count() == 1


def test_new_cp_plan_after_the_last_ended_saves() -> None:
    plan = CPPlanFactory(end_date=dt.date(2024, 6, 1), end_reason="No longer at risk")

    CPPlanFactory(episode=plan.episode, start_date=dt.date(2024, 9, 1),
                  initial_category="EMO", latest_category="EMO")

    assert plan.child.cp_plans.count() == 2


def test_cp_plan_overlapping_an_ended_plan_is_refused() -> None:
    plan = CPPlanFactory(start_date=dt.date(2024, 2, 1), end_date=dt.date(2024, 6, 1),
                         end_reason="No longer at risk")

    with pytest.raises(IntegrityError, match="cp_plan_no_overlap"), transaction.atomic():
        CPPlanFactory(episode=plan.episode, start_date=dt.date(2024, 3, 1))
    with pytest.raises(IntegrityError, match="cp_plan_no_overlap"), transaction.atomic():
        CPPlanFactory(episode=plan.episode, start_date=dt.date(2024, 1, 20),
                      end_date=dt.date(2024, 2, 2), end_reason="Transferred")

    CPPlanFactory(episode=plan.episode, start_date=dt.date(2024, 6, 1))
    assert plan.child.cp_plans.count() == 2


def test_two_review_conferences_for_one_plan_on_one_day_are_refused() -> None:
    plan = CPPlanFactory()
    review_date = plan.start_date + dt.timedelta(days=90)
    CPReview.objects.create(la=plan.la, plan=plan, review_date=review_date)

    with pytest.raises(IntegrityError, match=r"(?i)unique"), transaction.atomic():
        CPReview.objects.create(la=plan.la, plan=plan, review_date=review_date)

    assert plan.reviews.count() == 1
