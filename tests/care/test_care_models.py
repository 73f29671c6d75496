"""The database keeps a looked-after child's periods, legal statuses and placements coherent.

SSDA903 episodes are derived from these rows, so one child's periods of care, legal statuses and
placements must never overlap: the database refuses it (``core.db.NoOverlap``: an exclusion
constraint on PostgreSQL, triggers on SQLite), on insert and on update. Ranges are half-open, so
a placement may end on the day the next begins.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from tests.factories import (
    CarePeriodFactory,
    ChildFactory,
    CINEpisodeFactory,
    LegalStatusRecordFactory,
    MissingEpisodeFactory,
    PlacementFactory,
    ReturnHomeInterviewFactory,
    SDQAssessmentFactory,
)

from hearth.care.models import (
    CarePeriod,
    CLAReview,
    HealthCheck,
    LegalStatusRecord,
    MissingEpisode,
    Placement,
    ReturnHomeInterview,
    SDQAssessment,
)

pytestmark = pytest.mark.django_db

JAN_1, FEB_1, MAR_1, APR_1 = (dt.date(2024, m, 1) for m in (1, 2, 3, 4))

END_REASON = "care_period_end_has_reason"
PLACEMENT_OVERLAP = "placement_no_overlap"
#: Both constraints refuse the row; which one reports it depends on the backend.
PERIOD_OPEN_OR_OVERLAP = r"care_period_one_open_per_child|care_period_no_overlap"
PLACEMENT_OPEN_OR_OVERLAP = r"placement_one_open_per_child|placement_no_overlap"
SDQ_RULE = "sdq_score_or_reason"


@pytest.fixture
def period() -> CarePeriod:
    """An open period of care from 1 January 2024, inside an episode referred in 2023."""
    episode = CINEpisodeFactory(referral_date=dt.date(2023, 12, 1))
    return CarePeriodFactory(episode=episode, start_date=JAN_1)


# Periods of care


def test_period_of_care_with_legal_status_and_placement_saves(period: CarePeriod) -> None:
    LegalStatusRecordFactory(period=period, code="C1")
    PlacementFactory(period=period, placement_type="U4")

    assert period.legal_statuses.get().code == "C1"
    assert period.placements.get().placement_type == "U4"


def test_period_of_care_ended_with_a_reason_saves(period: CarePeriod) -> None:
    period.end_date, period.reason_ceased = APR_1, "E4A"
    period.save()

    assert CarePeriod.objects.get(pk=period.pk).reason_ceased == "E4A"


@pytest.mark.parametrize(
    ("end_date", "reason_ceased", "constraint"),
    [
        pytest.param(APR_1, "", END_REASON, id="ended-without-reason"),
        pytest.param(APR_1, "X1", END_REASON, id="ended-with-X1"),
        pytest.param(APR_1, "E99", END_REASON, id="ended-with-unknown-reason"),
        pytest.param(None, "E4A", END_REASON, id="open-with-reason"),
        pytest.param(dt.date(2023, 12, 31), "E4A", "care_period_dates_ordered",
                     id="ended-before-start"),
    ],
)
def test_period_of_care_ended_wrongly_is_refused(period: CarePeriod, end_date: dt.date | None,
                                                 reason_ceased: str, constraint: str) -> None:
    period.end_date, period.reason_ceased = end_date, reason_ceased

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        period.save()

    period.refresh_from_db()
    assert (period.end_date, period.reason_ceased) == (None, "")


@pytest.mark.parametrize("category", ["N9", "N0", "N"])
def test_period_of_care_with_a_need_outside_n1_to_n8_is_refused(category: str) -> None:
    episode = CINEpisodeFactory()

    with pytest.raises(IntegrityError, match="care_period_need_n1_to_n8"), transaction.atomic():
        CarePeriodFactory(episode=episode, category_of_need=category)

    assert not CarePeriod.objects.exists()


def test_second_open_period_of_care_for_one_child_is_refused(period: CarePeriod) -> None:
    with pytest.raises(IntegrityError, match=PERIOD_OPEN_OR_OVERLAP), transaction.atomic():
        CarePeriodFactory(episode=period.episode, start_date=MAR_1)

    assert period.child.care_periods.count() == 1


def test_overlapping_periods_of_care_are_refused() -> None:
    episode = CINEpisodeFactory(referral_date=dt.date(2023, 1, 1))
    CarePeriodFactory(episode=episode, start_date=JAN_1, end_date=MAR_1, reason_ceased="E4A")

    with pytest.raises(IntegrityError, match="care_period_no_overlap"), transaction.atomic():
        CarePeriodFactory(episode=episode, start_date=FEB_1, end_date=APR_1,
                          reason_ceased="E13")
    with pytest.raises(IntegrityError, match="care_period_no_overlap"), transaction.atomic():
        CarePeriodFactory(episode=episode, start_date=FEB_1)

    CarePeriodFactory(episode=episode, start_date=MAR_1)  # back into care the day it ended
    assert episode.child.care_periods.count() == 2


# Legal statuses


def test_overlapping_legal_statuses_are_refused(period: CarePeriod) -> None:
    LegalStatusRecordFactory(period=period, code="V2", start_date=JAN_1, end_date=MAR_1)

    with pytest.raises(IntegrityError, match="legal_status_no_overlap"), transaction.atomic():
        LegalStatusRecordFactory(period=period, code="C1", start_date=FEB_1)

    assert period.legal_statuses.count() == 1


def test_legal_status_starting_the_day_the_last_ended_saves(period: CarePeriod) -> None:
    LegalStatusRecordFactory(period=period, code="C1", start_date=JAN_1, end_date=MAR_1)
    LegalStatusRecordFactory(period=period, code="C2", start_date=MAR_1)

    assert list(period.legal_statuses.order_by("start_date").values_list("code", flat=True)) == [
        "C1", "C2"]


def test_legal_status_outside_the_903_list_is_refused(period: CarePeriod) -> None:
    with pytest.raises(IntegrityError, match="legal_status_code_valid"), transaction.atomic():
        LegalStatusRecordFactory(period=period, code="V1")

    assert not LegalStatusRecord.objects.exists()


# Placements


def test_overlapping_placements_are_refused(period: CarePeriod) -> None:
    PlacementFactory(period=period, start_date=JAN_1, end_date=MAR_1, end_reason="CARPL")

    with pytest.raises(IntegrityError, match=PLACEMENT_OVERLAP), transaction.atomic():
        PlacementFactory(period=period, start_date=FEB_1)
    with pytest.raises(IntegrityError, match=PLACEMENT_OVERLAP), transaction.atomic():
        PlacementFactory(period=period, start_date=dt.date(2024, 1, 10),
                         end_date=dt.date(2024, 1, 20), end_reason="CARPL")
    with pytest.raises(IntegrityError, match=PLACEMENT_OVERLAP), transaction.atomic():
        PlacementFactory(period=period, start_date=dt.date(2023, 12, 1), end_date=APR_1,
                         end_reason="CARPL")

    assert period.placements.count() == 1


def test_placement_starting_the_day_the_last_ended_saves(period: CarePeriod) -> None:
    PlacementFactory(period=period, start_date=JAN_1, end_date=MAR_1, end_reason="CARPL")
    PlacementFactory(period=period, start_date=MAR_1)

    assert period.placements.count() == 2


def test_placements_of_different_children_may_overlap(period: CarePeriod) -> None:
    other = CarePeriodFactory(start_date=JAN_1)
    PlacementFactory(period=period, start_date=JAN_1)
    PlacementFactory(period=other, start_date=JAN_1)

    assert Placement.objects.filter(end_date__isnull=True).count() == 2


def test_updating_a_placement_so_it_overlaps_another_is_refused(period: CarePeriod) -> None:
    first = PlacementFactory(period=period, start_date=JAN_1, end_date=FEB_1, end_reason="CARPL")
    second = PlacementFactory(period=period, start_date=FEB_1, end_date=MAR_1,
                              end_reason="CARPL")

    second.start_date = dt.date(2024, 1, 15)
    with pytest.raises(IntegrityError, match=PLACEMENT_OVERLAP), transaction.atomic():
        second.save()
    with pytest.raises(IntegrityError, match=PLACEMENT_OVERLAP), transaction.atomic():
        Placement.objects.filter(pk=first.pk).update(end_date=dt.date(2024, 2, 15))

    assert Placement.objects.get(pk=first.pk).end_date == FEB_1
    assert Placement.objects.get(pk=second.pk).start_date == FEB_1


def test_updating_a_placement_within_its_own_dates_saves(period: CarePeriod) -> None:
    """The update check ignores the row's own old dates (SQLite trigger excludes itself)."""
    placement = PlacementFactory(period=period, start_date=JAN_1)

    placement.end_date, placement.end_reason = MAR_1, "CARPL"
    placement.save()
    Placement.objects.filter(pk=placement.pk).update(start_date=dt.date(2024, 1, 2))

    placement.refresh_from_db()
    assert (placement.start_date, placement.end_date) == (dt.date(2024, 1, 2), MAR_1)


