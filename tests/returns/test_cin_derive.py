"""What a year's CIN census reports, derived from plain records (no database)."""

from __future__ import annotations

import datetime as dt

from hearth.returns.cin.case import (
    AssessmentRecord,
    ChildRecord,
    CPPlanRecord,
    EpisodeRecord,
    PlanRecord,
    S47Record,
)
from hearth.returns.cin.derive import (
    CensusAssessment,
    CensusCPPlan,
    CensusPlan,
    CensusS47,
    census_child,
    derive,
    episode,
    sex_for_year,
)
from hearth.returns.ssda903.cohorts import CollectionYear

D = dt.date
YEAR = CollectionYear(2026)  # 1 April 2025 to 31 March 2026


def child(*episodes: EpisodeRecord, **fields: object) -> ChildRecord:
    values: dict[str, object] = {"child_id": "C1", "sex": "F", "ethnicity": "WBRI",
                                 "dob": D(2015, 6, 1), **fields}
    return ChildRecord(episodes=episodes, **values)  # type: ignore[arg-type]


def referral(day: dt.date, **fields: object) -> EpisodeRecord:
    values: dict[str, object] = {"referral_source": "2A", "primary_need": "N1", **fields}
    return EpisodeRecord(referral_date=day, **values)  # type: ignore[arg-type]


def test_a_referral_with_nfa_in_the_year_is_reported_closed() -> None:
    nfa = referral(D(2025, 6, 2), referral_nfa=True, primary_need="N9",
                   closure_date=D(2025, 6, 2), closure_reason="RC8")
    reported = episode(nfa, (), YEAR)
    assert reported is not None
    assert (reported.referral_nfa, reported.closure_date, reported.closure_reason) == (
        True, D(2025, 6, 2), "RC8")
    assert reported.assessments == reported.cin_plans == reported.s47s == ()


def test_episodes_outside_the_year_are_left_out() -> None:
    closed_before = referral(D(2024, 5, 1), closure_date=D(2025, 3, 31), closure_reason="RC7")
    referred_after = referral(D(2026, 4, 1))
    assert episode(closed_before, (), YEAR) is None
    assert episode(referred_after, (), YEAR) is None
    assert census_child(child(closed_before, referred_after), YEAR) is None


def test_a_closure_after_the_reference_date_is_not_yet_known() -> None:
    open_at_end = referral(D(2025, 9, 1), closure_date=D(2026, 4, 20), closure_reason="RC7")
    reported = episode(open_at_end, (), YEAR)
    assert reported is not None
    assert (reported.closure_date, reported.closure_reason) == (None, "")


def test_a_child_with_two_episodes_in_the_year_has_both_in_referral_order() -> None:
    first = referral(D(2025, 4, 10), closure_date=D(2025, 7, 1), closure_reason="RC8",
                     assessments=(AssessmentRecord(D(2025, 4, 11), D(2025, 6, 30), None,
                                                   ("21",)),))
    second = referral(D(2026, 1, 5))
    reported = census_child(child(second, first), YEAR)
    assert reported is not None
    assert [e.referral_date for e in reported.episodes] == [D(2025, 4, 10), D(2026, 1, 5)]


def test_an_assessment_spanning_the_start_of_the_year_is_reported_with_its_factors() -> None:
    spanning = AssessmentRecord(start=D(2025, 3, 10), authorised=D(2025, 4, 22),
                                factors=("3B", "16A", "1B"))
    before = AssessmentRecord(start=D(2025, 1, 6), authorised=D(2025, 3, 3), factors=("20",))
    reported = episode(referral(D(2025, 3, 7), assessments=(before, spanning)), (), YEAR)
    assert reported is not None
    assert reported.assessments == (
        CensusAssessment(D(2025, 3, 10), None, D(2025, 4, 22), ("1B", "3B", "16A")),)


def test_an_assessment_spanning_the_reference_date_has_no_end_and_no_factors() -> None:
    running = AssessmentRecord(start=D(2026, 3, 2), authorised=D(2026, 4, 14),
                               internal_review=D(2026, 3, 20), factors=("4B",))
    reported = episode(referral(D(2026, 3, 1), assessments=(running,)), (), YEAR)
    assert reported is not None
    assert reported.assessments == (CensusAssessment(D(2026, 3, 2), D(2026, 3, 20), None, ()),)


def test_cin_plans_running_in_the_year_only() -> None:
    plans = (PlanRecord(D(2024, 6, 1), D(2025, 2, 1)), PlanRecord(D(2025, 2, 2), D(2025, 9, 1)),
             PlanRecord(D(2025, 9, 2), D(2026, 5, 1)))
    reported = episode(referral(D(2024, 5, 1), cin_plans=plans), (), YEAR)
    assert reported is not None
    assert reported.cin_plans == (CensusPlan(D(2025, 2, 2), D(2025, 9, 1)),
                                  CensusPlan(D(2025, 9, 2), None))


def test_s47_without_an_icpc_says_icpc_not_required() -> None:
    no_icpc = S47Record(start=D(2025, 10, 6), end=D(2025, 10, 17), icpc_required=False)
    reported = episode(referral(D(2025, 10, 3), s47s=(no_icpc,)), (), YEAR)
    assert reported is not None
    # 15 working days from Monday 6 October 2025 is Monday 27 October.
    assert reported.s47s == (CensusS47(D(2025, 10, 6), D(2025, 10, 27), None, True),)


