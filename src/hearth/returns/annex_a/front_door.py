"""Lists 1-5: contacts, early help, referrals, assessments, s47 enquiries and ICPCs.

Each is one row per event in the six months before the as-of date (Ofsted Annex A guidance,
lists 1-5), so a child can have several rows. Assessments and s47 enquiries include those still
open at the as-of date, and ones that started earlier but were open during the six months.
"""

from __future__ import annotations

from collections import Counter

from hearth.returns.annex_a import labels
from hearth.returns.annex_a.derive import Row, allocated, disability, ordered, person
from hearth.returns.annex_a.records import AnnexAData


def contacts(data: AnnexAData) -> list[Row]:
    """List 1: one row per contact received in the six months (one per child it concerns)."""
    w = data.window
    rows = [(*person(data.children[c.child], w.as_of), c.received_on, labels.SOURCE[c.source])
            for c in data.contacts if w.in_six_months(c.received_on)]
    return ordered(rows, 5, 0)


def early_help(data: AnnexAData) -> list[Row]:
    """List 2: early help assessments open during the six months, and every early help episode
    open at the as-of date (a current intervention) with its latest assessment.

    An open episode with no assessment yet has a row with the assessment dates blank and the
    episode's organisation: Ofsted asks for current interventions too.
    """
    w = data.window
    rows: list[Row] = []
    listed: set[int] = set()
    latest = {}
    for a in data.early_help_assessments:
        latest[a.episode] = a
        if w.open_during_six_months(a.start, a.completed):
            listed.add(a.episode)
            rows.append((*person(data.children[a.child], w.as_of), a.start,
                         w.known(a.completed), a.organisation))
    for episode in data.early_help_open:
        if episode.episode in listed:
            continue
        facts = person(data.children[episode.child], w.as_of)
        found = latest.get(episode.episode)
        rows.append((*facts, found.start, w.known(found.completed), found.organisation)
                    if found else (*facts, None, None, episode.organisation))
    return ordered(rows, 0, 5)


def referrals(data: AnnexAData) -> list[Row]:
    """List 3: one row per referral in the six months. The count is of the child's referrals
    that started in the twelve months before the as-of date (the FAQ's reading), this one
    included."""
    w = data.window
    in_year = Counter(r.child for r in data.referrals if w.in_twelve_months(r.referral_date))
    rows = []
    for r in data.referrals:
        if not w.in_six_months(r.referral_date):
            continue
        facts = data.children[r.child]
        rows.append((*person(facts, w.as_of), r.referral_date, labels.SOURCE[r.source],
                     labels.yes_no(r.nfa), in_year[r.child], *allocated(facts)))
    return ordered(rows, 5, 0)


def assessments(data: AnnexAData) -> list[Row]:
    """List 4: one row per assessment open at some time in the six months (so including open
    ones). "Child seen" is whether a seen date was recorded by the as-of date; the outcome is
    blank until the assessment is authorised."""
    w = data.window
    rows = []
    for a in data.assessments:
        if not w.open_during_six_months(a.start, a.authorised_on):
            continue
        facts = data.children[a.child]
        authorised = w.known(a.authorised_on)
        in_need = (labels.yes_no(a.child_in_need)
                   if authorised is not None and a.child_in_need is not None else None)
        rows.append((*person(facts, w.as_of), disability(facts), a.start,
                     labels.yes_no(w.known(a.child_seen_on) is not None), authorised, in_need,
                     *allocated(facts)))
    return ordered(rows, 6, 0)


def s47_enquiries(data: AnnexAData) -> list[Row]:
    """List 5: one row per s47 enquiry open at some time in the six months. Whether an ICPC was
    needed is the enquiry's outcome, blank while it is still open at the as-of date; the counts
    are of the child's enquiries started, and ICPCs held, in the twelve months before."""
    w = data.window
    enquiries = Counter(s.child for s in data.s47s if w.in_twelve_months(s.start))
    rows = []
    for s in data.s47s:
        if not w.open_during_six_months(s.start, s.end):
            continue
        facts = data.children[s.child]
        decided = w.known(s.end) is not None and s.icpc_required is not None
        icpc_on = w.known(s.icpc_on)
        icpcs = sum(1 for day in data.icpc_dates.get(s.child, ()) if w.in_twelve_months(day))
        rows.append((
            *person(facts, w.as_of), disability(facts), s.strategy_discussion_on,
            labels.yes_no(not s.icpc_required) if decided else None, icpc_on,
            labels.yes_no(bool(s.icpc_plan)) if icpc_on is not None else None,
            enquiries[s.child], icpcs, *allocated(facts)))
    return ordered(rows, 6, 0)
