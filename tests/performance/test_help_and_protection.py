"""Front door, referrals, assessments, children in need and child protection, on hand-built case
files with hand-counted answers. As of 31 March 2025: flows are 1 April 2024 - 31 March 2025."""

from __future__ import annotations

import datetime as dt

from tests.factories import (
    AssessmentFactory,
    ChildFactory,
    ContactFactory,
    CPPlanFactory,
    ICPCFactory,
    S47EnquiryFactory,
    StrategyDiscussionFactory,
)
from tests.performance.casefile import D, at, episode, figures

from hearth.people.models import Child


def test_contacts_their_outcome_and_decision_within_one_working_day() -> None:
    # Friday 20 December -> Monday 23 December: the next working day, in time.
    ContactFactory(received_at=at(D(2024, 12, 20)), decision="referral",
                   decided_at=at(D(2024, 12, 23), 9))
    # Tuesday 24 December -> Friday 27 December: 25 and 26 December are bank holidays, in time.
    ContactFactory(received_at=at(D(2024, 12, 24)), decision="nfa",
                   decided_at=at(D(2024, 12, 27), 9))
    # Monday 2 December -> Wednesday 4 December: two working days, late.
    ContactFactory(received_at=at(D(2024, 12, 2)), decision="referral",
                   decided_at=at(D(2024, 12, 4), 9))
    # Received at 4 pm on the last day and not yet decided.
    ContactFactory(received_at=at(D(2025, 3, 31), 16))
    # Received on Sunday 31 March 2024 (before the period), decided Tuesday 2 April: Good Friday
    # and Easter Monday (1 April) are bank holidays, so Tuesday is the next working day.
    ContactFactory(received_at=at(D(2024, 3, 31), 23, 30), decision="advice",
                   decided_at=at(D(2024, 4, 2), 9))
    # Received at 00:30 on 1 April 2025 (23:30 on 31 March in UTC): after the period.
    ContactFactory(received_at=at(D(2025, 4, 1), 0, 30))

    # Received in the period: 20 Dec, 24 Dec, 2 Dec, 31 Mar = 4.
    assert figures("contacts_count") == (4, 4, None)
    # Received in the period and decided: 3; decided as a referral: 20 Dec and 2 Dec = 2.
    assert figures("contacts_to_referral_pct") == (66.7, 2, 3)
    # Decided in the period: 23 Dec, 27 Dec, 4 Dec, 2 Apr = 4; in time: all but 4 Dec = 3.
    assert figures("contacts_decided_1wd_pct") == (75.0, 3, 4)


def test_referrals_and_rereferrals_within_12_months() -> None:
    a, b, c, f = ChildFactory(), ChildFactory(), ChildFactory(), ChildFactory()
    episode(D(2024, 6, 3), D(2024, 8, 1), child=a)  # first referral of A
    episode(D(2025, 1, 10), child=a)  # 221 days later: a re-referral
    episode(D(2023, 5, 1), D(2023, 6, 1), child=b)  # before the period
    episode(D(2024, 5, 15), child=b)  # 380 days after B's last: not a re-referral
    episode(D(2024, 3, 1), D(2024, 3, 20), child=c)  # before the period, but ...
    episode(D(2024, 4, 20), child=c)  # ... 50 days before this one: a re-referral
    episode(D(2024, 1, 10), D(2024, 2, 1), child=f)
    episode(D(2025, 1, 9), child=f)  # exactly 365 days later (2024 is a leap year): re-referral
    episode(D(2025, 3, 31), D(2025, 3, 31), nfa=True)  # last day, no further action: counted
    episode(D(2025, 4, 1))  # after the period

    # In the period: A 3 Jun, A 10 Jan, B 15 May, C 20 Apr, F 9 Jan, NFA 31 Mar = 6 referrals.
    assert figures("referrals_count") == (6, 6, None)
    # 6 * 10,000 / 20,000 children = 3.0.
    assert figures("referrals_per_10k") == (3.0, 6, 20_000)
    # Re-referrals: A 10 Jan, C 20 Apr, F 9 Jan = 3 of 6.
    assert figures("rereferral_12m_pct") == (50.0, 3, 6)


def authorised(started: dt.date, done: dt.date | None) -> None:
    AssessmentFactory(episode=episode(started), start_date=started, completed_date=done,
                      authorised_date=done, status="authorised" if done else "in_progress")


