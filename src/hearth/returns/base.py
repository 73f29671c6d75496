"""The shapes every statutory return shares: its period, what generating it gives, what
validating it finds, and the ``ReturnType`` entry the registry (``registry.py``) lists.

Generate and validate functions take and give these plain values, so the page, the background
task and the tests treat every return alike (issue 5).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hearth.organisation.models import LocalAuthority


class PeriodKind(enum.StrEnum):
    #: The year ending 31 March, named by the year it ends in (2026 is 2025-26).
    COLLECTION_YEAR = "collection_year"
    #: A return as at one day (Annex A: the day the inspection is announced).
    AS_OF_DATE = "as_of_date"


COLLECTION_YEAR_END = (3, 31)


@dataclass(frozen=True)
class Period:
    """What a run covers; ``end`` is its last day (31 March for a collection year)."""

    kind: PeriodKind
    end: dt.date

    @classmethod
    def collection_year(cls, year: int) -> Period:
        return cls(PeriodKind.COLLECTION_YEAR, dt.date(year, *COLLECTION_YEAR_END))

    @property
    def year(self) -> int:
        """The year the period ends in (the collection year's name for the DfE)."""
        return self.end.year

    @property
    def label(self) -> str:
        if self.kind is PeriodKind.COLLECTION_YEAR:
            return f"{self.end.year - 1}-{self.end.year % 100:02d}"
        return f"as at {self.end.day} {self.end:%B %Y}"


#: Reports how far a run has got: per cent done (0-100) and what it is doing, in words.
Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class GeneratedFile:
    name: str
    content: bytes
    #: Data rows of a CSV (lines less the header); ``None`` for other files.
    rows: int | None = None


@dataclass(frozen=True)
class Generated:
    """The files of a return, and a few facts about it to show (children, warnings)."""

    files: tuple[GeneratedFile, ...]
    children: int
    warnings: dict[str, int] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        return {"children": self.children, "warnings": dict(sorted(self.warnings.items()))}


@dataclass(frozen=True)
class RuleResult:
    """A validation rule that found errors: how many, and the LA ids of the children affected."""

    code: str
    description: str
    count: int
    children: tuple[str, ...]
    #: A DfE query (CIN census codes ending in Q): asks for a check, is not an error.
    query: bool = False


@dataclass(frozen=True)
class ValidationSummary:
    """What the validator found, stored with the run as JSON (``to_json``/``from_json``).

    ``unavailable`` says why no validation ran (no rules for that year, or the validator could
    not be installed); the files are still there to download.
    """

    rules: tuple[RuleResult, ...] = ()
    could_not_run: tuple[str, ...] = ()
    upload_error: str = ""
    unavailable: str = ""

    @property
    def errors(self) -> int:
        return sum(r.count for r in self.rules if not r.query) + (1 if self.upload_error else 0)

    def to_json(self) -> dict[str, Any]:
        return {
            "rules": [{"code": r.code, "description": r.description, "count": r.count,
                       "children": list(r.children), "query": r.query} for r in self.rules],
            "could_not_run": list(self.could_not_run),
            "upload_error": self.upload_error,
            "unavailable": self.unavailable,
            "errors": self.errors,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ValidationSummary:
        return cls(
            rules=tuple(RuleResult(code=str(r["code"]), description=str(r["description"]),
                                   count=int(r["count"]),
                                   children=tuple(str(c) for c in r["children"]),
                                   query=bool(r.get("query", False)))
                        for r in data.get("rules", [])),
            could_not_run=tuple(str(c) for c in data.get("could_not_run", [])),
            upload_error=str(data.get("upload_error", "")),
            unavailable=str(data.get("unavailable", "")),
        )


Generate = Callable[[LocalAuthority, Period, Progress], Generated]
Validate = Callable[[LocalAuthority, Generated, Period, Progress], ValidationSummary]


@dataclass(frozen=True)
class ReturnType:
    """One statutory return: its key (stored on each run), title, period and its two steps.

    ``earliest`` is the first period end Hearth produces it for; the latest is the collection
    year in progress (a collection year) or today (an as-of date).
    """

    key: str
    title: str
    period_kind: PeriodKind
    generate: Generate
    validate: Validate | None
    earliest: dt.date
    hint: str = ""

    def period(self, end: dt.date) -> Period:
        return Period(self.period_kind, end)
