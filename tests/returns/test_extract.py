"""Reading a year's 903 from the database: the right children, their rows, fixed queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.factories import ChildFactory
from tests.returns.conftest import Council, add_child_in_care, care

from hearth.returns.ssda903.cohorts import CollectionYear
from hearth.returns.ssda903.extract import extract
from hearth.returns.ssda903.tables import Return903, build_return

D = dt.date
Y2026 = CollectionYear(2026)

pytestmark = pytest.mark.django_db


def build(council: Council, year: CollectionYear = Y2026) -> Return903:
    return build_return(extract(council.la, year), year)


def rows(result: Return903, table: str, child: str) -> list[dict[str, object]]:
    return [r for r in result.tables[table] if r["CHILD"] == child]


def test_the_children_in_the_return(council: Council) -> None:
    result = build(council)
    assert [h["CHILD"] for h in result.tables["Header"]] == [
        "ADOPTED", "LEAVER", "MISSING", "SAMEDAY", "TWICE"]


def test_a_child_with_two_periods_of_care_in_the_year(council: Council) -> None:
    result = build(council)
    assert [(e["DECOM"], e["RNE"], e["DEC"], e["REC"], e["HOME_POST"])
            for e in rows(result, "Episodes", "TWICE")] == [
        (D(2025, 5, 1), "S", D(2025, 8, 1), "E4A", "CM1 1AA"),
        (D(2025, 11, 3), "S", None, "", "CM1 1AA")]
    assert rows(result, "PrevPerm", "TWICE")[0]["LA_PERM"] == "999"
    assert [(r["SW_DECOM"], r["SW_DEC"], r["SW_REASON"])
            for r in rows(result, "SWEpisodes", "TWICE")] == [
        (D(2025, 5, 1), D(2025, 8, 1), "FCONTA"), (D(2025, 11, 3), None, "FCONTA")]


def test_placement_and_status_changing_on_one_day(council: Council) -> None:
    result = build(council)
    assert [(e["RNE"], e["LS"], e["PLACE"]) for e in rows(result, "Episodes", "SAMEDAY")] == [
        ("S", "C1", "U6"), ("U", "C2", "U4")]
    assert rows(result, "Header", "SAMEDAY")[0]["MOTHER"] == "1"
    assert rows(result, "Header", "SAMEDAY")[0]["MC_DOB"] == D(2025, 12, 24)


def test_an_adoption(council: Council) -> None:
    result = build(council)
    assert [(e["RNE"], e["PLACE"], e["REC"]) for e in rows(result, "Episodes", "ADOPTED")] == [
        ("L", "U5", "X1"), ("T", "A5", "E11")]
    ad1 = rows(result, "AD1", "ADOPTED")[0]
    assert (ad1["DATE_INT"], ad1["DATE_MATCH"], ad1["FOSTER_CARE"], ad1["SEX_ADOPTR"]) == (
        D(2024, 12, 1), D(2025, 5, 20), "1", "MF")
    assert rows(result, "PlacedAdoption", "ADOPTED")[0]["DATE_PLACED"] == D(2024, 12, 1)


def test_a_care_leaver_in_oc3(council: Council) -> None:
    result = build(council)
    assert rows(result, "OC3", "LEAVER") == [{"CHILD": "LEAVER", "DOB": D(2006, 7, 1),
                                              "IN_TOUCH": "YES", "ACTIV": "F5",
                                              "ACCOM": "D2"}]
    assert rows(result, "Episodes", "LEAVER") == []


def test_a_missing_episode_spanning_31_march(council: Council) -> None:
    this_year = rows(build(council), "Missing", "MISSING")
    next_year = rows(build(council, CollectionYear(2027)), "Missing", "MISSING")
    assert [(r["MIS_START"], r["MIS_END"]) for r in this_year] == [(D(2026, 3, 30), None)]
    assert [(r["MIS_START"], r["MIS_END"]) for r in next_year] == [
        (D(2026, 3, 30), D(2026, 4, 2))]


def test_a_child_who_turns_18_and_leaves_care(council: Council) -> None:
    child = ChildFactory(la=council.la, la_child_id="EIGHTEEN", date_of_birth=D(2007, 9, 20),
                         sex="M")
    care(child, D(2021, 3, 1), D(2025, 9, 20), "E17")
    result = build(council)
    assert [(e["DEC"], e["REC"]) for e in rows(result, "Episodes", "EIGHTEEN")] == [
        (D(2025, 9, 20), "E17")]
    assert rows(result, "OC3", "EIGHTEEN") == []
    assert rows(result, "Header", "EIGHTEEN")[0]["MOTHER"] is None


def test_queries_do_not_grow_with_the_number_of_children(council: Council) -> None:
    with CaptureQueriesContext(connection) as few:
        build(council)
    for n in range(3):
        add_child_in_care(council.la, n)
    with CaptureQueriesContext(connection) as more:
        result = build(council)
    assert len(result.tables["Header"]) == 8
    assert len(more.captured_queries) == len(few.captured_queries) <= 20
