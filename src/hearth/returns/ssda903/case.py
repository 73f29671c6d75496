"""Plain values one child's 903 rows are made from: what ``extract`` reads, what tests build.

Each class mirrors the part of a Hearth record the return needs and nothing else, so the
derivations in ``tables`` and ``outcomes`` run without a database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hearth.returns.ssda903.derive import LegalStatus, Period, Placement


@dataclass(frozen=True)
class CareHistory:
    """A period of care with its legal statuses and placements."""

    period: Period
    statuses: tuple[LegalStatus, ...] = ()
    placements: tuple[Placement, ...] = ()


@dataclass(frozen=True)
class Span:
    """Something held from ``start`` until ``end`` (exclusive; ``None`` while it lasts)."""

    start: dt.date
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Address(Span):
    postcode: str = ""


@dataclass(frozen=True)
class Review:
    """A CLA review and how the child took part (REVIEW_CODE PN0-PN7)."""

    held_on: dt.date
    participation: str


@dataclass(frozen=True)
class MissingSpell:
    """Missing (M) or away without authorisation (A), by local date; ``end`` while missing."""

    kind: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class HealthCheck:
    kind: str  # iha, rha, dental, immunisations, development
    on: dt.date


@dataclass(frozen=True)
class SDQ:
    on: dt.date
    score: int | None
    reason: str


@dataclass(frozen=True)
class Wellbeing:
    on: dt.date
    convicted: bool
    substance_misuse: bool
    intervention_offered: bool | None
    intervention_received: bool | None


@dataclass(frozen=True)
class LeaverStatus:
    """A care leaver's contact, activity and accommodation, recorded around a birthday."""

    on: dt.date
    in_touch: str
    activity: str
    accommodation: str
    accommodation_suitable: bool | None


@dataclass(frozen=True)
class AdoptionMatch:
    matched_on: dt.date
    number_of_adopters: int
    adopters_sex: str
    adopters_legal_status: str
    former_foster_carers: bool


@dataclass(frozen=True)
class AdoptionDecision:
    """The decision that the child should be placed for adoption, its reversal and matches."""

    decided_on: dt.date
    ceased_on: dt.date | None
    ceased_reason: str
    matches: tuple[AdoptionMatch, ...] = ()


@dataclass(frozen=True)
class PreviousPermanence:
    option: str
    la_code: str
    order_date: dt.date | None


@dataclass(frozen=True)
class Allocation(Span):
    """A worker holding the case: SW_ID is their staff id, SW_REASON why they took it."""

    staff_id: str = ""
    reason: str = ""


@dataclass(frozen=True)
class ChildCase:
    """Everything about one child that the 903 for one year can need."""

    child_id: str
    sex: str
    dob: dt.date | None
    ethnicity: str
    upn: str
    upn_unknown: str
    care: tuple[CareHistory, ...] = ()
    addresses: tuple[Address, ...] = ()
    uasc: tuple[Span, ...] = ()
    own_children_dobs: tuple[dt.date, ...] = ()
    reviews: tuple[Review, ...] = ()
    missing: tuple[MissingSpell, ...] = ()
    health_checks: tuple[HealthCheck, ...] = ()
    sdqs: tuple[SDQ, ...] = ()
    wellbeing: tuple[Wellbeing, ...] = ()
    leaver_statuses: tuple[LeaverStatus, ...] = ()
    adoption_decisions: tuple[AdoptionDecision, ...] = ()
    previous_permanence: PreviousPermanence | None = None
    allocations: tuple[Allocation, ...] = ()
    dolos: tuple[Span, ...] = ()
