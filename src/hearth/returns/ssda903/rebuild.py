"""A 903 return's rows turned back into each child's records (``case.ChildCase``), and checked.

The reverse of ``derive``: each period of care's episodes become its legal statuses (a new one
on RNE L, B, U) and placements (a new one on P, T, B, U; the same carers on T and U), and the
other tables the records they were made from. ``verify`` then runs the export's own derivation
on the result: a row it would not give back as it is cannot be held by Hearth as the council
recorded it, so the import refuses it. What the 903 lacks is filled as ``importer`` documents.
Pure: plain values in and out, no database.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from hearth.core.calendar import add_years
from hearth.returns.ssda903.case import (
    SDQ,
    Address,
    AdoptionDecision,
    AdoptionMatch,
    Allocation,
    CareHistory,
    ChildCase,
    HealthCheck,
    LeaverStatus,
    MissingSpell,
    PreviousPermanence,
    Review,
    Span,
    Wellbeing,
)
from hearth.returns.ssda903.cohorts import CollectionYear, age_on, care_leaver_birthday
from hearth.returns.ssda903.derive import (
    CONTINUES,
    SHORT_BREAKS,
    LegalStatus,
    Period,
    Placement,
    episodes,
)
from hearth.returns.ssda903.read import UPN_UNKNOWN, Problems, Return903File, Row

#: How far back a period recorded only to make a care leaver's history whole reaches: 13 weeks
#: in care since 14 make a young person a relevant or former relevant child (rule 1001).
LEAVER_HISTORY = dt.timedelta(days=91)
#: Reason ceased and category of need of such a period, which the return does not describe.
UNDESCRIBED_REASON = "E8"
UNDESCRIBED_NEED = "N8"
_ONE_DAY = dt.timedelta(days=1)
_STATUS_CHANGES = frozenset({"L", "B", "U"})
_PLACEMENT_CHANGES = frozenset({"P", "T", "B", "U"})
_SAME_CARERS = frozenset({"T", "U"})
EPISODES = "episodes.csv"


@dataclass
class Rebuilt:
    """The children rebuilt from a return, and those whose rows could not be."""

    cases: list[ChildCase] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)


def _placement_tuple(row: Row) -> tuple[str, str, str, str]:
    return (row.text("PLACE"), row.text("PLACE_PROVIDER"), row.text("PL_POST"),
            row.text("URN"))


def _check_sequence(dob: dt.date, rows: Sequence[Row], year: CollectionYear,
                    problems: Problems) -> bool:
    """Episodes tile each period of care, and each RNE says what changed (rule 143)."""
    ok = True

    def bad(row: Row, column: str, message: str) -> None:
        nonlocal ok
        ok = False
        problems.add(EPISODES, row.line, column, message)

    for i, row in enumerate(rows):
        decom, dec, rec, rne = row.date("DECOM"), row.date("DEC"), row.text("REC"), row.text("RNE")
        assert decom is not None
        if dec is not None and dec < decom:
            bad(row, "DEC", "is before DECOM")
        if (dec is None) != (rec == ""):
            bad(row, "REC", "is blank but DEC is given" if rec == ""
                else "is given but DEC is blank (an episode open at 31 March has neither)")
        if decom < dob:
            bad(row, "DECOM", "is before the child's DOB")
        if dec is not None and dec < year.start:
            bad(row, "DEC", f"is before {_fmt(year.start)}: the {year.label} return has only "
                            f"episodes open in the year (is --year right?)")
        previous = rows[i - 1] if i else None
        if previous is None:
            if rne != "S" and decom >= year.start:
                bad(row, "RNE", f"is {rne}, a change within a period of care, but no earlier "
                                f"episode ends on DECOM: the episode before it is missing")
            elif rne != "S" and decom == dob:
                bad(row, "RNE", f"is {rne}, but the child cannot have been looked after before "
                                f"DECOM, the day of birth")
            continue
        p_dec, p_rec = previous.date("DEC"), previous.text("REC")
        if p_dec is None:
            bad(row, "DECOM", f"the episode beginning {_fmt(previous.date('DECOM'))} (row "
                              f"{previous.line}) is still open (DEC blank): episodes overlap")
        elif p_rec == CONTINUES and decom != p_dec:
            bad(row, "DECOM", f"the previous episode (row {previous.line}) ceased on "
                              f"{_fmt(p_dec)} with REC X1, so the next must begin that day")
        elif p_rec != CONTINUES and decom < p_dec:
            bad(row, "DECOM", f"begins before the previous episode (row {previous.line}) "
                              f"ceased on {_fmt(p_dec)}: episodes overlap")
        elif p_rec == CONTINUES and rne == "S":
            bad(row, "RNE", f"is S (started to be looked after), but the previous episode "
                            f"(row {previous.line}) continued the period of care (REC X1)")
        elif p_rec != CONTINUES and rne != "S":
            bad(row, "RNE", f"is {rne}, but the previous episode (row {previous.line}) ended "
                            f"the period of care (REC {p_rec}), so this one must be S")
        elif rne != "S":
            ok = _check_rne(previous, row, bad) and ok
    last = rows[-1]
    if last.text("REC") == CONTINUES:
        bad(last, "REC", f"is X1 (a new episode begins the same day), but no episode begins "
                         f"on {_fmt(last.date('DEC'))}")
    return ok


def _check_rne(previous: Row, row: Row, bad: Callable[[Row, str, str], None]) -> bool:
    rne = row.text("RNE")
    status_changed = previous.text("LS") != row.text("LS")
    placement_changed = _placement_tuple(previous) != _placement_tuple(row)
    problem = ""
    if previous.text("CIN") != row.text("CIN"):
        problem = (f"is {row.text('CIN')} but {previous.text('CIN')} in the previous "
                   f"episode: Hearth holds one category of need per period of care")
        column = "CIN"
    elif rne == "L" and (not status_changed or placement_changed):
        problem = ("is L (legal status only), but " + ("LS did not change" if not status_changed
                   else "PLACE, PLACE_PROVIDER, PL_POST or URN changed too"))
        column = "RNE"
    elif rne in ("P", "T") and status_changed:
        problem = f"is {rne} (placement only), but LS changed too (B or U)"
        column = "RNE"
    elif rne in ("B", "U") and not status_changed:
        problem = f"is {rne} (legal status and placement), but LS did not change"
        column = "RNE"
    elif rne in _SAME_CARERS and not placement_changed:
        problem = (f"is {rne} (a move with the same carers), but PLACE, PLACE_PROVIDER, PL_POST "
                   f"and URN are those of the previous episode")
        column = "RNE"
    if problem:
        bad(row, column, problem)
        return False
    return True


def _fmt(day: dt.date | None) -> str:
    return "blank" if day is None else day.strftime("%d/%m/%Y")


def _periods(rows: Sequence[Row]) -> Iterator[list[Row]]:
    """The episodes split into periods of care: each begins with S or follows an end."""
    current: list[Row] = []
    for row in rows:
        if current and row.text("RNE") == "S":
            yield current
            current = []
        current.append(row)
    if current:
        yield current


class Carers:
    """Carer references ``903-N``: a new one at each change of carers (RNE S, P, B)."""

    def __init__(self) -> None:
        self._next = itertools.count(1)

    def new(self) -> str:
        return f"903-{next(self._next)}"


def _history(rows: Sequence[Row], dob: dt.date, carers: Carers, lead: dt.timedelta,
             worker_since: dt.date | None, problems: Problems) -> CareHistory | None:
    """One period of care's records from its episodes (``lead``: see ``importer``).

    A period whose first episode is not S began before the year: it starts ``lead`` earlier,
    or on ``worker_since``, the child's first SW_DECOM, when that is earlier (social worker
    episodes are reported only while the child is looked after, so the child was in care
    then), with the legal status (RNE P, T) or placement (RNE L) the episode did not change.
    """
    first, last = rows[0], rows[-1]
    rne = first.text("RNE")
    day = [row.date("DECOM") or dt.date.min for row in rows]
    start = day[0]
    if rne != "S":
        start = max(dob, min(day[0] - lead, worker_since or dt.date.max))
    end = last.date("DEC") if last.text("REC") not in ("", CONTINUES) else None

    status_at = [i for i, row in enumerate(rows) if i == 0 or row.text("RNE") in _STATUS_CHANGES]
    status_from = [start if i == 0 and rne in ("P", "T") else day[i] for i in status_at]
    statuses = tuple(
        LegalStatus(rows[i].text("LS"), status_from[k],
                    status_from[k + 1] if k + 1 < len(status_at) else end)
        for k, i in enumerate(status_at))

    placements: list[Placement] = []
    carer = carers.new()
    if rne in _SAME_CARERS:
        place, provider, postcode, urn = _placement_tuple(first)
        if not postcode and not urn:
            problems.add(EPISODES, first.line, "RNE",
                         f"is {rne} (same carers) for the first episode of the year, but "
                         f"Hearth cannot record the carers' earlier placement: it would differ "
                         f"only in PL_POST or URN, which are blank")
            return None
        placements.append(Placement(place, provider, carer, "", "", start, day[0]))
    place_at = [i for i, row in enumerate(rows)
                if i == 0 or row.text("RNE") in _PLACEMENT_CHANGES]
    for k, i in enumerate(place_at):
        if i > 0 and rows[i].text("RNE") not in _SAME_CARERS:
            carer = carers.new()
        following = place_at[k + 1] if k + 1 < len(place_at) else None
        place, provider, postcode, urn = _placement_tuple(rows[i])
        placements.append(Placement(
            place, provider, carer, postcode, urn,
            start=start if i == 0 and rne == "L" else day[i],
            end=day[following] if following is not None else end,
            end_reason=(rows[following - 1].text("REASON_PLACE_CHANGE")
                        if following is not None else "")))
    return CareHistory(
        period=Period(start=start, end=end, reason_ceased=last.text("REC"),
                      category_of_need=first.text("CIN")),
        statuses=statuses, placements=tuple(placements))


def _care(dob: dt.date, rows: Sequence[Row], year: CollectionYear, carers: Carers,
          leaver: bool, worker_since: dt.date | None,
          problems: Problems) -> list[CareHistory] | None:
    """The child's periods of care, or None when the episodes cannot be held."""
    if not rows:
        return []
    if not _check_sequence(dob, rows, year, problems):
        return None
    lead = LEAVER_HISTORY if leaver else _ONE_DAY
    care = []
    for period_rows in _periods(rows):
        history = _history(period_rows, dob, carers, lead, worker_since, problems)
        if history is None:
            return None
        care.append(history)
    return care


