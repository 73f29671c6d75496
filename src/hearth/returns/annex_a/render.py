"""Write Annex A as the Excel workbook Ofsted asks for: one sheet ``List_N`` per list.

Row 1 of each sheet holds the list's headings (``columns``), then one row per child or event.
Dates are real Excel dates shown ``dd/mm/yyyy``; blank cells (``None`` or empty text) are left
out, not written as text.

A large council's workbook holds about a million cells, and issue 5 asks each return to take at
most three times as long as reading its rows from the database. Writing the cells one library
call at a time cost more than that on its own, so the work is split:

* XlsxWriter writes the workbook with only the headings: workbook and content-type parts, the
  styles (bold wrapped headings, the ``dd/mm/yyyy`` date format), each sheet's frozen heading
  row and column widths. To learn the index XlsxWriter gives the date style, it also writes one
  date in cell A2 of the first sheet, which is dropped below.
* That workbook, kept in memory, is copied part by part into the file, except that each sheet's
  rows after the headings are replaced by the rows ``sheet_xml`` builds in bulk, streamed into
  the zip member a block at a time (so only one block of XML is held at once), and the sheet's
  ``<dimension>`` is set to the cells it now holds.

The result reads back, cell for cell and format for format, as the workbook XlsxWriter writes
cell by cell in its constant-memory mode (``tests/returns/test_annex_a_sheet_xml.py`` checks
it).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from io import BytesIO
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from hearth.returns.annex_a.columns import LISTS
from hearth.returns.annex_a.derive import Row
from hearth.returns.annex_a.sheet_xml import rows_xml

DATE_FORMAT = "dd/mm/yyyy"
_COLUMN_WIDTH = 22
#: Rows joined into one write to the zip member: large enough to make writes few, small enough
#: to keep memory flat.
_BLOCK = 2_000
#: zlib's fastest level: the sheets are repetitive XML, so it still shrinks them about sevenfold,
#: at a fraction of the time of the default level.
_COMPRESS_LEVEL = 1
_PROBE = re.compile(r'<c r="A2" s="(\d+)"')
_DIMENSION = re.compile(r'<dimension ref="[A-Z0-9:]+"/>')


def write_workbook(rows: Mapping[int, list[Row]], path: Path) -> Path:
    """Write every list's rows to ``path`` (an .xlsx file; its directory must exist)."""
    template = BytesIO()
    book = xlsxwriter.Workbook(template, {"in_memory": True})
    heading = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    date = book.add_format({"num_format": DATE_FORMAT})
    parts: dict[str, tuple[str, int, int]] = {}
    for index, annex_list in enumerate(LISTS, start=1):
        width = len(annex_list.columns)
        sheet = book.add_worksheet(annex_list.sheet)
        sheet.freeze_panes(1, 0)
        sheet.set_column(0, width - 1, _COLUMN_WIDTH)
        sheet.write_row(0, 0, annex_list.columns, heading)
        if index == 1:
            sheet.write_number(1, 0, 1, date)
        parts[f"xl/worksheets/sheet{index}.xml"] = (annex_list.sheet, annex_list.number, width)
    book.close()

    with (zipfile.ZipFile(template) as source,
          zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED,
                          compresslevel=_COMPRESS_LEVEL) as target):
        if set(parts) - set(source.namelist()):
            raise RuntimeError("XlsxWriter did not name the sheets' parts as expected")
        first = source.read("xl/worksheets/sheet1.xml").decode()
        probe = _PROBE.search(first)
        if probe is None:
            raise RuntimeError("XlsxWriter did not write the date style probe as expected")
        date_style = int(probe.group(1))
        for info in source.infolist():
            if info.filename not in parts:
                target.writestr(info, source.read(info))
                continue
            name, number, width = parts[info.filename]
            head, tail = _around_headings(source.read(info).decode())
            dimension = f"A1:{xl_col_to_name(width - 1)}{_last_row(rows[number])}"
            with target.open(info.filename, "w") as member:
                member.write(_DIMENSION.sub(f'<dimension ref="{dimension}"/>', head).encode())
                block: list[str] = []
                for xml in rows_xml(name, rows[number], width, date_style):
                    block.append(xml)
                    if len(block) == _BLOCK:
                        member.write("".join(block).encode())
                        block.clear()
                member.write("".join(block).encode())
                member.write(tail.encode())
    return path


def _around_headings(sheet: str) -> tuple[str, str]:
    """XlsxWriter's sheet XML up to the end of its heading row, and from ``</sheetData>`` on."""
    if '<row r="1"' not in sheet:
        raise RuntimeError("XlsxWriter did not write the heading row as expected")
    end_of_headings = sheet.index("</row>") + len("</row>")
    return sheet[:end_of_headings], sheet[sheet.index("</sheetData>"):]


def _last_row(rows: list[Row]) -> int:
    """The sheet row of the last of ``rows`` with a cell (1, the headings, if none has)."""
    for index in range(len(rows) - 1, -1, -1):
        if any(value is not None and value != "" for value in rows[index]):
            return index + 2
    return 1
