"""The 903 return for one collection year, built row by row from each child's plain records.

``build_return`` decides who is in the return (children looked after at any time in the year,
and care leavers in the OC3 cohort) and asks this module for the child-level tables (Header,
Episodes, UASC, Reviews, Missing, PrevPerm, SWEpisodes, DoLo) and ``outcomes`` for OC2, OC3,
AD1 and PlacedAdoption. Rows hold codes and dates; ``render`` formats them for the year.
Each rule cited is a rule of Data to Insight's validator (csc-validator-be-903 0.1.17), which
implements the DfE's 903 validation rules.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from hearth.core.calendar import add_years
from hearth.returns.ssda903 import outcomes
from hearth.returns.ssda903.case import Allocation, ChildCase, Span
from hearth.returns.ssda903.cohorts import CollectionYear, care_leaver_birthday
from hearth.returns.ssda903.columns import Row, tables_for
from hearth.returns.ssda903.derive import SHORT_BREAKS, Episode, episodes, episodes_in_year

#: SW_REASON of a social worker episode that is the child's first contact (rule SW10bSTG2).
FIRST_CONTACT = "FCONTA"
#: A new worker within this many days of the last one continues the child's social work
#: (rule SW10aSTG2); a longer gap is a new first contact.
SW_CONTINUITY = dt.timedelta(days=7)
#: DATE_PERM when the date of a previous permanence order is not known (rule 632, which reads
#: "ZZ" day, month and year parts as unknown); LA_PERM when the LA is not known (rule 633).
UNKNOWN_DATE = "ZZ/ZZ/ZZZZ"
UNKNOWN_LA = "999"
NO_PREVIOUS_PERMANENCE = "Z1"


@dataclass
class Return903:
    """Every row of one year's return, by table, and what the records lacked to complete it."""

    year: CollectionYear
    tables: dict[str, list[Row]]
    warnings: Counter[str] = field(default_factory=Counter)

    def children(self) -> int:
        return len(self.tables["Header"])


def build_return(cases: Iterable[ChildCase], year: CollectionYear) -> Return903:
    """The return for ``year``: one Header row per child in it, and that child's other rows."""
    result = Return903(year=year, tables={t.name: [] for t in tables_for(year.year)})
    for case in sorted(cases, key=lambda c: c.child_id):
        _add_child(result, case)
    return result


def _add_child(result: Return903, case: ChildCase) -> None:
    year = result.year
    all_episodes = sorted((e for history in case.care
                           for e in episodes(history.period, history.statuses,
                                             history.placements)),
                          key=lambda e: e.decom)
    year_episodes = episodes_in_year(all_episodes, year.start, year.end)
    leaver = care_leaver_birthday(case.dob, case.care, all_episodes, case.leaver_statuses, year)
    oc3 = outcomes.oc3_row(case, leaver, result.warnings)
    if not year_episodes and oc3 is None:
        return
    tables = result.tables
    tables["Header"].append(header_row(case, year_episodes, year))
    if oc3 is not None:
        tables["OC3"].append(oc3)
    if not year_episodes:
        return
    tables["Episodes"].extend(episode_rows(case, year_episodes, year))
    uasc = uasc_row(case, year)
    if uasc is not None:
        tables["UASC"].append(uasc)
    tables["Reviews"].extend(review_rows(case, year_episodes, year))
    tables["Missing"].extend(missing_rows(case, year))
    for name, row in (("OC2", outcomes.oc2_row(case, year_episodes, year, result.warnings)),
                      ("AD1", outcomes.ad1_row(case, year_episodes, year, result.warnings)),
                      ("PrevPerm", previous_permanence_row(case, year_episodes, year,
                                                           result.warnings))):
        if row is not None:
            tables[name].append(row)
    tables["PlacedAdoption"].extend(outcomes.placed_for_adoption_rows(case, year))
    if "SWEpisodes" in tables:
        tables["SWEpisodes"].extend(social_worker_rows(case, year))
    if "DoLo" in tables:
        tables["DoLo"].extend(dolo_rows(case, year))


def _upn(case: ChildCase) -> str:
    return case.upn or case.upn_unknown


