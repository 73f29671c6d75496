"""Work still to do: hand-built cases with hand-counted due dates, bands from the database, and
one query per rule however many children are asked about."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.factories import (
    AssessmentFactory,
    CarePeriodFactory,
    ChildFactory,
    CINEpisodeFactory,
    ContactFactory,
    MissingEpisodeFactory,
    ReturnHomeInterviewFactory,
)

from hearth.care.models import CLAReview
from hearth.core import codes
from hearth.organisation.models import LocalAuthority
from hearth.timescales import due
from hearth.timescales.due import PENDING, Band, due_items, week_end

D = dt.date
LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2024, 6, 3, 10, 0, tzinfo=LONDON)  # Monday; the week ends Sunday 9 June
pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def la() -> LocalAuthority:
    return LocalAuthority.objects.get()


def test_week_end_is_the_coming_sunday() -> None:
    assert week_end(D(2024, 6, 3)) == D(2024, 6, 9)
    assert week_end(D(2024, 6, 9)) == D(2024, 6, 9)


def test_due_items_on_a_hand_built_case() -> None:
    child = ChildFactory()
    # Contact Thursday 30 May, undecided: due Friday 31 May, overdue on Monday.
    ContactFactory(child=child, received_at=at(D(2024, 5, 30), 10))
    # Referral Wednesday 1 May; 6 and 27 May are bank holidays: the 45th working day is 5 July.
    episode = CINEpisodeFactory(child=child, referral_date=D(2024, 5, 1))
    AssessmentFactory(episode=episode)
    # Looked after from Wednesday 8 May with no review: 20 working days is Thursday 6 June.
    CarePeriodFactory(child=child, episode=episode, start_date=D(2024, 5, 8))
    # Back from missing Saturday 1 June 08:00, no interview: due Tuesday 4 June 08:00.
    MissingEpisodeFactory(child=child, started_at=at(D(2024, 5, 31), 20),
                          returned_at=at(D(2024, 6, 1), 8))
    # Back from missing with the interview held: nothing due.
    ReturnHomeInterviewFactory(episode__child=child)

    items = due_items(la(), [child.pk], NOW)

    assert [(i.rule_name, i.due, i.band) for i in items] == [
        ("referral-decision", D(2024, 5, 31), Band.OVERDUE),
        ("rhi", D(2024, 6, 4), Band.THIS_WEEK),
        ("first-cla-review", D(2024, 6, 6), Band.THIS_WEEK),
        ("assessment", D(2024, 7, 5), Band.LATER),
    ]
    assert {i.child_id for i in items} == {child.pk}


def test_rhi_is_overdue_from_the_72nd_hour_not_the_next_day() -> None:
    child = ChildFactory()
    MissingEpisodeFactory(child=child, started_at=at(D(2024, 5, 30), 20),
                          returned_at=at(D(2024, 5, 31), 9))  # due Monday 3 June 09:00
    [item] = due_items(la(), [child.pk], NOW)
    assert (item.due, item.band) == (D(2024, 6, 3), Band.OVERDUE)
    [item] = due_items(la(), [child.pk], at(D(2024, 6, 3), 8))
    assert item.band is Band.THIS_WEEK


def test_later_reviews_follow_the_last_review() -> None:
    child = ChildFactory()
    period = CarePeriodFactory(episode__child=child, start_date=D(2023, 9, 1))
    CLAReview.objects.create(la=period.la, child=child, period=period,
                             review_date=D(2023, 9, 25),
                             participation=codes.ReviewParticipation.PN1)
    [item] = due_items(la(), [child.pk], NOW)
    # One review: the second is due three months later, 25 December 2023.
    assert (item.rule_name, item.due, item.band) == ("second-cla-review", D(2023, 12, 25),
                                                     Band.OVERDUE)
    CLAReview.objects.create(la=period.la, child=child, period=period,
                             review_date=D(2023, 12, 20),
                             participation=codes.ReviewParticipation.PN1)
    [item] = due_items(la(), [child.pk], NOW)
    assert (item.rule_name, item.due, item.band) == ("cla-review", D(2024, 6, 20), Band.LATER)


@pytest.mark.parametrize("referred", [D(2024, 3, 25) + dt.timedelta(days=n) for n in range(40)])
def test_the_band_from_the_database_agrees_with_the_due_date(referred: dt.date) -> None:
    """Around the edges of "overdue" and "this week" (Easter, May bank holidays), the band the
    database works out from cut-offs is the one the due date gives."""
    child = ChildFactory()
    AssessmentFactory(episode=CINEpisodeFactory(child=child, referral_date=referred))
    [item] = due_items(la(), [child.pk], NOW)
    today = NOW.date()
    expected = (Band.OVERDUE if item.due < today else
                Band.THIS_WEEK if item.due <= week_end(today) else Band.LATER)
    assert item.band is expected


def test_one_query_per_rule_however_many_children() -> None:
    children = [ChildFactory() for _ in range(12)]
    for child in children:
        ContactFactory(child=child, received_at=at(D(2024, 5, 30), 10))
        AssessmentFactory(episode=CINEpisodeFactory(child=child, referral_date=D(2024, 5, 20)))

    council = la()
    with CaptureQueriesContext(connection) as few:
        assert len(due_items(council, [c.pk for c in children[:2]], NOW)) == 4
    with CaptureQueriesContext(connection) as many:
        assert len(due_items(council, [c.pk for c in children], NOW)) == 24

    assert len(few) == len(many) == len(PENDING)


def test_only_the_children_asked_about() -> None:
    mine, other = ChildFactory(), ChildFactory()
    ContactFactory(child=other)
    assert due_items(la(), [mine.pk], NOW) == []
    assert due.BY_RULE["referral-decision"].rule.name == "referral-decision"
