"""Write Annex A as the Excel workbook Ofsted asks for: one sheet ``List_N`` per list.

Row 1 of each sheet holds the list's headings (``columns``), then one row per child or event.
Dates are real Excel dates shown ``dd/mm/yyyy``; blank cells (``None`` or empty text) are left
out, not written as text. The workbook is written with XlsxWriter in its constant-memory mode,
which streams each row to disk as it goes, so memory stays flat for a large council.

A large council's workbook holds about a million cells, so the cell loop is the return's cost:
each value goes straight to XlsxWriter's typed writer, with the two formats (headings, dates)
made once per workbook rather than a style object per cell. A date is written as the number
Excel stores for it (days since 30 December 1899, the 1900 date system) with the shared
``dd/mm/yyyy`` format, which is exactly what ``write_datetime`` produces, without its per-cell
datetime arithmetic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import xlsxwriter

from hearth.returns.annex_a.columns import LISTS
from hearth.returns.annex_a.derive import Row

DATE_FORMAT = "dd/mm/yyyy"
_COLUMN_WIDTH = 22
#: Excel's day 0 in the 1900 date system, as a proleptic ordinal; right for every date from
#: 1 March 1900 on (Excel counts a 29 February 1900 that never was).
_EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()
_FIRST_EXACT_DATE = dt.date(1900, 3, 1)


def write_workbook(rows: Mapping[int, list[Row]], path: Path) -> Path:
    """Write every list's rows to ``path`` (an .xlsx file; its directory must exist)."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    heading = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    date = book.add_format({"num_format": DATE_FORMAT})
    for annex_list in LISTS:
        width = len(annex_list.columns)
        sheet = book.add_worksheet(annex_list.sheet)
        sheet.freeze_panes(1, 0)
        sheet.set_column(0, width - 1, _COLUMN_WIDTH)
        sheet.write_row(0, 0, annex_list.columns, heading)
        write_string, write_number = sheet.write_string, sheet.write_number
        for r, row in enumerate(rows[annex_list.number], start=1):
            if len(row) != width:
                raise ValueError(f"{annex_list.sheet}: a row has {len(row)} cells for "
                                 f"{width} columns")
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, str):
                    write_string(r, c, value)
                elif isinstance(value, dt.date):
                    write_number(r, c, _excel_day(value), date)
                elif isinstance(value, int) and not isinstance(value, bool):
                    write_number(r, c, value)
                else:
                    raise TypeError(f"{annex_list.sheet} row {r + 1}: cannot write {value!r}")
    book.close()
    return path


def _excel_day(day: dt.date) -> int:
    """The serial number Excel stores for ``day`` (its 1900 date system)."""
    if day < _FIRST_EXACT_DATE:
        raise ValueError(f"{day} is before 1 March 1900, which Annex A never holds")
    return day.toordinal() - _EXCEL_EPOCH