def test_bulk_created_overlapping_placements_are_refused(period: CarePeriod) -> None:
    """An importer writing many rows at once gets the same refusal as a form."""
    rows = [
        Placement(la=period.la, child=period.child, period=period, placement_type="U6",
                  start_date=start, end_date=end, end_reason="CARPL")
        for start, end in [(JAN_1, MAR_1), (FEB_1, APR_1)]
    ]

    with pytest.raises(IntegrityError, match=PLACEMENT_OVERLAP), transaction.atomic():
        Placement.objects.bulk_create(rows)

    assert not Placement.objects.exists()


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        pytest.param({"placement_type": "U7"}, "placement_type_valid", id="type-not-a-dfe-code"),
        pytest.param({"placement_type": "u4"}, "placement_type_valid", id="type-lower-case"),
        pytest.param({"placement_type": ""}, "placement_type_valid", id="type-empty"),
        pytest.param({"provider": "PR9"}, "placement_provider_valid",
                     id="provider-not-a-dfe-code"),
        pytest.param({"end_date": MAR_1, "end_reason": "MOVED"}, "placement_end_reason_valid",
                     id="end-reason-not-a-code"),
        pytest.param({"end_date": dt.date(2023, 12, 31)}, "placement_dates_ordered",
                     id="ends-before-start"),
    ],
)
def test_placement_breaking_its_invariants_is_refused(period: CarePeriod, fields: dict,
                                                      constraint: str) -> None:
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        PlacementFactory(period=period, **fields)

    assert not Placement.objects.exists()


