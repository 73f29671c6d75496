"""Rows of a 903 back to records, without a database: what the return does not carry
(care before the year, a care leaver's history, when a worker took the case) and what cannot
be held."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hearth.returns.ssda903 import importer
from hearth.returns.ssda903.case import Allocation, CareHistory, ChildCase
from hearth.returns.ssda903.cohorts import CollectionYear
from hearth.returns.ssda903.columns import tables_for
from hearth.returns.ssda903.derive import LegalStatus, Period, Placement
from hearth.returns.ssda903.render import write_return
from hearth.returns.ssda903.tables import build_return

D = dt.date
YEAR = CollectionYear(2026)
HEADER = {"CHILD": "C1", "SEX": "M", "DOB": "01/01/2010", "ETHNIC": "WBRI", "UPN": "UN1"}


def episode(**values: str) -> dict[str, str]:
    return {"CHILD": "C1", "LS": "C2", "CIN": "N1", "PLACE": "U6", "PLACE_PROVIDER": "PR1",
            "HOME_POST": "CM1 1AA", "PL_POST": "CM2 2AA", "URN": "SC000001", **values}


def write(directory: Path, year: CollectionYear = YEAR, **tables: list[dict[str, str]]) -> Path:
    """The year's files: the rows given (by table name), every other table with no rows."""
    directory.mkdir(exist_ok=True)
    for table in tables_for(year.year):
        lines = [",".join(table.columns)]
        lines += [",".join(row.get(c, "") for c in table.columns)
                  for row in tables.get(table.name, [])]
        (directory / table.file_name).write_text("\n".join(lines) + "\n")
    return directory


def only_case(directory: Path, year: CollectionYear = YEAR) -> ChildCase:
    [case] = importer.check(directory, year).cases
    return case


def problems(directory: Path, year: CollectionYear = YEAR) -> list[str]:
    with pytest.raises(importer.ImportRefused) as error:
        importer.check(directory, year)
    return [str(p) for p in error.value.problems]


def test_a_period_begun_before_the_year_keeps_the_rne_of_its_first_episode(
        tmp_path: Path) -> None:
    """RNE T (same carers) on 01/02/2025: the carers' earlier placement is recorded the day
    before, with the same type and provider and no postcode or URN; the legal status, which
    T did not change, runs from the start."""
    case = only_case(write(tmp_path, Header=[HEADER], Episodes=[
        episode(DECOM="01/02/2025", RNE="T", DEC="01/03/2026", REC="E4A")]))
    [history] = case.care
    assert history.period == Period(D(2025, 1, 31), D(2026, 3, 1), "E4A", "N1")
    assert history.statuses == (LegalStatus("C2", D(2025, 1, 31), D(2026, 3, 1)),)
    earlier, current = history.placements
    assert earlier == Placement("U6", "PR1", current.carer_ref, "", "", D(2025, 1, 31),
                                D(2025, 2, 1))
    assert current == Placement("U6", "PR1", current.carer_ref, "CM2 2AA", "SC000001",
                                D(2025, 2, 1), D(2026, 3, 1))


def test_a_first_episode_with_the_same_carers_and_no_postcode_cannot_be_held(
        tmp_path: Path) -> None:
    directory = write(tmp_path, Header=[HEADER],
                      Episodes=[episode(DECOM="01/02/2025", RNE="U", PL_POST="", URN="")])
    assert problems(directory) == [
        "episodes.csv, row 2, column RNE: is U (same carers) for the first episode of the "
        "year, but Hearth cannot record the carers' earlier placement: it would differ only "
        "in PL_POST or URN, which are blank"]


def test_a_care_leaver_not_looked_after_in_the_year_gets_an_undescribed_period(
        tmp_path: Path) -> None:
    """OC3 only: the care before the year that made the young person a care leaver is not in
    the return; a 91-day period ending 31 March 2025 (E8, N8) with no records stands for it."""
    leaver = {**HEADER, "DOB": "10/06/2007"}
    case = only_case(write(tmp_path, Header=[leaver], OC3=[
        {"CHILD": "C1", "DOB": "10/06/2007", "IN_TOUCH": "YES", "ACTIV": "F2",
         "ACCOM": "D1"}]))
    [history] = case.care
    assert history.period == Period(D(2024, 12, 30), D(2025, 3, 31), "E8", "N8")
    assert (history.statuses, history.placements) == ((), ())
    [status] = case.leaver_statuses
    assert (status.on, status.accommodation, status.accommodation_suitable) == (
        D(2025, 6, 10), "D", True)