def _undescribed_period(dob: dt.date, before: dt.date) -> CareHistory | None:
    """Care before ``before`` that the return does not describe (see ``importer``)."""
    end = before - _ONE_DAY
    if end <= dob:
        return None
    return CareHistory(period=Period(start=max(dob, end - LEAVER_HISTORY), end=end,
                                     reason_ceased=UNDESCRIBED_REASON,
                                     category_of_need=UNDESCRIBED_NEED))


def _addresses(rows: Sequence[Row], uasc: bool) -> tuple[Address, ...]:
    """Homes from HOME_POST: each from the DECOM that first gives it until the next differs.

    HOME_POST is blank for a UASC child and on short breaks whatever the address (rules 406,
    214), so those episodes say nothing about it.
    """
    said = [(row.date("DECOM"), row.text("HOME_POST")) for row in rows
            if not uasc and row.text("LS") not in SHORT_BREAKS]
    runs = [(day, postcode) for i, (day, postcode) in enumerate(said)
            if i == 0 or said[i - 1][1] != postcode]
    return tuple(Address(start=day, end=runs[k + 1][0] if k + 1 < len(runs) else None,
                         postcode=postcode)
                 for k, (day, postcode) in enumerate(runs) if postcode and day is not None)


def _allocations(rows: Sequence[Row], care: Sequence[CareHistory]) -> tuple[Allocation, ...]:
    """The allocations that give back the child's social worker episodes (``tables``).

    An episode with SW_DEC held the case until then. One with none is the child's latest, or
    still open on 31 March: the export leaves the latest open even after care ended (rule
    SW17), so its allocation ends with the period of care it began in, and a later period of
    care in the year, with no worker of its own in the return, does not take it over.
    """
    def end_of_care(day: dt.date) -> dt.date | None:
        return next((h.period.end for h in care if h.period.start <= day
                     and (h.period.end is None or day < h.period.end)), None)

    allocations = []
    for row in rows:
        start = row.date("SW_DECOM") or dt.date.min
        end = row.date("SW_DEC")
        allocations.append(Allocation(start, end if end is not None else end_of_care(start),
                                      row.text("SW_ID"), row.text("SW_REASON")))
    return tuple(allocations)


