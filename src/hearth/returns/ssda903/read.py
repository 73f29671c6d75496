"""Read and check the CSV files of one year's 903 return (step 1 of ``importer``).

Each file of the year (``columns``: names and exact headers, after the DfE's SSDA903 guidance
as Data to Insight's csc-validator-be-903 reads it) is read with the ``csv`` module; every value
is parsed (dates ``dd/mm/YYYY``, DfE codes, flags 0/1) and checked against the others: each
child once in header.csv, known there in every other table with the same DOB, one row per key.
Each problem names the file, the row (the header is row 1) and the column. Pure.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hearth.core import codes
from hearth.returns.ssda903.cohorts import CollectionYear
from hearth.returns.ssda903.columns import BY_NAME, Table, tables_for
from hearth.returns.ssda903.render import SEX_LETTERS_FROM

#: Problems collected before giving up reading more (a wholly wrong file gives one per row).
MAX_PROBLEMS = 200
#: The DfE's "not known" date for DATE_PERM (rule 632).
UNKNOWN_DATE = "ZZ/ZZ/ZZZZ"
DATE_PATTERN = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$")
UPN_PATTERN = re.compile(r"^[A-Z][0-9]{11}[0-9A-Z]$")
UPN_UNKNOWN = frozenset({"UN1", "UN2", "UN3", "UN4", "UN5"})
RNE_CODES = frozenset(codes.ReasonNewEpisode.values)
_SEX_NUMBERS = {"1": "M", "2": "F"}

#: A parsed value: text (a code), a date, an int, a flag, or None for blank.
Parsed = str | dt.date | int | bool | None


@dataclass(frozen=True)
class Problem:
    """Why a file cannot be imported, and where: file, CSV line (header is row 1), column."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class TooManyProblems(Exception):
    """Raised once ``MAX_PROBLEMS`` are collected: reading further only adds noise."""


@dataclass
class Problems:
    """The problems found so far, in the order found."""

    items: list[Problem] = field(default_factory=list)
    limit: int = MAX_PROBLEMS

    def add(self, file: str, row: int | None, column: str | None, message: str) -> None:
        self.items.append(Problem(file, row, column, message))
        if len(self.items) >= self.limit:
            raise TooManyProblems

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True)
class Row:
    """One CSV row: its table, line number, and values parsed to codes, dates and numbers."""

    table: Table
    line: int
    values: dict[str, Parsed]

    @property
    def child(self) -> str:
        value = self.values["CHILD"]
        assert isinstance(value, str)
        return value

    def date(self, column: str) -> dt.date | None:
        value = self.values[column]
        assert value is None or isinstance(value, dt.date)
        return value

    def text(self, column: str) -> str:
        value = self.values[column]
        assert value is None or isinstance(value, str)
        return value or ""

    def number(self, column: str) -> int | None:
        value = self.values[column]
        assert value is None or isinstance(value, int)
        return value

    def flag(self, column: str) -> bool | None:
        value = self.values[column]
        assert value is None or isinstance(value, bool)
        return value


#: A column's parser: the raw text (stripped, never empty) to a value, or ValueError(reason).
Parser = Callable[[str], Parsed]


def _date(raw: str) -> dt.date:
    found = DATE_PATTERN.match(raw)
    try:
        if found is None:
            raise ValueError
        day, month, year = (int(part) for part in found.groups())
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{raw!r} is not a date dd/mm/yyyy") from None


def _code(allowed: frozenset[str] | tuple[str, ...] | list[str], what: str) -> Parser:
    def parse(raw: str) -> str:
        if raw not in allowed:
            raise ValueError(f"{raw!r} is not a valid {what} code")
        return raw
    return parse


def _text(max_length: int) -> Parser:
    def parse(raw: str) -> str:
        if len(raw) > max_length:
            raise ValueError(f"{raw!r} is longer than {max_length} characters")
        return raw
    return parse


def _flag(raw: str) -> bool:
    if raw not in ("0", "1"):
        raise ValueError(f"{raw!r} is not 0 (no) or 1 (yes)")
    return raw == "1"


def _int_between(low: int, high: int) -> Parser:
    def parse(raw: str) -> int:
        if not raw.isdigit() or not low <= int(raw) <= high:
            raise ValueError(f"{raw!r} is not a whole number from {low} to {high}")
        return int(raw)
    return parse


def _upn(raw: str) -> str:
    if raw not in UPN_UNKNOWN and not UPN_PATTERN.match(raw):
        raise ValueError(f"{raw!r} is neither a UPN (a letter, 11 digits, a digit or letter) "
                         f"nor UN1-UN5")
    return raw


def _accommodation(raw: str) -> str:
    if raw != "0" and not (len(raw) == 2 and raw[0] in codes.CareLeaverAccommodation.values
                           and raw[1] in "12"):
        raise ValueError(f"{raw!r} is not a valid ACCOM code (0, or a letter and 1 or 2)")
    return raw


def _date_perm(raw: str) -> dt.date | str:
    return UNKNOWN_DATE if raw == UNKNOWN_DATE else _date(raw)


