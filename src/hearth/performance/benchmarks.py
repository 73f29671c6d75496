"""Reading benchmark files and loading them, all or nothing (``hearth benchmarks load``).

A benchmark file is CSV (UTF-8, a BOM allowed), one value a row, in the long shape of the DfE's
published local-authority tables (explore-education-statistics "data files" and the LA
Interactive Tool export). Lines starting with ``#`` are comments. Columns, in any order (names
are matched without regard to case; other columns, such as a DfE file's ``country_code``, are
ignored and listed in the report):

``measure_id``
    a measure's stable id from ``performance.measures`` (``cla_per_10k``).
``comparator``, or the DfE's ``geographic_level``
    ``england`` (also ``England``, ``National``), ``statistical_neighbours`` (also
    ``Statistical neighbours``, ``Statistical neighbour average``), ``region`` (also
    ``Regional``) or ``local_authority`` (also ``Local authority``).
``comparator_name``, or the DfE's ``region_name`` / ``la_name``
    which region or council, for those two comparators; empty for the others.
``year``, or the DfE's ``time_period``
    the reporting year: ``2024-25``, ``2024/25`` or the DfE's ``202425`` (year to 31 March
    2025).
``value``
    a number; thousands separators are allowed. The DfE's suppression and not-applicable
    markers (``c``, ``x``, ``z``, ``u``, ``low``, ``:``, ``.``) mean "no value published":
    those rows are skipped and counted in the report, not refused.
``source``
    where the figure comes from (publication and table), or for made-up figures a plain
    statement that they are illustrative.

Loading is all or nothing (DESIGN.md, Returns: importers): every problem is reported, naming
the row (the line of the file) and the column, and nothing is written unless the whole file is
good. A value already loaded for the same measure, comparator, name and year is replaced.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from hearth.core import clock
from hearth.core.errors import HearthError
from hearth.organisation.models import LocalAuthority
from hearth.performance.measures import BY_ID
from hearth.performance.models import NAMED_COMPARATORS, Benchmark, Comparator

#: Our column -> the names a file may use for it (ours first, then the DfE's).
COLUMNS: dict[str, tuple[str, ...]] = {
    "measure_id": ("measure_id",),
    "comparator": ("comparator", "geographic_level"),
    "year": ("year", "time_period"),
    "value": ("value",),
    "source": ("source",),
}
#: Where a comparator's name may come from, by comparator; ``comparator_name`` serves both.
NAME_COLUMNS: dict[str, tuple[str, ...]] = {
    Comparator.REGION: ("comparator_name", "region_name"),
    Comparator.LOCAL_AUTHORITY: ("comparator_name", "la_name"),
}
OPTIONAL_COLUMNS = frozenset({"comparator_name", "region_name", "la_name"})

COMPARATOR_WORDS: dict[str, Comparator] = {
    "england": Comparator.ENGLAND,
    "national": Comparator.ENGLAND,
    "statistical_neighbours": Comparator.STATISTICAL_NEIGHBOURS,
    "statistical neighbours": Comparator.STATISTICAL_NEIGHBOURS,
    "statistical neighbour average": Comparator.STATISTICAL_NEIGHBOURS,
    "statistical neighbours average": Comparator.STATISTICAL_NEIGHBOURS,
    "region": Comparator.REGION,
    "regional": Comparator.REGION,
    "local_authority": Comparator.LOCAL_AUTHORITY,
    "local authority": Comparator.LOCAL_AUTHORITY,
}
#: DfE symbols for a value not published (suppressed, not applicable, not available, ...).
NOT_PUBLISHED = frozenset({"c", "x", "z", "u", "low", ":", "."})

MAX_ERRORS_SHOWN = 50
_YEAR_DASHED = re.compile(r"^(\d{4})\s*[-/]\s*(\d{2})$")
_YEAR_DFE = re.compile(r"^(\d{4})(\d{2})$")
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


class BenchmarkFileRefused(HearthError):
    """The file has problems; ``problems`` names each by row and column. Nothing was written."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        shown = problems[:MAX_ERRORS_SHOWN]
        more = len(problems) - len(shown)
        lines = [f"{path}: refused, nothing loaded ({len(problems)} "
                 f"problem{'s' if len(problems) != 1 else ''}):", *(f"  {p}" for p in shown)]
        if more:
            lines.append(f"  ... and {more} more")
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Row:
    line: int
    measure_id: str
    comparator: Comparator
    comparator_name: str
    year: int
    value: Decimal
    source: str

    @property
    def key(self) -> tuple[str, str, str, int]:
        return (self.measure_id, self.comparator, self.comparator_name, self.year)


@dataclass
class Parsed:
    rows: list[Row] = field(default_factory=list)
    not_published: int = 0
    ignored_columns: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LoadReport:
    created: int
    replaced: int
    not_published: int
    ignored_columns: list[str]

    @property
    def loaded(self) -> int:
        return self.created + self.replaced


def parse_year(text: str) -> int | None:
    """``2024-25``, ``2024/25`` or ``202425`` -> 2025 (the year the reporting year ends)."""
    match = _YEAR_DASHED.match(text) or _YEAR_DFE.match(text)
    if match is None:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    if (first + 1) % 100 != second or not EARLIEST_YEAR <= first + 1 <= LATEST_YEAR:
        return None
    return first + 1