def worker(**values: str) -> dict[str, str]:
    return {"CHILD": "C1", "DOB": "01/01/2010", "SW_ID": "SW1", "SW_REASON": "FCONTA",
            **values}


def test_a_worker_since_before_the_first_episode_of_the_year_starts_the_period_then(
        tmp_path: Path) -> None:
    """In care since before the year: the worker's SW_DECOM, 2023, is the earliest day the
    return shows the child looked after, so the period of care starts then, not the day before
    the first DECOM. The first worker ends on their SW_DEC, the latest with care."""
    case = only_case(write(tmp_path, Header=[HEADER], Episodes=[
        episode(DECOM="01/02/2025", RNE="P", DEC="01/03/2026", REC="E4A")], SWEpisodes=[
        worker(SW_DECOM="10/05/2023", SW_DEC="01/09/2025"),
        worker(SW_ID="SW2", SW_DECOM="01/09/2025", SW_REASON="LEFTRL")]))
    [history] = case.care
    assert history.period.start == D(2023, 5, 10)
    assert history.statuses == (LegalStatus("C2", D(2023, 5, 10), D(2026, 3, 1)),)
    assert case.allocations == (Allocation(D(2023, 5, 10), D(2025, 9, 1), "SW1", "FCONTA"),
                                Allocation(D(2025, 9, 1), D(2026, 3, 1), "SW2", "LEFTRL"))


def test_the_latest_worker_left_open_after_care_ended_holds_only_that_period(
        tmp_path: Path) -> None:
    """SW_DEC is blank for the child's latest worker even though care ended on 01/07/2025
    (rule SW17); the allocation ends then, so the second period of care, with no worker in
    the return, does not gain an episode."""
    case = only_case(write(tmp_path, Header=[HEADER], Episodes=[
        episode(DECOM="01/05/2025", RNE="S", DEC="01/07/2025", REC="E4A"),
        episode(DECOM="01/09/2025", RNE="S")], SWEpisodes=[worker(SW_DECOM="01/05/2025")]))
    assert case.allocations == (Allocation(D(2025, 5, 1), D(2025, 7, 1), "SW1", "FCONTA"),)


def test_a_worker_reported_while_the_child_was_not_looked_after_is_refused(
        tmp_path: Path) -> None:
    """SW2 from 01/08/2025, between two periods of care: Hearth reports a worker only while
    the child is looked after, from the start of care (rule SW12), so it would give SW2 back
    from 01/09/2025."""
    directory = write(tmp_path, Header=[HEADER], Episodes=[
        episode(DECOM="01/05/2025", RNE="S", DEC="01/07/2025", REC="E4A"),
        episode(DECOM="01/09/2025", RNE="S")], SWEpisodes=[
        worker(SW_DECOM="01/05/2025", SW_DEC="01/07/2025"),
        worker(SW_ID="SW2", SW_DECOM="01/08/2025")])
    assert problems(directory) == [
        "sw_episodes.csv, row 3: Hearth cannot hold this row for child C1: its own SWEpisodes "
        "table for the year would not have it, as the child's other rows put them outside "
        "this table's cohort for the year",
        "sw_episodes.csv: lacks a row for child C1 that the child's other rows imply (CHILD "
        "C1, DOB 01/01/2010, SW_ID SW2, SW_DECOM 01/09/2025, SW_REASON FCONTA)"]


def test_an_episode_whose_predecessor_is_missing_is_refused(tmp_path: Path) -> None:
    directory = write(tmp_path, Header=[HEADER],
                      Episodes=[episode(DECOM="01/05/2025", RNE="P")])
    assert problems(directory) == [
        "episodes.csv, row 2, column RNE: is P, a change within a period of care, but no "
        "earlier episode ends on DECOM: the episode before it is missing"]


def test_x1_with_no_following_episode_and_a_changing_need_are_refused(tmp_path: Path) -> None:
    directory = write(tmp_path, Header=[HEADER], Episodes=[
        episode(DECOM="01/05/2025", RNE="S", DEC="01/06/2025", REC="X1",
                REASON_PLACE_CHANGE="CARPL"),
        episode(DECOM="01/06/2025", RNE="P", CIN="N2", PLACE="U4", DEC="01/07/2025",
                REC="X1")])
    assert problems(directory) == [
        "episodes.csv, row 3, column CIN: is N2 but N1 in the previous episode: Hearth holds "
        "one category of need per period of care",
        "episodes.csv, row 3, column REC: is X1 (a new episode begins the same day), but no "
        "episode begins on 01/07/2025"]