def _one(rows: dict[str, list[Row]], child: str) -> Row | None:
    found = rows.get(child)
    return found[0] if found else None


def _oc2(row: Row | None, year: CollectionYear) -> tuple[tuple[HealthCheck, ...], tuple[SDQ, ...],
                                                         tuple[Wellbeing, ...]]:
    """The OC2 flags as the records they count, dated 31 March (the 903 gives no dates)."""
    if row is None:
        return (), (), ()
    on = year.end
    checks = tuple(HealthCheck(kind, on) for column, kind in (
        ("HEALTH_CHECK", "development"), ("IMMUNISATIONS", "immunisations"),
        ("TEETH_CHECK", "dental"), ("HEALTH_ASSESSMENT", "rha")) if row.flag(column))
    sdqs: tuple[SDQ, ...] = ()
    if row.number("SDQ_SCORE") is not None or row.text("SDQ_REASON"):
        sdqs = (SDQ(on, row.number("SDQ_SCORE"),
                    "" if row.number("SDQ_SCORE") is not None else row.text("SDQ_REASON")),)
    wellbeing: tuple[Wellbeing, ...] = ()
    if row.flag("CONVICTED") or row.flag("SUBSTANCE_MISUSE"):
        wellbeing = (Wellbeing(on, bool(row.flag("CONVICTED")),
                               bool(row.flag("SUBSTANCE_MISUSE")),
                               row.flag("INTERVENTION_OFFERED"),
                               row.flag("INTERVENTION_RECEIVED")),)
    return checks, sdqs, wellbeing


