"""Shared helpers for the Annex A tests: run the return for a council and read rows by heading."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from hearth.organisation.models import LocalAuthority
from hearth.returns.annex_a.columns import BY_NUMBER
from hearth.returns.annex_a.extract import extract
from hearth.returns.annex_a.lists import build_lists

LONDON = ZoneInfo("Europe/London")
D = dt.date
#: The inspection date the list tests use: six months from 1 October 2025, twelve from 1 April.
AS_OF = D(2026, 3, 31)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def annex_list(la: LocalAuthority, number: int, as_of: dt.date = AS_OF) -> list[dict[str, Any]]:
    """List ``number`` of the council's Annex A, each row as {heading: cell}."""
    columns = BY_NUMBER[number].columns
    return [dict(zip(columns, row, strict=True))
            for row in build_lists(extract(la, as_of))[number]]


def ids(rows: list[dict[str, Any]], column: str = "Child Unique ID") -> list[str]:
    return [row[column] for row in rows]
