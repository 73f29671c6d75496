"""Lists 9-11: care leavers, children with adoption decisions, and adopters.

List 9 is every young person entitled to leaving-care services at the as-of date; lists 10 and
11 cover the twelve months before it (Ofsted Annex A guidance, lists 9-11).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from hearth.returns.annex_a import labels
from hearth.returns.annex_a.derive import (
    Row,
    allocated,
    disability,
    latest_by_child,
    ordered,
    person,
)
from hearth.returns.annex_a.extract import ADOPTED, PLACED_FOR_ADOPTION
from hearth.returns.annex_a.records import AnnexAData, CarePeriod, FamilyMatch


def care_leavers(data: AnnexAData) -> list[Row]:
    """List 9: one row per care leaver whose entitlement is open at the as-of date.

    In touch, accommodation and activity come from the latest status recorded by the as-of date
    (Hearth records them around each birthday, as the 903 OC3 does); blank when none is
    recorded. Activity "0" (not in touch, died, returned home) has no Annex A code: blank.
    """
    w = data.window
    rows = []
    for leaver in data.care_leavers:
        facts = data.children[leaver.child]
        s = leaver.statuses[-1] if leaver.statuses else None
        suitable = (None if s is None or not s.accommodation or s.accommodation_suitable is None
                    else labels.SUITABLE if s.accommodation_suitable else labels.UNSUITABLE)
        rows.append((
            *person(facts, w.as_of), disability(facts), *allocated(facts),
            labels.ELIGIBILITY[leaver.eligibility],
            labels.IN_TOUCH[s.in_touch] if s else None, (s.accommodation or None) if s else None,
            suitable, s.activity if s and s.activity != labels.NO_ACTIVITY else None,
            labels.yes_no(facts.ever_uasc), leaver.personal_adviser.strip() or None,
            leaver.last_pathway_plan, leaver.last_contact))
    return ordered(rows, 0)


def _period_of(periods: list[CarePeriod], day: dt.date) -> CarePeriod | None:
    """The period of care a decision on ``day`` belongs to: the last one started by then."""
    started = [p for p in periods if p.start <= day]
    return started[-1] if started else (periods[0] if periods else None)


def adoption(data: AnnexAData) -> list[Row]:
    """List 10: each child who, in the twelve months, was adopted, had the decision that they
    should be placed for adoption reversed, or has such a decision and is not yet adopted; one
    row for their most recent decision.

    The placement order is the start of the legal status E1, the date placed the start of an
    A3-A6 placement and the FFA date the start of a U2/U5 placement, each in the period of care
    the decision belongs to; the adoption order date is the end of that period when it ended in
    adoption (903 E11/E12).
    """
    w = data.window
    periods: defaultdict[int, list[CarePeriod]] = defaultdict(list)
    for p in data.adoption_periods:
        periods[p.child].append(p)
    orders: dict[int, dt.date] = {}
    for s in data.placement_orders:
        orders.setdefault(s.period, s.start)
    placed: dict[int, dt.date] = {}
    fostered: dict[int, dt.date] = {}
    for pl in data.adoption_placements:
        first = placed if pl.placement_type in PLACED_FOR_ADOPTION else fostered
        first.setdefault(pl.period, pl.start)
    rows = []
    decisions = latest_by_child(data.adoption_decisions, lambda d: d.child, lambda d: d.decided_on)
    for child, d in decisions.items():
        period = _period_of(periods[child], d.decided_on)
        adopted_on = (w.known(period.end) if period is not None
                      and period.reason_ceased in ADOPTED else None)
        reversed_on = w.known(d.ceased_on)
        waiting = adopted_on is None and reversed_on is None
        if not (waiting or w.in_twelve_months(adopted_on) or w.in_twelve_months(reversed_on)):
            continue
        facts = data.children[child]
        common = person(facts, w.as_of)
        key = period.period if period else -1
        rows.append((
            common[0], d.family_ref or None, *common[1:], disability(facts),
            period.start if period else None, d.decided_on, orders.get(key), d.matched_on,
            placed.get(key), adopted_on, reversed_on, d.ceased_reason if reversed_on else None,
            fostered.get(key)))
    return ordered(rows, 0)


def adopters(data: AnnexAData) -> list[Row]:
    """List 11: one row per (prospective) adopter who had contact with the adoption agency in
    the twelve months: from Stage 1 or application, not left the process, and not adopted,
    before them. Enquiry-only contacts are not included.

    Matching, placement and adoption order come from the family's matches with children (the
    latest date of each); "No. of children placed" counts the children placed with the family
    by the as-of date. Hearth does not record a process put on hold as a state of its own, so
    the guidance's exclusion of adopters on hold cannot be applied beyond a recorded leaving
    reason.
    """
    w = data.window
    matches: defaultdict[int, list[FamilyMatch]] = defaultdict(list)
    for m in data.family_matches:
        matches[m.family].append(m)
    rows = []
    for a in data.adopters:
        family = matches[a.family]
        placed = [m.placed_on for m in family if m.placed_on is not None]
        adopted = [m.adopted_on for m in family if m.adopted_on is not None]
        adopted_on = max(adopted, default=None)
        if adopted_on is not None and adopted_on < w.twelve_months_start:
            continue
        left = w.known(a.left_on)
        rows.append((
            a.adopter_ref, a.family_ref, labels.GENDER.get(a.sex, ""),
            labels.ETHNICITY.get(a.ethnicity, ""), labels.yes_no_unknown(a.disabled),
            labels.yes_no(a.fostering_for_adoption), w.known(a.enquiry),
            w.known(a.stage1_start), w.known(a.stage1_end), w.known(a.stage2_start),
            w.known(a.stage2_end), w.known(a.application), w.known(a.approval),
            max((m.matched_on for m in family), default=None), max(placed, default=None),
            len({m.child for m in family if m.placed_on is not None}), adopted_on, left,
            (a.left_reason or None) if left else None))
    return ordered(rows, 1, 0)
