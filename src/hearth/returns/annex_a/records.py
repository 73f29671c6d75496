"""Plain values Annex A's rows are made from: what ``extract`` reads and what tests build.

Each class keeps the part of a Hearth record a list needs and nothing else; ``child`` is the
database id of the child, the key into ``AnnexAData.children``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hearth.returns.annex_a.window import Window


@dataclass(frozen=True)
class ChildFacts:
    """What every list says about a child, and who holds the case at the as-of date."""

    child_id: str
    sex: str
    ethnicity: str
    dob: dt.date | None
    disabled: bool = False
    team: str = ""
    worker: str = ""
    uasc_last_12_months: bool = False
    ever_uasc: bool = False


@dataclass(frozen=True)
class Contact:
    child: int
    received_on: dt.date
    source: str


@dataclass(frozen=True)
class EarlyHelpAssessment:
    child: int
    episode: int
    start: dt.date
    completed: dt.date | None
    organisation: str


@dataclass(frozen=True)
class EarlyHelpEpisode:
    """An early help episode open at the as-of date (a current intervention)."""

    child: int
    episode: int
    organisation: str


@dataclass(frozen=True)
class Referral:
    child: int
    referral_date: dt.date
    source: str
    nfa: bool


@dataclass(frozen=True)
class Assessment:
    child: int
    start: dt.date
    child_seen_on: dt.date | None
    authorised_on: dt.date | None
    child_in_need: bool | None


@dataclass(frozen=True)
class S47Enquiry:
    child: int
    strategy_discussion_on: dt.date
    start: dt.date
    end: dt.date | None
    icpc_required: bool | None
    icpc_on: dt.date | None
    icpc_plan: bool | None


@dataclass(frozen=True)
class CINEpisode:
    child: int
    start: dt.date
    primary_need: str
    closed_on: dt.date | None
    closure_reason: str


@dataclass(frozen=True)
class CPPlan:
    child: int
    start: dt.date
    end: dt.date | None
    initial_category: str
    latest_category: str
    last_review: dt.date | None = None
    last_visit: dt.date | None = None
    seen_alone: bool | None = None


@dataclass(frozen=True)
class CarePeriod:
    child: int
    period: int
    start: dt.date
    end: dt.date | None
    reason_ceased: str
    category_of_need: str
    permanence_plan: str = ""
    last_review: dt.date | None = None


@dataclass(frozen=True)
class LegalStatus:
    period: int
    code: str
    start: dt.date


@dataclass(frozen=True)
class Placement:
    child: int
    period: int
    placement_type: str
    start: dt.date
    end: dt.date | None = None
    provider: str = ""
    postcode: str = ""
    urn: str = ""
    location_la: str = ""


@dataclass(frozen=True)
class MissingEpisode:
    """A missing (M) or away (A) episode and the return interview offered after it, if any."""

    child: int
    kind: str
    started_on: dt.date
    interview_offered: bool = False
    interview_accepted: bool | None = None


@dataclass(frozen=True)
class LeaverStatus:
    recorded_on: dt.date
    in_touch: str
    activity: str
    accommodation: str
    accommodation_suitable: bool | None


@dataclass(frozen=True)
class CareLeaver:
    child: int
    eligibility: str
    personal_adviser: str = ""
    statuses: tuple[LeaverStatus, ...] = ()
    last_pathway_plan: dt.date | None = None
    last_contact: dt.date | None = None


@dataclass(frozen=True)
class AdoptionDecision:
    child: int
    decided_on: dt.date
    ceased_on: dt.date | None = None
    ceased_reason: str = ""
    matched_on: dt.date | None = None
    family_ref: str = ""


@dataclass(frozen=True)
class Adopter:
    adopter_ref: str
    family: int
    family_ref: str
    sex: str
    ethnicity: str
    disabled: bool | None
    fostering_for_adoption: bool
    enquiry: dt.date | None = None
    stage1_start: dt.date | None = None
    stage1_end: dt.date | None = None
    stage2_start: dt.date | None = None
    stage2_end: dt.date | None = None
    application: dt.date | None = None
    approval: dt.date | None = None
    left_on: dt.date | None = None
    left_reason: str = ""


@dataclass(frozen=True)
class FamilyMatch:
    """A child matched with an adopter family, when placed with them and when adopted."""

    family: int
    child: int
    matched_on: dt.date
    placed_on: dt.date | None = None
    adopted_on: dt.date | None = None


@dataclass
class AnnexAData:
    """Everything the eleven lists are made from, for one council and one as-of date."""

    window: Window
    la_ons_code: str
    children: dict[int, ChildFacts] = field(default_factory=dict)
    contacts: list[Contact] = field(default_factory=list)
    early_help_assessments: list[EarlyHelpAssessment] = field(default_factory=list)
    early_help_open: list[EarlyHelpEpisode] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    s47s: list[S47Enquiry] = field(default_factory=list)
    icpc_dates: dict[int, list[dt.date]] = field(default_factory=dict)
    cin_episodes: list[CINEpisode] = field(default_factory=list)
    cin_plan_open: set[int] = field(default_factory=set)
    last_seen: dict[int, dt.date] = field(default_factory=dict)
    cp_plans: list[CPPlan] = field(default_factory=list)
    cp_plan_starts: dict[int, list[dt.date]] = field(default_factory=dict)
    emergency_protection: set[int] = field(default_factory=set)
    care_periods: list[CarePeriod] = field(default_factory=list)
    legal_statuses: list[LegalStatus] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    last_visits: dict[tuple[int, str], dt.date] = field(default_factory=dict)
    last_health_checks: dict[tuple[int, str], dt.date] = field(default_factory=dict)
    missing: list[MissingEpisode] = field(default_factory=list)
    care_leavers: list[CareLeaver] = field(default_factory=list)
    adoption_decisions: list[AdoptionDecision] = field(default_factory=list)
    adoption_periods: list[CarePeriod] = field(default_factory=list)
    placement_orders: list[LegalStatus] = field(default_factory=list)
    adoption_placements: list[Placement] = field(default_factory=list)
    adopters: list[Adopter] = field(default_factory=list)
    family_matches: list[FamilyMatch] = field(default_factory=list)