def _leaver_status(row: Row | None, dob: dt.date, year: CollectionYear) -> tuple[LeaverStatus, ...]:
    """OC3 as a status recorded on the birthday in the year it describes."""
    if row is None:
        return ()
    accom = row.text("ACCOM")
    return (LeaverStatus(on=add_years(dob, age_on(dob, year.end)), in_touch=row.text("IN_TOUCH"),
                         activity=row.text("ACTIV"),
                         accommodation="" if accom == "0" else accom[0],
                         accommodation_suitable=None if accom == "0" else accom[1] == "1"),)


def _adoption(placed: Sequence[Row], ad1: Row | None) -> tuple[AdoptionDecision, ...]:
    """Decisions to place for adoption (PlacedAdoption), the AD1 match on DATE_INT's one."""
    decisions = {row.date("DATE_PLACED"): (row.date("DATE_PLACED_CEASED"),
                                           row.text("REASON_PLACED_CEASED")) for row in placed}
    match: AdoptionMatch | None = None
    if ad1 is not None:
        decisions.setdefault(ad1.date("DATE_INT"), (None, ""))
        match = AdoptionMatch(matched_on=ad1.date("DATE_MATCH") or dt.date.min,
                              number_of_adopters=ad1.number("NB_ADOPTR") or 0,
                              adopters_sex=ad1.text("SEX_ADOPTR"),
                              adopters_legal_status=ad1.text("LS_ADOPTR"),
                              former_foster_carers=bool(ad1.flag("FOSTER_CARE")))
    return tuple(
        AdoptionDecision(decided_on=day, ceased_on=ceased, ceased_reason=reason,
                         matches=(match,) if match and ad1 and day == ad1.date("DATE_INT")
                         else ())
        for day, (ceased, reason) in sorted(decisions.items()) if day is not None)


