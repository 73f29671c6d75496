"""Every statutory timescale, held once: its name, what starts the clock, how the due date is
counted, and the source (see ``shared/reference/timescales.md``).

Conventions (Working Together 2023 and the Care Planning Regulations 2010):

- "within N working days of D" is D plus N working days, D itself not counted, skipping weekends
  and England and Wales bank holidays (``hearth.core.calendar``);
- "within N months" is the same day N calendar months later, or that month's last day where the
  day does not exist; weeks are 7 calendar days;
- hours are counted from the recorded time, as elapsed time (so a clock change is respected).

Due dates, overdue lists, reminders and KPIs all ask this module; none counts a deadline itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from zoneinfo import ZoneInfo

from hearth.core.calendar import add_months, add_working_days

LONDON = ZoneInfo("Europe/London")


class Unit(Enum):
    WORKING_DAYS = "working days"
    CALENDAR_DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    HOURS = "hours"


@dataclass(frozen=True)
class Rule:
    """A statutory timescale: ``amount`` ``unit`` after the ``trigger`` event."""

    name: str
    trigger: str
    amount: int
    unit: Unit
    source: str

    @property
    def timed(self) -> bool:
        """Counted in hours from a recorded time, so it takes and gives a date-time."""
        return self.unit is Unit.HOURS

    @property
    def description(self) -> str:
        unit = self.unit.value[:-1] if self.amount == 1 else self.unit.value
        return f"within {self.amount} {unit} of {self.trigger}"

    def due(self, start: dt.date) -> dt.date:
        """The last day on which the event is in time, for a trigger on ``start``."""
        if self.timed:
            raise TypeError(f"{self.name} is counted in hours: use due_at() with a date-time")
        return _COUNT[self.unit](start, self.amount)

    def due_at(self, start: dt.datetime) -> dt.datetime:
        """The moment by which an hours-based event is due (aware, Europe/London)."""
        if not self.timed:
            raise TypeError(f"{self.name} is counted in {self.unit.value}: use due()")
        if start.tzinfo is None:
            start = start.replace(tzinfo=LONDON)
        elapsed = start.astimezone(dt.UTC) + dt.timedelta(hours=self.amount)
        return elapsed.astimezone(LONDON)

    def cutoff(self, today: dt.date) -> dt.date:
        """The earliest trigger date whose due date is today or later.

        A trigger before the cutoff is overdue today if the event has not happened, so an
        overdue list is one set-based filter (``trigger_date < cutoff``) in the database.
        Due dates never go backwards as the trigger moves later, so a binary search finds it.
        """
        low = today - dt.timedelta(days=self.amount * 31 + 400)
        high = today
        while low < high:
            middle = low + (high - low) // 2
            if self.due(middle) >= today:
                high = middle
            else:
                low = middle + dt.timedelta(days=1)
        return low


_COUNT: dict[Unit, Callable[[dt.date, int], dt.date]] = {
    Unit.WORKING_DAYS: add_working_days,
    Unit.CALENDAR_DAYS: lambda d, n: d + dt.timedelta(days=n),
    Unit.WEEKS: lambda d, n: d + dt.timedelta(weeks=n),
    Unit.MONTHS: add_months,
}

WT2023 = "Working Together to Safeguard Children 2023"
CPPCR = "Care Planning, Placement and Case Review (England) Regulations 2010 (SI 2010/959)"

RULES: tuple[Rule, ...] = (
    Rule("referral-decision", "receipt of the contact or referral", 1, Unit.WORKING_DAYS,
         f"{WT2023}, chapter 2"),
    Rule("assessment", "the referral", 45, Unit.WORKING_DAYS, f"{WT2023}, chapter 2"),
    Rule("icpc", "the strategy discussion that started the s47 enquiry", 15, Unit.WORKING_DAYS,
         f"{WT2023}, chapter 2"),
    Rule("core-group", "the initial child protection conference", 10, Unit.WORKING_DAYS,
         f"{WT2023}, chapter 2"),
    Rule("first-cp-review", "the initial child protection conference", 3, Unit.MONTHS,
         f"{WT2023}, chapter 2"),
    Rule("cp-review", "the previous review conference", 6, Unit.MONTHS, f"{WT2023}, chapter 2"),
    Rule("care-plan", "the start of the first placement", 10, Unit.WORKING_DAYS,
         f"{CPPCR}, reg 4(2)"),
    Rule("first-cla-review", "becoming looked after", 20, Unit.WORKING_DAYS,
         f"{CPPCR}, reg 33(1)"),
    Rule("second-cla-review", "the first review", 3, Unit.MONTHS, f"{CPPCR}, reg 33(2)"),
    Rule("cla-review", "the previous review", 6, Unit.MONTHS, f"{CPPCR}, reg 33(2)"),
    Rule("first-cla-visit", "the start of a placement", 1, Unit.WEEKS, f"{CPPCR}, reg 28(2)(a)"),
    Rule("cla-visit", "the previous visit, in the first year of a placement", 6, Unit.WEEKS,
         f"{CPPCR}, reg 28(2)(b)"),
    Rule("cla-visit-long-term", "the previous visit, after the first year of a long-term "
         "placement", 3, Unit.MONTHS, f"{CPPCR}, reg 28(2)(c)"),
    Rule("initial-health-assessment", "becoming looked after", 20, Unit.WORKING_DAYS,
         f"{CPPCR}, reg 7; Promoting the health and wellbeing of looked-after children (2015)"),
    Rule("review-health-assessment-under-5", "the previous health assessment (under 5)", 6,
         Unit.MONTHS, f"{CPPCR}, reg 7"),
    Rule("review-health-assessment", "the previous health assessment (5 and over)", 12,
         Unit.MONTHS, f"{CPPCR}, reg 7"),
    Rule("pathway-plan-review", "the previous pathway plan or review", 6, Unit.MONTHS,
         "Care Leavers (England) Regulations 2010 (SI 2010/2571)"),
    Rule("pa-contact", "the previous personal adviser contact", 2, Unit.MONTHS,
         "Care Leavers (England) Regulations 2010 (SI 2010/2571)"),
    Rule("rhi", "the child's return from a missing episode", 72, Unit.HOURS,
         "Children who run away or go missing from home or care, DfE statutory guidance (2014)"),
)

BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}


class UnknownRule(KeyError):
    """No statutory rule has that name."""


def rule(name: str) -> Rule:
    """The rule called ``name``, or ``UnknownRule`` naming the rules there are."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise UnknownRule(
            f"no timescale called {name!r}; the rules are: {', '.join(BY_NAME)}"
        ) from None
