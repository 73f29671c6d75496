"""Check that Hearth would give back each row of an imported 903 as the council sent it.

The records ``rebuild`` makes from a return are run through the export's own derivation
(``tables.build_return``, then ``render``) and compared, table by table and child by child,
with the file's rows. A row that does not come back as it is cannot be held by Hearth as
recorded (it contradicts the child's other rows, or the 903 rules the export follows), so the
import refuses it, naming the file, row and column. Pure: plain values, no database.
"""

from __future__ import annotations

from collections import defaultdict

from hearth.returns.ssda903.case import ChildCase
from hearth.returns.ssda903.columns import Row as RenderRow
from hearth.returns.ssda903.columns import Table, tables_for
from hearth.returns.ssda903.read import KEYS, Problems, Return903File, Row
from hearth.returns.ssda903.render import table_lines
from hearth.returns.ssda903.tables import build_return

Line = tuple[str, ...]

#: Why the export would leave a row out, by table (the cohorts of ``tables`` and ``outcomes``).
WHY_NOT_REPORTED = {
    "Header": "the child has no episode open in the year and no OC3 row",
    "Episodes": "the episode was not open in the year",
    "Reviews": "the review was not held in the year while the child was looked after (other "
               "than on short breaks)",
    "Missing": "the spell did not begin while the child was looked after or was not open in "
               "the year",
}
COHORT = "the child's other rows put them outside this table's cohort for the year"


def _as_render_row(row: Row) -> RenderRow:
    """A parsed row in the export's terms: flags 0/1, numbers as text."""
    values: RenderRow = {}
    for column, value in row.values.items():
        if isinstance(value, bool):
            values[column] = "1" if value else "0"
        elif isinstance(value, int):
            values[column] = str(value)
        else:
            values[column] = value
    return values


def _by_child(table: Table, lines: list[list[str]]) -> dict[str, list[Line]]:
    grouped: dict[str, list[Line]] = defaultdict(list)
    child = table.columns.index("CHILD")
    for line in lines[1:]:
        grouped[line[child]].append(tuple(line))
    return grouped


def _key(table: Table, line: Line) -> Line:
    return tuple(line[table.columns.index(c)] for c in KEYS.get(table.name, ("CHILD",)))


def verify(source: Return903File, cases: list[ChildCase], refused: set[str],
           problems: Problems) -> None:
    """Add a problem for every row of ``source`` that ``cases`` would not give back as it is."""
    year = source.year
    expected = build_return(cases, year)
    for table in tables_for(year.year):
        rows = source.tables[table.name]
        file_lines = table_lines(table, (_as_render_row(r) for r in rows), year.year)
        have: dict[str, list[tuple[Row, Line]]] = defaultdict(list)
        for row, line in zip(rows, file_lines[1:], strict=True):
            have[row.child].append((row, tuple(line)))
        want = _by_child(table, table_lines(table, expected.tables[table.name], year.year))
        for child in sorted(set(have) | set(want)):
            if child not in refused:
                _compare(table, child, have.get(child, []), want.get(child, []), problems)


def _compare(table: Table, child: str, have: list[tuple[Row, Line]], want: list[Line],
             problems: Problems) -> None:
    unmatched = list(want)
    strays: list[tuple[Row, Line]] = []
    for row, line in have:
        if line in unmatched:
            unmatched.remove(line)
        else:
            strays.append((row, line))
    for row, line in strays:
        same_key = next((w for w in unmatched if _key(table, w) == _key(table, line)), None)
        if same_key is None:
            why = WHY_NOT_REPORTED.get(table.name, COHORT)
            problems.add(table.file_name, row.line, None,
                         f"Hearth cannot hold this row for child {child}: its own "
                         f"{table.name} table for the year would not have it, as {why}")
            continue
        unmatched.remove(same_key)
        for column, got, wanted in zip(table.columns, line, same_key, strict=True):
            if got != wanted:
                problems.add(table.file_name, row.line, column,
                             f"is {got or 'blank'}, but from the child's other rows Hearth "
                             f"would record {wanted or 'blank'}: the row contradicts them or "
                             f"the 903 rules")
    for line in unmatched:
        shown = ", ".join(f"{c} {v}" for c, v in zip(table.columns, line, strict=True) if v)
        problems.add(table.file_name, None, None,
                     f"lacks a row for child {child} that the child's other rows imply "
                     f"({shown})")