def header_row(case: ChildCase, year_episodes: Sequence[Episode], year: CollectionYear) -> Row:
    """CHILD, SEX, DOB, ETHNIC, UPN (or its UN1-UN5 reason), MOTHER and MC_DOB.

    MOTHER is given for girls looked after in the year (rules 393, 607), not for those only on
    short breaks (rule 399) nor for care leavers not looked after in the year (rule 628): 1 when
    she had a child by 31 March, or by the day she ceased to be looked after (rule 625), and
    MC_DOB is her first child's date of birth (rules 611, 612).
    """
    mother: str | None = None
    first_child: dt.date | None = None
    looked_after = [e for e in year_episodes if e.ls not in SHORT_BREAKS]
    if case.sex == "F" and looked_after:
        last = year_episodes[-1]
        until = last.dec if last.dec is not None and last.rec not in ("", "X1") else year.end
        born = sorted(d for d in case.own_children_dobs if d <= until)
        mother = "1" if born else "0"
        first_child = born[0] if born else None
    return {"CHILD": case.child_id, "SEX": case.sex, "DOB": case.dob, "ETHNIC": case.ethnicity,
            "UPN": _upn(case), "MOTHER": mother, "MC_DOB": first_child}


def is_uasc(case: ChildCase, year: CollectionYear) -> bool:
    """The child is, or was, an unaccompanied asylum-seeking child by the end of the year."""
    return any(s.start <= year.end for s in case.uasc)


def episode_rows(case: ChildCase, year_episodes: Sequence[Episode],
                 year: CollectionYear) -> list[Row]:
    """The Episodes rows, with HOME_POST the child's postcode when each episode began.

    HOME_POST is blank for a child who is or was UASC, whose distance from home the DfE does
    not measure (rule 406); short breaks (V3/V4) carry no postcodes or URN (rules 214, 398).
    """
    uasc = is_uasc(case, year)
    rows: list[Row] = []
    for e in year_episodes:
        short_break = e.ls in SHORT_BREAKS
        home = next((a.postcode for a in case.addresses if a.covers(e.decom)), "")
        rows.append({
            "CHILD": case.child_id, "DECOM": e.decom, "RNE": e.rne, "LS": e.ls, "CIN": e.cin,
            "PLACE": e.place, "PLACE_PROVIDER": e.place_provider, "DEC": e.dec, "REC": e.rec,
            "REASON_PLACE_CHANGE": e.reason_place_change,
            "HOME_POST": "" if uasc or short_break else home,
            "PL_POST": "" if short_break else e.pl_post,
            "URN": "" if short_break else e.urn,
        })
    return rows


def uasc_row(case: ChildCase, year: CollectionYear) -> Row | None:
    """A UASC row for a child who is or was UASC (rules 303, 406).

    DUC is the date the status ceased, or, while it lasts at 31 March, the 18th birthday, when
    it will cease: the validator expects the same DUC, the 18th birthday, year after year
    (rules 205B, 304).
    """
    spans = sorted((s for s in case.uasc if s.start <= year.end), key=lambda s: s.start)
    if not spans:
        return None
    ceased = spans[-1].end
    if (ceased is None or ceased > year.end) and case.dob is not None:
        ceased = add_years(case.dob, 18)
    return {"CHILD": case.child_id, "SEX": case.sex, "DOB": case.dob, "DUC": ceased}


def _during(day: dt.date, episode: Episode) -> bool:
    return episode.decom <= day and (episode.dec is None or day <= episode.dec)


def review_rows(case: ChildCase, year_episodes: Sequence[Episode],
                year: CollectionYear) -> list[Row]:
    """CLA reviews held in the year while looked after, other than on short breaks (rule 399)."""
    rows: list[Row] = []
    for review in sorted(case.reviews, key=lambda r: r.held_on):
        if not year.contains(review.held_on):
            continue
        if any(_during(review.held_on, e) and e.ls not in SHORT_BREAKS for e in year_episodes):
            rows.append({"CHILD": case.child_id, "DOB": case.dob, "REVIEW": review.held_on,
                         "REVIEW_CODE": review.participation})
    return rows


def missing_rows(case: ChildCase, year: CollectionYear) -> list[Row]:
    """Missing and away-without-authorisation spells open at some time in the year that began
    while the child was looked after (rules 570, 571, 578, 581).

    The 903 records missing *from care*: a spell still open when the period of care ended
    ends, for the return, on that day (rules 575, 577). MIS_END is blank for a spell still
    open on 31 March.
    """
    rows: list[Row] = []
    for spell in sorted(case.missing, key=lambda m: m.start):
        if spell.start > year.end or (spell.end is not None and spell.end < year.start):
            continue
        period = next((h.period for h in case.care if h.period.start <= spell.start
                       and (h.period.end is None or spell.start <= h.period.end)), None)
        if period is None:
            continue
        end = spell.end
        if period.end is not None and period.end <= year.end and (end is None
                                                                   or end > period.end):
            end = period.end
        rows.append({"CHILD": case.child_id, "DOB": case.dob, "MISSING": spell.kind,
                     "MIS_START": spell.start,
                     "MIS_END": end if end is not None and end <= year.end else None})
    return rows


