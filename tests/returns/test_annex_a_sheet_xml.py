"""Annex A's bulk sheet writer: text escaping, unicode, white space, control characters,
columns beyond Z, row limits, and the same workbook, cell for cell, as XlsxWriter writes one
cell at a time."""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from tests.returns.annex_a_helpers import AS_OF, D
from tests.returns.conftest import Council

from hearth.returns.annex_a.columns import BY_NUMBER, LISTS
from hearth.returns.annex_a.derive import Row
from hearth.returns.annex_a.extract import extract
from hearth.returns.annex_a.lists import build_lists
from hearth.returns.annex_a.render import write_workbook
from hearth.returns.annex_a.sheet_xml import MAX_ROWS, excel_day

PLAIN = ["a & b", "<tag>", 'say "hi"', "it's", "Zoë Ørsted \u2013 café ☕ \U0001d518", "  leading",
         "trailing  ", "\ttab", "line\nbreak", "]]>", "\u00a0nbsp"]
#: Characters XML 1.0 cannot carry, written as Excel's _xHHHH_ escape (which Excel reads back
#: as the character and openpyxl leaves as it is), and text that looks like such an escape.
CONTROL = ["bell\x07", "null\x00", "CR\r", "_x0041_ literal"]
TRICKY = PLAIN + CONTROL


def xlsxwriter_workbook(rows: dict[int, list[Row]], path: Path) -> Path:
    """The workbook as XlsxWriter writes it one cell at a time (Annex A's writer before the
    bulk one): the reference the bulk writer must match."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    heading = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    for annex_list in LISTS:
        sheet = book.add_worksheet(annex_list.sheet)
        sheet.freeze_panes(1, 0)
        sheet.set_column(0, len(annex_list.columns) - 1, 22)
        sheet.write_row(0, 0, annex_list.columns, heading)
        for r, row in enumerate(rows[annex_list.number], start=1):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, str):
                    sheet.write_string(r, c, value)
                elif isinstance(value, dt.date):
                    sheet.write_number(r, c, excel_day(value), date)
                else:
                    sheet.write_number(r, c, value)
    book.close()
    return path


def cells(path: Path) -> dict[str, Any]:
    """Every sheet's cells (value and number format), size, frozen panes, widths and heading
    style, as openpyxl reads them; any warning while reading fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        book = load_workbook(path)
    found: dict[str, Any] = {"sheets": book.sheetnames}
    for sheet in book.worksheets:
        found[sheet.title] = {
            "size": (sheet.max_row, sheet.max_column, sheet.dimensions),
            "frozen": sheet.freeze_panes,
            "widths": {k: d.width for k, d in sheet.column_dimensions.items()},
            "bold": [c.font.bold for c in sheet[1]],
            "cells": [[(c.coordinate, c.value, c.number_format, c.data_type) for c in row]
                      for row in sheet.iter_rows()],
        }
    return found


def one_list(number: int, rows: list[Row]) -> dict[int, list[Row]]:
    return {n: rows if n == number else [] for n in range(1, 12)}


def test_text_reads_back_exactly_escaped_and_with_its_spaces(tmp_path: Path) -> None:
    width = len(BY_NUMBER[1].columns)
    rows: list[Row] = [(text, *[None] * (width - 1)) for text in TRICKY]
    path = write_workbook(one_list(1, rows), tmp_path / "a.xlsx")

    sheet = load_workbook(path)["List_1"]
    assert [sheet.cell(row=r, column=1).value for r in range(2, len(TRICKY) + 2)] == [
        *PLAIN, "bell_x0007_", "null_x0000_", "CR_x000D_", "_x005F_x0041_ literal"]
    with zipfile.ZipFile(path) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode()
    assert '<c r="A2" t="inlineStr"><is><t>a &amp; b</t></is></c>' in xml
    assert "<t>&lt;tag&gt;</t>" in xml
    assert '<t xml:space="preserve">  leading</t>' in xml
    assert '<t xml:space="preserve">trailing  </t>' in xml
    assert '<t xml:space="preserve">\u00a0nbsp</t>' in xml
    assert "<t>bell_x0007_</t>" in xml
    assert "<t>_x005F_x0041_ literal</t>" in xml
    assert "\x00" not in xml
    assert "\x07" not in xml


