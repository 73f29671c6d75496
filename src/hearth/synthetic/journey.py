"""A child's journey from the front door through assessment, CIN plans and child protection.

Each referral is simulated to its end when it is made: its stages (assessment, s47 enquiry, ICPC,
CP plan, CIN plan, care) run in order, each returning the next stage and its date. Whatever would
happen after the end of the data is not recorded, and what is running then stays open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from hearth.assessment.models import Assessment, AssessmentFactorRecord
from hearth.cin.models import CINEpisode, CINPlan, CINPlanAction, CINPlanReview
from hearth.core.calendar import add_months
from hearth.earlyhelp.models import EarlyHelpAssessment, EarlyHelpEpisode
from hearth.frontdoor.models import Contact
from hearth.protection.models import (
    ICPC,
    CoreGroup,
    CPPlan,
    CPReview,
    S47Enquiry,
    StrategyAttendee,
    StrategyDiscussion,
)
from hearth.synthetic import calibration as cal
from hearth.synthetic.care import Care
from hearth.synthetic.context import ChildInfo, Ctx
from hearth.synthetic.population import Population
from hearth.synthetic.practice import oversee_assessment, record_visit
from hearth.synthetic.workforce import Workforce

CONTACT_SOURCES: tuple[tuple[str, float], ...] = (
    ("6", 0.29), ("2A", 0.18), ("2B", 0.03), ("3A", 0.03), ("3B", 0.03), ("3C", 0.01),
    ("3D", 0.02), ("3E", 0.03), ("3F", 0.03), ("4", 0.03), ("5A", 0.03), ("5B", 0.02),
    ("5C", 0.02), ("5D", 0.03), ("1A", 0.06), ("1B", 0.02), ("1C", 0.01), ("1D", 0.02),
    ("7", 0.03), ("8", 0.05), ("9", 0.02), ("10", 0.01),
)
PRIMARY_NEEDS: tuple[tuple[str, float], ...] = (
    ("N1", 0.55), ("N2", 0.04), ("N3", 0.04), ("N4", 0.10), ("N5", 0.16), ("N6", 0.03),
    ("N7", 0.005), ("N8", 0.025), ("N0", 0.05),
)
FACTORS: tuple[tuple[str, float], ...] = (
    ("3B", 0.14), ("4B", 0.13), ("3A", 0.09), ("16A", 0.07), ("17A", 0.07), ("2B", 0.06),
    ("1B", 0.05), ("4A", 0.06), ("5B", 0.02), ("6B", 0.02), ("14A", 0.02), ("15A", 0.03),
    ("10A", 0.02), ("11A", 0.02), ("24A", 0.02), ("13A", 0.01), ("18C", 0.02), ("19C", 0.01),
    ("18B", 0.01), ("7A", 0.01), ("20", 0.05), ("2A", 0.01), ("1A", 0.01), ("5A", 0.01),
    ("6A", 0.01), ("3C", 0.01), ("4C", 0.01), ("12A", 0.005), ("22A", 0.002), ("23A", 0.003),
)
AGENCIES = (("police", "Detective Sergeant"), ("health", "Named nurse"),
            ("education", "Designated safeguarding lead"))

Stage = tuple[str, dt.date] | None
#: Leaving care to live at home (903 REC), after which a CIN plan usually follows.
RETURNED_HOME = frozenset({"E4A", "E4B", "E13", "E41"})
P_CIN_PLAN_AFTER_HOME = 0.8


class Journeys:
    def __init__(self, ctx: Ctx, population: Population, workforce: Workforce) -> None:
        self.ctx = ctx
        self.population = population
        self.workforce = workforce
        self.care = Care(ctx, population, workforce)
        #: The ICPC that decided on a plan, handed from the s47 stage to the CP plan stage.
        self.icpc_for_plan: dict[int, int] = {}
        #: The last day of an assessment still running in an episode: the episode cannot
        #: close before it (CIN census rules 8565 and 8867).
        self.assessed_until: dict[int, dt.date] = {}
        self.stages: dict[str, Callable[[ChildInfo, int, dt.date], Stage]] = {
            "assessment": self._assessment_stage,
            "s47": self._s47_stage,
            "cin_plan": self._cin_plan_stage,
            "cp_plan": self._cp_plan_stage,
            "care": self._care_stage,
            "reassess": self._reassessment_stage,
        }

    # -- front door ---------------------------------------------------------------------
    def contact(self, day: dt.date, *, only_referrals: bool = False) -> None:
        """One contact received on ``day`` and the front-door decision on it."""
        ctx = self.ctx
        r = ctx.rng.random()
        if r < cal.P_CONTACT_REFERRAL:
            decision = "referral"
        elif only_referrals:
            return
        elif r < cal.P_CONTACT_REFERRAL + cal.P_CONTACT_EARLY_HELP:
            decision = "early_help"
        else:
            decision = "nfa" if ctx.chance(0.55) else "advice"
        child = self._child_for_referral(day) if decision == "referral" else self._any_child(day)
        if child is None:
            return
        received = ctx.at(day)
        lag = ctx.pick(((0, 0.7), (1, 0.25), (2, 0.05)))
        decided_on = ctx.wd(day, lag) if lag else day
        decided = decided_on <= ctx.end
        source = ctx.pick(CONTACT_SOURCES)
        contact = ctx.add(
            Contact, child_id=child.id, received_at=received, source=source,
            decision=decision if decided else "",
            decided_at=(max(received, ctx.at(decided_on)) if decided else None),
            strategy_discussion_needed=False,
        )
        ctx.chron(child.id, received, "contact", "Contact received", Contact, contact)
        if not decided:
            return
        if decision == "referral":
            self.referral(child, decided_on, contact, source)
        elif decision == "early_help":
            self.early_help(child, decided_on, contact=contact)

    def _any_child(self, day: dt.date) -> ChildInfo | None:
        ctx = self.ctx
        known = ctx.pools.known
        if known and ctx.chance(cal.P_CONTACT_KNOWN_CHILD):
            child = ctx.children[ctx.choice(known)]
            if child.born and (day - child.dob).days < 17 * 365:
                return child
        return self._new_child(day)

    def _new_child(self, day: dt.date, **kwargs: object) -> ChildInfo:
        child = self.population.new_child(day, **kwargs)  # type: ignore[arg-type]
        self.ctx.pools.known.append(child.id)
        return child

    def _free(self, child: ChildInfo, day: dt.date) -> bool:
        """Not in an open episode on ``day``, under 18 and not a care leaver.

        Care leavers are supported by leaving-care services; a return to care of a relevant
        child is rare enough that the generator leaves it out.
        """
        if child.open_forever or child.care_leaver or (
                child.busy_until is not None and child.busy_until >= day):
            return False
        return not child.born or (day - child.dob).days < 17 * 365 + 300

    def _child_for_referral(self, day: dt.date) -> ChildInfo:
        ctx = self.ctx
        pools = ctx.pools
        if pools.previous_cp and ctx.chance(cal.P_REFERRAL_OF_PREVIOUS_CP):
            for _ in range(10):
                child = ctx.children[ctx.choice(pools.previous_cp)]
                if self._free(child, day):
                    return child
        if ctx.chance(cal.P_REFERRAL_FROM_RECENT) and pools.recently_referred:
            recent = pools.recently_referred
            for _ in range(30):
                child = ctx.children[recent[ctx.rng.randrange(max(0, len(recent) - 4000),
                                                             len(recent))]]
                if (child.last_referral is not None
                        and (day - child.last_referral).days < 365 and self._free(child, day)):
                    return child
        for _ in range(5):
            if not pools.known or not ctx.chance(0.25):
                break
            child = ctx.children[ctx.choice(pools.known)]
            if (self._free(child, day) and child.born
                    and (child.last_referral is None or (day - child.last_referral).days >= 365)):
                return child
        return self._new_child(day)

    # -- referral and the episode -------------------------------------------------------
    def referral(self, child: ChildInfo, day: dt.date, contact: int | None, source: str,
                 *, first: Stage = None) -> int:
        """Open a CIN episode on ``day`` and run it to its end (or the end of the data)."""
        ctx = self.ctx
        if child.last_referral is None:
            self.population.add_family(child, day)
        child.last_referral = day
        ctx.pools.recently_referred.append(child.id)
        nfa = first is None and ctx.chance(cal.P_REFERRAL_NFA)
        episode = ctx.add(
            CINEpisode, child_id=child.id, contact_id=contact, referral_date=day,
            referral_source=source, referral_nfa=nfa,
            primary_need="N9" if nfa else ctx.pick(PRIMARY_NEEDS),
        )
        ctx.chron(child.id, day, "referral", "Referral to children's social care", CINEpisode,
                  episode)
        if nfa:
            self._close(child, episode, day, "RC8")
            return episode
        self.workforce.allocate(child.id, "assessment", child.area, day, "FCONTA")
        p_s47 = (cal.P_S47_AFTER_PREVIOUS_CP if child.previous_cp_plans
                 else cal.P_S47_AFTER_REFERRAL)
        stage: Stage = first or (("s47" if ctx.chance(p_s47) else "assessment"), day)
        while stage is not None:
            name, when = stage
            if name.startswith("close:"):
                when = max(when, self.assessed_until.pop(episode, when))
                self._close(child, episode, when, name.split(":", 1)[1])
                return episode
            if when > ctx.end:
                break
            stage = self.stages[name](child, episode, when)
        self.assessed_until.pop(episode, None)
        child.open_forever = True
        child.busy_until = None
        return episode

    def _close(self, child: ChildInfo, episode: int, day: dt.date, reason: str) -> None:
        ctx = self.ctx
        if day > ctx.end:
            child.open_forever = True
            return
        ctx.rows[CINEpisode].set(episode, closure_date=day, closure_reason=reason)
        ctx.chron(child.id, day, "case_closure", f"Case closed ({reason})", CINEpisode, episode)
        child.busy_until = day
        self.workforce.release(child.id, day)

    # -- assessment -------------------------------------------------------------------
    def _assessment(self, child: ChildInfo, episode: int, start: dt.date, outcome: str,
                    extra_factors: tuple[str, ...] = (),
                    finish_by: dt.date | None = None) -> dt.date:
        """Write an assessment starting on ``start``; returns its authorisation date.

        ``finish_by`` is the end of the plan a reassessment belongs to: the assessment is
        authorised by then, as nothing can happen in an episode after it closes (CIN census
        rules 8565 and 8867).
        """
        ctx = self.ctx
        in_time = ctx.chance(cal.P_ASSESSMENT_IN_TIME)
        length = ctx.between(8, 45) if in_time else ctx.between(46, 80)
        authorised = ctx.wd(start, length)
        if finish_by is not None:
            authorised = max(start, min(authorised, finish_by))
        completed = ctx.wd(authorised, -ctx.between(0, 2)) if length > 3 else authorised
        worker = self.workforce.worker_of(child.id, start)
        factors = {ctx.pick(FACTORS) for _ in range(ctx.between(1, 4))} | set(extra_factors)
        if outcome == "nfa" and ctx.chance(0.4):
            factors = {"21"}
        done = authorised <= ctx.end
        self.assessed_until[episode] = max(authorised, self.assessed_until.get(episode, start))
        row = ctx.add(
            Assessment, child_id=child.id, episode_id=episode, worker_id=worker,
            start_date=start, child_seen_date=ctx.recorded(start + dt.timedelta(
                days=ctx.between(0, 6))),
            completed_date=ctx.recorded(completed), authorised_date=authorised if done else None,
            status="authorised" if done else ("submitted" if completed <= ctx.end
                                              else "in_progress"),
            outcome=outcome if done else "",
            child_in_need=(outcome not in {"nfa", "early_help"}) if done else None,
        )
        if done:
            for code in sorted(factors):
                ctx.add(AssessmentFactorRecord, assessment_id=row, code=code)
            finisher = self.workforce.worker_of(child.id, completed) or worker
            oversee_assessment(ctx, child, row, finisher, self.workforce.manager_of(finisher),
                               completed, authorised)
            ctx.chron(child.id, authorised, "assessment_authorised",
                      "Assessment authorised by team manager", Assessment, row)
        return authorised

    def _assessment_stage(self, child: ChildInfo, episode: int, day: dt.date) -> Stage:
        ctx = self.ctx
        outcome = ctx.pick(cal.ASSESSMENT_OUTCOMES)
        start = ctx.wd(day, ctx.between(0, 2))
        authorised = self._assessment(child, episode, start, outcome)
        if outcome == "nfa":
            return ("close:RC8", authorised)
        if outcome == "early_help":
            self.early_help(child, authorised, stepped_down_from=episode)
            return ("close:RC9", authorised)
        if outcome == "looked_after":
            return ("care", start + dt.timedelta(days=ctx.between(0, 20)))
        return ("cin_plan", authorised)

    def _reassessment_stage(self, child: ChildInfo, episode: int, day: dt.date,
                            finish_by: dt.date | None = None) -> Stage:
        self._assessment(child, episode, day, "continue", finish_by=finish_by)
        return None

    # -- child protection ---------------------------------------------------------------
    def _s47_stage(self, child: ChildInfo, episode: int, day: dt.date) -> Stage:
        ctx = self.ctx
        held = ctx.wd(day, ctx.between(0, 2)) if day < ctx.end else day
        if held > ctx.end:
            return ("s47", held)
        discussion = ctx.add(StrategyDiscussion, child_id=child.id, episode_id=episode,
                             held_on=held, s47_required=True)
        ctx.add(StrategyAttendee, discussion_id=discussion, agency="social_care",
                name="Allocated social worker", role="Social worker")
        for agency, role in AGENCIES:
            if agency == "police" or ctx.chance(0.8):
                ctx.add(StrategyAttendee, discussion_id=discussion, agency=agency,
                        name=f"{role} ({agency})", role=role)
        ctx.chron(child.id, held, "strategy_discussion", "Strategy discussion held",
                  StrategyDiscussion, discussion)
        icpc_needed = ctx.chance(cal.P_ICPC_AFTER_PREVIOUS_CP if child.previous_cp_plans
                                 else cal.P_ICPC_AFTER_S47)
        if icpc_needed:
            icpc_on = ctx.wd(held, ctx.between(5, 15) if ctx.chance(cal.P_ICPC_IN_TIME)
                             else ctx.between(16, 30))
            s47_end = min(icpc_on, ctx.wd(held, ctx.between(4, 12)))
        else:
            icpc_on = None
            s47_end = ctx.wd(held, ctx.between(3, 15))
        s47 = ctx.add(S47Enquiry, child_id=child.id, episode_id=episode,
                      strategy_discussion_id=discussion, start_date=held,
                      end_date=ctx.recorded(s47_end),
                      icpc_required=icpc_needed if s47_end <= ctx.end else None)
        ctx.chron(child.id, held, "s47_started", "Section 47 enquiry started", S47Enquiry, s47)
        # The single assessment runs alongside the enquiry.
        authorised = self._assessment(child, episode, held, "strategy",
                                      extra_factors=(ctx.pick((("16A", 0.5), ("17A", 0.3),
                                                                ("18C", 0.12),
                                                                ("19C", 0.08))),))
        if icpc_on is None:
            if ctx.chance(cal.P_CIN_PLAN_AFTER_S47_NO_ICPC):
                return ("cin_plan", max(authorised, s47_end))
            # Not RC8: a case with an s47 enquiry was not closed after assessment alone
            # (CIN census rule 2990), so it closes as services ceased (RC7).
            return ("close:RC7", max(authorised, s47_end))
        if icpc_on > ctx.end:
            return ("s47", icpc_on)  # still waiting for conference at the end of the data
        plan = ctx.chance(cal.P_PLAN_AFTER_ICPC)
        icpc = ctx.add(ICPC, child_id=child.id, s47_id=s47, held_on=icpc_on,
                       plan_required=plan, chair_id=self.workforce.cp_chair(child.id))
        ctx.chron(child.id, icpc_on, "icpc", "Initial child protection conference", ICPC, icpc)
        if plan:
            self.icpc_for_plan[child.id] = icpc
            return ("cp_plan", icpc_on)
        return ("cin_plan", max(icpc_on, authorised))

    def _cp_plan_stage(self, child: ChildInfo, episode: int, start: dt.date) -> Stage:
        ctx = self.ctx
        icpc = self.icpc_for_plan.pop(child.id, None)
        self.workforce.allocate(child.id, "family_support", child.area, start, "TSPROC")
        category = ctx.pick(cal.ABUSE_CATEGORIES)
        latest = category if ctx.chance(0.9) else ctx.pick(cal.ABUSE_CATEGORIES)
        length = cal.CP_PLAN_FLOOR_DAYS + ctx.exp_days(cal.CP_PLAN_MEAN_EXTRA_DAYS)
        planned_end = start + dt.timedelta(days=length)
        # Reviews: first within 3 months of the ICPC, then at most every 6 months.
        reviews = []
        due = add_months(start, 3)
        while True:
            held = due - dt.timedelta(days=ctx.between(0, 14)) if ctx.chance(0.93) else (
                due + dt.timedelta(days=ctx.between(3, 30)))
            reviews.append(held)
            if held >= planned_end:
                break
            due = add_months(held, 6)
        end = reviews[-1]
        plan = ctx.add(CPPlan, child_id=child.id, episode_id=episode, icpc_id=icpc,
                       start_date=start, end_date=ctx.recorded(end), initial_category=category,
                       latest_category=latest)
        child.previous_cp_plans += 1
        ctx.pools.previous_cp.append(child.id)
        ctx.chron(child.id, start, "cp_plan_start", "Child protection plan started", CPPlan, plan)
        for held in reviews:
            if held <= ctx.end:
                ctx.add(CPReview, plan_id=plan, review_date=held,
                        chair_id=self.workforce.cp_chair(child.id))
        core = ctx.wd(start, ctx.between(3, 10) if ctx.chance(0.86) else ctx.between(11, 20))
        while core < end and core <= ctx.end:
            ctx.add(CoreGroup, plan_id=plan, held_on=core)
            core += dt.timedelta(days=ctx.between(28, 42))
        self._visits(child, "cp", start + dt.timedelta(days=ctx.between(1, 8)), end, 10, 16)
        if end > ctx.end:
            return ("cp_plan_open", end)
        ctx.chron(child.id, end, "cp_plan_end", "Child protection plan ended", CPPlan, plan)
        step = ctx.pick(cal.CP_PLAN_ENDINGS)
        if step == "looked_after":
            return ("care", end)
        if step == "cin_plan":
            # The review conference that ends the plan steps the child down; the CIN plan
            # starts the next day, so no CP review falls within a CIN plan (CIN rule 4003).
            return ("cin_plan", end + dt.timedelta(days=1))
        return ("close:RC7", end)

    # -- child in need plans ------------------------------------------------------------
    def _cin_plan_stage(self, child: ChildInfo, episode: int, start: dt.date) -> Stage:
        ctx = self.ctx
        self.workforce.allocate(child.id, "family_support", child.area, start, "TSPROC")
        end = start + dt.timedelta(days=cal.CIN_PLAN_FLOOR_DAYS
                                   + ctx.exp_days(cal.CIN_PLAN_MEAN_EXTRA_DAYS))
        plan = ctx.add(CINPlan, child_id=child.id, episode_id=episode, start_date=start,
                       end_date=ctx.recorded(end))
        ctx.chron(child.id, start, "cin_plan_start", "Child in need plan started", CINPlan, plan)
        for i in range(ctx.between(2, 4)):
            due = start + dt.timedelta(days=ctx.between(14, 120))
            done = due - dt.timedelta(days=ctx.between(0, 10))
            status = "done" if done <= ctx.end and ctx.chance(0.75) else (
                "in_progress" if start <= ctx.end else "not_started")
            ctx.add(CINPlanAction, plan_id=plan, description=f"Plan action {i + 1}",
                    owner=ctx.choice(("Parent", "Social worker", "School", "Health visitor",
                                      "Family support worker")),
                    due_date=due, status=status,
                    completed_date=done if status == "done" else None)
        review = add_months(start, 3)
        while review < end and review <= ctx.end:
            ctx.add(CINPlanReview, plan_id=plan, review_date=review)
            review = add_months(review, 3)
        self._visits(child, "cin", start + dt.timedelta(days=ctx.between(3, 14)), end, 20, 40)
        if (end - start).days > 200 and ctx.chance(cal.P_REASSESSMENT_ON_CIN_PLAN):
            self._reassessment_stage(child, episode, start + dt.timedelta(days=180),
                                     finish_by=end)
        if end > ctx.end:
            return ("cin_plan_open", end)
        step = ctx.pick(cal.CIN_PLAN_ENDINGS)
        if step == "s47":
            return ("s47", end)
        if step == "looked_after":
            return ("care", end)
        if step == "early_help":
            self.early_help(child, end, stepped_down_from=episode)
        return ("close:RC7", end)

    def _care_stage(self, child: ChildInfo, episode: int, start: dt.date) -> Stage:
        if start < child.dob:
            # A child can be looked after from birth, never before (903 rules 102 and 442: an
            # episode needs the child's date of birth and UPN status). An unborn child comes into
            # care on the day they are born; one born after the end of the data is still unborn
            # then, a child in need whose episode stays open.
            return ("care", child.dob)
        returns_on = self.care.return_to_care_from(child, start)
        if returns_on > start:
            return ("care", returns_on)
        ended, reason = self.care.enter(child, episode, start)
        if ended is None:
            return ("care_open", self.ctx.end + dt.timedelta(days=1))
        if (self.care.last_reason in RETURNED_HOME and not child.care_leaver
                and self.ctx.chance(P_CIN_PLAN_AFTER_HOME)):
            # Most children who go home stay on a child in need plan for a while; a care
            # leaver is supported by a personal adviser instead.
            return ("cin_plan", ended)
        return (f"close:{reason}", ended)

    def _visits(self, child: ChildInfo, kind: str, first: dt.date, until: dt.date,
                low: int, high: int) -> None:
        ctx = self.ctx
        day = max(first, ctx.lead_start)
        teen = child.born and (first - child.dob).days > 5 * 365
        last = min(until, ctx.end)
        while day <= last:
            seen = ctx.chance(0.95)
            record_visit(ctx, child, kind, day, self.workforce.worker_of(child.id, day), seen=seen,
                         seen_alone=seen and teen and ctx.chance(0.6))
            day += dt.timedelta(days=ctx.between(low, high))

    # -- early help ---------------------------------------------------------------------
    def early_help(self, child: ChildInfo, day: dt.date, *, contact: int | None = None,
                   stepped_down_from: int | None = None) -> None:
        ctx = self.ctx
        start = day + dt.timedelta(days=ctx.between(0, 10))
        if start > ctx.end:
            return
        end = start + dt.timedelta(days=60 + ctx.exp_days(100))
        picked = self.workforce.pick("early_help", child.area, start)
        worker = picked[1] if picked else None
        episode = ctx.add(EarlyHelpEpisode, child_id=child.id, contact_id=contact,
                          stepped_down_from_id=stepped_down_from, start_date=start,
                          end_date=ctx.recorded(end), reason="Family support",
                          end_reason="Outcomes met" if end <= ctx.end else "",
                          organisation="Early Help Service", worker_id=worker)
        assessed = start + dt.timedelta(days=ctx.between(0, 14))
        if assessed <= ctx.end:
            ctx.add(EarlyHelpAssessment, episode_id=episode, start_date=assessed,
                    completion_date=ctx.recorded(assessed + dt.timedelta(
                        days=ctx.between(10, 40))),
                    organisation=ctx.choice(("Early Help Service", "School", "Health visiting")))
        ctx.chron(child.id, start, "early_help_start", "Early help started", EarlyHelpEpisode,
                  episode)
