"""Five journeys through care, hand-built, and every 903 row each one gives (no database).

The journeys the DfE's 903 guidance singles out as easy to get wrong: two periods of care in
one year, a placement and a legal status changing on the same day, a young person turning 18
in care, an adoption, and a missing episode that spans 31 March. Each test asserts the exact
rows of every table the child appears in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from tests.returns.test_tables import DOB, build, child, history

from hearth.returns.ssda903.case import (
    SDQ,
    AdoptionDecision,
    AdoptionMatch,
    Allocation,
    ChildCase,
    MissingSpell,
)
from hearth.returns.ssda903.cohorts import CollectionYear
from hearth.returns.ssda903.columns import Row
from hearth.returns.ssda903.tables import Return903

D = dt.date
#: The tables a child looked after in the year can appear in.
TABLES = ("Header", "Episodes", "UASC", "Reviews", "OC2", "OC3", "AD1", "PlacedAdoption",
          "PrevPerm", "Missing", "SWEpisodes")


def tables(result: Return903) -> dict[str, list[Row]]:
    """Every table the return has rows in (empty tables left out)."""
    assert set(result.tables) >= set(TABLES)
    return {name: rows for name, rows in result.tables.items() if rows}


def episode(decom: dt.date, rne: str, ls: str, place: str, dec: dt.date | None, rec: str,
            reason: str = "", *, child_id: str = "C1", home: str = "CM1 1AA") -> Row:
    """An Episodes row of the hand-built children (need N1, provider PR1, placed in CM2 9AA)."""
    return {"CHILD": child_id, "DECOM": decom, "RNE": rne, "LS": ls, "CIN": "N1",
            "PLACE": place, "PLACE_PROVIDER": "PR1", "DEC": dec, "REC": rec,
            "REASON_PLACE_CHANGE": reason, "HOME_POST": home, "PL_POST": "CM2 9AA", "URN": ""}


def header(case: ChildCase, mother: str | None) -> Row:
    return {"CHILD": case.child_id, "SEX": case.sex, "DOB": case.dob, "ETHNIC": "WBRI",
            "UPN": "A123456789012", "MOTHER": mother, "MC_DOB": None}


def sw(case: ChildCase, sw_id: str, start: dt.date, end: dt.date | None, reason: str) -> Row:
    return {"CHILD": case.child_id, "DOB": case.dob, "SW_ID": sw_id, "SW_DECOM": start,
            "SW_DEC": end, "SW_REASON": reason}


NOT_PREVIOUSLY_PERMANENT = {"PREV_PERM": "Z1", "LA_PERM": None, "DATE_PERM": None}


def test_two_periods_of_care_in_the_year() -> None:
    case = child(care=(history(D(2025, 5, 1), D(2025, 8, 1), "E4A"),
                       history(D(2025, 11, 3))),
                 allocations=(Allocation(D(2025, 4, 20), None, "SW1", "FCONTA"),))
    assert tables(build(case)) == {
        "Header": [header(case, "0")],
        "Episodes": [episode(D(2025, 5, 1), "S", "C2", "U6", D(2025, 8, 1), "E4A"),
                     episode(D(2025, 11, 3), "S", "C2", "U6", None, "")],
        "PrevPerm": [{"CHILD": "C1", "DOB": DOB, **NOT_PREVIOUSLY_PERMANENT}],
        # One worker throughout: an episode for each period of care, the second a new first
        # contact as it follows the first after more than 7 days (rule SW10a).
        "SWEpisodes": [sw(case, "SW1", D(2025, 5, 1), D(2025, 8, 1), "FCONTA"),
                       sw(case, "SW1", D(2025, 11, 3), None, "FCONTA")],
    }


def test_a_placement_and_a_legal_status_changing_on_the_same_day() -> None:
    change = D(2025, 9, 15)
    case = child(care=(history(D(2024, 1, 10),
                               statuses=(("C1", D(2024, 1, 10)), ("C2", change)),
                               placements=(("U6", "FC7", D(2024, 1, 10)),
                                           ("U4", "FC7", change))),),
                 sdqs=(SDQ(D(2025, 10, 1), 15, ""),),
                 allocations=(Allocation(D(2023, 12, 1), None, "SW1", "FCONTA"),))
    assert tables(build(case)) == {
        "Header": [header(case, "0")],
        # One new episode, U: new legal status and new placement with the same carers.
        "Episodes": [episode(D(2024, 1, 10), "S", "C1", "U6", change, "X1", "CARPL"),
                     episode(change, "U", "C2", "U4", None, "")],
        # Looked after all year, aged 13: outcomes for a year in care.
        "OC2": [{"CHILD": "C1", "DOB": DOB, "SDQ_SCORE": "15", "SDQ_REASON": None,
                 "CONVICTED": "0", "HEALTH_CHECK": None, "IMMUNISATIONS": "0",
                 "TEETH_CHECK": "0", "HEALTH_ASSESSMENT": "0", "SUBSTANCE_MISUSE": "0",
                 "INTERVENTION_RECEIVED": None, "INTERVENTION_OFFERED": None}],
        "SWEpisodes": [sw(case, "SW1", D(2024, 1, 10), None, "FCONTA")],
    }


def test_a_young_person_turning_18_in_care() -> None:
    dob = D(2007, 9, 20)
    eighteenth = D(2025, 9, 20)
    case = child(dob=dob, sex="M",
                 care=(history(D(2021, 3, 1), eighteenth, "E17"),),
                 allocations=(Allocation(D(2024, 6, 1), D(2025, 9, 20), "SW1", "TSPROC"),
                              Allocation(D(2025, 9, 20), None, "PA1", "TSPROC")))
    # Care ends on the 18th birthday (E17, staying put): not yet a care leaver in OC3, which
    # needs care to have ended before the birthday in the year (rule 391); boys have no MOTHER.
    # The personal adviser from the birthday never held a looked-after child.
    assert tables(build(case)) == {
        "Header": [header(case, None)],
        "Episodes": [episode(D(2021, 3, 1), "S", "C2", "U6", eighteenth, "E17")],
        "SWEpisodes": [sw(case, "SW1", D(2024, 6, 1), None, "TSPROC")],
    }


def test_an_adoption() -> None:
    dob = D(2023, 10, 1)
    start, order, placed, adopted = D(2024, 3, 1), D(2025, 2, 1), D(2025, 6, 2), D(2026, 1, 12)
    case = child(dob=dob, addresses=(), previous_permanence=None,
                 care=(history(start, adopted, "E11",
                               statuses=(("C1", start), ("E1", order)),
                               placements=(("U5", "FC9", start), ("A5", "FC9", placed))),),
                 adoption_decisions=(AdoptionDecision(
                     D(2024, 12, 1), None, "",
                     (AdoptionMatch(D(2025, 5, 20), 2, "MF", "L11", True),)),),
                 allocations=(Allocation(D(2024, 2, 1), None, "SW1", "FCONTA"),))
    assert tables(build(case)) == {
        "Header": [header(case, "0")],
        # The episode under the placement order ends with the move to the same carers as
        # adopters (T); the adoption order ends the last one (E11).
        "Episodes": [episode(order, "L", "E1", "U5", placed, "X1", "CARPL", home=""),
                     episode(placed, "T", "E1", "A5", adopted, "E11", home="")],
        "AD1": [{"CHILD": "C1", "DOB": dob, "DATE_INT": D(2024, 12, 1),
                 "DATE_MATCH": D(2025, 5, 20), "FOSTER_CARE": "1", "NB_ADOPTR": "2",
                 "SEX_ADOPTR": "MF", "LS_ADOPTR": "L11"}],
        "PlacedAdoption": [{"CHILD": "C1", "DOB": dob, "DATE_PLACED": D(2024, 12, 1),
                            "DATE_PLACED_CEASED": None, "REASON_PLACED_CEASED": None}],
        "SWEpisodes": [sw(case, "SW1", start, None, "FCONTA")],
    }


def test_a_missing_episode_spanning_31_march() -> None:
    dob = D(2010, 1, 1)
    case = child(dob=dob, care=(history(D(2024, 1, 1)),),
                 missing=(MissingSpell("M", D(2026, 3, 30), D(2026, 4, 2)),
                          MissingSpell("A", D(2025, 3, 28), D(2025, 3, 29))))
    this_year = tables(build(case))
    # Still missing on 31 March: no end date this year; next year's return has it.
    assert this_year["Missing"] == [{"CHILD": "C1", "DOB": dob, "MISSING": "M",
                                     "MIS_START": D(2026, 3, 30), "MIS_END": None}]
    assert this_year["Episodes"] == [episode(D(2024, 1, 1), "S", "C2", "U6", None, "")]
    next_year = build(case, year=CollectionYear(2027)).tables["Missing"]
    assert next_year == [{"CHILD": "C1", "DOB": dob, "MISSING": "M",
                          "MIS_START": D(2026, 3, 30), "MIS_END": D(2026, 4, 2)}]
    # Care that ended while the child was missing ends the missing spell with it (rule 577).
    ended = replace(case, care=(history(D(2024, 1, 1), D(2026, 3, 31), "E8"),))
    assert build(ended).tables["Missing"][0]["MIS_END"] == D(2026, 3, 31)