def previous_permanence_row(case: ChildCase, year_episodes: Sequence[Episode],
                            year: CollectionYear, warnings: Counter[str]) -> Row | None:
    """PrevPerm for a child who started to be looked after in the year (rules 630, 634).

    Any option but Z1 needs LA_PERM and DATE_PERM (rule 630): when the record does not hold
    them they are given as not known, 999 and ZZ/ZZ/ZZZZ (rules 632, 633).
    """
    if not any(e.rne == "S" and year.contains(e.decom) for e in year_episodes):
        return None
    record = case.previous_permanence
    if record is None:
        warnings["started to be looked after with no previous permanence recorded "
                 "(PrevPerm, rule 630)"] += 1
        return None
    known = record.option != NO_PREVIOUS_PERMANENCE
    return {"CHILD": case.child_id, "DOB": case.dob, "PREV_PERM": record.option,
            "LA_PERM": (record.la_code or UNKNOWN_LA) if known else None,
            "DATE_PERM": (record.order_date or UNKNOWN_DATE) if known else None}


def _looked_after_spans(case: ChildCase, year: CollectionYear) -> list[Span]:
    """The child's periods of care open at some time in the year, as spans."""
    return sorted((Span(h.period.start, h.period.end) for h in case.care
                   if h.period.start <= year.end
                   and (h.period.end is None or h.period.end >= year.start)),
                  key=lambda s: s.start)


def social_worker_rows(case: ChildCase, year: CollectionYear) -> list[Row]:
    """Social worker episodes: who held the case while the child was looked after in the year
    (903 from 2023-24; validator rules SW02-SW19).

    Each allocation is reported for the part of it that falls in a period of care: SW_DECOM is
    the later of the allocation's start and the start of care, so the episodes of a period of
    care begin with it (rule SW12 compares every social worker episode with the episode that
    started care and the one that ended it). A worker who changed while the child was looked
    after ends on the day the next took over (SW_DEC). The child's latest episode has no end
    date even when care ended in the year (rules SW17, SW11b: the Episodes table records the
    end of care, the social worker episode only a change of worker); nor has one still open on
    31 March (SW07). The child's first episode carries the allocation's reason (FCONTA when it
    records none); one that follows the previous episode's end by more than 7 days, as after a
    return to care, is a new first contact, FCONTA (rules SW10a, SW10b). A part that begins and
    ends on one day (a same-day handover, or an allocation that ended the day care began) never
    held the case at the end of a day and is not an episode (rules SW09, SW18, SW19).

    Rule SW12's message asks, for a child looked after on 31 March, for the year's episodes
    "even those whilst they were not looked after", but its code (0.1.17) rejects any episode
    that began before the start of care when that first care episode is followed by another:
    the return follows the code, the only reading that passes it.
    """
    pieces: list[tuple[dt.date, dt.date | None, Allocation]] = []
    for span in _looked_after_spans(case, year):
        for allocation in case.allocations:
            start = max(allocation.start, span.start)
            ends = [d for d in (allocation.end, span.end) if d is not None]
            end = min(ends) if ends else None
            if start > year.end or (end is not None and (end <= start or end < year.start)):
                continue
            pieces.append((start, end, allocation))
    pieces.sort(key=lambda p: (p[0], p[1] or dt.date.max))
    rows: list[Row] = []
    previous_end: dt.date | None = None
    for i, (start, end, allocation) in enumerate(pieces):
        last = i + 1 == len(pieces)
        if not rows:
            reason = allocation.reason or FIRST_CONTACT
        elif previous_end is None or start - previous_end <= SW_CONTINUITY:
            reason = allocation.reason
        else:  # back in care after a break: a new first contact (rule SW10a)
            reason = FIRST_CONTACT
        rows.append({"CHILD": case.child_id, "DOB": case.dob, "SW_ID": allocation.staff_id,
                     "SW_DECOM": start,
                     "SW_DEC": None if last or end is None or end > year.end else end,
                     "SW_REASON": reason})
        previous_end = end
    return rows


def dolo_rows(case: ChildCase, year: CollectionYear) -> list[Row]:
    """Deprivation of liberty orders in force at some time in the year (rules 700-710)."""
    return [{"CHILD": case.child_id, "DOB": case.dob, "DOLO_START": order.start,
             "DOLO_END": order.end if order.end is not None and order.end <= year.end else None}
            for order in sorted(case.dolos, key=lambda o: o.start)
            if order.start <= year.end and (order.end is None or order.end >= year.start)]
