"""SSDA903 episodes, derived from a period of care's legal statuses and placements.

The DfE's 903 guidance counts a child's time in care in *episodes*: a new episode starts whenever
the legal status or the placement changes, and the reason for new episode (RNE, validator rule
143) says what changed:

- ``S`` started to be looked after (the first episode of a period of care);
- ``L`` change of legal status only;
- ``P`` change of placement and carer(s) only;
- ``T`` change of placement but the same carer(s);
- ``B`` change of legal status and of placement and carer(s) on the same day;
- ``U`` change of legal status and of placement, same carer(s), on the same day.

Each episode but the last ceases on the day the next begins, reason ``X1`` (rule 149); the last
ceases with the period of care (its end date and reason), or is open. Hearth stores legal
statuses and placements once, effective-dated; episodes are never stored (DESIGN.md).

Everything here is pure: plain values in, plain values out, no database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

#: REC for an episode followed by another on the same day (rule 149).
CONTINUES = "X1"
#: Temporary placements: no reason for a placement change to or from them (rules 225, 226).
TEMPORARY_PLACEMENTS = frozenset({"T0", "T1", "T2", "T3", "T4"})
#: RNE codes for an episode that began with a change of placement (rule 225).
PLACEMENT_CHANGES = frozenset({"P", "T", "B", "U"})
#: Legal statuses of short breaks: no reviews, mother or placement location (rules 214, 399).
SHORT_BREAKS = frozenset({"V3", "V4"})

_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """A period of care: 903 CIN is its category of need, the last episode's REC its reason."""

    start: dt.date
    end: dt.date | None
    reason_ceased: str
    category_of_need: str


@dataclass(frozen=True)
class LegalStatus:
    """A legal status held from ``start`` until ``end`` (exclusive; ``None`` while it lasts)."""

    code: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class Placement:
    """A placement from ``start`` until ``end`` (exclusive); ``carer_ref`` names the carers."""

    place: str
    provider: str
    carer_ref: str
    postcode: str
    urn: str
    start: dt.date
    end: dt.date | None
    end_reason: str = ""


@dataclass(frozen=True)
class Episode:
    """One row of the 903 Episodes table, before HOME_POST (which comes from the child)."""

    decom: dt.date
    rne: str
    ls: str
    cin: str
    place: str
    place_provider: str
    dec: dt.date | None
    rec: str
    reason_place_change: str
    pl_post: str
    urn: str
    carer_ref: str = ""


@dataclass(frozen=True)
class CareState:
    """What the 903 reports about a day of care: the legal status and the placement."""

    ls: str
    placement: tuple[str, str, str, str, str] | None  # place, provider, postcode, urn, carers


_R = TypeVar("_R", LegalStatus, Placement)


def _in_effect(records: Sequence[_R], day: dt.date) -> _R | None:
    """The record in effect on ``day``: the latest to start on or before it and not yet ended."""
    found: _R | None = None
    for record in records:
        if (record.start <= day and (record.end is None or day < record.end)
                and (found is None or record.start >= found.start)):
            found = record
    return found


def _state(statuses: Sequence[LegalStatus], placements: Sequence[Placement],
           day: dt.date) -> CareState:
    status = _in_effect(statuses, day)
    placement = _in_effect(placements, day)
    return CareState(
        ls=status.code if status else "",
        placement=(placement.place, placement.provider, placement.postcode, placement.urn,
                   placement.carer_ref) if placement else None,
    )


def _change_days(period: Period, statuses: Sequence[LegalStatus],
                 placements: Sequence[Placement]) -> list[dt.date]:
    """The start of the period and every day inside it on which a record starts or ends."""
    days = {period.start}
    records: list[LegalStatus | Placement] = [*statuses, *placements]
    for record in records:
        for day in (record.start, record.end):
            if day is not None and period.start < day and (period.end is None
                                                            or day < period.end):
                days.add(day)
    return sorted(days)


def reason_for_new_episode(before: CareState, after: CareState) -> str | None:
    """RNE for a change from ``before`` to ``after`` (rule 143); ``None`` when nothing changed.

    The carers are the same only when both placements name the same, non-blank ``carer_ref``.
    """
    status_changed = before.ls != after.ls
    placement_changed = before.placement != after.placement
    if not placement_changed:
        return "L" if status_changed else None
    same_carers = (before.placement is not None and after.placement is not None
                   and before.placement[4] != "" and before.placement[4] == after.placement[4])
    if status_changed:
        return "U" if same_carers else "B"
    return "T" if same_carers else "P"


def episodes(period: Period, statuses: Sequence[LegalStatus],
             placements: Sequence[Placement]) -> list[Episode]:
    """The 903 episodes of one period of care, in order, tiling it exactly.

    A legal status and a placement that change on the same day make one episode (B or U).
    A record boundary where nothing the 903 reports changes (a placement re-recorded with the
    same type, provider, postcode, URN and carers) makes no new episode. Each episode but the
    last ends on the next one's start with REC ``X1``; the last ends with the period.
    """
    starts: list[tuple[dt.date, str, CareState]] = []
    previous: CareState | None = None
    for day in _change_days(period, statuses, placements):
        state = _state(statuses, placements, day)
        if previous is None:
            starts.append((day, "S", state))
        else:
            rne = reason_for_new_episode(previous, state)
            if rne is None:
                continue
            starts.append((day, rne, state))
        previous = state

    result: list[Episode] = []
    for i, (decom, rne, state) in enumerate(starts):
        last = i + 1 == len(starts)
        dec = period.end if last else starts[i + 1][0]
        placement = state.placement or ("", "", "", "", "")
        result.append(Episode(
            decom=decom, rne=rne, ls=state.ls, cin=period.category_of_need,
            place=placement[0], place_provider=placement[1], dec=dec,
            rec=period.reason_ceased if last else CONTINUES,
            reason_place_change=("" if last else _reason_place_change(
                placements, placement[0], starts[i + 1])),
            pl_post=placement[2], urn=placement[3], carer_ref=placement[4],
        ))
    return result


def _reason_place_change(placements: Sequence[Placement], place: str,
                         following: tuple[dt.date, str, CareState]) -> str:
    """REASON_PLACE_CHANGE of an episode ended by a move (rules 225, 226).

    It is the ``end_reason`` of the placement the child left. It is given only when the next
    episode began with a change of placement and neither placement is temporary (T0-T4).
    """
    decom, rne, state = following
    next_place = state.placement[0] if state.placement else ""
    if (rne not in PLACEMENT_CHANGES or place in TEMPORARY_PLACEMENTS
            or next_place in TEMPORARY_PLACEMENTS):
        return ""
    left = _in_effect(placements, decom - _ONE_DAY)
    return left.end_reason if left else ""


def episodes_in_year(all_episodes: Sequence[Episode], year_start: dt.date,
                     year_end: dt.date) -> list[Episode]:
    """The episodes a return for ``year_start``-``year_end`` reports, as known at its end.

    An episode is reported when it was open at some time in the year: it began on or before
    31 March and had not ceased before 1 April (the validator's "during year" test, e.g. rules
    1014 and 165). An episode that ceased after 31 March was still open at the year's end:
    DEC, REC and REASON_PLACE_CHANGE are blank (rules 354, 385, 233).
    """
    reported = []
    for episode in all_episodes:
        if episode.decom > year_end or (episode.dec is not None and episode.dec < year_start):
            continue
        if episode.dec is not None and episode.dec > year_end:
            episode = replace(episode, dec=None, rec="", reason_place_change="")
        reported.append(episode)
    return reported
