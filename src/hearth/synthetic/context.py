"""Shared state of one generation run: the random stream, the rows, the calendar, the pools."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import models

from hearth.adoption.models import Adopter, AdopterFamily, AdoptionDecision, AdoptionMatch
from hearth.assessment.models import Assessment, AssessmentFactorRecord
from hearth.care.models import (
    CarePeriod,
    CLAReview,
    HealthCheck,
    LegalStatusRecord,
    MissingEpisode,
    Placement,
    PreviousPermanenceRecord,
    ReturnHomeInterview,
    SDQAssessment,
    WellbeingRecord,
)
from hearth.cin.models import CINEpisode, CINPlan, CINPlanAction, CINPlanReview
from hearth.core.calendar import add_working_days
from hearth.earlyhelp.models import EarlyHelpAssessment, EarlyHelpEpisode
from hearth.frontdoor.models import Contact
from hearth.leavingcare.models import AdviserContact, CareLeaver, CareLeaverStatus, PathwayPlan
from hearth.organisation.models import Allocation, Area, LocalAuthority, Team, Worker
from hearth.people.models import (
    Address,
    Child,
    ChildDisability,
    Person,
    Relationship,
    UASCStatus,
)
from hearth.practice.models import (
    CaseNote,
    ChronologyEntry,
    OversightDecision,
    OversightRequest,
    Supervision,
    Visit,
)
from hearth.protection.models import (
    ICPC,
    CoreGroup,
    CPPlan,
    CPReview,
    S47Enquiry,
    StrategyAttendee,
    StrategyDiscussion,
)
from hearth.synthetic.rows import Rows

LONDON = ZoneInfo("Europe/London")
T = TypeVar("T")

#: Load order: every table after the tables its foreign keys point at.
MODELS_IN_ORDER: tuple[type[models.Model], ...] = (
    LocalAuthority, Area, Team, Worker, Child, ChildDisability, UASCStatus, Person, Relationship,
    Address, Contact, CINEpisode, Allocation, EarlyHelpEpisode, EarlyHelpAssessment, Assessment,
    AssessmentFactorRecord, CINPlan, CINPlanAction, CINPlanReview, StrategyDiscussion,
    StrategyAttendee, S47Enquiry, ICPC, CPPlan, CPReview, CoreGroup, CarePeriod,
    LegalStatusRecord, Placement, CLAReview, HealthCheck, SDQAssessment, WellbeingRecord,
    MissingEpisode, ReturnHomeInterview, PreviousPermanenceRecord, AdoptionDecision,
    AdopterFamily, Adopter, AdoptionMatch, CareLeaver, PathwayPlan, AdviserContact,
    CareLeaverStatus, Visit, CaseNote, OversightRequest, OversightDecision, Supervision,
    ChronologyEntry,
)


@dataclass(frozen=True)
class Config:
    """What the user asked for. ``end`` is the last day with records (normally today)."""

    children: int
    years: int
    seed: int
    end: dt.date
    la_name: str
    la_dfe_number: str
    la_ons_code: str


@dataclass(slots=True)
class ChildInfo:
    """What the generator needs to remember about a child between events."""

    id: int
    dob: dt.date
    sex: str
    area: int
    postcode: str
    born: bool = True
    last_referral: dt.date | None = None
    busy_until: dt.date | None = None  # the day the open episode closes; None when free
    open_forever: bool = False  # an episode still open at the end of the data
    previous_cp_plans: int = 0
    ever_in_care: bool = False
    care_leaver: bool = False
    uasc: bool = False


@dataclass
class Pools:
    """Children the front door may hear about again, for re-contacts and re-referrals."""

    known: list[int] = field(default_factory=list)
    recently_referred: list[int] = field(default_factory=list)
    previous_cp: list[int] = field(default_factory=list)


class Ctx:
    """One run: random stream, rows, dates and the lookups every part of the generator shares."""

    def __init__(self, config: Config) -> None:
        from hearth.core.calendar import add_years

        self.config = config
        self.rng = random.Random(config.seed)
        self.rows = Rows(MODELS_IN_ORDER)
        self.end = config.end
        self.records_from = add_years(config.end, -config.years)
        self.lead_start = add_years(self.records_from, -2)
        self.la_id = 1
        self.children: dict[int, ChildInfo] = {}
        self.pools = Pools()
        self._cumulative: dict[tuple[tuple[object, float], ...],
                               tuple[tuple[object, ...], tuple[float, ...]]] = {}
        self.content_types = {
            m: ContentType.objects.get_for_model(m).pk for m in MODELS_IN_ORDER
        }

    # -- random helpers -------------------------------------------------------------------
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, weighted: tuple[tuple[T, float], ...]) -> T:
        """One value, chosen with probability proportional to its weight."""
        table = self._cumulative.get(weighted)
        if table is None:
            table = (tuple(v for v, _ in weighted), tuple(itertools.accumulate(
                w for _, w in weighted)))
            self._cumulative[weighted] = table
        values, cumulative = table
        i = bisect.bisect_right(cumulative, self.rng.random() * cumulative[-1])
        return values[min(i, len(values) - 1)]  # type: ignore[return-value]

    def choice(self, seq: Sequence[T]) -> T:
        return seq[self.rng.randrange(len(seq))]

    def exp_days(self, mean: float) -> int:
        return int(-mean * math.log(1.0 - self.rng.random()))

    def between(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    # -- dates --------------------------------------------------------------------------
    def wd(self, day: dt.date, n: int) -> dt.date:
        return add_working_days(day, n)

    def at(self, day: dt.date, hour: int | None = None, minute: int | None = None) -> dt.datetime:
        """An aware datetime on ``day`` in office hours unless a time is given."""
        h = self.rng.randint(8, 17) if hour is None else hour
        m = self.rng.randint(0, 59) if minute is None else minute
        return dt.datetime(day.year, day.month, day.day, h, m, tzinfo=LONDON)

    def recorded(self, day: dt.date | None) -> dt.date | None:
        """``day`` if it has happened by the end of the data, else None (still in the future)."""
        return day if day is not None and day <= self.end else None

    # -- rows ---------------------------------------------------------------------------
    def add(self, model: type[models.Model], **values: object) -> int:
        values["la_id"] = self.la_id
        return self.rows.tables[model].add(values)

    def chron(self, child: int, when: dt.date | dt.datetime, event_type: str, summary: str,
              subject: type[models.Model] | None = None, subject_id: int | None = None,
              actor: int | None = None) -> None:
        """A chronology line for an event (only events that have happened are recorded)."""
        moment = when if isinstance(when, dt.datetime) else self.at(when)
        if moment.date() > self.end:
            return
        self.add(ChronologyEntry, child_id=child, occurred_at=moment, event_type=event_type,
                 summary=summary[:300], actor_id=actor,
                 subject_type_id=self.content_types[subject] if subject else None,
                 subject_id=subject_id)
