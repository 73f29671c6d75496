"""Ofsted's Annex A for the Returns page: generate as the registry's function.

The same steps as ``hearth returns annex-a`` (extract, derive the eleven lists, write the
workbook), taking and giving the plain values of ``returns.base`` and reporting progress as they
go. Annex A has no external validator: Ofsted publishes the template (Annex A - Child level
data, Lists 1 - 11, guidance updated August 2019) but no rules to check a workbook against.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hearth.organisation.models import LocalAuthority
from hearth.returns.annex_a.columns import LISTS
from hearth.returns.annex_a.extract import extract
from hearth.returns.annex_a.lists import build_lists
from hearth.returns.annex_a.render import write_workbook
from hearth.returns.base import Generated, GeneratedFile, Period, Progress

#: The earliest as-of date offered: Hearth writes the layout of Ofsted's template as updated in
#: August 2019, which inspections since then have used.
FIRST_AS_OF = dt.date(2019, 8, 1)
#: List 11 is of adopters, not children; every other list's first column is the child's id.
ADOPTERS_LIST = 11


def file_name(as_of: dt.date) -> str:
    return f"annex-a-{as_of.isoformat()}.xlsx"


def generate(la: LocalAuthority, period: Period, progress: Progress) -> Generated:
    """The Annex A workbook of ``la`` as at ``period.end``, and how many children it lists."""
    progress(5, "Reading the records the eleven lists need")
    data = extract(la, period.end)
    progress(40, "Drawing up the eleven lists")
    rows = build_lists(data)
    cells = sum(len(row) for annex_list in LISTS for row in rows[annex_list.number])
    progress(55, f"Writing the workbook ({cells:,} cells)")
    with tempfile.TemporaryDirectory(prefix="hearth-annex-a-") as directory:
        path = write_workbook(rows, Path(directory) / file_name(period.end))
        content = path.read_bytes()
    children = {row[0] for number, list_rows in rows.items() if number != ADOPTERS_LIST
                for row in list_rows}
    return Generated(files=(GeneratedFile(name=file_name(period.end), content=content),),
                     children=len(children))
