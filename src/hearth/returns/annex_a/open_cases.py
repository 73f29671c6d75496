"""Lists 6-8: children in need, children on child protection plans, children in care.

One row per child, for their most recent episode, plan or period of care, when it was open at
the as-of date or (list 6) at some time in the six months before, or (lists 7 and 8) ended in
those six months (Ofsted Annex A guidance, lists 6-8).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from hearth.returns.annex_a import labels
from hearth.returns.annex_a.derive import (
    Row,
    allocated,
    disability,
    latest_by_child,
    ordered,
    person,
)
from hearth.returns.annex_a.extract import DENTAL, HEALTH_ASSESSMENTS
from hearth.returns.annex_a.records import AnnexAData, MissingEpisode, Placement


def children_in_need(data: AnnexAData) -> list[Row]:
    """List 6: each child with an episode of need (not a referral closed with no further action)
    open at some time in the six months, for their most recent episode."""
    w = data.window
    episodes = latest_by_child(
        [e for e in data.cin_episodes if w.open_during_six_months(e.start, e.closed_on)],
        lambda e: e.child, lambda e: e.start)
    statuses = _CaseStatus(data)
    rows = []
    for child, e in episodes.items():
        facts = data.children[child]
        closed = w.known(e.closed_on)
        rows.append((
            *person(facts, w.as_of), disability(facts), e.start,
            labels.NEED.get(e.primary_need), data.last_seen.get(child), closed,
            labels.CLOSURE.get(e.closure_reason) if closed else None,
            statuses.of(child, closed is not None), *allocated(facts)))
    return ordered(rows, 0)


class _CaseStatus:
    """List 6's case status at the as-of date, most intensive first.

    An open episode with none of care, a CP plan, a CIN plan or an open assessment (for example
    one waiting for a plan after its assessment) fits none of Ofsted's statuses: blank.
    """

    def __init__(self, data: AnnexAData) -> None:
        w = data.window
        self.looked_after = {p.child for p in data.care_periods if w.open_at(p.start, p.end)}
        self.protected = {p.child for p in data.cp_plans if w.open_at(p.start, p.end)}
        self.assessed = {a.child for a in data.assessments if w.open_at(a.start, a.authorised_on)}
        self.planned = data.cin_plan_open

    def of(self, child: int, closed: bool) -> str | None:
        if closed:
            return labels.CASE_CLOSED
        for children, status in ((self.looked_after, labels.CASE_LOOKED_AFTER),
                                 (self.protected, labels.CASE_CP_PLAN),
                                 (self.planned, labels.CASE_CIN_PLAN),
                                 (self.assessed, labels.CASE_OPEN_ASSESSMENT)):
            if child in children:
                return status
        return None


def child_protection(data: AnnexAData) -> list[Row]:
    """List 7: each child on a CP plan at the as-of date or whose plan ended in the six months,
    for their most recent plan. "Subject to an EPO or police powers" is read from the legal
    statuses L1/L2, which Hearth records only when the child was accommodated: police protection
    without LA accommodation is not recorded, so "No" can understate it."""
    w = data.window
    plans = latest_by_child(
        [p for p in data.cp_plans if w.open_or_ended_in_six_months(p.start, p.end)],
        lambda p: p.child, lambda p: p.start)
    rows = []
    for child, p in plans.items():
        facts = data.children[child]
        earlier = sum(1 for start in data.cp_plan_starts.get(child, ()) if start < p.start)
        rows.append((
            *person(facts, w.as_of), disability(facts), p.start,
            labels.ABUSE[p.initial_category], labels.ABUSE[p.latest_category], p.last_visit,
            labels.yes_no_unknown(p.seen_alone) if p.last_visit else None, p.last_review,
            w.known(p.end), labels.yes_no(child in data.emergency_protection), earlier,
            *allocated(facts)))
    return ordered(rows, 0)


def children_in_care(data: AnnexAData) -> list[Row]:
    """List 8: each child looked after at the as-of date or who ceased to be in the six months,
    for their most recent period of care.

    Counts of placements and of missing and absent episodes are over the twelve months before
    the as-of date; the return-interview columns are about the last missing episode in those
    twelve months (blank when there was none). Placement location is "In" when the placement's
    LA is this council, "LA of placement" its ONS code as recorded.
    """
    w = data.window
    periods = latest_by_child(
        [p for p in data.care_periods if w.open_or_ended_in_six_months(p.start, p.end)],
        lambda p: p.child, lambda p: p.start)
    starts: defaultdict[int, list[dt.date]] = defaultdict(list)
    for p in data.care_periods:
        starts[p.child].append(p.start)
    status = {s.period: s for s in data.legal_statuses}
    placed: dict[int, Placement] = {}
    placements: Counter[int] = Counter()
    for placement in data.placements:
        placed[placement.period] = placement
        placements[placement.child] += 1
    missing: Counter[tuple[int, str]] = Counter()
    last_missing: dict[int, MissingEpisode] = {}
    for episode in data.missing:
        missing[episode.child, episode.kind] += 1
        if episode.kind == "M":
            last_missing[episode.child] = episode
    rows = []
    for child, p in periods.items():
        facts = data.children[child]
        ls = status.get(p.period)
        pl = placed.get(p.period)
        ended = w.known(p.end)
        health = [d for kind in HEALTH_ASSESSMENTS
                  if (d := data.last_health_checks.get((child, kind))) is not None]
        m = last_missing.get(child)
        location = ((labels.LOCATION_IN if pl.location_la == data.la_ons_code
                     else labels.LOCATION_OUT) if pl and pl.location_la else None)
        rows.append((
            *person(facts, w.as_of), labels.yes_no(facts.uasc_last_12_months),
            disability(facts), p.start, labels.NEED.get(p.category_of_need),
            labels.yes_no(any(s < p.start for s in starts[child])),
            ls.start if ls else None, labels.LEGAL_STATUS[ls.code] if ls else None,
            p.last_review, data.last_visits.get((child, "cla")),
            labels.PERMANENCE.get(p.permanence_plan), data.last_visits.get((child, "iro")),
            max(health, default=None), data.last_health_checks.get((child, DENTAL)),
            placements[child], ended, labels.REASON_CEASED.get(p.reason_ceased) if ended else None,
            pl.start if pl else None, labels.PLACEMENT_TYPE[pl.placement_type] if pl else None,
            labels.PROVIDER.get(pl.provider) if pl else None, pl.postcode or None if pl else None,
            pl.urn or None if pl else None, location, pl.location_la or None if pl else None,
            missing[child, "M"], missing[child, "A"],
            labels.yes_no(m.interview_offered) if m else None,
            (labels.yes_no_unknown(m.interview_accepted) if m and m.interview_offered else None),
            *allocated(facts)))
    return ordered(rows, 0)