def test_cells_beyond_column_z_and_far_down_land_where_they_belong(tmp_path: Path) -> None:
    width = len(BY_NUMBER[8].columns)
    assert width == 34  # A to AH
    last = (*["x"] * (width - 2), 7, D(2026, 3, 31))
    rows: list[Row] = [(None,) * width] * 30_000 + [last]
    path = write_workbook(one_list(8, rows), tmp_path / "a.xlsx")

    sheet = load_workbook(path, read_only=True)["List_8"]
    assert (sheet.max_row, sheet.max_column) == (30_002, width)
    (cells_,) = sheet.iter_rows(min_row=30_002, max_row=30_002)
    assert [c.coordinate for c in cells_[24:28]] == ["Y30002", "Z30002", "AA30002", "AB30002"]
    assert (cells_[-2].coordinate, cells_[-2].value) == ("AG30002", 7)
    assert cells_[-1].coordinate == "AH30002"
    day = cells_[-1].value
    assert isinstance(day, dt.datetime)
    assert (day.date(), cells_[-1].number_format) == (D(2026, 3, 31), "dd/mm/yyyy")
    with zipfile.ZipFile(path) as book:
        xml = book.read("xl/worksheets/sheet8.xml").decode()
    assert '<dimension ref="A1:AH30002"/>' in xml
    assert '<row r="30001"' not in xml  # an empty row is not written


def test_more_rows_than_excel_holds_are_refused(tmp_path: Path) -> None:
    row: Row = ("C1", *[None] * 6)
    with pytest.raises(ValueError, match="List_1: 1,048,576 rows is more than an Excel sheet"):
        write_workbook(one_list(1, [row] * MAX_ROWS), tmp_path / "a.xlsx")


def test_text_longer_than_excel_holds_is_refused(tmp_path: Path) -> None:
    row: Row = ("x" * 32_768, *[None] * 6)
    with pytest.raises(ValueError, match="more than 32,767 characters"):
        write_workbook(one_list(1, [row]), tmp_path / "a.xlsx")


@pytest.mark.django_db
def test_the_hand_built_council_matches_xlsxwriter_cell_for_cell(council: Council,
                                                                 tmp_path: Path) -> None:
    rows = build_lists(extract(council.la, AS_OF))
    assert sum(len(r) for r in rows.values()) > 5

    fast = cells(write_workbook(rows, tmp_path / "fast.xlsx"))
    assert fast == cells(xlsxwriter_workbook(rows, tmp_path / "reference.xlsx"))
    assert fast["sheets"] == [f"List_{n}" for n in range(1, 12)]


def _text() -> st.SearchStrategy[str]:
    # XlsxWriter's constant-memory mode writes text that starts "<r>" and ends "</r>" as raw
    # rich-text XML; the bulk writer always escapes it, so such text is no fair comparison.
    return st.one_of(st.text(max_size=12), st.sampled_from(TRICKY)).filter(
        lambda s: not (s.startswith("<r>") and s.endswith("</r>")))


CELL = st.one_of(st.none(), _text(), st.integers(min_value=-10**6, max_value=10**18),
                 st.dates(min_value=D(1900, 3, 1), max_value=D(9999, 12, 31)))


@st.composite
def workbooks(draw: st.DrawFn) -> dict[int, list[Row]]:
    return {annex_list.number: draw(st.lists(
        st.tuples(*[CELL] * len(annex_list.columns)), max_size=4))
        for annex_list in LISTS}


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=workbooks())
def test_any_rows_match_xlsxwriter_cell_for_cell(rows: dict[int, list[Row]],
                                                 tmp_path: Path) -> None:
    assert cells(write_workbook(rows, tmp_path / "fast.xlsx")) == cells(
        xlsxwriter_workbook(rows, tmp_path / "reference.xlsx"))
