"""The database keeps the CIN episode, the spine of a child's record, coherent.

CIN census: an episode runs from referral to closure; a closed episode has a reason; a child has
one open episode at a time and episodes never overlap; a referral with no further action closes
on the day it was made.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from tests.factories import ChildFactory, CINEpisodeFactory, CINPlanFactory

from hearth.cin.models import CINEpisode, CINPlan

pytestmark = pytest.mark.django_db

JAN_1, FEB_1, MAR_1 = dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 3, 1)

CLOSURE_REASON = "cin_episode_closure_has_reason"
NFA = "cin_episode_nfa_closes_on_referral_day"
OVERLAP = "cin_episode_no_overlap"
#: Both constraints refuse the row; which one reports it depends on the backend.
OPEN_OR_OVERLAP = r"cin_episode_one_open_per_child|cin_episode_no_overlap"
PLAN_OPEN_OR_OVERLAP = r"cin_plan_one_open_per_child|cin_plan_no_overlap"


def test_open_and_closed_episodes_save() -> None:
    child = ChildFactory()
    CINEpisodeFactory(child=child, referral_date=JAN_1, closure_date=FEB_1, closure_reason="RC7")
    CINEpisodeFactory(child=child, referral_date=MAR_1)

    assert child.cin_episodes.filter(closure_date__isnull=True).count() == 1
    assert child.cin_episodes.count() == 2


def test_episode_closed_before_its_referral_is_refused() -> None:
    child = ChildFactory()

    with pytest.raises(IntegrityError, match="cin_episode_dates_ordered"), transaction.atomic():
        CINEpisodeFactory(child=child, referral_date=FEB_1, closure_date=JAN_1,
                          closure_reason="RC7")

    assert not CINEpisode.objects.exists()


def test_episode_closed_without_a_reason_is_refused() -> None:
    child = ChildFactory()

    with pytest.raises(IntegrityError, match=CLOSURE_REASON), transaction.atomic():
        CINEpisodeFactory(child=child, referral_date=JAN_1, closure_date=FEB_1)

    assert not CINEpisode.objects.exists()


def test_open_episode_with_a_closure_reason_is_refused() -> None:
    child = ChildFactory()

    with pytest.raises(IntegrityError, match=CLOSURE_REASON), transaction.atomic():
        CINEpisodeFactory(child=child, closure_reason="RC7")

    assert not CINEpisode.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "constraint"),
    [
        ("closure_reason", "RC0", "cin_closure_reason_valid"),
        ("referral_source", "5E", "cin_referral_source_valid"),
        ("primary_need", "NX", "cin_primary_need_valid"),
    ],
)
def test_episode_with_a_code_outside_the_census_list_is_refused(field: str, value: str,
                                                                constraint: str) -> None:
    child = ChildFactory()
    closed = {"closure_date": FEB_1} if field == "closure_reason" else {}

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        CINEpisodeFactory(child=child, referral_date=JAN_1, **closed, **{field: value})

    assert not CINEpisode.objects.exists()


def test_second_open_episode_for_one_child_is_refused() -> None:
    child = ChildFactory()
    CINEpisodeFactory(child=child, referral_date=JAN_1)

    with pytest.raises(IntegrityError, match=OPEN_OR_OVERLAP), transaction.atomic():
        CINEpisodeFactory(child=child, referral_date=MAR_1)

    assert child.cin_episodes.count() == 1


def test_open_episodes_of_different_children_save() -> None:
    CINEpisodeFactory(referral_date=JAN_1)
    CINEpisodeFactory(referral_date=JAN_1)

    assert CINEpisode.objects.filter(closure_date__isnull=True).count() == 2


def test_episode_starting_inside_a_closed_episode_is_refused() -> None:
    child = ChildFactory()
    CINEpisodeFactory(child=child, referral_date=JAN_1, closure_date=MAR_1, closure_reason="RC7")

    with pytest.raises(IntegrityError, match=OVERLAP), transaction.atomic():
        CINEpisodeFactory(child=child, referral_date=FEB_1)
    with pytest.raises(IntegrityError, match=OVERLAP), transaction.atomic():
        CINEpisodeFactory(child=child, referral_date=dt.date(2023, 12, 1),
                          closure_date=dt.date(2024, 1, 15), closure_reason="RC8")

    assert child.cin_episodes.count() == 1


def test_episode_referred_on_the_day_the_last_closed_saves() -> None:
    child = ChildFactory()
    CINEpisodeFactory(child=child, referral_date=JAN_1, closure_date=FEB_1, closure_reason="RC7")

    CINEpisodeFactory(child=child, referral_date=FEB_1)

    assert child.cin_episodes.count() == 2


def test_reopening_a_closed_episode_over_a_later_one_is_refused() -> None:
    child = ChildFactory()
    first = CINEpisodeFactory(child=child, referral_date=JAN_1, closure_date=FEB_1,
                              closure_reason="RC7")
    CINEpisodeFactory(child=child, referral_date=MAR_1, closure_date=dt.date(2024, 4, 1),
                      closure_reason="RC8")

    first.closure_date = dt.date(2024, 3, 15)
    with pytest.raises(IntegrityError, match=OVERLAP), transaction.atomic():
        first.save()

    first.refresh_from_db()
    assert first.closure_date == FEB_1


def test_nfa_referral_closed_on_the_day_it_was_made_saves() -> None:
    episode = CINEpisodeFactory(referral_nfa=True, referral_date=JAN_1, closure_date=JAN_1,
                                closure_reason="RC8")

    assert CINEpisode.objects.get(pk=episode.pk).referral_nfa


def test_nfa_referral_closed_on_a_later_day_is_refused() -> None:
    child = ChildFactory()

    with pytest.raises(IntegrityError, match=NFA), transaction.atomic():
        CINEpisodeFactory(child=child, referral_nfa=True, referral_date=JAN_1,
                          closure_date=dt.date(2024, 1, 2), closure_reason="RC8")

    assert not CINEpisode.objects.exists()


def test_nfa_referral_left_open_is_refused() -> None:
    child = ChildFactory()

    with pytest.raises(IntegrityError, match=NFA), transaction.atomic():
        CINEpisodeFactory(child=child, referral_nfa=True, referral_date=JAN_1)


def test_same_day_nfa_referral_inside_an_open_episode_is_refused() -> None:
    child = ChildFactory()
    CINEpisodeFactory(child=child, referral_date=JAN_1)

    with pytest.raises(IntegrityError, match=OVERLAP), transaction.atomic():
        CINEpisodeFactory(child=child, referral_nfa=True, referral_date=FEB_1,
                          closure_date=FEB_1, closure_reason="RC8")

    assert child.cin_episodes.count() == 1


def test_open_episode_after_a_same_day_nfa_referral_starts_the_next_day() -> None:
    child = ChildFactory()
    CINEpisodeFactory(child=child, referral_nfa=True, referral_date=JAN_1, closure_date=JAN_1,
                      closure_reason="RC8")

    with pytest.raises(IntegrityError, match=OVERLAP), transaction.atomic():
        CINEpisodeFactory(child=child, referral_date=JAN_1)
    CINEpisodeFactory(child=child, referral_date=JAN_1 + dt.timedelta(days=1))

    assert child.cin_episodes.count() == 2


def test_cin_plans_of_one_child_may_not_overlap_or_both_be_open() -> None:
    episode = CINEpisodeFactory(referral_date=JAN_1)
    CINPlanFactory(episode=episode, start_date=JAN_1, end_date=MAR_1)
    CINPlanFactory(episode=episode, start_date=MAR_1)

    with pytest.raises(IntegrityError, match="cin_plan_no_overlap"), transaction.atomic():
        CINPlanFactory(episode=episode, start_date=FEB_1, end_date=dt.date(2024, 2, 20))
    with pytest.raises(IntegrityError, match=PLAN_OPEN_OR_OVERLAP), transaction.atomic():
        CINPlanFactory(episode=episode, start_date=dt.date(2024, 4, 1))
    with pytest.raises(IntegrityError, match="cin_plan_dates_ordered"), transaction.atomic():
        CINPlanFactory(episode=episode, start_date=FEB_1, end_date=JAN_1)

    assert CINPlan.objects.count() == 2
