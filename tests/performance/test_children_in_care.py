"""Children looked after, on hand-built case files with hand-counted answers. As of 31 March 2025:
flows are 1 April 2024 - 31 March 2025."""

from __future__ import annotations

import datetime as dt

from tests.factories import MissingEpisodeFactory, ReturnHomeInterviewFactory
from tests.performance.casefile import AS_OF, D, at, figures, in_care

from hearth.care.models import CarePeriod, CLAReview, HealthCheck
from hearth.people.models import UASCStatus
from hearth.practice.models import Visit


def test_looked_after_starts_ceases_placements_and_unaccompanied_children() -> None:
    # Three placements open at some point in the year: the first ended on 1 May 2024.
    in_care(D(2022, 1, 10), placements=((D(2022, 1, 10), D(2024, 5, 1), "U6"),
                                        (D(2024, 5, 1), D(2024, 9, 1), "U6"),
                                        (D(2024, 9, 1), None, "K2")))
    # The first placement ended on 1 April 2024, the first day of the year: it is not a
    # placement in the year, so two.
    in_care(D(2022, 6, 1), placements=((D(2022, 6, 1), D(2024, 4, 1), "U6"),
                                       (D(2024, 4, 1), D(2024, 10, 1), "U6"),
                                       (D(2024, 10, 1), None, "U4")))
    # Entered and left care within the year, with three placements: started and ceased, but
    # neither looked after at the date nor in the placement measure.
    in_care(D(2024, 6, 1), D(2024, 11, 15), placements=(
        (D(2024, 6, 1), D(2024, 8, 1), "U6"), (D(2024, 8, 1), D(2024, 10, 1), "U6"),
        (D(2024, 10, 1), D(2024, 11, 15), "K2")))
    # Unaccompanied, looked after since 1 December 2024.
    uasc = in_care(D(2024, 12, 1), dob=D(2008, 2, 1))
    UASCStatus.objects.create(la=uasc.la, child=uasc.child, start_date=D(2024, 12, 1))
    # Was unaccompanied until 1 March 2025 (aged 18 in the 903's terms); still looked after.
    former = in_care(D(2023, 1, 1), dob=D(2007, 3, 1))
    UASCStatus.objects.create(la=former.la, child=former.child, start_date=D(2023, 1, 1),
                              end_date=D(2025, 3, 1))
    # Left care on the as-of date: ceased in the year, not looked after at the end of the day.
    in_care(D(2023, 5, 1), D(2025, 3, 31))

    # Looked after at the date: the first two, the unaccompanied child and the former one = 4.
    assert figures("cla_count") == (4, 4, None)
    assert figures("cla_per_10k") == (2.0, 4, 20_000)
    # Started in the year: 1 June 2024 and 1 December 2024. Ceased: 15 November, 31 March.
    assert figures("cla_started_count") == (2, 2, None)
    assert figures("cla_ceased_count") == (2, 2, None)
    # Three or more placements in the year: only the first child, of 4.
    assert figures("cla_3plus_placements_pct") == (25.0, 1, 4)
    assert figures("uasc_count") == (1, 1, None)


def test_long_term_placement_stability() -> None:
    # Under 16 at 31 March 2025 means born after 31 March 2009; looked after for 2.5 years
    # means since 30 September 2022 or earlier; stable means placed since 31 March 2023.
    in_care(D(2022, 1, 1), dob=D(2015, 1, 1), placements=(
        (D(2022, 1, 1), D(2023, 3, 1), "U6"), (D(2023, 3, 1), None, "U4")))  # stable
    in_care(D(2022, 9, 30), dob=D(2015, 1, 1), placements=(
        (D(2022, 9, 30), D(2023, 4, 1), "U6"), (D(2023, 4, 1), None, "U4")))  # moved too late
    in_care(D(2022, 10, 1), dob=D(2015, 1, 1))  # in care just under 2.5 years: not counted
    in_care(D(2020, 1, 1), dob=D(2009, 3, 31))  # 16 on the as-of date: not counted

    assert figures("cla_long_term_stability_pct") == (50.0, 1, 2)