def _previous_permanence(row: Row | None) -> PreviousPermanence | None:
    if row is None:
        return None
    when = row.values["DATE_PERM"]
    return PreviousPermanence(option=row.text("PREV_PERM"), la_code=row.text("LA_PERM"),
                              order_date=when if isinstance(when, dt.date) else None)


def rebuild(source: Return903File, problems: Problems) -> Rebuilt:
    """Each child in the header as the records its rows describe."""
    year = source.year
    grouped = {name: source.by_child(name) for name in source.tables}
    carers = Carers()
    result = Rebuilt()
    for header in sorted(source.tables["Header"], key=lambda r: r.child):
        child, dob = header.child, header.date("DOB")
        if dob is None:
            result.refused.add(child)
            continue
        episode_rows = sorted(grouped["Episodes"].get(child, []),
                              key=lambda r: r.date("DECOM") or dt.date.min)
        oc3 = _one(grouped["OC3"], child)
        worker_rows = grouped.get("SWEpisodes", {}).get(child, [])
        worker_since = min((d for r in worker_rows if (d := r.date("SW_DECOM")) is not None),
                           default=None)
        care = _care(dob, episode_rows, year, carers, oc3 is not None, worker_since, problems)
        if care is None:
            result.refused.add(child)
            continue
        statuses = _leaver_status(oc3, dob, year)
        if oc3 is not None:
            all_episodes = [e for h in care
                            for e in episodes(h.period, h.statuses, h.placements)]
            if care_leaver_birthday(dob, care, all_episodes, statuses, year) is None:
                before = min((h.period.start for h in care), default=year.start)
                extra = _undescribed_period(dob, min(before, year.start))
                care = [extra, *care] if extra else care
        uasc_row = _one(grouped["UASC"], child)
        first_decom = episode_rows[0].date("DECOM") if episode_rows else year.start
        uasc: tuple[Span, ...] = ()
        if uasc_row is not None and first_decom is not None:
            duc = uasc_row.date("DUC")
            uasc = (Span(min(first_decom, duc or first_decom), duc),)
        checks, sdqs, wellbeing = _oc2(_one(grouped["OC2"], child), year)
        mc_dob = header.date("MC_DOB")
        upn = header.text("UPN")
        result.cases.append(ChildCase(
            child_id=child, sex=header.text("SEX"), dob=dob,
            ethnicity=header.text("ETHNIC"),
            upn="" if upn in UPN_UNKNOWN else upn, upn_unknown=upn if upn in UPN_UNKNOWN else "",
            care=tuple(care), addresses=_addresses(episode_rows, bool(uasc)), uasc=uasc,
            own_children_dobs=(mc_dob,) if mc_dob else (),
            reviews=tuple(Review(r.date("REVIEW") or dt.date.min, r.text("REVIEW_CODE"))
                          for r in grouped["Reviews"].get(child, [])),
            missing=tuple(MissingSpell(r.text("MISSING"), r.date("MIS_START") or dt.date.min,
                                       r.date("MIS_END"))
                          for r in grouped["Missing"].get(child, [])),
            health_checks=checks, sdqs=sdqs, wellbeing=wellbeing, leaver_statuses=statuses,
            adoption_decisions=_adoption(grouped["PlacedAdoption"].get(child, []),
                                         _one(grouped["AD1"], child)),
            previous_permanence=_previous_permanence(_one(grouped["PrevPerm"], child)),
            allocations=_allocations(worker_rows, care),
            dolos=tuple(Span(r.date("DOLO_START") or dt.date.min, r.date("DOLO_END"))
                        for r in grouped.get("DoLo", {}).get(child, [])),
        ))
    return result
