"""The cells of an Annex A sheet as SpreadsheetML, written in bulk: ``render``'s fast path.

A large council's Annex A holds about a million cells, and a library's per-cell call (about
3.5 microseconds in XlsxWriter) made writing them most of the return's time, against issue 5's
goal of each return within three times the time to read its rows. So the ``<row>`` elements of
each sheet's ``<sheetData>`` are built here with string joins, and everything else in the
workbook is still XlsxWriter's (``render``).

The XML is ECMA-376 Part 1 section 18.3.1 (``row``, ``c``, ``is``, ``v``), written exactly as
XlsxWriter writes a cell in its constant-memory mode, so the workbook reads back the same:
text as an inline string (``t="inlineStr"``) with ``&``, ``<`` and ``>`` escaped, control
characters XML 1.0 cannot carry written as Excel's ``_xHHHH_`` escape (and a literal
``_xHHHH_`` protected as ``_x005F_xHHHH_``), ``xml:space="preserve"`` when the text starts or
ends with white space; whole numbers as numbers (``%.16G``); dates as Excel's serial day number
with the workbook's ``dd/mm/yyyy`` style. ``None`` and empty text are left out, and a row with
no cells is not written. Each distinct text or date is escaped once per sheet: Annex A's cells
are mostly code labels and dates that repeat.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from xml.sax.saxutils import escape

from xlsxwriter.utility import xl_col_to_name

from hearth.returns.annex_a.derive import Cell

#: Excel's largest sheet: 1,048,576 rows (the headings take the first) and 32,767 UTF-16 units
#: of text in a cell.
MAX_ROWS = 1_048_576
MAX_TEXT = 32_767
#: Excel's day 0 in the 1900 date system, as a proleptic ordinal; right for every date from
#: 1 March 1900 on (Excel counts a 29 February 1900 that never was).
_EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()
_FIRST_EXACT_DATE = dt.date(1900, 3, 1)
_ESCAPE_LOOKALIKE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_EDGE_SPACE = re.compile(r"^\s|\s$")


def excel_day(day: dt.date) -> int:
    """The serial number Excel stores for ``day`` (its 1900 date system)."""
    if day < _FIRST_EXACT_DATE:
        raise ValueError(f"{day} is before 1 March 1900, which Annex A never holds")
    return day.toordinal() - _EXCEL_EPOCH


def inline_text(text: str) -> str:
    """The ``t="inlineStr"`` part of a cell holding ``text``, after its ``r`` attribute."""
    if len(text) > MAX_TEXT // 2 and len(text.encode("utf-16-le", "surrogatepass")) > 2 * MAX_TEXT:
        raise ValueError(f"a cell holds more than {MAX_TEXT:,} characters, Excel's limit")
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_",
                        _ESCAPE_LOOKALIKE.sub(r"_x005F\1", text))
    space = ' xml:space="preserve"' if _EDGE_SPACE.search(text) else ""
    return f'" t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def rows_xml(sheet: str, rows: Sequence[Sequence[Cell]], width: int,
             date_style: int) -> Iterator[str]:
    """The ``<row>`` element of each of ``rows`` that has a cell, the first on sheet row 2
    (below the headings); ``date_style`` is the index of the ``dd/mm/yyyy`` cell style."""
    if len(rows) >= MAX_ROWS:
        raise ValueError(f"{sheet}: {len(rows):,} rows is more than an Excel sheet holds "
                         f"({MAX_ROWS - 1:,} below the headings)")
    starts = [f'<c r="{xl_col_to_name(c)}' for c in range(width)]
    texts: dict[str, str] = {}
    days: dict[dt.date, str] = {}
    for r, row in enumerate(rows, start=2):
        if len(row) != width:
            raise ValueError(f"{sheet}: a row has {len(row)} cells for {width} columns")
        n = str(r)
        cells = []
        for start, value in zip(starts, row, strict=True):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                rest = texts.get(value)
                if rest is None:
                    rest = texts[value] = inline_text(value)
            elif isinstance(value, dt.date):
                rest = days.get(value)
                if rest is None:
                    rest = days[value] = f'" s="{date_style}"><v>{excel_day(value)}</v></c>'
            elif isinstance(value, int) and not isinstance(value, bool):
                rest = f'"><v>{value:.16G}</v></c>'
            else:
                raise TypeError(f"{sheet} row {r}: cannot write {value!r}")
            cells.append(start + n + rest)
        if cells:
            yield f'<row r="{n}">{"".join(cells)}</row>'