def _sex(year: int) -> Parser:
    def parse(raw: str) -> str:
        if year >= SEX_LETTERS_FROM:
            if raw not in codes.Sex.values:
                raise ValueError(f"{raw!r} is not a valid SEX code (M, F or U)")
            return raw
        if raw not in _SEX_NUMBERS:
            raise ValueError(f"{raw!r} is not a valid SEX code (1 male, 2 female)")
        return _SEX_NUMBERS[raw]
    return parse


#: Columns that must not be blank; every other column may be.
REQUIRED = {
    "Header": {"CHILD", "SEX", "DOB", "ETHNIC"},
    "Episodes": {"CHILD", "DECOM", "RNE", "LS", "CIN"},
    "UASC": {"CHILD", "DOB"},
    "Reviews": {"CHILD", "DOB", "REVIEW", "REVIEW_CODE"},
    "OC2": {"CHILD", "DOB"},
    "OC3": {"CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"},
    "AD1": {"CHILD", "DOB", "DATE_INT", "DATE_MATCH", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"},
    "PlacedAdoption": {"CHILD", "DOB", "DATE_PLACED"},
    "PrevPerm": {"CHILD", "DOB", "PREV_PERM"},
    "Missing": {"CHILD", "DOB", "MISSING", "MIS_START"},
    "SWEpisodes": {"CHILD", "DOB", "SW_ID", "SW_DECOM"},
    "DoLo": {"CHILD", "DOB", "DOLO_START"},
}

#: Tables with at most one row per child, and the keys no two rows of the others may share.
ONE_PER_CHILD = frozenset({"Header", "UASC", "OC2", "OC3", "AD1", "PrevPerm"})
KEYS = {"Episodes": ("CHILD", "DECOM"), "Reviews": ("CHILD", "REVIEW"),
        "PlacedAdoption": ("CHILD", "DATE_PLACED"), "Missing": ("CHILD", "MIS_START"),
        "SWEpisodes": ("CHILD", "SW_ID", "SW_DECOM"), "DoLo": ("CHILD", "DOLO_START")}


FLAGS = ("CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
         "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED", "FOSTER_CARE")
DATES = ("DOB", "MC_DOB", "DECOM", "DEC", "DUC", "REVIEW", "DATE_INT", "DATE_MATCH",
         "DATE_PLACED", "DATE_PLACED_CEASED", "MIS_START", "MIS_END", "SW_DECOM", "SW_DEC",
         "DOLO_START", "DOLO_END")


def parsers(year: int) -> dict[str, Parser]:
    """The parser of every column name of the year's tables (a name means one thing)."""
    return {
        "CHILD": _text(20), "SEX": _sex(year), "ETHNIC": _code(codes.Ethnicity.values, "ETHNIC"),
        "UPN": _upn, "MOTHER": _flag,
        "RNE": _code(RNE_CODES, "RNE"), "LS": _code(codes.LegalStatus.values, "LS"),
        "CIN": _code(codes.CATEGORY_OF_NEED_903, "CIN"),
        "PLACE": _code(codes.PlacementType.values, "PLACE"),
        "PLACE_PROVIDER": _code(codes.PlacementProvider.values, "PLACE_PROVIDER"),
        "REC": _code(codes.ReasonEpisodeCeased.values, "REC"),
        "REASON_PLACE_CHANGE": _code(codes.ReasonPlacementChange.values, "REASON_PLACE_CHANGE"),
        "HOME_POST": _text(8), "PL_POST": _text(8), "URN": _text(8),
        "REVIEW_CODE": _code(codes.ReviewParticipation.values, "REVIEW_CODE"),
        "SDQ_SCORE": _int_between(0, 40), "SDQ_REASON": _code(codes.SDQReason.values,
                                                              "SDQ_REASON"),
        "IN_TOUCH": _code(codes.CareLeaverInTouch.values, "IN_TOUCH"),
        "ACTIV": _code(codes.CareLeaverActivity.values, "ACTIV"), "ACCOM": _accommodation,
        "NB_ADOPTR": _int_between(1, 2),
        "SEX_ADOPTR": _code(codes.AdoptersSex.values, "SEX_ADOPTR"),
        "LS_ADOPTR": _code(codes.AdoptersLegalStatus.values, "LS_ADOPTR"),
        "REASON_PLACED_CEASED": _code(codes.ReasonPlacedCeased.values, "REASON_PLACED_CEASED"),
        "PREV_PERM": _code(codes.PreviousPermanence.values, "PREV_PERM"), "LA_PERM": _text(3),
        "DATE_PERM": _date_perm, "MISSING": _code(codes.MissingType.values, "MISSING"),
        "SW_ID": _text(20),
        "SW_REASON": _code(codes.SocialWorkerChangeReason.values, "SW_REASON"),
        **dict.fromkeys(FLAGS, _flag),
        **dict.fromkeys(DATES, _date),
    }


@dataclass
class Return903File:
    """The rows of one year's return, by table name, as read from its directory."""

    year: CollectionYear
    tables: dict[str, list[Row]]

    def by_child(self, name: str) -> dict[str, list[Row]]:
        grouped: dict[str, list[Row]] = {}
        for row in self.tables[name]:
            grouped.setdefault(row.child, []).append(row)
        return grouped


def _lines(path: Path, problems: Problems) -> Iterator[tuple[int, list[str]]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            yield from enumerate(csv.reader(f), start=1)
    except UnicodeDecodeError as error:
        problems.add(path.name, None, None, f"is not UTF-8 text ({error.reason})")
    except csv.Error as error:
        problems.add(path.name, None, None, f"is not a readable CSV file ({error})")


def _read_table(path: Path, table: Table, parse: dict[str, Parser],
                problems: Problems) -> list[Row]:
    name = path.name
    rows: list[Row] = []
    header: list[str] | None = None
    for line, cells in _lines(path, problems):
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in table.columns if c not in header]
            unknown = [c for c in header if c not in table.columns]
            for column in missing:
                problems.add(name, 1, column, "column is missing")
            for column in unknown:
                problems.add(name, 1, column or "(blank)",
                             f"is not a column of the {table.name} table "
                             f"(expected {', '.join(table.columns)})")
            if missing or unknown or len(set(header)) != len(header):
                if len(set(header)) != len(header):
                    problems.add(name, 1, None, "a column is named twice")
                return []
            continue
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.add(name, line, None, f"has {len(cells)} values, the header has "
                                           f"{len(header)}")
            continue
        values: dict[str, Parsed] = {}
        for column, cell in zip(header, cells, strict=True):
            raw = cell.strip()
            if not raw:
                if column in REQUIRED[table.name]:
                    problems.add(name, line, column, "is blank")
                values[column] = None
                continue
            try:
                values[column] = parse[column](raw)
            except ValueError as error:
                problems.add(name, line, column, str(error))
                values[column] = None
        rows.append(Row(table, line, values))
    if header is None:
        problems.add(name, None, None, "is empty (not even a header row)")
    return rows


def read_return(directory: Path, year: CollectionYear, problems: Problems) -> Return903File:
    """Read and check every file of the year's return in ``directory``."""
    parse = parsers(year.year)
    tables: dict[str, list[Row]] = {}
    for table in tables_for(year.year):
        path = directory / table.file_name
        if not path.is_file():
            problems.add(table.file_name, None, None,
                         f"is missing: the {year.label} return has the {table.name} table")
            tables[table.name] = []
            continue
        tables[table.name] = _read_table(path, table, parse, problems)
    result = Return903File(year=year, tables=tables)
    check_children(result, problems)
    return result


def check_children(result: Return903File, problems: Problems) -> None:
    """Each child once in the header, known there in every other table with the same DOB,
    no two rows with the same key, and no date after the end of the year."""
    dobs: dict[str, dt.date | None] = {}
    for row in result.tables["Header"]:
        if row.values["CHILD"] is None:
            continue
        if row.child in dobs:
            problems.add("header.csv", row.line, "CHILD",
                         f"child {row.child} is in the header twice")
        dobs[row.child] = row.date("DOB")
    for name, rows in result.tables.items():
        file = BY_NAME[name].file_name
        seen: dict[tuple[Parsed, ...], int] = {}
        for row in rows:
            if row.values["CHILD"] is None:
                continue
            _check_dates_in_year(row, result.year, problems)
            if name == "Header":
                continue
            if row.child not in dobs:
                problems.add(file, row.line, "CHILD",
                             f"child {row.child} is not in header.csv")
            elif "DOB" in row.values and row.date("DOB") not in (None, dobs[row.child]):
                problems.add(file, row.line, "DOB",
                             f"{_fmt(row.date('DOB'))} is not the DOB of child {row.child} in "
                             f"header.csv ({_fmt(dobs[row.child])})")
            key_columns = ("CHILD",) if name in ONE_PER_CHILD else KEYS.get(name)
            if key_columns is None:
                continue
            key = tuple(row.values[c] for c in key_columns)
            if key in seen:
                problems.add(file, row.line, ", ".join(key_columns),
                             f"repeats row {seen[key]} ({_describe(key_columns, key)})")
            else:
                seen[key] = row.line


#: Columns that may hold a date after 31 March: a UASC status ends on the 18th birthday.
_FUTURE_ALLOWED = frozenset({"DUC"})


def _check_dates_in_year(row: Row, year: CollectionYear, problems: Problems) -> None:
    for column, value in row.values.items():
        if (isinstance(value, dt.date) and value > year.end
                and column not in _FUTURE_ALLOWED):
            problems.add(row.table.file_name, row.line, column,
                         f"{_fmt(value)} is after the end of the {year.label} return "
                         f"({_fmt(year.end)})")


def _fmt(day: dt.date | None) -> str:
    return "blank" if day is None else day.strftime("%d/%m/%Y")


def _describe(columns: tuple[str, ...], key: tuple[Parsed, ...]) -> str:
    return ", ".join(f"{c} {_fmt(v) if isinstance(v, dt.date) else v}"
                     for c, v in zip(columns, key, strict=True))