def review(period: CarePeriod, *days: dt.date) -> None:
    for day in days:
        CLAReview.objects.create(la=period.la, child=period.child, period=period,
                                 review_date=day, participation="PN1")


def test_cla_reviews_up_to_date() -> None:
    # 20 working days from Monday 3 March 2025 is Monday 31 March: not yet due.
    in_care(D(2025, 3, 3))
    # 20 working days from Friday 28 February is Friday 28 March, with no review: overdue.
    in_care(D(2025, 2, 28))
    # One review on 20 September 2024; the second was due by 20 December: overdue.
    review(in_care(D(2024, 9, 1)), D(2024, 9, 20))
    # Last of three reviews on 1 October 2024; the next is due by 1 April 2025: in time.
    review(in_care(D(2024, 1, 1)), D(2024, 1, 25), D(2024, 4, 20), D(2024, 10, 1))
    # One review on 31 December 2024; the second is due by 31 March 2025: in time.
    review(in_care(D(2024, 12, 1)), D(2024, 12, 31))
    # From Thursday 2 January 2025 the first review was due on Thursday 30 January; the one
    # held after the as-of date does not count: overdue.
    review(in_care(D(2025, 1, 2)), D(2025, 4, 2))

    assert figures("cla_reviews_in_time_pct") == (50.0, 3, 6)


def visited(period: CarePeriod, *days: dt.date) -> None:
    for day in days:
        Visit.objects.create(la=period.la, child=period.child, kind="cla", visit_date=day)


def test_statutory_visits_up_to_date() -> None:
    # Cut-offs at 31 March 2025: a week after 24 March, 6 weeks after 17 February, 3 months
    # after 31 December 2024.
    in_care(D(2025, 3, 25))  # placed a week ago less a day, not visited yet: in time
    # Moved on 20 March and not visited since (the visit on 1 March was in the last placement).
    visited(in_care(D(2025, 1, 6), placements=((D(2025, 1, 6), D(2025, 3, 20), "U6"),
                                               (D(2025, 3, 20), None, "U6"))), D(2025, 3, 1))
    visited(in_care(D(2024, 6, 1)), D(2025, 2, 17))  # six weeks ago to the day: in time
    visited(in_care(D(2024, 6, 1)), D(2025, 2, 16))  # six weeks and a day: overdue
    # A long-term foster placement of more than a year: three-monthly visits, in time.
    visited(in_care(D(2023, 6, 1), placements=((D(2023, 6, 1), None, "U4"),)), D(2025, 1, 10))
    # The same, in the first year of the placement: six-weekly, overdue.
    visited(in_care(D(2024, 6, 1), placements=((D(2024, 6, 1), None, "U4"),)), D(2025, 1, 10))

    assert figures("cla_visits_in_time_pct") == (50.0, 3, 6)


def checked(period: CarePeriod, kind: str, day: dt.date) -> None:
    HealthCheck.objects.create(la=period.la, child=period.child, kind=kind, check_date=day)


def test_health_assessments_up_to_date() -> None:
    # Looked after for 12 months at 31 March 2025 means since 31 March 2024 or earlier.
    checked(in_care(D(2023, 1, 1), dob=D(2015, 1, 1)), "rha", D(2024, 3, 31))  # 12 months: in
    checked(in_care(D(2023, 1, 1), dob=D(2015, 1, 1)), "rha", D(2024, 3, 30))  # a day over
    checked(in_care(D(2023, 1, 1), dob=D(2021, 6, 1)), "rha", D(2024, 10, 1))  # under 5: 6 months
    checked(in_care(D(2023, 1, 1), dob=D(2021, 6, 1)), "rha", D(2024, 9, 30))  # under 5, late
    checked(in_care(D(2023, 1, 1), dob=D(2015, 1, 1)), "dental", D(2025, 1, 1))  # not a health
    checked(in_care(D(2024, 4, 1), dob=D(2015, 1, 1)), "iha", D(2024, 4, 20))  # < 12 months

    assert figures("cla_health_assessments_in_time_pct") == (40.0, 2, 5)


