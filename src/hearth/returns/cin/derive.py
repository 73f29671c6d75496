"""What one year's CIN census reports about each child: pure functions of ``case`` records.

The census for the year ending 31 March (the reference date) covers every child with a CIN
episode open at some time from 1 April to 31 March (DfE, Children in need census guide; the
validator's rules 8620, 8696, 8715, 8720, 8736, 8740, 8930, 4010 and 4013 fix the dates):

- an episode is reported when it was referred by 31 March and not closed before 1 April; a
  closure after 31 March is not yet known, so the episode is reported open;
- assessments, CIN plans and CP plans are reported when they were running at some time in the
  year; an end after 31 March is left out (still running at the reference date); factors are
  reported only for an assessment authorised in the year (rule 8614);
- a section 47 enquiry is reported when it was running in the year or its ICPC was held in it;
  its ICPC date is reported only when held in the year, once, in ``Section47`` (rule 2884), and
  ``ICPCnotRequired`` is true when the enquiry ended in the year deciding no conference;
- CP review conferences are reported when held in the year; ``NumberOfPreviousCPP`` counts the
  child's earlier plans, recorded in Hearth or not (``CPPlan.previous_plans_unrecorded``);
- a child not born by 31 March is reported with the expected date of birth and, from 2024-25,
  sex ``U`` (rule 8750); before 2024-25 sex is ``GenderCurrent`` 1/2/0 (0: not recorded or
  unborn);
- a child with no recorded disability is reported with ``NONE`` (rule 8540).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from typing import Any, TypeVar

from hearth.core.calendar import add_working_days
from hearth.returns.cin.case import (
    AssessmentRecord,
    ChildRecord,
    CPPlanRecord,
    EpisodeRecord,
    PlanRecord,
    S47Record,
)
from hearth.returns.ssda903.cohorts import CollectionYear

#: The first collection year reporting ``Sex`` M/F/U instead of ``GenderCurrent`` (rule 4180).
SEX_LETTERS_FROM = 2025
_GENDER_CURRENT = {"M": "1", "F": "2", "U": "0"}
#: The ICPC is due within 15 working days of the strategy discussion (Working Together 2023).
ICPC_TARGET_WORKING_DAYS = 15
NO_DISABILITY = "NONE"
_R = TypeVar("_R")


@dataclass(frozen=True)
class CensusAssessment:
    start: dt.date
    internal_review: dt.date | None
    authorised: dt.date | None
    factors: tuple[str, ...]


@dataclass(frozen=True)
class CensusPlan:
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class CensusS47:
    start: dt.date
    icpc_target: dt.date
    icpc_date: dt.date | None
    icpc_not_required: bool


@dataclass(frozen=True)
class CensusCPPlan:
    start: dt.date
    end: dt.date | None
    initial_category: str
    latest_category: str
    previous_plans: int
    reviews: tuple[dt.date, ...]


@dataclass(frozen=True)
class CensusEpisode:
    """One ``CINdetails`` module."""

    referral_date: dt.date
    referral_source: str
    primary_need: str
    closure_date: dt.date | None
    closure_reason: str
    referral_nfa: bool
    assessments: tuple[CensusAssessment, ...]
    cin_plans: tuple[CensusPlan, ...]
    s47s: tuple[CensusS47, ...]
    cp_plans: tuple[CensusCPPlan, ...]


@dataclass(frozen=True)
class CensusChild:
    """One ``Child``: identifiers, characteristics and the episodes of the year."""

    child_id: str
    upn: str
    former_upn: str
    upn_unknown: str
    birth_date: dt.date | None
    expected_birth_date: dt.date | None
    sex_element: str
    sex: str
    death: dt.date | None
    ethnicity: str
    disabilities: tuple[str, ...]
    episodes: tuple[CensusEpisode, ...]


@dataclass(frozen=True)
class Census:
    """A year's census for one council (``la_number`` is the DfE three-digit LA number)."""

    year: CollectionYear
    la_number: str
    children: tuple[CensusChild, ...]


def _running(start: dt.date, end: dt.date | None, year: CollectionYear) -> bool:
    """Started by the reference date and not ended before the year began."""
    return start <= year.end and (end is None or end >= year.start)


def _known(day: dt.date | None, year: CollectionYear) -> dt.date | None:
    """A date as known on the reference date: anything later has not happened yet."""
    return day if day is not None and day <= year.end else None


def sex_for_year(sex: str, unborn: bool, year: CollectionYear) -> tuple[str, str]:
    """The sex element and its code: ``Sex`` M/F/U from 2024-25, else ``GenderCurrent``."""
    if year.year >= SEX_LETTERS_FROM:
        return "Sex", "U" if unborn else sex
    return "GenderCurrent", "0" if unborn else _GENDER_CURRENT.get(sex, "0")