def test_sex_is_1_or_2_before_2024_25(tmp_path: Path) -> None:
    year = CollectionYear(2024)
    ok = write(tmp_path / "ok", year, Header=[{**HEADER, "SEX": "2", "MOTHER": "0"}],
               Episodes=[episode(DECOM="01/05/2023", RNE="S")])
    assert only_case(ok, year).sex == "F"
    letters = write(tmp_path / "letters", year, Header=[{**HEADER, "SEX": "F"}],
                    Episodes=[episode(DECOM="01/05/2023", RNE="S")])
    assert problems(letters, year) == [
        "header.csv, row 2, column SEX: 'F' is not a valid SEX code (1 male, 2 female)"]


def test_an_episode_that_ended_before_the_year_is_refused(tmp_path: Path) -> None:
    """The usual sign of a return for another year, or a wrong --year."""
    directory = write(tmp_path, Header=[HEADER], Episodes=[
        episode(DECOM="01/05/2024", RNE="S", DEC="01/03/2025", REC="E4A")])
    assert problems(directory) == [
        "episodes.csv, row 2, column DEC: is before 01/04/2025: the 2025-26 return has only "
        "episodes open in the year (is --year right?)"]


DAY = dt.timedelta(days=1)


@st.composite
def looked_after_child(draw: st.DrawFn) -> ChildCase:
    """A child in care once or twice around 2025-26, a change of placement in the first
    period (so one begun before the year opens the year with RNE P), and workers who took the
    case at any time, before care, between periods or after, with or without an end."""
    start = draw(st.dates(D(2023, 1, 1), D(2025, 12, 1)))
    moved = start + draw(st.integers(1, 400)) * DAY
    end = draw(st.none() | st.integers(30, 900).map(lambda n: start + n * DAY))
    care = [_history(start, end, moved)]
    if end is not None and end < D(2026, 3, 1) and draw(st.booleans()):
        again = end + draw(st.integers(1, 30)) * DAY
        care.append(_history(again, None, None))
    allocations = draw(st.lists(st.builds(
        lambda begun, days, staff, reason: Allocation(
            begun, None if days is None else begun + days * DAY, staff, reason),
        st.dates(D(2022, 6, 1), D(2026, 3, 31)), st.none() | st.integers(1, 500),
        st.sampled_from(["SW1", "SW2", "SW3"]), st.sampled_from(["", "FCONTA", "LEFTRL"])),
        max_size=4).map(lambda found: sorted(found, key=lambda a: a.start)))
    return ChildCase(child_id="C1", sex="M", dob=D(2012, 1, 1), ethnicity="WBRI", upn="",
                     upn_unknown="UN1", care=tuple(care), allocations=tuple(allocations))


def _history(start: dt.date, end: dt.date | None, moved: dt.date | None) -> CareHistory:
    moved = moved if moved is not None and (end is None or moved < end) else None
    homes = [(start, moved, "U1", "1"), (moved, end, "U4", "2")] if moved else [
        (start, end, "U1", "1")]
    return CareHistory(
        period=Period(start, end, "E4A" if end else "", "N1"),
        statuses=(LegalStatus("C2", start, end),),
        placements=tuple(Placement(place, "PR1", f"carers-{n}", "CM2 2AA", "SC000001", s, e)
                         for s, e, place, n in homes if s is not None))


@settings(max_examples=300, deadline=None)
@given(looked_after_child())
def test_any_workers_social_worker_episodes_come_back_as_they_were(case: ChildCase) -> None:
    """Whatever allocations Hearth held, the SWEpisodes rows the export derives from them
    (clipped to care, the latest left open) rebuild into allocations that derive the same
    rows, in the same order: the import gives the council's table back unchanged."""
    exported = build_return([case], YEAR)
    rows = exported.tables["SWEpisodes"]
    # Two workers clipped to one SW_ID and SW_DECOM repeat a key, which the import refuses.
    assume(exported.children() == 1
           and len({(r["SW_ID"], r["SW_DECOM"]) for r in rows}) == len(rows))
    with tempfile.TemporaryDirectory() as directory:
        write_return(exported, Path(directory))
        rebuilt = importer.check(Path(directory), YEAR)
    again = build_return(rebuilt.cases, YEAR)
    assert again.tables["SWEpisodes"] == rows
