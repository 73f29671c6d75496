"""The Annex A workbook: its sheets and exact headings, real dates, the periods, the command's
refusals, and the workbook of the 50,000-child synthetic council."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from tests.factories import ChildFactory, ContactFactory, LocalAuthorityFactory
from tests.returns.annex_a_helpers import D, at
from tests.returns.synthetic_council import SyntheticCouncil

from hearth.returns.annex_a.derive import Row
from hearth.returns.annex_a.render import write_workbook
from hearth.returns.annex_a.window import Window

#: The headings of Ofsted's 2019 template (shared/reference/annex-a.md), typed out again here
#: so that a change to ``columns`` shows up as a failing test.
COMMON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
HEADINGS = {
    "List_1": [*COMMON, "Date of Contact", "Contact Source"],
    "List_2": [*COMMON, "Assessment start date", "Assessment completion date",
               "Organisation completing assessment"],
    "List_3": [*COMMON, "Date of referral", "Referral Source", "Referral NFA?",
               "Number of Referrals in Last 12 Months", "Allocated Team", "Allocated Worker"],
    "List_4": [*COMMON, "Does the Child have a Disability", "Continuous Assessment Start Date",
               "Child Seen During Continuous Assessment",
               "Continuous Assessment Date of Authorisation",
               "Was the child assessed as requiring LA children\u2019s social care support",
               "Allocated Team", "Allocated Worker"],
    "List_5": [*COMMON, "Does the Child have a Disability",
               "Strategy discussion initiating Section 47 Enquiry Start Date",
               "Was an Initial Child Protection Conference deemed unnecessary?",
               "Date of Initial Child Protection Conference",
               "Did the Initial Child Protection Conference Result in a Child Protection Plan",
               "Number of Section 47 Enquiries in the last 12 months",
               "Number of ICPCs in the last 12 months", "Allocated Team", "Allocated Worker"],
    "List_6": [*COMMON, "Does the Child have a Disability", "CIN Start Date",
               "Primary Need Code", "Date Child Was Last Seen", "CIN Closure Date",
               "Reason for Closure", "Case status", "Allocated Team", "Allocated Worker"],
    "List_7": [*COMMON, "Does the Child have a Disability", "Child Protection Plan Start Date",
               "Initial Category of Abuse", "Latest Category of Abuse",
               "Date of the Last Statutory Visit", "Was the Child Seen Alone?",
               "Date of latest review conference", "Child Protection Plan End Date",
               "Subject to Emergency Protection Order or Protected Under Police Powers in Last "
               "Six Months (Y/N)", "Number of Previous Child Protection Plans",
               "Allocated Team", "Allocated Worker"],
    "List_8": [*COMMON,
               "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
               "Does the Child have a Disability", "Date Started to be Looked After",
               "Child's Category of Need",
               "Is this a second or subsequent period of being a Looked After Child within "
               "the last 12 months (Y/N)", "Start date of current legal status",
               "Child's Legal Status", "Date of Latest Statutory Review",
               "Date of Last Social Work Visit", "What is the permanence plan for this child?",
               "Date of Last IRO Visit / Contact to the Child",
               "Date of Last Health Assessment", "Date of Last Dental Check",
               "Number of Placements in the Last 12 months", "Date Ceased to be Looked After ",
               "Reason Ceased to be Looked After", "Start Date of Most Recent Placement",
               "Placement Type", "Placement Provider", "Placement postcode", "URN of Placement",
               "Placement Location", "LA of Placement",
               "Number of Episodes the Child has been \u2018Missing\u2019 from their Placement "
               "in the last 12 months",
               "Number of Episodes the Child has been \u2018Absent\u2019 from their Placement "
               "in the last 12 months",
               "Was the child offered a Return Interview after their last missing episode "
               "(Y/N)?",
               "Did the child accept a Return Interview after their last missing episode (Y/N)?",
               "Allocated Team", "Allocated Worker"],
    "List_9": [*COMMON, "Does the Child have a Disability", "Allocated Team", "Allocated Worker",
               "Eligibility Category", "LA In Touch ", "Type of Accommodation",
               "Suitability of Accommodation", "Activity Status"],
    "List_10": ["Child Unique ID", "Family identifier", "Gender", "Ethnicity", "Date of Birth",
                "Age of Child (Years)", "Does the Child have a Disability",
                "Date the Child Entered Care",
                "Date of Decision that Child Should be Placed for Adoption",
                "Date of Placement Order", "Date of Matching Child and Prospective Adopters",
                "Date Placed for Adoption", "Date of Adoption Order ",
                "Date of Decision that Child Should No Longer be Placed for Adoption",
                "Reason Why Child No Longer Placed for Adoption",
                "Date the child was placed for fostering in FFA or concurrent planning "
                "placement"],
    "List_11": ["Individual adopter identifier", "Family identifier", "Gender", "Ethnicity",
                "Disability", "Is the (prospective) adopter fostering for adoption?",
                "Date enquiry received", "Date Stage 1 started", "Date Stage 1 ended",
                "Date Stage 2 started", "Date Stage 2 ended", "Date application submitted",
                "Date application approved", "Date adopter matched with child(ren)",
                "Date child/children placed with adopter(s)", "No. of children placed",
                "Date of Adoption Order", "Date of leaving adoption process",
                "Reason for leaving adoption process"],
}
#: List 9's newer columns (liia-tools' 2023-24 schema), after the 2019 template's 13.
LIST_9_NEWER = ["Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
                "Allocated Personal Advisor", "Latest Pathway Plan Review Date",
                "Latest Date of Contact"]


def run(*args: str) -> str:
    out = StringIO()
    call_command("returns", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def headings(sheet: object) -> list[str]:
    return [cell.value for cell in next(sheet.iter_rows(max_row=1))]  # type: ignore[attr-defined]


def assert_template_headings(path: Path) -> None:
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == [f"List_{n}" for n in range(1, 12)]
    for name, expected in HEADINGS.items():
        found = headings(book[name])
        if name == "List_9":
            assert found == expected + LIST_9_NEWER
        else:
            assert found == expected, name


def test_the_periods_count_back_from_the_as_of_date() -> None:
    window = Window(D(2026, 3, 31))
    assert (window.six_months_start, window.twelve_months_start) == (D(2025, 10, 1),
                                                                     D(2025, 4, 1))
    assert Window(D(2026, 8, 31)).six_months_start == D(2026, 3, 1)
    assert window.open_at(D(2026, 3, 31), None)
    assert not window.open_at(D(2025, 1, 1), D(2026, 3, 31))
    assert window.open_or_ended_in_six_months(D(2025, 1, 1), D(2026, 3, 31))
    assert not window.open_or_ended_in_six_months(D(2025, 1, 1), D(2025, 9, 30))
    assert window.known(D(2026, 4, 1)) is None


@pytest.mark.django_db
def test_the_workbook_has_the_template_headings_and_real_dates(tmp_path: Path) -> None:
    la = LocalAuthorityFactory()
    child = ChildFactory(la=la, la_child_id="DATED", date_of_birth=D(2015, 6, 1))
    ContactFactory(child=child, received_at=at(D(2026, 3, 2), 11))
    path = tmp_path / "annex-a.xlsx"

    output = run("annex-a", "--as-of", "2026-03-31", "--out", str(path))

    assert "List_1 (Contacts): 1 rows" in output
    assert "List_8 (Children in care): 0 rows" in output
    assert f"Annex A at 2026-03-31 for Essex: 11 lists in {path}" in output
    assert_template_headings(path)
    sheet = load_workbook(path)["List_1"]
    dob, age, contact = sheet["D2"], sheet["E2"], sheet["F2"]
    assert (dob.value.date(), dob.number_format) == (D(2015, 6, 1), "dd/mm/yyyy")
    assert (age.value, age.number_format) == (10, "General")
    assert (contact.value.date(), contact.number_format) == (D(2026, 3, 2), "dd/mm/yyyy")
    assert sheet.max_row == 2
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.django_db
@pytest.mark.parametrize(("args", "message"), [
    (("--as-of", "31/03/2026", "--out", "a.xlsx"),
     "--as-of must be a date such as 2026-06-30, not '31/03/2026'"),
    (("--as-of", "2026-06-02", "--out", "a.xlsx"), "--as-of 2026-06-02 is in the future"),
    (("--as-of", "2026-03-31", "--out", "a.csv"), "--out must be an .xlsx file, not 'a.csv'"),
    (("--as-of", "2026-03-31", "--out", "/nonexistent/a.xlsx"),
     "the directory /nonexistent does not exist"),
    (("--as-of", "2026-03-31", "--out", "a.xlsx", "--la", "999"),
     "no council with DfE number '999'"),
])
def test_bad_arguments_exit_2_and_write_nothing(args: tuple[str, ...], message: str,
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with time_machine.travel(dt.date(2026, 6, 1)), pytest.raises(CommandError) as error:
        run("annex-a", *args)
    assert message in str(error.value)
    assert error.value.returncode == 2
    assert list(tmp_path.iterdir()) == []


def test_out_must_not_be_a_directory(tmp_path: Path) -> None:
    (tmp_path / "dir.xlsx").mkdir()
    with pytest.raises(CommandError, match="is a directory") as error:
        run("annex-a", "--as-of", "2026-03-31", "--out", str(tmp_path / "dir.xlsx"))
    assert error.value.returncode == 2


def test_the_console_command_exits_2_without_an_as_of_date(tmp_path: Path) -> None:
    env = {**os.environ, "HEARTH_MODE": "test", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    done = subprocess.run([sys.executable, "-m", "hearth.cli", "returns", "annex-a", "--out",
                           str(tmp_path / "a.xlsx")], capture_output=True, text=True, env=env,
                          check=False)
    assert done.returncode == 2
    assert "the following arguments are required: --as-of" in done.stderr


@pytest.mark.slow
def test_the_synthetic_council_annex_a(synthetic_council: SyntheticCouncil,
                                       tmp_path: Path) -> None:
    path = tmp_path / "annex-a.xlsx"
    synthetic_council.hearth("returns", "annex-a", "--as-of", "2026-06-30", "--out", str(path))

    assert_template_headings(path)
    book = load_workbook(path, read_only=True)
    rows = {name: sum(1 for _ in book[name].iter_rows(min_row=2)) for name in book.sheetnames}
    assert all(count > 0 for count in rows.values()), rows
    with sqlite3.connect(synthetic_council.database) as db:
        in_care, = db.execute(
            "SELECT COUNT(DISTINCT child_id) FROM care_careperiod WHERE start_date <= "
            "'2026-06-30' AND (end_date IS NULL OR end_date >= '2025-12-31')").fetchone()
        leavers, = db.execute(
            "SELECT COUNT(*) FROM leavingcare_careleaver WHERE start_date <= '2026-06-30' "
            "AND (end_date IS NULL OR end_date > '2026-06-30')").fetchone()
        on_plans, = db.execute(
            "SELECT COUNT(DISTINCT child_id) FROM protection_cpplan WHERE start_date <= "
            "'2026-06-30' AND (end_date IS NULL OR end_date >= '2025-12-31')").fetchone()
    assert (rows["List_8"], rows["List_9"], rows["List_7"]) == (in_care, leavers, on_plans)
    dates = [cell for row in book["List_8"].iter_rows(min_row=2, max_row=50, min_col=8,
                                                       max_col=8) for cell in row]
    assert all(isinstance(c.value, dt.datetime) and c.number_format == "dd/mm/yyyy"
               for c in dates)


def _rows(list_1: list[tuple[object, ...]]) -> dict[int, list[Row]]:
    return {n: list_1 if n == 1 else [] for n in range(1, 12)}  # type: ignore[misc]


def test_blank_cells_are_left_empty_and_dates_are_excel_dates(tmp_path: Path) -> None:
    path = write_workbook(_rows([("C1", "", None, D(2015, 6, 1), 10, D(1900, 3, 1), "Police"),
                                 ("C2", "Female", "White", None, None, D(2026, 3, 31), "")]),
                          tmp_path / "a.xlsx")
    sheet = load_workbook(path)["List_1"]
    # openpyxl reads an Excel date back as a datetime at midnight.
    assert [[c.value.date() if isinstance(c.value, dt.datetime) else c.value for c in row]
            for row in sheet.iter_rows(min_row=2)] == [
        ["C1", None, None, D(2015, 6, 1), 10, D(1900, 3, 1), "Police"],
        ["C2", "Female", "White", None, None, D(2026, 3, 31), None]]
    assert [sheet[c].number_format for c in ("D2", "E2", "F2", "F3")] == [
        "dd/mm/yyyy", "General", "dd/mm/yyyy", "dd/mm/yyyy"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold


@pytest.mark.parametrize(("row", "error"), [
    (("C1", "", None, D(2015, 6, 1), 10, D(2026, 3, 2)), "List_1: a row has 6 cells for 7"),
    (("C1", "", None, D(2015, 6, 1), True, D(2026, 3, 2), ""), "List_1 row 2: cannot write True"),
    (("C1", "", None, D(1899, 1, 1), 10, D(2026, 3, 2), ""), "1899-01-01 is before 1 March 1900"),
])
def test_a_row_the_workbook_cannot_hold_is_refused(row: tuple[object, ...], error: str,
                                                   tmp_path: Path) -> None:
    with pytest.raises((ValueError, TypeError), match=error):
        write_workbook(_rows([row]), tmp_path / "a.xlsx")