def assessment(record: AssessmentRecord, year: CollectionYear) -> CensusAssessment | None:
    if not _running(record.start, record.authorised, year):
        return None
    authorised = _known(record.authorised, year)
    return CensusAssessment(
        start=record.start, internal_review=_known(record.internal_review, year),
        authorised=authorised,
        factors=tuple(sorted(record.factors, key=_factor_order)) if authorised else ())


@cache
def _factor_order(code: str) -> tuple[int, str]:
    """Factors by their number (``2B`` before ``10A``); there are a few dozen codes, so cached."""
    digits = "".join(c for c in code if c.isdigit())
    return (int(digits), code)


def cin_plan(record: PlanRecord, year: CollectionYear) -> CensusPlan | None:
    if not _running(record.start, record.end, year):
        return None
    return CensusPlan(start=record.start, end=_known(record.end, year))


def s47(record: S47Record, year: CollectionYear) -> CensusS47 | None:
    icpc = record.icpc_date if year.contains(record.icpc_date) else None
    if not (_running(record.start, record.end, year) or icpc is not None):
        return None
    decided = record.end is not None and record.end <= year.end
    return CensusS47(
        start=record.start,
        icpc_target=add_working_days(record.start, ICPC_TARGET_WORKING_DAYS),
        icpc_date=icpc,
        icpc_not_required=icpc is None and decided and record.icpc_required is False)


def cp_plan(record: CPPlanRecord, previous_starts: Sequence[dt.date],
            year: CollectionYear) -> CensusCPPlan | None:
    """The plan's ``ChildProtectionPlans`` module; ``previous_starts`` must be sorted."""
    if not _running(record.start, record.end, year):
        return None
    end = _known(record.end, year)
    return CensusCPPlan(
        start=record.start, end=end, initial_category=record.initial_category,
        latest_category=record.latest_category,
        # The child's plans that started before this one: a binary search of the sorted starts.
        previous_plans=record.previous_unrecorded + bisect_left(previous_starts, record.start),
        reviews=tuple(sorted(d for d in set(record.reviews)
                             if year.contains(d) and d > record.start
                             and (end is None or d <= end))))


_by_start = attrgetter("start")


def _in_order(records: tuple[_R, ...], key: Callable[[_R], Any]) -> Sequence[_R]:
    """``records`` sorted by ``key`` (stable); a record or none needs no sorting."""
    return records if len(records) < 2 else sorted(records, key=key)


def episode(record: EpisodeRecord, cp_plan_starts: Sequence[dt.date],
            year: CollectionYear) -> CensusEpisode | None:
    """The episode's ``CINdetails`` for the year, or None when it was not open in it.

    ``cp_plan_starts`` (every CP plan start the child had) must be sorted.
    """
    if not _running(record.referral_date, record.closure_date, year):
        return None
    closed = _known(record.closure_date, year)
    assessments = [assessment(a, year) for a in _in_order(record.assessments, _by_start)]
    plans = [cin_plan(p, year) for p in _in_order(record.cin_plans, _by_start)]
    enquiries = [s47(s, year) for s in _in_order(record.s47s, _by_start)]
    protection = [cp_plan(p, cp_plan_starts, year)
                  for p in _in_order(record.cp_plans, _by_start)]
    return CensusEpisode(
        referral_date=record.referral_date, referral_source=record.referral_source,
        primary_need=record.primary_need, closure_date=closed,
        closure_reason=record.closure_reason if closed else "",
        referral_nfa=record.referral_nfa,
        assessments=tuple(a for a in assessments if a is not None),
        cin_plans=tuple(p for p in plans if p is not None),
        s47s=tuple(s for s in enquiries if s is not None),
        cp_plans=tuple(p for p in protection if p is not None))


_by_referral = attrgetter("referral_date")


def census_child(record: ChildRecord, year: CollectionYear) -> CensusChild | None:
    """The child's ``Child`` module for the year, or None when no episode was open in it."""
    starts = sorted(record.cp_plan_starts)
    episodes = [episode(e, starts, year) for e in _in_order(record.episodes, _by_referral)]
    reported = tuple(e for e in episodes if e is not None)
    if not reported:
        return None
    unborn = record.dob is None or record.dob > year.end
    element, sex = sex_for_year(record.sex, unborn, year)
    return CensusChild(
        child_id=record.child_id, upn=record.upn, former_upn=record.former_upn,
        upn_unknown=record.upn_unknown,
        birth_date=None if unborn else record.dob,
        expected_birth_date=(record.expected_dob or record.dob) if unborn else None,
        sex_element=element, sex=sex, death=_known(record.death, year),
        ethnicity=record.ethnicity,
        disabilities=tuple(sorted(set(record.disabilities))) or (NO_DISABILITY,),
        episodes=reported)


def derive(records: Iterable[ChildRecord], year: CollectionYear, la_number: str) -> Census:
    """The census for ``year``: every child with an episode open in it, by LA child id."""
    children = (census_child(r, year) for r in records)
    return Census(year=year, la_number=la_number,
                  children=tuple(sorted((c for c in children if c is not None),
                                        key=lambda c: c.child_id)))
