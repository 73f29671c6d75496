"""903 outcome tables: OC2 (a year in care), OC3 (care leavers), AD1 (adopted in the year) and
PlacedAdoption (decisions that a child should be placed for adoption).

Each cites the rules of Data to Insight's validator (csc-validator-be-903 0.1.17) that it
follows; cohorts come from ``cohorts``. Pure functions of plain values.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from hearth.core.calendar import add_years
from hearth.returns.ssda903.case import AdoptionMatch, ChildCase
from hearth.returns.ssda903.cohorts import (
    CareLeaverBirthday,
    CollectionYear,
    age_on,
    continuously_looked_after,
)
from hearth.returns.ssda903.columns import Row
from hearth.returns.ssda903.derive import Episode

ADOPTED = frozenset({"E11", "E12"})
#: SDQ1: no form returned as the child was under 4 or over 16 at the latest assessment.
SDQ_AGE_REASON = "SDQ1"
HEALTH_ASSESSMENTS = frozenset({"iha", "rha"})


def _flag(value: bool | None) -> str | None:
    """0 = no, 1 = yes (OC2 and AD1 flags); blank when not known."""
    return None if value is None else ("1" if value else "0")


def oc2_row(case: ChildCase, year_episodes: Sequence[Episode], year: CollectionYear,
            warnings: Counter[str]) -> Row | None:
    """OC2 for a child looked after continuously for 12 months at 31 March (rules 181-198,
    542-547), from the records of the year.

    - SDQ score, or the reason there is none, for a child who was 4 by 31 March and not yet 17
      on 1 April (rules 186, 188, 189, 197B): the year's latest SDQ; with none, SDQ1 when the
      child turned 4, or was over 16, in the year (rule 157).
    - CONVICTED for a child aged 10 or over at 31 March only (rules 542, 543).
    - HEALTH_CHECK (development checks up to date) for a child under 5 only (rules 545, 546).
    - IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT, SUBSTANCE_MISUSE for every child (191).
    - INTERVENTION_RECEIVED only with a substance misuse problem (rules 192, 193), and
      INTERVENTION_OFFERED only when none was received (rules 158, 159).
    """
    if case.dob is None or not continuously_looked_after(year_episodes, year):
        return None
    dob = case.dob
    age = age_on(dob, year.end)
    checks = {c.kind for c in case.health_checks if year.contains(c.on)}
    wellbeing = sorted((w for w in case.wellbeing if year.contains(w.on)), key=lambda w: w.on)
    misuse = [w for w in wellbeing if w.substance_misuse]
    received = misuse[-1].intervention_received if misuse else None
    offered = misuse[-1].intervention_offered if misuse and received is False else None
    score, reason = _sdq(case, year, warnings)
    return {
        "CHILD": case.child_id, "DOB": dob, "SDQ_SCORE": score, "SDQ_REASON": reason,
        "CONVICTED": _flag(any(w.convicted for w in wellbeing)) if age >= 10 else None,
        "HEALTH_CHECK": _flag("development" in checks) if age < 5 else None,
        "IMMUNISATIONS": _flag("immunisations" in checks),
        "TEETH_CHECK": _flag("dental" in checks),
        "HEALTH_ASSESSMENT": _flag(bool(checks & HEALTH_ASSESSMENTS)),
        "SUBSTANCE_MISUSE": _flag(bool(misuse)),
        "INTERVENTION_RECEIVED": _flag(received) if misuse else None,
        "INTERVENTION_OFFERED": _flag(offered) if misuse and received is False else None,
    }


def _sdq(case: ChildCase, year: CollectionYear,
         warnings: Counter[str]) -> tuple[str | None, str | None]:
    assert case.dob is not None
    fourth, sixteenth = add_years(case.dob, 4), add_years(case.dob, 16)
    if fourth > year.end or add_years(case.dob, 17) < year.start:
        return None, None
    latest = max((s for s in case.sdqs if year.contains(s.on)), key=lambda s: s.on, default=None)
    if latest is not None:
        if latest.score is not None:
            return str(latest.score), None
        return None, latest.reason
    if fourth > year.start or sixteenth < year.end:
        return None, SDQ_AGE_REASON
    warnings["looked after for a year, aged 4 to 16, with no SDQ in the year "
             "(OC2, rule 186)"] += 1
    return None, None


def oc3_row(case: ChildCase, leaver: CareLeaverBirthday | None,
            warnings: Counter[str]) -> Row | None:
    """OC3 for a care leaver in the cohort: IN_TOUCH, ACTIV and ACCOM around the birthday.

    ACCOM is the accommodation letter and 1 (suitable) or 2 (not suitable), or 0 when there is
    none, as for a young person not in touch (rules 133, 344, 345).
    """
    if leaver is None:
        return None
    status = leaver.status
    if status is None:
        warnings[f"care leaver with no status recorded around their {leaver.age}"
                 f"{_ordinal_suffix(leaver.age)} birthday (OC3)"] += 1
        return None
    accommodation = "0"
    if status.accommodation:
        accommodation = status.accommodation + ("1" if status.accommodation_suitable else "2")
    return {"CHILD": case.child_id, "DOB": case.dob, "IN_TOUCH": status.in_touch,
            "ACTIV": status.activity, "ACCOM": accommodation}


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def ad1_row(case: ChildCase, year_episodes: Sequence[Episode], year: CollectionYear,
            warnings: Counter[str]) -> Row | None:
    """AD1 for a child adopted in the year (REC E11/E12; rules 601, 602).

    DATE_INT is the date of the decision that the child should be placed for adoption (the
    same as DATE_PLACED, rule 523), DATE_MATCH the match with the adopters who adopted.
    """
    last = year_episodes[-1] if year_episodes else None
    if last is None or last.rec not in ADOPTED or not year.contains(last.dec):
        return None
    adopted_on = last.dec
    assert adopted_on is not None
    decisions = [d for d in case.adoption_decisions
                 if d.decided_on <= adopted_on and (d.ceased_on is None
                                                    or d.ceased_on > adopted_on)]
    decision = max(decisions, key=lambda d: d.decided_on, default=None)
    match: AdoptionMatch | None = None
    if decision is not None:
        match = max((m for m in decision.matches if m.matched_on <= adopted_on),
                    key=lambda m: m.matched_on, default=None)
    if decision is None or match is None:
        warnings["adopted with no decision and match recorded (AD1, rule 601)"] += 1
        return None
    return {"CHILD": case.child_id, "DOB": case.dob, "DATE_INT": decision.decided_on,
            "DATE_MATCH": match.matched_on, "FOSTER_CARE": _flag(match.former_foster_carers),
            "NB_ADOPTR": str(match.number_of_adopters), "SEX_ADOPTR": match.adopters_sex,
            "LS_ADOPTR": match.adopters_legal_status}


def _lapsed_before(case: ChildCase, decided_on: dt.date, day: dt.date) -> bool:
    """True when the period of care in which a decision was made on ``decided_on`` ended
    before ``day``: the decision was for that period of care and lapsed with it."""
    for history in case.care:
        period = history.period
        if period.start <= decided_on and (period.end is None or decided_on <= period.end):
            return period.end is not None and period.end < day
    return False


def placed_for_adoption_rows(case: ChildCase, year: CollectionYear) -> list[Row]:
    """Decisions that the child should be placed for adoption in force at some time in the year.

    A decision reversed before 1 April is not reported (rule 118); a reversal after 31 March
    had not happened at the year's end (rule 117). A decision is made for a period of care and
    is no longer in force once that period has ended, by adoption or otherwise: a child who
    comes back into care has no decision until a new one is made for the new period (rule 1003,
    a decision is never before the child started to be looked after).
    """
    rows: list[Row] = []
    for decision in sorted(case.adoption_decisions, key=lambda d: d.decided_on):
        ceased = decision.ceased_on
        if decision.decided_on > year.end or (ceased is not None and ceased < year.start):
            continue
        if _lapsed_before(case, decision.decided_on, year.start):
            continue
        reported: dt.date | None = ceased if ceased is not None and ceased <= year.end else None
        rows.append({"CHILD": case.child_id, "DOB": case.dob, "DATE_PLACED": decision.decided_on,
                     "DATE_PLACED_CEASED": reported,
                     "REASON_PLACED_CEASED": decision.ceased_reason if reported else None})
    return rows
