"""Who belongs in which part of the 903: the collection year, ages, and the cohorts that the
DfE's guidance defines and Data to Insight's validator (csc-validator-be-903 0.1.17) tests.

Pure functions of plain values (``derive`` episodes, ``case`` records).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from hearth.core.calendar import add_years
from hearth.returns.ssda903.case import CareHistory, LeaverStatus
from hearth.returns.ssda903.derive import CONTINUES, SHORT_BREAKS, Episode

#: OC3 covers care leavers whose 17th to 21st birthday falls in the year (rule 391).
OC3_AGES = range(17, 22)
#: Last periods of care after which a young person is not a care leaver: adopted (rule 1001),
#: died (1000), care transferred to another LA (1011), found by age assessment to be an adult.
NOT_CARE_LEAVERS = frozenset({"E11", "E12", "E2", "E3", "E15"})
#: A status recorded this close to the birthday describes the young person "around" it.
OC3_WINDOW = dt.timedelta(days=92)
#: Relevant and former relevant children: 13 weeks looked after since 14, some of it after 16
#: (Children (Leaving Care) Act 2000; rule 1001).
THIRTEEN_WEEKS = 91


@dataclass(frozen=True)
class CollectionYear:
    """The 903 year ending 31 March ``year``: 2026 is 1 April 2025 to 31 March 2026."""

    year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year - 1, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.year - 1}-{self.year % 100:02d}"

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def age_on(dob: dt.date, day: dt.date) -> int:
    """Age in whole years on ``day`` (a 29 February birthday falls on 28 February)."""
    years = day.year - dob.year
    return years - 1 if add_years(dob, years) > day else years


def looked_after_during(episodes: Sequence[Episode], start: dt.date, end: dt.date) -> bool:
    """True when any episode was open at some time from ``start`` to ``end``."""
    return any(e.decom <= end and (e.dec is None or e.dec >= start) for e in episodes)


def continuously_looked_after(year_episodes: Sequence[Episode], year: CollectionYear) -> bool:
    """Looked after continuously for at least 12 months at 31 March: the OC2 cohort.

    As the validator's ``add_col_to_episodes_CONTINUOUSLY_LOOKED_AFTER`` defines it (after the
    DfE's 903 validation rules): looked after during the year, with no episode that started a
    period of care after 1 April, none that ended one before 31 March, and no short breaks
    (V3/V4) in the year.
    """
    if not looked_after_during(year_episodes, year.start, year.end):
        return False
    for e in year_episodes:
        if e.rne == "S" and year.start < e.decom <= year.end:
            return False
        if e.rec not in ("", CONTINUES) and e.dec is not None and year.start <= e.dec < year.end:
            return False
        if e.ls in SHORT_BREAKS:
            return False
    return True


def care_days_since(all_episodes: Sequence[Episode], since: dt.date, until: dt.date) -> int:
    """Days looked after (not on short breaks) from ``since`` to ``until`` (rule 1001)."""
    days = 0
    for e in all_episodes:
        if e.ls in SHORT_BREAKS:
            continue
        begin = max(e.decom, since)
        finish = min(e.dec or until, until)
        days += max(0, (finish - begin).days)
    return days


@dataclass(frozen=True)
class CareLeaverBirthday:
    """A care leaver in the OC3 cohort: the birthday in the year, and the status for it."""

    age: int
    birthday: dt.date
    status: LeaverStatus | None


def care_leaver_birthday(dob: dt.date | None, care: Sequence[CareHistory],
                         all_episodes: Sequence[Episode], statuses: Sequence[LeaverStatus],
                         year: CollectionYear) -> CareLeaverBirthday | None:
    """The OC3 birthday of a care leaver, or ``None`` when the young person is not in OC3.

    In the cohort (DfE 903 guidance, validator rules 391, 1000, 1001, 1007, 1011, 1016): the
    17th to 21st birthday falls in the year; the young person was looked after for 13 weeks
    since their 14th birthday and for some time after their 16th; care ended before the
    birthday (not on or after it); and it did not end in adoption, death, a transfer to another
    LA or an age assessment. The status is the one recorded closest to the birthday, within
    three months of it (``None`` when nothing was recorded: the return then lacks it).
    """
    if dob is None or not care:
        return None
    age = age_on(dob, year.end)
    birthday = add_years(dob, age)
    if age not in OC3_AGES or not year.contains(birthday):
        return None
    before = [h for h in care if h.period.start <= birthday]
    if not before or any(h.period.end is None or h.period.end >= birthday for h in before):
        return None
    last = max(before, key=lambda h: h.period.start)
    if last.period.reason_ceased in NOT_CARE_LEAVERS:
        return None
    if (care_days_since(all_episodes, add_years(dob, 14), birthday) < THIRTEEN_WEEKS
            or care_days_since(all_episodes, add_years(dob, 16), birthday) < 1):
        return None
    near = [s for s in statuses if abs((s.on - birthday).days) <= OC3_WINDOW.days]
    status = min(near, key=lambda s: (abs((s.on - birthday).days), s.on)) if near else None
    return CareLeaverBirthday(age=age, birthday=birthday, status=status)