def test_s47_still_running_or_awaiting_conference_at_the_reference_date() -> None:
    running = S47Record(start=D(2026, 3, 23))
    awaiting = S47Record(start=D(2026, 3, 2), end=D(2026, 3, 13), icpc_required=True,
                         icpc_date=D(2026, 4, 2))
    reported = episode(referral(D(2026, 3, 1), s47s=(running, awaiting)), (), YEAR)
    assert reported is not None
    assert [(s.start, s.icpc_date, s.icpc_not_required) for s in reported.s47s] == [
        (D(2026, 3, 2), None, False), (D(2026, 3, 23), None, False)]


def test_s47_before_the_year_is_reported_only_for_an_icpc_in_the_year() -> None:
    icpc_in_year = S47Record(start=D(2025, 3, 20), end=D(2025, 3, 31), icpc_required=True,
                             icpc_date=D(2025, 4, 3))
    icpc_before = S47Record(start=D(2025, 2, 3), end=D(2025, 2, 14), icpc_required=True,
                            icpc_date=D(2025, 2, 20))
    reported = episode(referral(D(2025, 2, 1), s47s=(icpc_before, icpc_in_year)), (), YEAR)
    assert reported is not None
    assert [(s.start, s.icpc_date) for s in reported.s47s] == [(D(2025, 3, 20), D(2025, 4, 3))]


def test_cp_plan_with_reviews_ending_in_the_year() -> None:
    plan = CPPlanRecord(start=D(2024, 11, 4), end=D(2025, 10, 20), initial_category="NEG",
                        latest_category="EMO",
                        reviews=(D(2025, 1, 30), D(2025, 7, 21), D(2025, 10, 20)))
    earlier = D(2022, 5, 1)
    reported = episode(referral(D(2024, 10, 1), cp_plans=(plan,)),
                       (earlier, plan.start), YEAR)
    assert reported is not None
    assert reported.cp_plans == (CensusCPPlan(
        start=D(2024, 11, 4), end=D(2025, 10, 20), initial_category="NEG",
        latest_category="EMO", previous_plans=1, reviews=(D(2025, 7, 21), D(2025, 10, 20))),)


def test_cp_plan_open_at_the_reference_date_and_one_ended_before_the_year() -> None:
    ended = CPPlanRecord(start=D(2024, 4, 1), end=D(2025, 3, 1), initial_category="PHY",
                         latest_category="PHY")
    running = CPPlanRecord(start=D(2026, 1, 12), end=D(2026, 6, 1), initial_category="NEG",
                           latest_category="NEG", reviews=(D(2026, 4, 10),))
    reported = episode(referral(D(2024, 3, 1), cp_plans=(ended, running)),
                       (ended.start, running.start), YEAR)
    assert reported is not None
    assert [(p.start, p.end, p.previous_plans, p.reviews) for p in reported.cp_plans] == [
        (D(2026, 1, 12), None, 1, ())]


def test_an_unborn_child_is_reported_with_expected_birth_date_and_sex_u() -> None:
    unborn = child(referral(D(2026, 2, 1)), dob=None, expected_dob=D(2026, 5, 10), sex="M")
    reported = census_child(unborn, YEAR)
    assert reported is not None
    assert (reported.birth_date, reported.expected_birth_date) == (None, D(2026, 5, 10))
    assert (reported.sex_element, reported.sex) == ("Sex", "U")


def test_a_child_born_after_the_reference_date_is_still_unborn_in_that_census() -> None:
    born_later = child(referral(D(2026, 2, 1)), dob=D(2026, 4, 28),
                       expected_dob=D(2026, 5, 10), sex="F")
    reported = census_child(born_later, YEAR)
    assert reported is not None
    assert (reported.birth_date, reported.expected_birth_date, reported.sex) == (
        None, D(2026, 5, 10), "U")


def test_sex_codes_follow_the_year() -> None:
    assert sex_for_year("U", unborn=False, year=YEAR) == ("Sex", "U")
    assert sex_for_year("F", unborn=False, year=YEAR) == ("Sex", "F")
    assert sex_for_year("M", unborn=False, year=CollectionYear(2024)) == ("GenderCurrent", "1")
    assert sex_for_year("F", unborn=False, year=CollectionYear(2024)) == ("GenderCurrent", "2")
    assert sex_for_year("F", unborn=True, year=CollectionYear(2024)) == ("GenderCurrent", "0")


def test_no_disability_is_none_and_death_after_the_year_is_unknown() -> None:
    reported = census_child(child(referral(D(2025, 5, 1)), death=D(2026, 6, 1)), YEAR)
    assert reported is not None
    assert (reported.disabilities, reported.death) == (("NONE",), None)
    with_codes = census_child(child(referral(D(2025, 5, 1)), disabilities=("LD", "AUT")), YEAR)
    assert with_codes is not None
    assert with_codes.disabilities == ("AUT", "LD")


def test_the_census_lists_children_by_id_and_skips_those_not_in_the_year() -> None:
    census = derive([child(referral(D(2025, 5, 1)), child_id="B"),
                     child(referral(D(2020, 5, 1), closure_date=D(2021, 1, 1),
                                    closure_reason="RC7"), child_id="C"),
                     child(referral(D(2025, 6, 1)), child_id="A")], YEAR, "881")
    assert [c.child_id for c in census.children] == ["A", "B"]
    assert census.la_number == "881"


def test_previous_cp_plans_count_those_hearth_has_no_record_of() -> None:
    plan = CPPlanRecord(start=D(2025, 6, 2), initial_category="NEG", latest_category="NEG",
                        previous_unrecorded=2)
    reported = episode(referral(D(2025, 5, 1), cp_plans=(plan,)), (D(2023, 1, 9), plan.start),
                       YEAR)
    assert reported is not None
    assert reported.cp_plans[0].previous_plans == 3