def parse_value(text: str) -> Decimal | None:
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _header_map(header: list[str]) -> tuple[dict[str, int], list[str], list[str]]:
    """Our column -> its index in the file, the required columns missing, the ignored ones."""
    found = {name.strip().lower(): i for i, name in enumerate(header)}
    where: dict[str, int] = {}
    missing: list[str] = []
    for ours, names in COLUMNS.items():
        index = next((found[n] for n in names if n in found), None)
        if index is None:
            missing.append(" or ".join(names))
        else:
            where[ours] = index
    for name in OPTIONAL_COLUMNS:
        if name in found:
            where[name] = found[name]
    known = {n for names in COLUMNS.values() for n in names} | OPTIONAL_COLUMNS
    ignored = [h.strip() for h in header if h.strip().lower() not in known]
    return where, missing, ignored


def parse(path: Path, text: str) -> Parsed:
    """Every row of a benchmark file, checked; raises ``BenchmarkFileRefused`` listing every
    problem (row = the file's line number, header on line 1 unless comments precede it)."""
    lines = ["" if line.lstrip().startswith("#") else line for line in text.splitlines()]
    reader = csv.reader(lines)
    problems: list[str] = []
    parsed = Parsed()
    header: list[str] | None = None
    where: dict[str, int] = {}
    seen: dict[tuple[str, str, str, int], int] = {}
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        line = reader.line_num
        if header is None:
            header = cells
            where, missing, parsed.ignored_columns = _header_map(cells)
            if missing:
                raise BenchmarkFileRefused(path, [
                    f"row {line} (header): no column {name}" for name in missing])
            continue
        row = _row(line, cells, where, problems)
        if row == "not published":
            parsed.not_published += 1
        elif isinstance(row, Row):
            if row.key in seen:
                problems.append(f"row {line}: the same measure, comparator and year as row "
                                f"{seen[row.key]}")
            else:
                seen[row.key] = line
                parsed.rows.append(row)
    if header is None:
        raise BenchmarkFileRefused(path, ["the file has no header row and no data"])
    if problems:
        raise BenchmarkFileRefused(path, problems)
    if not parsed.rows:
        raise BenchmarkFileRefused(path, ["the file has a header but no values to load"])
    return parsed


def _row(line: int, cells: list[str], where: dict[str, int],
         problems: list[str]) -> Row | str | None:
    def cell(column: str) -> str:
        index = where.get(column)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    before = len(problems)

    def bad(column: str, message: str) -> None:
        problems.append(f"row {line}, column {column}: {message}")

    measure_id = cell("measure_id")
    if measure_id not in BY_ID:
        bad("measure_id", f"{measure_id!r} is not a measure id (see hearth kpi --json)"
            if measure_id else "empty")
    comparator = COMPARATOR_WORDS.get(cell("comparator").lower())
    if comparator is None:
        bad("comparator", f"{cell('comparator')!r} is not one of england, "
            "statistical_neighbours, region, local_authority")
    name = ""
    if comparator in NAMED_COMPARATORS:
        name = next((cell(c) for c in NAME_COLUMNS[comparator] if cell(c)), "")
        if not name:
            bad(" or ".join(NAME_COLUMNS[comparator]),
                f"a {comparator.label.lower()} benchmark needs the name of the "
                f"{'region' if comparator is Comparator.REGION else 'council'}")
    elif comparator is not None and cell("comparator_name"):
        bad("comparator_name", f"must be empty for {comparator.label}")
    year = parse_year(cell("year"))
    if year is None:
        bad("year", f"{cell('year')!r} is not a reporting year such as 2024-25 or 202425")
    source = cell("source")
    if not source:
        bad("source", "empty: say where the figure comes from")
    raw = cell("value")
    value = parse_value(raw)
    if raw.lower() in NOT_PUBLISHED and len(problems) == before:
        return "not published"
    if value is None and raw.lower() not in NOT_PUBLISHED:
        bad("value", f"{raw!r} is not a number" if raw else "empty")
    if len(problems) > before or value is None or comparator is None or year is None:
        return None
    return Row(line, measure_id, comparator, name, year, value, source[:300])


def read(path: Path) -> str:
    """The file's text; a file that is not UTF-8 is refused (nothing to load)."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BenchmarkFileRefused(path, [
            f"not UTF-8 text (byte {error.start}): save it as CSV UTF-8"]) from None


def benchmarks_load(*, la: LocalAuthority, path: Path,
                    now: dt.datetime | None = None) -> LoadReport:
    """Load a benchmark file for ``la``: all rows, or none (``BenchmarkFileRefused``)."""
    parsed = parse(path, read(path))
    loaded_at = now or clock.now()
    created = replaced = 0
    with transaction.atomic():
        existing = {
            (b.measure_id, b.comparator, b.comparator_name, b.year): b
            for b in Benchmark.objects.select_for_update().filter(la=la)
        }
        new: list[Benchmark] = []
        changed: list[Benchmark] = []
        for row in parsed.rows:
            found = existing.get(row.key)
            if found is None:
                new.append(Benchmark(
                    la=la, measure_id=row.measure_id, comparator=row.comparator,
                    comparator_name=row.comparator_name, year=row.year, value=row.value,
                    source=row.source, loaded_from=str(path)[:300], loaded_at=loaded_at))
            else:
                found.value, found.source = row.value, row.source
                found.loaded_from, found.loaded_at = str(path)[:300], loaded_at
                changed.append(found)
        Benchmark.objects.bulk_create(new)
        Benchmark.objects.bulk_update(changed, ["value", "source", "loaded_from", "loaded_at"])
        created, replaced = len(new), len(changed)
    return LoadReport(created, replaced, parsed.not_published, parsed.ignored_columns)