def test_missing_episodes_and_return_interviews_within_72_hours() -> None:
    def missing(went: dt.datetime, back: dt.datetime | None, held: dt.datetime | None = None,
                *, accepted: bool = True) -> None:
        episode = MissingEpisodeFactory(started_at=went, returned_at=back)
        if back is not None and (held is not None or not accepted):
            ReturnHomeInterviewFactory(episode=episode, offered_at=back + dt.timedelta(hours=1),
                                       accepted=accepted, held_at=held)

    # 00:30 on 1 April 2024 in London is 23:30 on 31 March in UTC: in the period. No interview.
    missing(at(D(2024, 4, 1), 0, 30), at(D(2024, 4, 1), 6))
    missing(at(D(2024, 5, 3), 18), at(D(2024, 5, 4), 8), at(D(2024, 5, 7), 8))  # 72 hours: in
    missing(at(D(2024, 6, 9), 18), at(D(2024, 6, 10), 8), at(D(2024, 6, 13), 9))  # 73 hours
    missing(at(D(2024, 6, 30), 18), at(D(2024, 7, 1), 10), accepted=False)  # declined
    # Back at noon on Friday 25 October 2024 (BST); clocks go back on Sunday 27th; interview at
    # 11:30 on Monday 28th (GMT): 71.5 hours by the clock on the wall, 72.5 elapsed: late.
    missing(at(D(2024, 10, 24), 20), at(D(2024, 10, 25), 12), at(D(2024, 10, 28), 11, 30))
    missing(at(D(2025, 3, 31), 20), at(D(2025, 4, 1), 2))  # back after the period
    missing(at(D(2025, 3, 31), 22), None)  # still missing

    # Began in the period: all seven.
    assert figures("missing_episodes_count") == (7, 7, None)
    # Came back in the period: 1 April, 4 May, 10 June, 1 July, 25 October = 5; within 72
    # hours: 4 May only.
    assert figures("rhi_within_72h_pct") == (20.0, 1, 5)


def test_days_from_entering_care_to_moving_in_with_adopters() -> None:
    # 10 January 2022 to 14 February 2023 is 400 days; adopted on 1 June 2024.
    in_care(D(2022, 1, 10), D(2024, 6, 1), reason="E11", placements=(
        (D(2022, 1, 10), D(2023, 2, 14), "U6"), (D(2023, 2, 14), D(2024, 6, 1), "A6")))
    # 1 March 2023 to 1 December 2023 is 275 days; adopted on 15 January 2025.
    in_care(D(2023, 3, 1), D(2025, 1, 15), reason="E12", placements=(
        (D(2023, 3, 1), D(2023, 12, 1), "U6"), (D(2023, 12, 1), D(2025, 1, 15), "A5")))
    in_care(D(2021, 3, 1), D(2024, 3, 1), reason="E11", placements=(
        (D(2021, 3, 1), D(2022, 3, 1), "U6"), (D(2022, 3, 1), D(2024, 3, 1), "A6")))  # before
    in_care(D(2023, 3, 1), D(2024, 9, 1), reason="E4A")  # went home, not adopted

    # (400 + 275) / 2 = 337.5 days.
    assert figures("adoption_entry_to_placed_days") == (337.5, 675, 2)


def test_nothing_to_count_gives_no_value() -> None:
    assert figures("cla_count", AS_OF) == (0, 0, None)
    assert figures("cla_3plus_placements_pct") == (None, 0, 0)
    assert figures("adoption_entry_to_placed_days") == (None, 0, 0)
