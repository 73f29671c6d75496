"""Write Annex A as the Excel workbook Ofsted asks for: one sheet ``List_N`` per list.

Row 1 of each sheet holds the list's headings (``columns``), then one row per child or event.
Dates are real Excel dates shown ``dd/mm/yyyy``; blank cells are empty, not text. The workbook is
written in openpyxl's streaming (write-only) mode, so memory stays flat for a large council.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell as ExcelCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from hearth.returns.annex_a.columns import LISTS
from hearth.returns.annex_a.derive import Cell, Row

DATE_FORMAT = "dd/mm/yyyy"
_HEADING_FONT = Font(bold=True)
_HEADING_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
_COLUMN_WIDTH = 22


def _cells(sheet: WriteOnlyWorksheet, row: Row) -> list[Cell | ExcelCell]:
    out: list[Cell | ExcelCell] = []
    for value in row:
        if isinstance(value, dt.date):
            cell = WriteOnlyCell(sheet)
            cell.value = value
            cell.number_format = DATE_FORMAT
            out.append(cell)
        else:
            out.append(value)
    return out


def _heading(sheet: WriteOnlyWorksheet, columns: Iterable[str]) -> list[ExcelCell]:
    cells = []
    for title in columns:
        cell = WriteOnlyCell(sheet, title)
        cell.font = _HEADING_FONT
        cell.alignment = _HEADING_ALIGNMENT
        cells.append(cell)
    return cells


def write_workbook(rows: Mapping[int, list[Row]], path: Path) -> Path:
    """Write every list's rows to ``path`` (an .xlsx file; its directory must exist)."""
    book = Workbook(write_only=True)
    for annex_list in LISTS:
        sheet = book.create_sheet(annex_list.sheet)
        sheet.freeze_panes = "A2"
        for i in range(1, len(annex_list.columns) + 1):
            sheet.column_dimensions[get_column_letter(i)].width = _COLUMN_WIDTH
        sheet.append(_heading(sheet, annex_list.columns))
        for row in rows[annex_list.number]:
            if len(row) != len(annex_list.columns):
                raise ValueError(f"{annex_list.sheet}: a row has {len(row)} cells for "
                                 f"{len(annex_list.columns)} columns")
            sheet.append(_cells(sheet, row))
    book.save(path)
    return path
