"""What Annex A's lists share: the common columns, the case holder, the latest of a child's.

Pure functions over ``records``; the lists themselves are in ``front_door`` (1-5),
``open_cases`` (6-8) and ``permanence`` (9-11), gathered by ``lists``. A cell is a string,
a whole number, a date or ``None`` (blank). Blank means Hearth does not hold the fact, or it
was not yet known at the as-of date; nothing is inferred to fill a cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TypeVar

from hearth.returns.annex_a import labels
from hearth.returns.annex_a.records import ChildFacts
from hearth.returns.ssda903.cohorts import age_on

Cell = str | int | dt.date | None
Row = tuple[Cell, ...]
T = TypeVar("T")


def person(facts: ChildFacts, as_of: dt.date) -> Row:
    """The five columns lists 1-9 start with; the age is in whole years at the as-of date."""
    age = _age(facts.dob, as_of) if facts.dob is not None and facts.dob <= as_of else None
    return (facts.child_id, labels.GENDER.get(facts.sex, ""),
            labels.ETHNICITY.get(facts.ethnicity, ""), facts.dob, age)


#: A large council's lists give about 90,000 rows but only a few thousand distinct birthdays:
#: the age is worked out once for each (``age_on`` is pure).
_age = lru_cache(maxsize=2**16)(age_on)


def disability(facts: ChildFacts) -> str:
    """Hearth records each disability a child has, so no record means none is known: "No"."""
    return labels.yes_no(facts.disabled)


def allocated(facts: ChildFacts) -> Row:
    """Team and worker holding the case at the as-of date, or who last held it if it closed;
    blank when the case was never allocated."""
    return (facts.team or None, facts.worker or None)


def latest_by_child(items: list[T], child: Callable[[T], int],
                       order: Callable[[T], dt.date]) -> dict[int, T]:
    """Each child's item with the latest ``order`` date (the later one on a tie)."""
    chosen: dict[int, T] = {}
    for item in items:
        key = child(item)
        if key not in chosen or order(item) >= order(chosen[key]):
            chosen[key] = item
    return chosen


def ordered(rows: Sequence[Row], *columns: int) -> list[Row]:
    """``rows`` sorted by the text of ``columns`` (ids, or dates, which sort as ISO text)."""
    return sorted(rows, key=lambda r: [_text(r[c]) for c in columns])


def _text(cell: Cell) -> str:
    return cell if type(cell) is str else "" if cell is None else str(cell)
