"""The library of measures: each defined once, as data plus the query that counts it.

Ids are stable snake_case: dashboards, benchmarks and ``hearth kpi --json`` use them. Counts of
children are taken at the as-of date; flows are over the 12 months ending on it. Every measure
is computed set-based in the database, one aggregate query per query function (a count and its
rate per 10,000 share one), so the number of queries does not grow with the number of children.

Local targets come from ``settings.HEARTH_KPI_TARGETS`` (a mapping of measure id to value).

A measure whose numerator is a set of records (children, referrals, plans, audits) has a
``Drill``: the same ``*_rows`` function its query counts, so the dashboard's list of the records
behind a figure is the figure's own definition. ``NOT_DRILLABLE`` names the others and why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings

from hearth.organisation.models import LocalAuthority
from hearth.performance import care_leavers as leavers
from hearth.performance import children_in_care as care
from hearth.performance import help_and_protection as need
from hearth.performance import workforce
from hearth.performance.base import (
    Drill,
    Measure,
    Polarity,
    Result,
    Unit,
    denominator_of,
    shared,
)
from hearth.performance.scope import COUNCIL, Context, Scope

HIGHER, LOWER, NEUTRAL = Polarity.HIGHER, Polarity.LOWER, Polarity.NEUTRAL
COUNT, PERCENT, PER_10K = Unit.COUNT, Unit.PERCENT, Unit.PER_10K
CIN = "DfE Characteristics of children in need (CIN census)"
CLA = "DfE Children looked after in England (SSDA903)"
WORKFORCE = "DfE Children's social work workforce (workforce census)"
POPULATION = "children aged 0-17 in the council (LocalAuthority.child_population)"


MEASURES: tuple[Measure, ...] = (
    # -- the front door ----------------------------------------------------------------------
    Measure("contacts_count", "Contacts", "Contacts received in the 12 months.", "contacts", "",
       NEUTRAL, COUNT, "Ofsted Annex A list 1; DfE contacts", need.contacts),
    Measure("contacts_to_referral_pct", "Contacts leading to a referral",
       "Contacts received in the 12 months and decided, whose decision was a referral to "
       "children's social care.", "contacts decided as referrals", "contacts decided",
       NEUTRAL, PERCENT, "Ofsted Annex A list 1 (contact outcome)", need.contacts_to_referral),
    Measure("contacts_decided_1wd_pct", "Contacts decided within 1 working day",
       "Contacts decided in the 12 months within one working day of being received.",
       "decided within 1 working day", "contacts decided", HIGHER, PERCENT,
       "Working Together 2023 ch.2 (referral decision)", need.contacts_decided_in_time),
    # -- referrals and assessments --------------------------------------------------------------
    Measure("referrals_count", "Referrals", "Referrals (CIN episodes started) in the 12 months.",
       "referrals", "", NEUTRAL, COUNT, f"{CIN}: referrals; Annex A list 3", need.referrals),
    Measure("referrals_per_10k", "Referrals per 10,000 children",
       "Referrals in the 12 months per 10,000 children in the council.", "referrals",
       POPULATION, NEUTRAL, PER_10K, f"{CIN}: referral rate per 10,000", need.referrals),
    Measure("rereferral_12m_pct", "Re-referrals within 12 months",
       "Referrals in the 12 months made within 12 months of a previous referral of the child.",
       "re-referrals", "referrals", LOWER, PERCENT,
       f"{CIN}: re-referrals within 12 months", need.rereferrals),
    Measure("assessments_count", "Assessments completed",
       "Assessments authorised in the 12 months.", "assessments completed", "", NEUTRAL,
       COUNT, f"{CIN}: assessments completed; Annex A list 4",
       denominator_of(need.assessments)),
    Measure("assessments_within_45wd_pct", "Assessments completed within 45 working days",
       "Assessments authorised in the 12 months no later than 45 working days after they "
       "started.", "completed within 45 working days", "assessments completed", HIGHER,
       PERCENT, f"{CIN}: table C2 duration of assessments", need.assessments),
    # -- child protection ------------------------------------------------------------------------
    Measure("s47_count", "Section 47 enquiries", "Section 47 enquiries started in the 12 months.",
       "s47 enquiries", "", NEUTRAL, COUNT, f"{CIN}: section 47 enquiries; Annex A list 5",
       need.s47_enquiries),
    Measure("s47_per_10k", "Section 47 enquiries per 10,000 children",
       "Section 47 enquiries started in the 12 months per 10,000 children.", "s47 enquiries",
       POPULATION, NEUTRAL, PER_10K, f"{CIN}: s47 enquiries per 10,000", need.s47_enquiries),
    Measure("icpc_count", "Initial child protection conferences",
       "Initial child protection conferences held in the 12 months.", "ICPCs", "", NEUTRAL,
       COUNT, f"{CIN}: initial child protection conferences; Annex A list 6",
       denominator_of(need.icpcs)),
    Measure("icpc_within_15wd_pct", "ICPCs within 15 working days",
       "ICPCs held in the 12 months no later than 15 working days after the s47 enquiry "
       "started.", "ICPCs within 15 working days", "ICPCs", HIGHER, PERCENT,
       f"{CIN}: ICPCs within 15 working days of the start of the s47", need.icpcs),
    Measure("cin_count", "Children in need", "Children with an open CIN episode at the date "
       "(including children on CP plans and looked after).", "children in need", "", NEUTRAL,
       COUNT, f"{CIN}: children in need at 31 March", need.children_in_need),
    Measure("cin_per_10k", "Children in need per 10,000 children",
       "Children in need at the date per 10,000 children.", "children in need", POPULATION,
       NEUTRAL, PER_10K, f"{CIN}: CIN rate per 10,000", need.children_in_need),
    Measure("cp_plan_count", "Children on a child protection plan",
       "Children on a CP plan at the date.", "children on CP plans", "", NEUTRAL, COUNT,
       f"{CIN}: children on CP plans at 31 March; Annex A list 7", need.cp_plans),
    Measure("cp_per_10k", "Children on a CP plan per 10,000 children",
       "Children on a CP plan at the date per 10,000 children.", "children on CP plans",
       POPULATION, NEUTRAL, PER_10K, f"{CIN}: CP plan rate per 10,000", need.cp_plans),
    Measure("cp_second_or_subsequent_pct", "CP plans for a second or subsequent time",
       "CP plans started in the 12 months for a child who had been on a CP plan before.",
       "second or later plans", "CP plans started", LOWER, PERCENT,
       f"{CIN}: second or subsequent CP plans", need.cp_plans_second_or_later),
    Measure("cp_ended_2y_plus_pct", "CP plans ended lasting 2 years or more",
       "CP plans that ended in the 12 months having lasted two years or more.",
       "plans that lasted 2 years or more", "CP plans ended", LOWER, PERCENT,
       f"{CIN}: CP plans ceasing, duration 2 years and over",
       need.cp_plans_ended_after_two_years),
    # -- children looked after ----------------------------------------------------------------
    Measure("cla_count", "Children looked after", "Children looked after at the date.",
       "children looked after", "", NEUTRAL, COUNT,
       f"{CLA}: children looked after at 31 March; Annex A list 8", care.looked_after),
    Measure("cla_per_10k", "Children looked after per 10,000 children",
       "Children looked after at the date per 10,000 children.", "children looked after",
       POPULATION, NEUTRAL, PER_10K, f"{CLA}: rate per 10,000", care.looked_after),
    Measure("cla_started_count", "Started to be looked after",
       "Periods of care that started in the 12 months.", "periods started", "", NEUTRAL,
       COUNT, f"{CLA}: children who started to be looked after", care.started_care),
    Measure("cla_ceased_count", "Ceased to be looked after",
       "Periods of care that ended in the 12 months.", "periods ended", "", NEUTRAL, COUNT,
       f"{CLA}: children who ceased to be looked after", care.ceased_care),
    Measure("cla_3plus_placements_pct", "Children looked after with 3 or more placements",
       "Children looked after at the date who had three or more placements in the 12 months.",
       "with 3 or more placements", "children looked after", LOWER, PERCENT,
       f"{CLA}: placement stability, 3 or more placements", care.three_or_more_placements),
    Measure("cla_long_term_stability_pct", "Long-term placement stability",
       "Children under 16 looked after for 2.5 years or more who have been in their placement "
       "for 2 years or more.", "in the same placement 2 years or more",
       "under 16, looked after 2.5 years or more", HIGHER, PERCENT,
       f"{CLA}: long-term placement stability", care.long_term_stability),
    Measure("cla_reviews_in_time_pct", "CLA reviews in time",
       "Children looked after at the date whose statutory reviews are up to date.",
       "reviews up to date", "children looked after", HIGHER, PERCENT,
       "CPPCR 2010 reg 33", care.reviews_in_time),
    Measure("cla_visits_in_time_pct", "Statutory visits in time",
       "Children looked after at the date whose statutory visits are up to date.",
       "visits up to date", "children looked after", HIGHER, PERCENT,
       "CPPCR 2010 reg 28", care.visits_in_time),
    Measure("cla_health_assessments_in_time_pct", "Health assessments in time",
       "Children looked after for 12 months or more whose health assessment is up to date.",
       "health assessment up to date", "looked after 12 months or more", HIGHER, PERCENT,
       f"{CLA}: OC2 health assessments; CPPCR 2010 reg 7", care.health_assessments_in_time),
    Measure("uasc_count", "Unaccompanied asylum-seeking children looked after",
       "Children looked after at the date with an open UASC status.", "UASC looked after", "",
       NEUTRAL, COUNT, f"{CLA}: UASC looked after at 31 March", care.unaccompanied),
    Measure("missing_episodes_count", "Missing episodes",
       "Missing or away-without-authorisation episodes that began in the 12 months.",
       "missing episodes", "", NEUTRAL, COUNT, f"{CLA}: missing incidents",
       care.missing_episodes),
    Measure("rhi_within_72h_pct", "Return home interviews within 72 hours",
       "Returns from a missing episode in the 12 months followed by a return home interview "
       "within 72 hours.", "interviews within 72 hours", "returns", HIGHER, PERCENT,
       "DfE statutory guidance on children who run away or go missing (2014)",
       care.return_interviews_in_time),
    Measure("adoption_entry_to_placed_days", "Days from entering care to moving in with adopters",
       "Average days, for children adopted in the 12 months, from entering care to moving in "
       "with their adoptive family.", "total days", "children adopted", LOWER, Unit.DAYS,
       "Adoption scorecard A1; Annex A list 10", care.adoption_timeliness),
    # -- care leavers ---------------------------------------------------------------------------
    *(
        Measure(f"care_leavers_{band}_{outcome}_pct", f"Care leavers aged {band.replace('_', '-')} "
           f"{label}", f"Care leavers aged {band.replace('_', '-')} at the date whose latest "
           f"status in the 12 months shows them {label}.", label, "care leavers in the band",
           HIGHER, PERCENT, f"{CLA}: OC3 care leavers; Annex A list 9", query)
        for band, outcome, label, query in (
            ("17_18", "in_touch", "in touch", leavers.in_touch_17_18),
            ("17_18", "eet", "in education, employment or training", leavers.eet_17_18),
            ("17_18", "suitable_accommodation", "in suitable accommodation",
             leavers.suitable_accommodation_17_18),
            ("19_21", "in_touch", "in touch", leavers.in_touch_19_21),
            ("19_21", "eet", "in education, employment or training", leavers.eet_19_21),
            ("19_21", "suitable_accommodation", "in suitable accommodation",
             leavers.suitable_accommodation_19_21),
        )
    ),
    # -- workforce and quality -----------------------------------------------------------------
    Measure("caseload_per_worker", "Average caseload per case-holding social worker",
       "Cases held at the date by case-holding social workers per FTE of those holding cases.",
       "cases held", "FTE of case holders", LOWER, Unit.PER_FTE,
       f"{WORKFORCE}: average caseload", workforce.caseload),
    Measure("agency_worker_pct", "Agency social workers",
       "Agency children and family social workers in post at the date, as a share of FTE.",
       "agency FTE", "social worker FTE", LOWER, PERCENT, f"{WORKFORCE}: agency workers",
       workforce.agency),
    Measure("case_audits_good_pct", "Case audits graded good or better",
       "Case audits in the 12 months graded good or outstanding (after moderation).",
       "audits good or outstanding", "case audits", HIGHER, PERCENT,
       "Ofsted ILACS: the council's own quality assurance", workforce.audits_good),
)


def _drills() -> dict[str, Drill]:
    received = ("received_at", "Contact received")
    referred = ("referral_date", "Referral date")
    looked_after = ("start_date", "Looked after since")
    leaver = ("start_date", "Care leaver since")
    drills = {
        "contacts_count": Drill(need.contact_rows, *received),
        "contacts_to_referral_pct": Drill(need.contact_referral_rows, *received),
        "contacts_decided_1wd_pct": Drill(need.contact_decision_rows, "decided_at",
                                          "Contact decided"),
        "referrals_count": Drill(need.referral_rows, *referred),
        "referrals_per_10k": Drill(need.referral_rows, *referred),
        "rereferral_12m_pct": Drill(need.rereferral_rows, *referred),
        "assessments_count": Drill(need.assessment_rows, "authorised_date",
                                   "Assessment authorised", whole=True),
        "assessments_within_45wd_pct": Drill(need.assessment_rows, "authorised_date",
                                             "Assessment authorised"),
        "s47_count": Drill(need.s47_rows, "start_date", "Enquiry started"),
        "s47_per_10k": Drill(need.s47_rows, "start_date", "Enquiry started"),
        "icpc_count": Drill(need.icpc_rows, "held_on", "Conference held", whole=True),
        "icpc_within_15wd_pct": Drill(need.icpc_rows, "held_on", "Conference held"),
        "cin_count": Drill(need.children_in_need_rows, *referred),
        "cin_per_10k": Drill(need.children_in_need_rows, *referred),
        "cp_plan_count": Drill(need.cp_plan_rows, "start_date", "Plan started"),
        "cp_per_10k": Drill(need.cp_plan_rows, "start_date", "Plan started"),
        "cp_second_or_subsequent_pct": Drill(need.cp_plan_repeat_rows, "start_date",
                                             "Plan started"),
        "cp_ended_2y_plus_pct": Drill(need.cp_plan_ended_rows, "end_date", "Plan ended"),
        "cla_count": Drill(care.looked_after_rows, *looked_after),
        "cla_per_10k": Drill(care.looked_after_rows, *looked_after),
        "cla_started_count": Drill(care.started_care_rows, "start_date", "Started care"),
        "cla_ceased_count": Drill(care.ceased_care_rows, "end_date", "Ceased care"),
        "cla_3plus_placements_pct": Drill(care.three_or_more_placement_rows, *looked_after),
        "cla_long_term_stability_pct": Drill(care.long_term_stability_rows, *looked_after),
        "cla_reviews_in_time_pct": Drill(care.review_rows, *looked_after),
        "cla_visits_in_time_pct": Drill(care.visit_rows, *looked_after),
        "cla_health_assessments_in_time_pct": Drill(care.health_assessment_rows,
                                                    *looked_after),
        "uasc_count": Drill(care.unaccompanied_rows, *looked_after),
        "missing_episodes_count": Drill(care.missing_rows, "started_at", "Went missing"),
        "rhi_within_72h_pct": Drill(care.return_interview_rows, "returned_at", "Returned"),
        "case_audits_good_pct": Drill(workforce.audit_rows, "audit_date", "Audited"),
    }
    for band in ("17_18", "19_21"):
        for outcome, rows in (
                ("in_touch", f"in_touch_{band}_rows"), ("eet", f"eet_{band}_rows"),
                ("suitable_accommodation", f"suitable_accommodation_{band}_rows")):
            drills[f"care_leavers_{band}_{outcome}_pct"] = Drill(getattr(leavers, rows), *leaver)
    return drills


#: Measures whose figure cannot be listed as records, and why (shown on the dashboard).
NOT_DRILLABLE: dict[str, str] = {
    "adoption_entry_to_placed_days": "The figure is an average of days, not a set of children.",
    "caseload_per_worker": "The figure is cases per full-time worker, not a set of children.",
    "agency_worker_pct": "The figure is a share of staff time, not a set of children.",
}

_DRILLS = _drills()
MEASURES = tuple(dataclasses.replace(m, drill=_DRILLS.get(m.id)) for m in MEASURES)

BY_ID: dict[str, Measure] = {m.id: m for m in MEASURES}


def _with_local_target(measure: Measure) -> Measure:
    targets: dict[str, float] = getattr(settings, "HEARTH_KPI_TARGETS", {})
    if measure.id not in targets:
        return measure
    return dataclasses.replace(measure, target=float(targets[measure.id]))


def compute(la: LocalAuthority, as_of: dt.date, scope: Scope = COUNCIL,
            measures: tuple[Measure, ...] = MEASURES) -> list[Result]:
    """Every measure for ``la`` at ``as_of`` in ``scope``, in catalogue order."""
    ctx = Context(la, as_of, scope)
    results = []
    for measure in measures:
        counts = shared(ctx, measure.query)
        results.append(_with_local_target(measure).result(counts, ctx))
    return results
