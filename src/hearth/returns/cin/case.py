"""What the CIN census needs from a child's records, as plain values read by ``extract``.

Nothing here knows about collection years: ``derive`` decides what a year's census reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class AssessmentRecord:
    """A single assessment (Working Together 2023): started, reviewed, authorised, factors."""

    start: dt.date
    authorised: dt.date | None = None
    internal_review: dt.date | None = None
    factors: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanRecord:
    """A child in need plan (Children Act 1989 s17)."""

    start: dt.date
    end: dt.date | None = None


@dataclass(frozen=True)
class S47Record:
    """A section 47 enquiry; ``icpc_required`` is its outcome (None while it runs)."""

    start: dt.date
    end: dt.date | None = None
    icpc_required: bool | None = None
    icpc_date: dt.date | None = None


@dataclass(frozen=True)
class CPPlanRecord:
    """A child protection plan with the dates of its review conferences."""

    start: dt.date
    initial_category: str
    latest_category: str
    end: dt.date | None = None
    reviews: tuple[dt.date, ...] = ()
    #: Earlier plans Hearth has no record of (another LA, or before its records begin).
    previous_unrecorded: int = 0


@dataclass(frozen=True)
class EpisodeRecord:
    """A CIN episode, referral to closure, with what happened inside it."""

    referral_date: dt.date
    referral_source: str
    referral_nfa: bool = False
    primary_need: str = ""
    closure_date: dt.date | None = None
    closure_reason: str = ""
    assessments: tuple[AssessmentRecord, ...] = ()
    cin_plans: tuple[PlanRecord, ...] = ()
    s47s: tuple[S47Record, ...] = ()
    cp_plans: tuple[CPPlanRecord, ...] = ()


@dataclass(frozen=True)
class ChildRecord:
    """A child with the episodes that may fall in a census, and every CP plan start they had."""

    child_id: str
    sex: str
    ethnicity: str
    dob: dt.date | None = None
    expected_dob: dt.date | None = None
    upn: str = ""
    former_upn: str = ""
    upn_unknown: str = ""
    death: dt.date | None = None
    disabilities: tuple[str, ...] = ()
    episodes: tuple[EpisodeRecord, ...] = ()
    cp_plan_starts: tuple[dt.date, ...] = ()
