"""CSV files: exact headers (shared/reference/ssda903.md), dates and year-dependent codes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hearth.returns.ssda903.cohorts import CollectionYear
from hearth.returns.ssda903.columns import BY_NAME
from hearth.returns.ssda903.render import format_value, sex_code, table_lines, write_return
from hearth.returns.ssda903.tables import Return903

#: Header lines as ssda903.md and the validator's config.py give them.
HEADERS = {
    "header.csv": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
    "episodes.csv": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
                    "HOME_POST,PL_POST,URN",
    "uasc.csv": "CHILD,SEX,DOB,DUC",
    "reviews.csv": "CHILD,DOB,REVIEW,REVIEW_CODE",
    "oc2.csv": "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
               "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
    "oc3.csv": "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM",
    "ad1.csv": "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
    "placed_for_adoption.csv": "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
    "previous_permanence.csv": "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM",
    "missing.csv": "CHILD,DOB,MISSING,MIS_START,MIS_END",
    "sw_episodes.csv": "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON",
    "DoLo.csv": "CHILD,DOB,DOLO_START,DOLO_END",
}


def _empty(year: int) -> Return903:
    from hearth.returns.ssda903.columns import tables_for

    return Return903(year=CollectionYear(year), tables={t.name: [] for t in tables_for(year)})


def test_every_file_has_the_exact_header_line(tmp_path: Path) -> None:
    written = write_return(_empty(2027), tmp_path)
    assert {p.name: p.read_text().splitlines()[0] for p in written} == HEADERS


def test_social_worker_episodes_from_2023_24_and_dolo_from_2026_27(tmp_path: Path) -> None:
    names = {p.name for p in write_return(_empty(2023), tmp_path / "a")}
    assert "sw_episodes.csv" not in names
    assert "DoLo.csv" not in names
    names = {p.name for p in write_return(_empty(2026), tmp_path / "b")}
    assert "sw_episodes.csv" in names
    assert "DoLo.csv" not in names


def test_dates_are_dd_mm_yyyy_and_blanks_are_empty() -> None:
    assert format_value(dt.date(2026, 3, 1)) == "01/03/2026"
    assert format_value(None) == ""
    assert format_value("ZZ/ZZ/ZZZZ") == "ZZ/ZZ/ZZZZ"


def test_sex_is_m_f_u_from_2024_25_and_1_2_before() -> None:
    assert [sex_code(s, 2025) for s in "MFU"] == ["M", "F", "U"]
    assert [sex_code(s, 2024) for s in "MFU"] == ["1", "2", ""]
    row = {"CHILD": "C1", "SEX": "F", "DOB": dt.date(2010, 1, 2), "DUC": None}
    assert table_lines(BY_NAME["UASC"], [row], 2024)[1] == ["C1", "2", "02/01/2010", ""]
