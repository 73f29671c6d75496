"""The 903 tables for one year, from hand-built children (no database)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hearth.returns.ssda903.case import (
    SDQ,
    Address,
    AdoptionDecision,
    AdoptionMatch,
    Allocation,
    CareHistory,
    ChildCase,
    HealthCheck,
    LeaverStatus,
    MissingSpell,
    PreviousPermanence,
    Review,
    Span,
    Wellbeing,
)
from hearth.returns.ssda903.cohorts import CollectionYear, age_on
from hearth.returns.ssda903.derive import LegalStatus, Period, Placement
from hearth.returns.ssda903.tables import Return903, build_return

D = dt.date
Y2026 = CollectionYear(2026)


def history(start: dt.date, end: dt.date | None = None, reason: str = "", *,
            statuses: tuple[tuple[str, dt.date], ...] = (),
            placements: tuple[tuple[str, str, dt.date], ...] = ()) -> CareHistory:
    """A period with statuses (code, from) and placements (type, carers, from) tiling it."""
    statuses = statuses or (("C2", start),)
    placements = placements or (("U6", "FC1", start),)
    return CareHistory(
        period=Period(start, end, reason, "N1"),
        statuses=tuple(LegalStatus(code, s, statuses[i + 1][1] if i + 1 < len(statuses)
                                   else end) for i, (code, s) in enumerate(statuses)),
        placements=tuple(Placement(place, "PR0" if place == "P1" else "PR1", carers, "CM2 9AA",
                                   "", s, placements[i + 1][2] if i + 1 < len(placements)
                                   else end, "CARPL" if i + 1 < len(placements) else "")
                         for i, (place, carers, s) in enumerate(placements)),
    )


DOB = D(2012, 6, 1)


def child(child_id: str = "C1", *, dob: dt.date = DOB, sex: str = "F",
          **fields: object) -> ChildCase:
    base = ChildCase(child_id=child_id, sex=sex, dob=dob, ethnicity="WBRI",
                     upn="A123456789012", upn_unknown="",
                     addresses=(Address(dob, None, "CM1 1AA"),),
                     previous_permanence=PreviousPermanence("Z1", "", None))
    return replace(base, **fields)  # type: ignore[arg-type]


def build(*cases: ChildCase, year: CollectionYear = Y2026) -> Return903:
    return build_return(cases, year)


def test_collection_year_runs_from_1_april_to_31_march() -> None:
    assert (Y2026.start, Y2026.end, Y2026.label) == (D(2025, 4, 1), D(2026, 3, 31), "2025-26")


def test_two_periods_of_care_in_one_year() -> None:
    case = child(care=(history(D(2025, 5, 1), D(2025, 8, 1), "E4A"),
                       history(D(2025, 11, 3))))
    result = build(case)
    episodes = result.tables["Episodes"]
    assert [(e["DECOM"], e["RNE"], e["DEC"], e["REC"]) for e in episodes] == [
        (D(2025, 5, 1), "S", D(2025, 8, 1), "E4A"), (D(2025, 11, 3), "S", None, "")]
    assert all(e["HOME_POST"] == "CM1 1AA" and e["PL_POST"] == "CM2 9AA" for e in episodes)
    assert len(result.tables["Header"]) == 1
    assert result.tables["PrevPerm"] == [
        {"CHILD": "C1", "DOB": D(2012, 6, 1), "PREV_PERM": "Z1", "LA_PERM": None,
         "DATE_PERM": None}]
    assert result.tables["OC2"] == []  # not looked after continuously for 12 months


def test_placement_and_legal_status_changing_on_one_day_is_one_episode() -> None:
    day = D(2025, 9, 15)
    case = child(care=(history(D(2024, 1, 10), statuses=(("C1", D(2024, 1, 10)), ("C2", day)),
                               placements=(("U6", "FC1", D(2024, 1, 10)),
                                           ("U4", "FC1", day))),))
    episodes = build(case).tables["Episodes"]
    assert [(e["DECOM"], e["RNE"], e["LS"], e["PLACE"]) for e in episodes] == [
        (D(2024, 1, 10), "S", "C1", "U6"), (day, "U", "C2", "U4")]
    assert episodes[0]["REASON_PLACE_CHANGE"] == "CARPL"


def test_a_child_turning_18_leaves_care_and_is_not_yet_a_care_leaver_in_oc3() -> None:
    dob = D(2007, 9, 20)
    eighteen = D(2025, 9, 20)
    case = child(dob=dob, sex="M", care=(history(D(2021, 3, 1), eighteen, "E17"),))
    result = build(case)
    assert result.tables["Episodes"][-1]["DEC"] == eighteen
    assert result.tables["Episodes"][-1]["REC"] == "E17"
    assert result.tables["OC3"] == []
    assert result.tables["Header"][0]["MOTHER"] is None  # a boy


def test_a_care_leaver_is_in_oc3_around_their_19th_birthday() -> None:
    dob = D(2006, 7, 1)
    status = LeaverStatus(D(2025, 7, 10), "YES", "F2", "U", True)
    case = child(dob=dob, care=(history(D(2020, 2, 1), D(2024, 7, 1), "E5"),),
                 leaver_statuses=(LeaverStatus(D(2024, 7, 3), "YES", "G5", "D", False), status))
    result = build(case)
    assert result.tables["Episodes"] == []
    assert result.tables["OC3"] == [{"CHILD": "C1", "DOB": dob, "IN_TOUCH": "YES",
                                     "ACTIV": "F2", "ACCOM": "U1"}]
    assert result.tables["Header"][0]["MOTHER"] is None  # not looked after in the year


def test_a_care_leaver_not_in_touch_has_accommodation_0() -> None:
    case = child(dob=D(2006, 7, 1), care=(history(D(2020, 2, 1), D(2024, 7, 1), "E5"),),
                 leaver_statuses=(LeaverStatus(D(2025, 6, 20), "NO", "0", "", None),))
    assert build(case).tables["OC3"][0]["ACCOM"] == "0"


def test_no_oc3_after_adoption_or_too_little_care_after_14() -> None:
    status = (LeaverStatus(D(2025, 7, 1), "YES", "F2", "U", True),)
    adopted = child(dob=D(2006, 7, 1), care=(history(D(2020, 2, 1), D(2021, 7, 1), "E11"),),
                    leaver_statuses=status)
    brief = child("C2", dob=D(2006, 7, 1), leaver_statuses=status,
                  care=(history(D(2022, 6, 1), D(2022, 7, 1), "E4A"),))
    assert build(adopted, brief).tables["Header"] == []


def test_a_missing_care_leaver_status_is_a_warning_not_a_row() -> None:
    case = child(dob=D(2004, 7, 1), care=(history(D(2019, 2, 1), D(2022, 7, 1), "E5"),))
    result = build(case)
    assert result.tables["OC3"] == []
    assert result.tables["Header"] == []
    assert result.warnings == {
        "care leaver with no status recorded around their 21st birthday (OC3)": 1}


def test_an_adoption() -> None:
    start, placed, adopted = D(2024, 3, 1), D(2025, 6, 2), D(2026, 1, 12)
    match = AdoptionMatch(D(2025, 5, 20), 2, "MF", "L11", True)
    case = child(
        dob=D(2023, 10, 1),
        care=(history(start, adopted, "E12",
                      statuses=(("C1", start), ("E1", D(2025, 2, 1))),
                      placements=(("U5", "FC1", start), ("A5", "FC1", placed))),),
        adoption_decisions=(AdoptionDecision(D(2024, 12, 1), None, "", (match,)),))
    result = build(case)
    assert [(e["RNE"], e["LS"], e["PLACE"]) for e in result.tables["Episodes"]] == [
        ("L", "E1", "U5"), ("T", "E1", "A5")]
    assert result.tables["AD1"] == [
        {"CHILD": "C1", "DOB": D(2023, 10, 1), "DATE_INT": D(2024, 12, 1),
         "DATE_MATCH": D(2025, 5, 20), "FOSTER_CARE": "1", "NB_ADOPTR": "2",
         "SEX_ADOPTR": "MF", "LS_ADOPTR": "L11"}]
    assert result.tables["PlacedAdoption"] == [
        {"CHILD": "C1", "DOB": D(2023, 10, 1), "DATE_PLACED": D(2024, 12, 1),
         "DATE_PLACED_CEASED": None, "REASON_PLACED_CEASED": None}]


def test_a_decision_reversed_after_the_year_is_still_in_force_at_its_end() -> None:
    decision = AdoptionDecision(D(2025, 1, 5), D(2026, 5, 1), "RD3")
    reversed_before = AdoptionDecision(D(2023, 1, 5), D(2024, 2, 1), "RD1")
    case = child(care=(history(D(2022, 6, 1)),),
                 adoption_decisions=(reversed_before, decision))
    assert [(r["DATE_PLACED"], r["DATE_PLACED_CEASED"])
            for r in build(case).tables["PlacedAdoption"]] == [(D(2025, 1, 5), None)]


def test_a_decision_lapses_with_the_period_of_care_it_was_made_in() -> None:
    """Rule 1003: a child adopted before the year who comes back into care has no decision
    that they should be placed for adoption until one is made for the new period of care."""
    adopted = history(D(2020, 6, 13), D(2022, 9, 17), "E12",
                      statuses=(("C1", D(2020, 6, 13)), ("E1", D(2021, 5, 1))),
                      placements=(("U6", "FC1", D(2020, 6, 13)), ("A6", "AD1", D(2021, 9, 1))))
    back = history(D(2025, 8, 29), statuses=(("V2", D(2025, 8, 29)),))
    first = AdoptionDecision(D(2021, 3, 26), None, "")
    case = child(dob=D(2019, 12, 4), care=(adopted, back), adoption_decisions=(first,))
    result = build(case)
    assert [(e["DECOM"], e["RNE"]) for e in result.tables["Episodes"]] == [(D(2025, 8, 29), "S")]
    assert result.tables["PlacedAdoption"] == []
    # A new decision in the new period is reported, and so is the first one in the year the
    # child was adopted.
    again = AdoptionDecision(D(2026, 2, 2), None, "")
    assert [r["DATE_PLACED"] for r in build(replace(
        case, adoption_decisions=(first, again))).tables["PlacedAdoption"]] == [D(2026, 2, 2)]
    assert [r["DATE_PLACED"] for r in build(case, year=CollectionYear(2023))
            .tables["PlacedAdoption"]] == [D(2021, 3, 26)]


def test_a_missing_episode_spanning_31_march() -> None:
    spell = MissingSpell("M", D(2026, 3, 30), D(2026, 4, 2))
    case = child(dob=D(2010, 1, 1), care=(history(D(2024, 1, 1)),), missing=(spell,))
    this_year = build(case).tables["Missing"]
    next_year = build(case, year=CollectionYear(2027)).tables["Missing"]
    assert this_year == [{"CHILD": "C1", "DOB": D(2010, 1, 1), "MISSING": "M",
                          "MIS_START": D(2026, 3, 30), "MIS_END": None}]
    assert next_year[0]["MIS_END"] == D(2026, 4, 2)


def test_a_missing_spell_ends_for_the_903_when_care_ends() -> None:
    case = child(care=(history(D(2024, 1, 1), D(2025, 10, 1), "E4B"),),
                 missing=(MissingSpell("A", D(2025, 9, 29), D(2025, 10, 3)),
                          MissingSpell("M", D(2025, 11, 1), D(2025, 11, 2))))
    assert [(r["MIS_START"], r["MIS_END"]) for r in build(case).tables["Missing"]] == [
        (D(2025, 9, 29), D(2025, 10, 1))]


def test_reviews_in_the_year_while_looked_after() -> None:
    case = child(care=(history(D(2025, 1, 1), D(2026, 2, 1), "E13"),),
                 reviews=(Review(D(2025, 3, 1), "PN1"), Review(D(2025, 5, 1), "PN5"),
                          Review(D(2026, 3, 1), "PN1")))
    assert [(r["REVIEW"], r["REVIEW_CODE"]) for r in build(case).tables["Reviews"]] == [
        (D(2025, 5, 1), "PN5")]


def test_oc2_for_a_child_looked_after_for_the_whole_year() -> None:
    dob = D(2014, 2, 1)
    case = child(dob=dob, care=(history(D(2022, 1, 1)),),
                 health_checks=(HealthCheck("rha", D(2025, 8, 1)),
                                HealthCheck("dental", D(2025, 9, 1)),
                                HealthCheck("immunisations", D(2024, 8, 1))),
                 sdqs=(SDQ(D(2025, 8, 1), 17, ""), SDQ(D(2024, 8, 1), 30, "")),
                 wellbeing=(Wellbeing(D(2025, 8, 1), False, True, True, False),))
    assert age_on(dob, Y2026.end) == 12
    assert build(case).tables["OC2"] == [{
        "CHILD": "C1", "DOB": dob, "SDQ_SCORE": "17", "SDQ_REASON": None, "CONVICTED": "0",
        "HEALTH_CHECK": None, "IMMUNISATIONS": "0", "TEETH_CHECK": "1",
        "HEALTH_ASSESSMENT": "1", "SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "0",
        "INTERVENTION_OFFERED": "1"}]


def test_oc2_for_a_toddler_has_no_sdq_or_conviction_but_a_health_check() -> None:
    case = child(dob=D(2023, 1, 1), care=(history(D(2023, 2, 1)),),
                 health_checks=(HealthCheck("development", D(2025, 10, 1)),))
    row = build(case).tables["OC2"][0]
    assert (row["SDQ_SCORE"], row["SDQ_REASON"], row["CONVICTED"], row["HEALTH_CHECK"]) == (
        None, None, None, "1")


def test_oc2_sdq1_for_a_child_who_turned_4_in_the_year_without_an_sdq() -> None:
    case = child(dob=D(2021, 9, 1), care=(history(D(2022, 1, 1)),))
    assert build(case).tables["OC2"][0]["SDQ_REASON"] == "SDQ1"


def test_mother_and_her_first_childs_date_of_birth() -> None:
    case = child(dob=D(2009, 1, 1), care=(history(D(2024, 1, 1)),),
                 own_children_dobs=(D(2026, 6, 1), D(2025, 12, 24)))
    header = build(case).tables["Header"][0]
    assert (header["MOTHER"], header["MC_DOB"]) == ("1", D(2025, 12, 24))
    not_yet = build(replace(case, own_children_dobs=(D(2026, 6, 1),))).tables["Header"][0]
    assert (not_yet["MOTHER"], not_yet["MC_DOB"]) == ("0", None)


def test_uasc_children_have_no_home_postcode_and_duc_is_the_18th_birthday() -> None:
    case = child(dob=D(2009, 5, 5), sex="M", uasc=(Span(D(2024, 11, 1), None),),
                 upn="", upn_unknown="UN2", care=(history(D(2024, 11, 1)),))
    result = build(case)
    assert result.tables["Episodes"][0]["HOME_POST"] == ""
    assert result.tables["Header"][0]["UPN"] == "UN2"
    assert result.tables["UASC"] == [{"CHILD": "C1", "SEX": "M", "DOB": D(2009, 5, 5),
                                      "DUC": D(2027, 5, 5)}]


def test_previous_permanence_not_known_in_detail() -> None:
    case = child(care=(history(D(2025, 6, 1)),),
                 previous_permanence=PreviousPermanence("P4", "", None))
    row = build(case).tables["PrevPerm"][0]
    assert (row["PREV_PERM"], row["LA_PERM"], row["DATE_PERM"]) == ("P4", "999", "ZZ/ZZ/ZZZZ")


def test_social_worker_episodes_are_the_workers_who_held_the_case_while_looked_after() -> None:
    case = child(care=(history(D(2025, 6, 1)),), allocations=(
        Allocation(D(2025, 5, 2), D(2025, 6, 1), "SW1", "FCONTA"),  # before care: not reported
        Allocation(D(2025, 6, 1), D(2025, 6, 1), "SW9", "MANAGE"),  # same-day handover
        Allocation(D(2025, 6, 1), D(2026, 1, 5), "SW2", "TSPROC"),
        Allocation(D(2026, 1, 5), None, "SW3", "LEFTRL"),
    ))
    assert [(r["SW_ID"], r["SW_DECOM"], r["SW_DEC"], r["SW_REASON"])
            for r in build(case).tables["SWEpisodes"]] == [
        ("SW2", D(2025, 6, 1), D(2026, 1, 5), "TSPROC"),
        ("SW3", D(2026, 1, 5), None, "LEFTRL"),
    ]


def test_a_worker_who_held_the_case_before_care_began_is_reported_from_its_start() -> None:
    case = child(care=(history(D(2025, 6, 1), D(2025, 12, 1), "E13",
                               placements=(("U6", "FC1", D(2025, 6, 1)),
                                           ("U4", "FC2", D(2025, 9, 1)))),),
                 allocations=(Allocation(D(2025, 4, 10), D(2025, 10, 1), "SW1", ""),
                              Allocation(D(2025, 10, 1), D(2026, 2, 1), "SW2", "LEFTRL"),
                              Allocation(D(2026, 2, 1), None, "SW3", "TSPROC")))
    # SW1 from the start of care, as the child's first contact; SW2 still open although care
    # ended (rule SW17: the latest episode has no end date); SW3 never held a looked-after child.
    assert [(r["SW_ID"], r["SW_DECOM"], r["SW_DEC"], r["SW_REASON"])
            for r in build(case).tables["SWEpisodes"]] == [
        ("SW1", D(2025, 6, 1), D(2025, 10, 1), "FCONTA"),
        ("SW2", D(2025, 10, 1), None, "LEFTRL"),
    ]


def test_a_worker_who_left_on_the_day_care_began_is_not_reported() -> None:
    case = child(care=(history(D(2025, 6, 1)),),
                 allocations=(Allocation(D(2025, 5, 1), D(2025, 6, 1), "SW1", "FCONTA"),
                              Allocation(D(2025, 6, 1), None, "SW2", "TSPROC")))
    assert [(r["SW_ID"], r["SW_DECOM"], r["SW_DEC"])
            for r in build(case).tables["SWEpisodes"]] == [("SW2", D(2025, 6, 1), None)]


def test_nothing_after_31_march_is_reported() -> None:
    case = child(care=(history(D(2025, 6, 1), D(2026, 7, 1), "E13",
                               placements=(("U6", "FC1", D(2025, 6, 1)),
                                           ("K2", "H1", D(2026, 4, 20)))),),
                 allocations=(Allocation(D(2025, 6, 1), D(2026, 5, 1), "SW1", "FCONTA"),))
    result = build(case)
    assert [(e["RNE"], e["DEC"], e["REC"]) for e in result.tables["Episodes"]] == [
        ("S", None, "")]
    assert result.tables["SWEpisodes"][0]["SW_DEC"] is None
    assert build(replace(case, care=(history(D(2026, 4, 2)),))).tables["Header"] == []


def test_short_breaks_have_no_postcodes_reviews_or_mother() -> None:
    case = child(care=(history(D(2025, 6, 1), D(2025, 6, 4), "E8",
                               statuses=(("V3", D(2025, 6, 1)),)),),
                 reviews=(Review(D(2025, 6, 2), "PN1"),))
    result = build(case)
    assert (result.tables["Episodes"][0]["PL_POST"], result.tables["Episodes"][0]["HOME_POST"],
            result.tables["Reviews"], result.tables["Header"][0]["MOTHER"]) == ("", "", [], None)


def test_children_not_looked_after_in_the_year_are_not_in_the_return() -> None:
    before = child(care=(history(D(2023, 1, 1), D(2025, 3, 31), "E13"),))
    assert build(before).tables["Header"] == []
    assert build(replace(before, care=(history(D(2023, 1, 1), D(2025, 4, 1), "E13"),))
                 ).children() == 1