def test_second_open_placement_for_one_child_is_refused(period: CarePeriod) -> None:
    PlacementFactory(period=period, start_date=JAN_1)

    with pytest.raises(IntegrityError, match=PLACEMENT_OPEN_OR_OVERLAP), transaction.atomic():
        PlacementFactory(period=period, start_date=JAN_1)

    assert period.placements.count() == 1


# Reviews, health, SDQ


def test_two_cla_reviews_on_one_day_or_with_an_unknown_participation_code_are_refused(
    period: CarePeriod,
) -> None:
    CLAReview.objects.create(la=period.la, child=period.child, period=period,
                             review_date=FEB_1, participation="PN1")

    with pytest.raises(IntegrityError, match=r"(?i)unique"), transaction.atomic():
        CLAReview.objects.create(la=period.la, child=period.child, period=period,
                                 review_date=FEB_1, participation="PN2")
    with pytest.raises(IntegrityError, match="cla_review_code_valid"), transaction.atomic():
        CLAReview.objects.create(la=period.la, child=period.child, period=period,
                                 review_date=MAR_1, participation="PN8")
    with pytest.raises(IntegrityError, match="health_check_kind_valid"), transaction.atomic():
        HealthCheck.objects.create(la=period.la, child=period.child, kind="eye_test",
                                   check_date=FEB_1)

    assert period.reviews.count() == 1


@pytest.mark.parametrize(
    ("score", "reason"),
    [(0, ""), (40, ""), (None, "SDQ1"), (None, "SDQ5")],
)
def test_sdq_with_a_score_or_a_reason_saves(score: int | None, reason: str) -> None:
    sdq = SDQAssessmentFactory(score=score, no_score_reason=reason)

    assert SDQAssessment.objects.get(pk=sdq.pk).score == score


@pytest.mark.parametrize(
    ("score", "reason", "constraint"),
    [
        pytest.param(41, "", SDQ_RULE, id="score-over-40"),
        # A positive integer column: Django's own check, named differently by each backend.
        pytest.param(-1, "", "score", id="negative-score"),
        pytest.param(None, "", SDQ_RULE, id="neither-score-nor-reason"),
        pytest.param(12, "SDQ2", SDQ_RULE, id="both-score-and-reason"),
        pytest.param(None, "SDQ9", SDQ_RULE, id="reason-not-a-code"),
    ],
)
def test_sdq_breaking_the_score_or_reason_rule_is_refused(score: int | None, reason: str,
                                                          constraint: str) -> None:
    child = ChildFactory()

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        SDQAssessmentFactory(child=child, score=score, no_score_reason=reason)

    assert not SDQAssessment.objects.exists()


# Missing episodes and return-home interviews


def test_missing_episode_returning_before_it_started_is_refused() -> None:
    child = ChildFactory()
    episode = MissingEpisodeFactory(child=child)

    with pytest.raises(IntegrityError, match="missing_return_after_start"), transaction.atomic():
        MissingEpisodeFactory(child=child, started_at=episode.started_at,
                              returned_at=episode.started_at - dt.timedelta(minutes=1))
    with pytest.raises(IntegrityError, match="missing_kind_valid"), transaction.atomic():
        MissingEpisodeFactory(child=child, kind="X")

    assert child.missing_episodes.get() == episode


def test_return_home_interview_held_when_accepted_or_declined_unheld_saves() -> None:
    held = ReturnHomeInterviewFactory()
    declined = ReturnHomeInterviewFactory(accepted=False, held_at=None)

    assert ReturnHomeInterview.objects.get(pk=held.pk).held_at is not None
    assert not ReturnHomeInterview.objects.get(pk=declined.pk).accepted


def test_return_home_interview_held_when_not_accepted_is_refused() -> None:
    missing = MissingEpisodeFactory()

    with pytest.raises(IntegrityError, match="rhi_held_only_if_accepted"), transaction.atomic():
        ReturnHomeInterviewFactory(episode=missing, accepted=False)

    assert not ReturnHomeInterview.objects.exists()
    assert MissingEpisode.objects.get() == missing
