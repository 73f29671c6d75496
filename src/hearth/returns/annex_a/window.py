"""The periods Annex A's lists cover, counted back from the as-of date (the inspection date).

Ofsted's guidance asks for events "in the six months before the date of inspection" (lists 1-5),
children open "at the point of inspection" plus those whose episode, plan or care ended in the six
months before (lists 6-8), entitled care leavers at the date (list 9) and adoption events in the
twelve months before (lists 10-11). Here "the six months before" runs from the day after the same
date six months earlier up to and including the as-of date, so 2025-10-01 to 2026-03-31 for an
as-of date of 31 March 2026. Something is open at the as-of date when it started on or before it
and had not ended by it: end dates are the first day no longer open, as in the DfE returns and
``performance.sql.open_on``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from hearth.core.calendar import add_months

_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Window:
    """The as-of date and the first days of the six and twelve months before it (worked out
    once: the lists ask for them for every row)."""

    as_of: dt.date

    @cached_property
    def six_months_start(self) -> dt.date:
        return add_months(self.as_of, -6) + _DAY

    @cached_property
    def twelve_months_start(self) -> dt.date:
        return add_months(self.as_of, -12) + _DAY

    def in_six_months(self, day: dt.date | None) -> bool:
        return day is not None and self.six_months_start <= day <= self.as_of

    def in_twelve_months(self, day: dt.date | None) -> bool:
        return day is not None and self.twelve_months_start <= day <= self.as_of

    def known(self, day: dt.date | None) -> dt.date | None:
        """``day`` if it had happened by the as-of date, else ``None`` (not yet known)."""
        return day if day is not None and day <= self.as_of else None

    def open_at(self, start: dt.date, end: dt.date | None) -> bool:
        """Started on or before the as-of date and not ended by it."""
        return start <= self.as_of and (end is None or end > self.as_of)

    def open_or_ended_in_six_months(self, start: dt.date, end: dt.date | None) -> bool:
        """Open at the as-of date, or ended in the six months before it."""
        return self.open_at(start, end) or (start <= self.as_of and self.in_six_months(end))

    def open_during_six_months(self, start: dt.date, end: dt.date | None) -> bool:
        """Open at some time in the six months before the as-of date."""
        return start <= self.as_of and (end is None or end >= self.six_months_start)

    def open_during_twelve_months(self, start: dt.date, end: dt.date | None) -> bool:
        """Open at some time in the twelve months before the as-of date."""
        return start <= self.as_of and (end is None or end >= self.twelve_months_start)
