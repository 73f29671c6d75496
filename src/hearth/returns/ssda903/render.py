"""Write a 903 return as the CSV files the DfE's portal and Data to Insight's validator read.

One file per table with the exact headers, in the order of ``columns`` (the validator matches
each file to its table by the set of headers); dates ``dd/mm/YYYY`` (parsed with ``%d/%m/%Y``);
blank for nothing. SEX is M, F or U from 2024-25 and 1 (male) or 2 (female) before (validator
rule 101, ``lac2024_25`` and ``lac2022_23``).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from hearth.returns.ssda903.columns import Row, Table, Value, tables_for
from hearth.returns.ssda903.tables import Return903

#: The first collection year whose SEX codes are M/F/U.
SEX_LETTERS_FROM = 2025
_SEX_NUMBERS = {"M": "1", "F": "2"}
_SEX_COLUMN = "SEX"


def format_value(value: Value) -> str:
    """A date as dd/mm/YYYY, blank for ``None``, anything else as it is."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return value


def sex_code(sex: str, year: int) -> str:
    """SEX for the collection year: M/F/U from 2024-25; 1/2 before, when U had no code."""
    if year >= SEX_LETTERS_FROM:
        return sex
    return _SEX_NUMBERS.get(sex, "")


def table_lines(table: Table, rows: Iterable[Row], year: int) -> list[list[str]]:
    """The CSV lines of one table: its header, then each row's values in column order."""
    lines = [list(table.columns)]
    for row in rows:
        line = [format_value(row[column]) for column in table.columns]
        if _SEX_COLUMN in table.columns:
            i = table.columns.index(_SEX_COLUMN)
            line[i] = sex_code(line[i], year)
        lines.append(line)
    return lines


def write_return(result: Return903, out_dir: Path) -> list[Path]:
    """Write one CSV per table of the year into ``out_dir`` (created if needed)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables_for(result.year.year):
        path = out_dir / table.file_name
        with path.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f, lineterminator="\n").writerows(
                table_lines(table, result.tables[table.name], result.year.year))
        written.append(path)
    return written
