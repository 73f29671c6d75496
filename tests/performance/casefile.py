"""Helpers for building small hand-made case files and reading the measures computed on them.

The as-of date is 31 March 2025 unless a test says otherwise, so flows cover 1 April 2024 to
31 March 2025. The council has 20,000 children, so a rate per 10,000 is the count divided by 2.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from tests.factories import (
    CarePeriodFactory,
    ChildFactory,
    CINEpisodeFactory,
    PlacementFactory,
)

from hearth.care.models import CarePeriod
from hearth.cin.models import CINEpisode
from hearth.organisation.models import LocalAuthority
from hearth.people.models import Child
from hearth.performance.base import Result
from hearth.performance.measures import BY_ID, compute
from hearth.performance.scope import COUNCIL, Scope

D = dt.date
LONDON = ZoneInfo("Europe/London")
AS_OF = D(2025, 3, 31)
CHILD_POPULATION = 20_000
BORN = D(2012, 6, 1)


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A wall-clock time in Europe/London."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def la() -> LocalAuthority:
    return LocalAuthority.objects.get()


def measure(measure_id: str, as_of: dt.date = AS_OF, scope: Scope = COUNCIL) -> Result:
    """One measure, computed on its own."""
    (result,) = compute(la(), as_of, scope, measures=(BY_ID[measure_id],))
    return result


def figures(measure_id: str, as_of: dt.date = AS_OF,
            scope: Scope = COUNCIL) -> tuple[object, object, object]:
    """(value, numerator, denominator) of one measure, as ``hearth kpi --json`` prints them."""
    shown = measure(measure_id, as_of, scope).as_dict()
    return shown["value"], shown["numerator"], shown["denominator"]


def episode(referral: dt.date, closure: dt.date | None = None, *,
            child: Child | None = None, nfa: bool = False) -> CINEpisode:
    """A CIN episode; a closed one gets closure reason RC7 (RC8 when no further action)."""
    kwargs: dict[str, object] = {"referral_date": referral, "referral_nfa": nfa}
    if closure is not None:
        kwargs.update(closure_date=closure, closure_reason="RC8" if nfa else "RC7")
    if child is not None:
        kwargs["child"] = child
    return CINEpisodeFactory(**kwargs)


def in_care(start: dt.date, end: dt.date | None = None, *, reason: str = "E4A",
            child: Child | None = None, dob: dt.date = BORN,
            placements: tuple[tuple[dt.date, dt.date | None, str], ...] | None = None,
            ) -> CarePeriod:
    """A period of care inside a CIN episode that opened on the same day, with its placements
    (by default one placement for the whole period, with a foster carer)."""
    child = child or ChildFactory(date_of_birth=dob)
    period_end = {"end_date": end, "reason_ceased": reason} if end else {}
    period = CarePeriodFactory(episode=episode(start, end, child=child), start_date=start,
                               **period_end)
    for placed, left, kind in placements or ((start, end, "U6"),):
        PlacementFactory(period=period, start_date=placed, end_date=left, placement_type=kind)
    return period
