"""Children in care: a period of care is planned (legal statuses, placements, exit) and then
written with its reviews, visits, health, missing episodes, adoption and leaving care.

Planning first and writing second lets the generator seed long stays that began before the
data starts: it plans them and writes only those still running when the records begin.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from hearth.adoption.models import Adopter, AdopterFamily, AdoptionDecision, AdoptionMatch
from hearth.care.models import (
    CarePeriod,
    CLAReview,
    HealthCheck,
    LegalStatusRecord,
    MissingEpisode,
    Placement,
    PreviousPermanenceRecord,
    ReturnHomeInterview,
    SDQAssessment,
    WellbeingRecord,
)
from hearth.core import codes
from hearth.core.calendar import add_months, add_years
from hearth.leavingcare.models import AdviserContact, CareLeaver, CareLeaverStatus, PathwayPlan
from hearth.synthetic import calibration as cal
from hearth.synthetic import postcodes
from hearth.synthetic.context import ChildInfo, Ctx
from hearth.synthetic.population import Population
from hearth.synthetic.practice import record_visit
from hearth.synthetic.workforce import Workforce

#: The council's own fostering service's Ofsted number (synthetic).
LA_FOSTERING_URN = "SC881000"
#: Semi-independent placements are H5 until 2024-25 brought registered supported accommodation.
K3_FROM = dt.date(2024, 4, 1)
CHANGE_REASONS: tuple[tuple[str, float], ...] = (
    ("CARPL", 0.42), ("CREQB", 0.10), ("CREQO", 0.08), ("CHILD", 0.07), ("STAND", 0.03),
    ("ALLEG", 0.02), ("LAREQ", 0.05), ("CLOSE", 0.05), ("OTHER", 0.18),
)
AGE_OUT_REASONS: tuple[tuple[str, float], ...] = (
    ("E5", 0.52), ("E17", 0.22), ("E6", 0.1), ("E8", 0.09), ("E13", 0.05), ("E7", 0.02),
)
RETURN_HOME_REASONS: tuple[tuple[str, float], ...] = (
    ("E4A", 0.6), ("E13", 0.13), ("E4B", 0.1), ("E41", 0.07), ("E8", 0.05), ("E3", 0.03),
    ("E16", 0.02),
)
SGO_REASONS: tuple[tuple[str, float], ...] = (
    ("E45", 0.4), ("E46", 0.1), ("E47", 0.4), ("E48", 0.1),
)
#: CIN episode closure reason for each way of leaving care.
CIN_CLOSURE = {"E11": "RC1", "E12": "RC1", "E2": "RC2", "E41": "RC3", "E45": "RC4",
               "E46": "RC4", "E47": "RC4", "E48": "RC4", "E3": "RC5", "E7": "RC6"}
PARTICIPATION: tuple[tuple[str, float], ...] = (
    ("PN1", 0.45), ("PN2", 0.08), ("PN3", 0.05), ("PN4", 0.05), ("PN5", 0.12), ("PN6", 0.1),
    ("PN7", 0.15),
)
#: Placements for adoption with the child's current foster carers (903 rule 335).
ADOPTED_BY_FOSTER_CARERS = frozenset({"A3", "A5"})
#: Where a child waits to be placed for adoption: with foster carers, often fostering for
#: adoption or concurrent planning (U2, U5), so a placement for adoption with consent (A3/A4)
#: follows a foster placement (903 rule 336).
AWAITING_ADOPTION: tuple[tuple[str, float], ...] = (
    ("U6", 0.62), ("U3", 0.15), ("U5", 0.18), ("U2", 0.05),
)
ENTRY_AGES: tuple[tuple[int, float], ...] = (
    (0, 0.19), (1, 0.05), (2, 0.04), (3, 0.04), (4, 0.03), (5, 0.03), (6, 0.03), (7, 0.03),
    (8, 0.03), (9, 0.03), (10, 0.04), (11, 0.05), (12, 0.06), (13, 0.08), (14, 0.09),
    (15, 0.09), (16, 0.07), (17, 0.02),
)


def _status_on(plan: CarePlan, day: dt.date) -> str:
    """The legal status in force on ``day`` (statuses are planned before placements)."""
    current = plan.statuses[0].code if plan.statuses else ""
    for seg in plan.statuses:
        if seg.start <= day:
            current = seg.code
    return current


def collection_year_after(day: dt.date) -> dt.date:
    """The 1 April that starts the collection year after the one ``day`` falls in."""
    return dt.date(day.year + 1 if day.month >= 4 else day.year, 4, 1)


def found_by_year_end(ctx: Ctx, began: dt.datetime, back: dt.datetime) -> dt.datetime:
    """When a child missing or away from placement from ``began`` is back: ``back``, or 23:59
    on 31 March when the spell would still be running at the end of a collection year.

    Sidesteps a fault of csc-validator-be-903 0.1.17: rule 365 fills every blank DEC in the
    shared Episodes table with the collection end date, in place, so rules 575 and 577, which
    run after it, take a child still looked after on 31 March to have ceased to be looked after
    then, and flag a missing spell still open that night (blank MIS_END) as outlasting the
    episode and the period of care. Run alone, both pass such a return. The generator has the
    child found before midnight instead; the time is given, so nothing is drawn from the random
    stream.

    The return is right for a child still missing on 31 March: MIS_END is blank that year and
    next year's return has the end (tests/returns/test_journeys.py,
    ``test_a_missing_episode_spanning_31_march``).
    """
    year_end = ctx.at(dt.date(began.year, 3, 31), hour=23, minute=59)
    return year_end if began < year_end < back else back


def adopted_by_foster_carers(plan: CarePlan) -> bool:
    """True when the child was placed for adoption with their current foster carers (A3 with
    consent, A5 under a placement order): the adopters are the child's former foster carers
    (903 AD1 FOSTER_CARE, rule 335)."""
    return any(seg.code in ADOPTED_BY_FOSTER_CARERS for seg in plan.placements)


@dataclass
class Segment:
    code: str
    start: dt.date
    provider: str = ""
    carer: str = ""
    reason_after: str = ""  # why this placement ended, when another followed


@dataclass
class CarePlan:
    """Everything about one period of care, decided before anything is written."""

    start: dt.date
    end: dt.date | None  # None: still looked after at the end of the data
    reason: str  # how it ends ('' while open)
    need: str
    statuses: list[Segment] = field(default_factory=list)
    placements: list[Segment] = field(default_factory=list)
    adoption: dict[str, dt.date] = field(default_factory=dict)
    permanence: str = ""


class Care:
    def __init__(self, ctx: Ctx, population: Population, workforce: Workforce) -> None:
        self.ctx = ctx
        self.population = population
        self.workforce = workforce
        self.out_of_county = postcodes.out_of_county_postcodes()
        self.carer_serial = 0
        self.family_serial = 0
        self._prev_perm: set[int] = set()
        #: Plans made before the child record existed (seeded long stays), by child id.
        self.pending: dict[int, CarePlan] = {}
        #: How the last period of care written ended (903 REC), for what follows it.
        self.last_reason = ""
        #: The day each child's latest period of care ended, for a return to care.
        self.left_care: dict[int, dt.date] = {}

    # -- planning -----------------------------------------------------------------------
    def plan(self, child: ChildInfo, start: dt.date) -> CarePlan | None:
        """Decide the course of a period of care starting on ``start`` (None if over 17)."""
        ctx = self.ctx
        eighteen = add_years(child.dob, 18)
        if start >= eighteen - dt.timedelta(days=7):
            return None
        age = (start - child.dob).days // 365
        if child.uasc:
            exit_on, reason = eighteen, ("E15" if ctx.chance(0.05) else "E5")
            if reason == "E15":
                exit_on = start + dt.timedelta(days=ctx.between(30, 300))
            track = "uasc"
        elif age >= 12 and ctx.chance(0.02):
            track, reason = "remand", "E14"
            exit_on = start + dt.timedelta(days=ctx.between(20, 120))
        elif ctx.chance(cal.P_SHORT_STAY):
            track, reason = "short", ctx.pick(RETURN_HOME_REASONS)
            exit_on = start + dt.timedelta(days=10 + ctx.exp_days(cal.SHORT_STAY_MEAN_DAYS))
        elif age < 5 and ctx.chance(0.45):
            track, reason = "adoption", ("E11" if ctx.chance(0.7) else "E12")
            exit_on = start  # set by the adoption milestones below
        elif ctx.chance(0.2):
            track, reason = "sgo", ctx.pick(SGO_REASONS)
            exit_on = start + dt.timedelta(days=300 + ctx.exp_days(cal.PERMANENCE_MEAN_DAYS))
        elif ctx.chance(0.35):
            track, reason = "home_later", ctx.pick(RETURN_HOME_REASONS)
            exit_on = start + dt.timedelta(days=200 + ctx.exp_days(700))
        else:
            track, reason = "long", ctx.pick(AGE_OUT_REASONS)
            exit_on = eighteen
        plan = CarePlan(start=start, end=None, reason="",
                        need="N1" if ctx.chance(0.65) else ctx.pick(
                            (("N4", 0.3), ("N5", 0.35), ("N2", 0.08), ("N3", 0.07),
                             ("N6", 0.08), ("N8", 0.12))))
        if child.uasc:
            plan.need = "N8"
        if track == "adoption":
            exit_on = self._plan_adoption(plan, start)
        if exit_on >= eighteen:
            exit_on = eighteen
            if track not in {"long", "uasc"}:
                reason = ctx.pick(AGE_OUT_REASONS)
        exit_on = max(exit_on, start + dt.timedelta(days=1))
        if ctx.chance(0.001):
            reason = "E2"
        plan.end, plan.reason = exit_on, reason
        plan.permanence = {"adoption": "adoption", "sgo": "sgo_cao", "short": "return_home",
                           "home_later": "return_home", "uasc": "supported_living",
                           "remand": "other"}.get(track, "fostering")
        self._plan_statuses(plan, child, track)
        self._plan_placements(plan, child, track)
        if plan.reason in {"E45", "E46"} and not plan.placements[-1].code.startswith("U"):
            # Special guardianship to *former foster carers* needs a foster placement last.
            plan.reason = {"E45": "E47", "E46": "E48"}[plan.reason]
        if plan.end is not None and plan.end > ctx.end:
            plan.end, plan.reason = None, ""
        return plan

    def _plan_adoption(self, plan: CarePlan, start: dt.date) -> dt.date:
        ctx = self.ctx
        a = plan.adoption
        a["decision"] = start + dt.timedelta(days=ctx.between(90, 300))
        a["placement_order"] = a["decision"] + dt.timedelta(days=ctx.between(40, 160))
        if ctx.chance(0.08):
            a["reversed"] = a["placement_order"] + dt.timedelta(days=ctx.between(60, 300))
            return add_years(start, 30)  # stays until 18: the long-term plan changed
        a["match"] = a["placement_order"] + dt.timedelta(days=ctx.between(30, 200))
        a["placed"] = a["match"] + dt.timedelta(days=ctx.between(7, 45))
        return a["placed"] + dt.timedelta(days=ctx.between(180, 400))

    def _plan_statuses(self, plan: CarePlan, child: ChildInfo, track: str) -> None:
        ctx = self.ctx
        start = plan.start
        end = plan.end or start
        segs = plan.statuses
        if track in {"uasc"}:
            segs.append(Segment("V2", start))
            return
        if track == "remand":
            segs.append(Segment("J1", start))
            return
        if ctx.chance(0.1):
            # Police protection lasts at most 72 hours; an EPO at most 8 days.
            emergency = ctx.choice(("L1", "L2"))
            segs.append(Segment(emergency, start))
            start = start + dt.timedelta(days=ctx.between(1, 3 if emergency == "L1" else 8))
            if start >= end:
                return
        court = track in {"adoption", "sgo", "long"} and ctx.chance(0.8)
        if not court:
            segs.append(Segment("V2", start))
            return
        segs.append(Segment("C1", start))
        full = start + dt.timedelta(days=ctx.between(120, 320))
        if full < end:
            segs.append(Segment("C2", full))
        order = plan.adoption.get("placement_order")
        reversed_on = plan.adoption.get("reversed")
        if order and full < end:
            order = max(order, full + dt.timedelta(days=1))
            if reversed_on is not None and reversed_on <= order:
                # Adoption stopped being the plan before the court heard the application:
                # no placement order is made (903 rule 553: an order needs a decision in force).
                return
            if order < end:
                segs.append(Segment("E1", order))
                if reversed_on and order < reversed_on < end:
                    # The placement order is revoked when adoption is no longer the plan.
                    segs.append(Segment("C2", reversed_on))

    def _placement_code(self, child: ChildInfo, day: dt.date, track: str, status: str) -> str:
        code = self._placement_type(child, day, track)
        # Placed with parents only under a care order (903 rule 378).
        return "U6" if code == "P1" and status not in {"C1", "C2"} else code

    def _placement_type(self, child: ChildInfo, day: dt.date, track: str) -> str:
        ctx = self.ctx
        age = (day - child.dob).days // 365
        if track == "awaiting_adoption":
            return ctx.pick(AWAITING_ADOPTION)
        if track == "remand":
            return "K2" if ctx.chance(0.6) else "U6"
        # Supported accommodation only from the 16th birthday (903 rule 371).
        if day >= add_years(child.dob, 16) and (track == "uasc" or ctx.chance(0.25)):
            return "K3" if day >= K3_FROM else "H5"
        if child.uasc:
            return "U6" if ctx.chance(0.8) else "K2"
        if age < 1:
            return ctx.pick((("U6", 0.62), ("U3", 0.15), ("R3", 0.08), ("P1", 0.05),
                             ("U5", 0.1)))
        if age < 11:
            return ctx.pick((("U6", 0.68), ("U3", 0.18), ("P1", 0.07), ("K2", 0.04),
                             ("U4", 0.03)))
        return ctx.pick((("U6", 0.55), ("U3", 0.1), ("K2", 0.27), ("P1", 0.04), ("S1", 0.02),
                         ("K1", 0.01), ("U4", 0.01)))

    def _provider(self, code: str) -> str:
        ctx = self.ctx
        if code == "P1":
            return "PR0"
        if code in {"U1", "U2", "U3"}:
            return "PR1"
        if code.startswith(("U", "A")):
            return "PR1" if ctx.chance(0.68) else ("PR4" if code.startswith("U") else "PR2")
        if code in {"K2", "R3", "H5", "K3", "S1"}:
            return ctx.pick((("PR4", 0.75), ("PR1", 0.1), ("PR5", 0.15)))
        return ctx.pick((("PR1", 0.5), ("PR2", 0.5)))

    def _new_carer(self) -> str:
        self.carer_serial += 1
        return f"C{self.carer_serial:07d}"

    def _plan_placements(self, plan: CarePlan, child: ChildInfo, track: str) -> None:
        ctx = self.ctx
        end = plan.end or plan.start
        placed = plan.adoption.get("placed")
        day = plan.start
        # Until placed for adoption, a child whose plan is adoption lives with foster carers.
        waiting = "awaiting_adoption" if placed is not None else track
        code = self._placement_code(child, day, waiting, _status_on(plan, day))
        segs = plan.placements
        segs.append(Segment(code, day, self._provider(code), self._new_carer()))
        emergency = ctx.chance(0.35)
        while True:
            current = segs[-1]
            mean = 450 if current.code.startswith("U") else 300
            stay = ctx.between(7, 60) if emergency else 30 + ctx.exp_days(mean)
            emergency = False
            nxt = current.start + dt.timedelta(days=stay)
            if current.code == "H5" and current.start < K3_FROM <= end and nxt > K3_FROM:
                current.reason_after = "PLACE"
                segs.append(Segment("K3", K3_FROM, current.provider, current.carer))
                continue
            if placed and current.start < placed <= min(nxt, end):
                with_carers = current.code in {"U6", "U5", "U4"} and ctx.chance(0.25)
                # A5/A6 under a placement order; otherwise placed with consent (A3/A4).
                if _status_on(plan, placed) == "E1":
                    code = "A5" if with_carers else "A6"
                else:
                    code = "A3" if with_carers else "A4"
                current.reason_after = "CARPL"
                segs.append(Segment(code, placed, self._provider(code),
                                    current.carer if with_carers else self._new_carer()))
                placed, waiting = None, track
                if segs[-1].start >= end:
                    break
                continue
            if nxt >= end or segs[-1].code.startswith("A"):
                break
            if current.code == "U6" and stay > 365 and ctx.chance(0.3):
                current.reason_after = "PLACE"
                segs.append(Segment("U4", nxt, current.provider, current.carer))
                continue
            current.reason_after = ctx.pick(CHANGE_REASONS)
            code = self._placement_code(child, nxt, waiting, _status_on(plan, nxt))
            if code == current.code == "P1":
                # Placed with parents is at the family home: a move that leaves the child there
                # changes nothing the 903 reports (rule 435), so a child who leaves their
                # parents' care goes to foster carers.
                code = "U6"
            segs.append(Segment(code, nxt, self._provider(code), self._new_carer()))
        # Drop segments that would start on or after the end of care.
        while len(segs) > 1 and segs[-1].start >= end:
            segs.pop()
        segs[-1].reason_after = ""

    # -- writing ------------------------------------------------------------------------
    def enter(self, child: ChildInfo, episode: int, start: dt.date) -> tuple[dt.date | None, str]:
        """Plan and write a period of care; returns (end, CIN closure reason) or (None, '')."""
        plan = self.pending.pop(child.id, None) or self.plan(child, start)
        if plan is None:
            self.last_reason = ""
            return start, "RC7"
        self.write(child, episode, plan)
        self.last_reason = plan.reason
        if plan.end is None:
            return None, ""
        self.left_care[child.id] = plan.end
        return plan.end, CIN_CLOSURE.get(plan.reason, "RC7")

    def return_to_care_from(self, child: ChildInfo, day: dt.date) -> dt.date:
        """The day a child may come into care again: ``day``, or for a child whose last period
        of care ended in the same collection year, the 1 April after it ended.

        Sidesteps a fault of rule SW12STG2 in csc-validator-be-903 0.1.17, which pairs every
        Episodes row that starts or ends a period of care with every social worker episode of
        the child: an episode ending care that followed a change of placement or legal status
        (RNE not S, REC not X1) wants every social worker episode to start on or before its
        DEC, and an episode starting care that is followed by another in the year (RNE S, REC
        X1) wants every one to start on or after its DECOM. A child who comes back into care in
        the year after such a period of care, or whose new period of care changes placement
        before 31 March, always has a social worker episode on the wrong side of one of them
        (only two single-episode periods pass). The generator keeps such a child at home, still
        a child in need with their allocated social worker, until the next collection year; it
        decides this from dates alone, so nothing is drawn from the random stream.

        The return is right for two periods of care in one year: an Episodes row for each and a
        social worker episode for each, the second a new first contact
        (tests/returns/test_journeys.py, ``test_two_periods_of_care_in_the_year``).
        """
        left = self.left_care.get(child.id)
        if left is None:
            return day
        return max(day, collection_year_after(left))

    def write(self, child: ChildInfo, episode: int, plan: CarePlan) -> None:
        ctx = self.ctx
        child.ever_in_care = True
        end = plan.end
        period = ctx.add(CarePeriod, child_id=child.id, episode_id=episode,
                         start_date=plan.start, end_date=end, reason_ceased=plan.reason,
                         category_of_need=plan.need, permanence_plan=plan.permanence)
        ctx.chron(child.id, plan.start, "became_looked_after", "Became looked after", CarePeriod,
                  period)
        worker = self.workforce.allocate(child.id, "children_in_care", child.area, plan.start,
                                         "TSPROC")
        if worker is None and plan.start < ctx.lead_start and (end is None
                                                                or end > ctx.lead_start):
            # In care since before the council's staff records begin: nobody was in post to
            # allocate. Every child looked after has a social worker (903 rule SW12), so the
            # case is allocated from lead_start, once the simulation has run.
            self.workforce.allocate_later(child.id, "children_in_care", child.area,
                                          ctx.lead_start, end, "TSPROC")
        if child.id not in self._prev_perm:
            self._prev_perm.add(child.id)
            option = ctx.pick((("Z1", 0.8), ("P4", 0.1), ("P1", 0.03), ("P2", 0.05),
                               ("P3", 0.02)))
            ctx.add(PreviousPermanenceRecord, child_id=child.id, option=option,
                    la_code=ctx.config.la_dfe_number if option in {"P1", "P2", "P3"} else "",
                    order_date=(plan.start - dt.timedelta(days=ctx.between(400, 2000))
                                if option in {"P1", "P2", "P3"} else None))
        for i, seg in enumerate(plan.statuses):
            seg_end = plan.statuses[i + 1].start if i + 1 < len(plan.statuses) else end
            ctx.add(LegalStatusRecord, child_id=child.id, period_id=period, code=seg.code,
                    start_date=seg.start, end_date=seg_end)
        postcode = ""
        for i, seg in enumerate(plan.placements):
            seg_end = plan.placements[i + 1].start if i + 1 < len(plan.placements) else end
            postcode, la = self._placement_postcode(child, seg, postcode)
            row = ctx.add(Placement, child_id=child.id, period_id=period,
                          placement_type=seg.code, provider=seg.provider, carer_ref=seg.carer,
                          postcode=postcode, location_la=la,
                          urn=self._urn(seg),
                          start_date=seg.start, end_date=seg_end, end_reason=seg.reason_after)
            if i:
                ctx.chron(child.id, seg.start, "placement_change", "Moved placement", Placement,
                          row)
        last = end or ctx.end
        self._reviews(child, period, plan.start, last)
        self._visits(child, plan, last)
        self._health(child, plan.start, last)
        missing_at_end = self._missing(child, plan.start, last, ends=end is not None)
        if (missing_at_end and end is not None and end == add_years(child.dob, 18)
                and plan.reason != "E8"):
            # A young person who turns 18 while missing ceases to be looked after for "any
            # other reason" (903 REC E8, rule 580), not by moving on as planned.
            plan.reason = "E8"
            ctx.rows[CarePeriod].set(period, reason_ceased="E8")
        if plan.adoption:
            self._adoption(child, plan)
        if end is not None:
            ctx.chron(child.id, end, "ceased_looked_after",
                      f"Ceased to be looked after ({plan.reason})", CarePeriod, period)
            self.workforce.release(child.id, end)
            self._leaving_care(child, plan)
        if (child.sex == "F" and child.born and (last - child.dob).days > 15 * 365
                and ctx.chance(0.04)):
            self.population.add_baby(child, last - dt.timedelta(days=ctx.between(0, 200)))

    def _urn(self, seg: Segment) -> str:
        """Ofsted's unique reference number of the provision (903 URN; rule 218).

        Placed with parents has none; adoption placements through the regional adoption
        agency are XXXXXXX; fostering services and homes have Ofsted ``SC`` numbers.
        """
        if seg.code == "P1":
            return ""
        if seg.code in codes.ADOPTION_PLACEMENTS:
            return "XXXXXXX"
        if seg.provider == "PR1" and seg.code in codes.FOSTER_PLACEMENTS:
            return LA_FOSTERING_URN
        return f"SC{int(seg.carer[1:]) % 900_000 + 100_000:06d}"

    def _placement_postcode(self, child: ChildInfo, seg: Segment,
                            previous: str) -> tuple[str, str]:
        """Where the placement is: never the child's own home (but for P1), and never where the
        ``previous`` placement was, so a move to new carers with the same placement type,
        provider and URN still changes something the 903 reports (rule 435)."""
        ctx = self.ctx
        if seg.code == "P1":
            return child.postcode, ctx.config.la_ons_code
        # Own provision, and supported accommodation with an Ofsted number (903 rule 241), is in
        # the council's own area.
        if seg.provider == "PR1" or seg.code == "K3" or ctx.chance(0.7):
            postcode = child.postcode
            while postcode in {child.postcode, previous}:
                postcode = self.population._postcode(child.area)
            return postcode, ctx.config.la_ons_code
        return ctx.choice(self.out_of_county)

    def _reviews(self, child: ChildInfo, period: int, start: dt.date, last: dt.date) -> None:
        ctx = self.ctx
        due = ctx.wd(start, 20)
        n = 0
        while True:
            held = (due - dt.timedelta(days=ctx.between(0, 10)) if ctx.chance(0.9)
                    else due + dt.timedelta(days=ctx.between(2, 25)))
            held = max(held, start)
            if held >= last:
                break
            iro = self.workforce.iro()
            # A child under 4 on the day (their age in whole years, as the DfE counts it: rule
            # 441) does not take part in the review (PN0).
            under_four = held < add_years(child.dob, 4)
            ctx.add(CLAReview, child_id=child.id, period_id=period, review_date=held,
                    participation="PN0" if under_four else ctx.pick(PARTICIPATION),
                    iro_id=iro)
            if held >= ctx.lead_start:
                record_visit(ctx, child, "iro", held - dt.timedelta(days=ctx.between(1, 10)),
                             iro)
            n += 1
            due = add_months(held, 3 if n == 1 else 6)

    def _visits(self, child: ChildInfo, plan: CarePlan, last: dt.date) -> None:
        ctx = self.ctx
        for i, seg in enumerate(plan.placements):
            seg_end = plan.placements[i + 1].start if i + 1 < len(plan.placements) else last
            day = seg.start + dt.timedelta(days=ctx.between(1, 6) if ctx.chance(0.9) else 9)
            long_term = seg.code in {"U1", "U4"}
            while day < min(seg_end, last) and day <= ctx.end:
                if day >= ctx.lead_start:
                    record_visit(ctx, child, "cla", day, self.workforce.worker_of(child.id, day),
                                 seen_alone=(day - child.dob).days > 6 * 365 and ctx.chance(0.6))
                gap = 85 if long_term and (day - seg.start).days > 365 else 40
                day += dt.timedelta(days=ctx.between(gap - 14, gap + 4))

    def _health(self, child: ChildInfo, start: dt.date, last: dt.date) -> None:
        ctx = self.ctx
        iha = ctx.wd(start, ctx.between(5, 20) if ctx.chance(0.85) else ctx.between(21, 50))
        if iha < last and iha <= ctx.end:
            ctx.add(HealthCheck, child_id=child.id, kind="iha", check_date=iha)
            if 4 <= (iha - child.dob).days // 365 <= 16:
                # The carer's SDQ is first completed with the initial health assessment, so a
                # child looked after for 12 months at 31 March has one in the year (903 OC2,
                # rule 186) even when the first review health assessment falls after it.
                # Drawn from a stream of its own, so the rest of the council is unchanged.
                self._sdq(child, iha, random.Random(f"sdq:{ctx.config.seed}:{child.id}"))
        day = iha
        while True:
            under5 = (day - child.dob).days < 5 * 365
            day = add_months(day, 6 if under5 else 12) - dt.timedelta(days=ctx.between(0, 20))
            if day >= last or day > ctx.end:
                break
            if day < ctx.lead_start:
                continue
            age = (day - child.dob).days // 365
            ctx.add(HealthCheck, child_id=child.id, kind="rha", check_date=day)
            if age >= 1 and ctx.chance(0.85):
                ctx.add(HealthCheck, child_id=child.id, kind="dental",
                        check_date=day + dt.timedelta(days=ctx.between(-40, 40)))
            if ctx.chance(0.92):
                ctx.add(HealthCheck, child_id=child.id, kind="immunisations", check_date=day)
            if 4 <= age <= 16:
                self._sdq(child, day, ctx.rng)
            if age >= 10:
                misuse = ctx.chance(0.05)
                ctx.add(WellbeingRecord, child_id=child.id, recorded_on=day,
                        convicted=ctx.chance(0.03), substance_misuse=misuse,
                        intervention_offered=ctx.chance(0.9) if misuse else None,
                        intervention_received=ctx.chance(0.6) if misuse else None)

    def _sdq(self, child: ChildInfo, day: dt.date, rng: random.Random) -> None:
        """A Strengths and Difficulties Questionnaire: a score, or why there is none."""
        ctx = self.ctx
        if rng.random() < 0.85:
            score = max(0, min(40, int(rng.gauss(14, 7))))
            ctx.add(SDQAssessment, child_id=child.id, assessment_date=day, score=score)
        else:
            reasons = ("SDQ2", "SDQ3", "SDQ4", "SDQ5")
            ctx.add(SDQAssessment, child_id=child.id, assessment_date=day,
                    no_score_reason=rng.choices(reasons, weights=(0.2, 0.1, 0.4, 0.3))[0])

    def _missing(self, child: ChildInfo, start: dt.date, last: dt.date, *, ends: bool) -> bool:
        """Missing and away spells in a period of care from ``start`` to ``last`` (the day it
        ends when ``ends``, else the end of the data); True when one ran to the day it ended."""
        ctx = self.ctx
        if not child.born or (last - child.dob).days < 11 * 365:
            return False
        if not ctx.chance(cal.P_MISSING_CHILD * (2 if (start - child.dob).days > 13 * 365
                                                 else 1)):
            return False
        first = max(start, add_years(child.dob, 11), ctx.lead_start)
        span = (min(last, ctx.end) - first).days
        if span <= 2:
            return False
        at_end = False
        days = sorted(ctx.between(0, span - 1) for _ in range(min(30, 1 + ctx.exp_days(5))))
        # A child still in care at the end of the data may still be missing then; care that
        # ends, even on the last day of the data, ends every spell by noon that day.
        care_ends = ctx.at(last, hour=12) if ends else None
        previous_return: dt.datetime | None = None
        for offset in days:
            began = ctx.at(first + dt.timedelta(days=offset), hour=ctx.between(14, 23))
            # Spells never overlap (903 rule 574) and end by the end of care (rule 577).
            if previous_return is not None and began <= previous_return:
                continue
            back = found_by_year_end(ctx, began,
                                     began + dt.timedelta(hours=ctx.between(2, 96)))
            if care_ends is not None:
                back = min(back, care_ends)
            if back <= began:
                continue
            # MIS_END is a date: a young person back on the day care ends, even that morning,
            # was missing when they ceased to be looked after as far as the 903 can tell (rule
            # 580 wants REC E8 when MIS_END, DEC and the 18th birthday are one day).
            at_end = care_ends is not None and back.date() == care_ends.date()
            previous_return = back
            kind = "M" if ctx.chance(0.6) else "A"
            returned = back if back.date() <= ctx.end else None
            row = ctx.add(MissingEpisode, child_id=child.id, kind=kind, started_at=began,
                          returned_at=returned)
            ctx.chron(child.id, began, "missing", "Missing from placement" if kind == "M"
                      else "Away from placement without authorisation", MissingEpisode, row)
            if returned is None or not ctx.chance(0.9):
                continue
            offered = returned + dt.timedelta(hours=ctx.between(1, 24))
            accepted = ctx.chance(0.65)
            held = (returned + dt.timedelta(hours=ctx.between(4, 72) if ctx.chance(0.75)
                                            else ctx.between(73, 140))) if accepted else None
            if offered.date() <= ctx.end and (held is None or held.date() <= ctx.end):
                ctx.add(ReturnHomeInterview, episode_id=row, offered_at=offered,
                        accepted=accepted, held_at=held)
        return at_end

    def _adoption(self, child: ChildInfo, plan: CarePlan) -> None:
        ctx = self.ctx
        a = plan.adoption
        decided = a["decision"]
        if decided > ctx.end:
            return
        reversed_on = ctx.recorded(a.get("reversed"))
        decision = ctx.add(AdoptionDecision, child_id=child.id, decision_date=decided,
                           ceased_date=reversed_on,
                           ceased_reason=ctx.pick((("RD1", 0.3), ("RD2", 0.2), ("RD3", 0.3),
                                                   ("RD4", 0.2))) if reversed_on else "")
        matched = a.get("match")
        if matched is None or matched > ctx.end:
            return
        self.family_serial += 1
        two = ctx.chance(0.8)
        sex = ctx.pick((("MF", 0.8), ("FF", 0.1), ("MM", 0.1))) if two else ctx.choice(
            ("F1", "M1"))
        legal = ("L0" if not two else ("L11" if sex == "MF" and ctx.chance(0.8) else
                                       ("L3" if sex == "MF" else ctx.choice(("L12", "L2", "L4")))))
        family = ctx.add(AdopterFamily, family_ref=f"FAM{self.family_serial:05d}",
                         number_of_adopters=2 if two else 1, adopters_sex=sex,
                         adopters_legal_status=legal,
                         former_foster_carers=adopted_by_foster_carers(plan))
        for i, s in enumerate(sex if two else sex[0]):
            approved = matched - dt.timedelta(days=ctx.between(30, 300))
            ctx.add(Adopter, family_id=family, adopter_ref=f"ADP{self.family_serial:05d}{i}",
                    sex=s, ethnicity="WBRI" if ctx.chance(0.85) else "MOTH", disabled=False,
                    enquiry_date=approved - dt.timedelta(days=240),
                    stage1_start=approved - dt.timedelta(days=200),
                    stage1_end=approved - dt.timedelta(days=140),
                    stage2_start=approved - dt.timedelta(days=130),
                    stage2_end=approved - dt.timedelta(days=20),
                    application_date=approved - dt.timedelta(days=130), approval_date=approved)
        ctx.add(AdoptionMatch, child_id=child.id, decision_id=decision, family_id=family,
                matched_on=matched)

    def _leaving_care(self, child: ChildInfo, plan: CarePlan) -> None:
        """Care leavers: young people who left care at 16 or over after 13 weeks in care."""
        ctx = self.ctx
        end = plan.end
        assert end is not None
        age = (end - child.dob).days / 365.25
        if age < 16 or (end - plan.start).days < 91 or plan.reason in {"E2", "E7", "E15"}:
            return
        until = add_years(child.dob, 25 if ctx.chance(0.2) else 21)
        if until <= ctx.lead_start:
            return
        # The personal adviser holds the case from the day care ends (903 social worker
        # episodes: a care leaver's latest episode is still open).
        adviser = self.workforce.allocate_span(child.id, "leaving_care", child.area, end,
                                               ctx.recorded(until), "TSPROC")
        child.care_leaver = True
        leaver = ctx.add(CareLeaver, child_id=child.id,
                         eligibility="relevant" if age < 18 else "former_relevant",
                         start_date=end, end_date=ctx.recorded(until), personal_adviser_id=adviser)

        day = end
        while day < until and day <= ctx.end:
            if day >= ctx.lead_start:
                ctx.add(PathwayPlan, care_leaver_id=leaver, plan_date=day, is_review=day != end)
            day = add_months(day, 6) - dt.timedelta(days=ctx.between(0, 20))
        day = end + dt.timedelta(days=ctx.between(3, 7))
        while day < until and day <= ctx.end:
            if day >= ctx.lead_start:
                ctx.add(AdviserContact, care_leaver_id=leaver, contact_date=day,
                        in_person=ctx.chance(0.7))
            day += dt.timedelta(days=ctx.between(35, 62))
        for years in range(17, 22):
            birthday = add_years(child.dob, years)
            if birthday < end or birthday > ctx.end or birthday >= until:
                continue
            recorded = birthday + dt.timedelta(days=ctx.between(-20, 20))
            in_touch = ctx.pick((("YES", 0.88), ("NO", 0.05), ("REFU", 0.03), ("NREQ", 0.03),
                                 ("RHOM", 0.01)))
            if in_touch == "YES":
                activity = ctx.pick((("F1", 0.06), ("P1", 0.01), ("F2", 0.13), ("P2", 0.02),
                                     ("F4", 0.04), ("P4", 0.01), ("F5", 0.2), ("P5", 0.08),
                                     ("G4", 0.1), ("G5", 0.27), ("G6", 0.08)))
                accommodation = "Z" if plan.reason == "E17" and years < 21 else ctx.pick(
                    (("U", 0.35), ("D", 0.2), ("B", 0.15), ("E", 0.08), ("K", 0.07),
                     ("C", 0.03), ("X", 0.02), ("S", 0.02), ("W", 0.02), ("Y", 0.03),
                     ("T", 0.03)))
                suitable = accommodation not in {"S", "W", "X"} and ctx.chance(0.93)
            else:
                activity, accommodation, suitable = "0", "", None
            ctx.add(CareLeaverStatus, care_leaver_id=leaver, recorded_on=recorded,
                    in_touch=in_touch, activity=activity, accommodation=accommodation,
                    accommodation_suitable=suitable)