def test_assessments_within_45_working_days_over_christmas_bank_holidays() -> None:
    # From Monday 2 December 2024 the 45th working day is Thursday 6 February 2025:
    # December 3-24 is 16 working days, 25 and 26 December are bank holidays, 27-31 December
    # makes 19, 1 January is a bank holiday, 2 January - 31 January makes 41, 3-6 February 45.
    # Counting weekdays only, without the three bank holidays, it would be Monday 3 February.
    authorised(D(2024, 12, 2), D(2025, 2, 5))  # in time only because of the bank holidays
    authorised(D(2024, 12, 2), D(2025, 2, 6))  # on the 45th working day: in time
    authorised(D(2024, 12, 2), D(2025, 2, 7))  # the 46th: late
    authorised(D(2025, 3, 1), D(2025, 3, 31))  # authorised on the last day of the period
    authorised(D(2024, 2, 1), D(2024, 3, 28))  # authorised before the period
    authorised(D(2025, 3, 3), None)  # still in progress

    assert figures("assessments_count") == (4, 4, None)
    assert figures("assessments_within_45wd_pct") == (75.0, 3, 4)


def icpc(s47_started: dt.date, held: dt.date | None) -> None:
    discussion = StrategyDiscussionFactory(episode=episode(s47_started), held_on=s47_started)
    if held is None:
        S47EnquiryFactory(strategy_discussion=discussion)
    else:
        ICPCFactory(s47=S47EnquiryFactory(strategy_discussion=discussion, icpc_required=True,
                                          end_date=held), held_on=held)


def test_s47_enquiries_and_icpcs_within_15_working_days() -> None:
    # From Wednesday 1 May 2024, with the 6 May bank holiday, the 15th working day is 23 May.
    icpc(D(2024, 5, 1), D(2024, 5, 23))  # in time
    icpc(D(2024, 5, 1), D(2024, 5, 24))  # late
    # From Wednesday 20 March 2024 over Easter (29 March, 1 April): 21-28 March is 6 working
    # days, 2-5 April 10, 8-12 April 15: due Friday 12 April, so 10 April is in time. The
    # enquiry started before the period; the conference is in it.
    icpc(D(2024, 3, 20), D(2024, 4, 10))
    icpc(D(2025, 3, 25), None)  # enquiry still open, no conference yet

    # Enquiries started in the period: 1 May, 1 May, 25 March = 3; 3 * 10,000 / 20,000 = 1.5.
    assert figures("s47_count") == (3, 3, None)
    assert figures("s47_per_10k") == (1.5, 3, 20_000)
    # Conferences held in the period: 23 May, 24 May, 10 April = 3, of which 2 in time.
    assert figures("icpc_count") == (3, 3, None)
    assert figures("icpc_within_15wd_pct") == (66.7, 2, 3)


def test_children_in_need_at_the_date() -> None:
    episode(D(2024, 1, 10))  # open
    episode(D(2025, 3, 31))  # referred on the day: open at the end of it
    episode(D(2024, 6, 1), D(2025, 3, 31))  # closed on the day: no longer open
    episode(D(2025, 4, 1))  # after the date
    episode(D(2025, 3, 31), D(2025, 3, 31), nfa=True)  # no further action on the day

    assert figures("cin_count") == (2, 2, None)
    assert figures("cin_per_10k") == (1.0, 2, 20_000)


def plan(start: dt.date, end: dt.date | None = None, *, child: Child | None = None) -> None:
    """A CP plan in a CIN episode referred 20 days earlier and closed when the plan ends."""
    opened = episode(start - dt.timedelta(days=20), end, child=child)
    CPPlanFactory(episode=opened, start_date=start, end_date=end)


def test_cp_plans_at_the_date_second_plans_and_plans_of_two_years() -> None:
    again = ChildFactory()
    plan(D(2021, 1, 4), D(2023, 1, 4), child=again)  # an earlier plan, before the period
    plan(D(2024, 6, 1), child=again)  # started in the period: a second plan
    plan(D(2023, 3, 1), D(2025, 3, 1))  # ended in the period after exactly two years
    plan(D(2023, 3, 2), D(2025, 3, 1))  # one day short of two years
    plan(D(2024, 10, 1))  # a first plan, open
    plan(D(2024, 7, 1), D(2025, 3, 31))  # started in the period, ended on the as-of date

    # On a plan at the end of 31 March: the second plan and the 1 October plan.
    assert figures("cp_plan_count") == (2, 2, None)
    assert figures("cp_per_10k") == (1.0, 2, 20_000)
    # Started in the period: 1 June, 1 October, 1 July = 3, one a second plan.
    assert figures("cp_second_or_subsequent_pct") == (33.3, 1, 3)
    # Ended in the period: 1 March, 1 March, 31 March = 3; one lasted two years (2023-03-01
    # to 2025-03-01).
    assert figures("cp_ended_2y_plus_pct") == (33.3, 1, 3)
