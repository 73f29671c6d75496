"""Queries for the front door, referrals, assessments, children in need and child protection.

Definitions follow the DfE "Characteristics of children in need" statistics (the CIN census) and
Ofsted's Annex A lists 1-7. Each query is one aggregate query for a context, counting the
records its ``*_rows`` function selects; the dashboards list those same records.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Q

from hearth.assessment.models import Assessment
from hearth.cin.models import CINEpisode
from hearth.core.calendar import add_years
from hearth.core.codes import ContactDecision
from hearth.frontdoor.models import Contact
from hearth.performance.base import Counts, Tally, children, count, ratio
from hearth.performance.scope import Context
from hearth.performance.sql import allocated, exists, local_day, open_on, per_day
from hearth.protection.models import ICPC, CPPlan, S47Enquiry
from hearth.timescales.rules import rule

#: DfE: a re-referral follows a previous referral of the same child "within 12 months"; counted
#: as 365 days, as the synthetic council's yearly summary does.
REREFERRAL_WINDOW = dt.timedelta(days=365)


def _contacts(ctx: Context, field: str) -> Q:
    return Q(**{f"{field}__gte": ctx.since, f"{field}__lt": ctx.until})


def contact_rows(ctx: Context) -> Tally:
    """Contacts received in the period (Annex A list 1; DfE contacts)."""
    qs = Contact.objects.filter(_contacts(ctx, "received_at"), la=ctx.la)
    return Tally(allocated(ctx, qs.annotate(event_day=local_day("received_at")), day="event_day"))


def contacts(ctx: Context) -> Counts:
    """Contacts received in the period, counted (``contact_rows``)."""
    return count(contact_rows(ctx))


def contact_referral_rows(ctx: Context) -> Tally:
    """Contacts received in the period and decided; the numerator, those whose decision was a
    referral to children's social care (DfE "contacts leading to a referral")."""
    qs = Contact.objects.filter(_contacts(ctx, "received_at"), la=ctx.la).exclude(decision="")
    qs = allocated(ctx, qs.annotate(event_day=local_day("received_at")), day="event_day")
    return Tally(qs, Q(decision=ContactDecision.REFERRAL))


def contacts_to_referral(ctx: Context) -> Counts:
    """Contacts received and decided in the period, and those decided as referrals
    (``contact_referral_rows``)."""
    return ratio(contact_referral_rows(ctx))


def contact_decision_rows(ctx: Context) -> Tally:
    """Contacts decided in the period; the numerator, those decided within one working day of
    receipt (WT 2023 ch.2; ``rule("referral-decision")``)."""
    due = rule("referral-decision")
    qs = Contact.objects.filter(_contacts(ctx, "decided_at"), la=ctx.la)
    qs = allocated(ctx, qs.annotate(event_day=local_day("decided_at")), day="event_day")
    earliest = per_day("decided_at", ctx.days(), due.cutoff, timed=True)
    return Tally(qs, Q(received_at__gte=earliest))


def contacts_decided_in_time(ctx: Context) -> Counts:
    """Contacts decided in the period, and those decided within one working day
    (``contact_decision_rows``)."""
    return ratio(contact_decision_rows(ctx))


def referral_rows(ctx: Context) -> Tally:
    """Referrals in the period: CIN episodes whose referral date falls in it (CIN census
    ReferralDate; DfE "referrals"; Annex A list 3)."""
    qs = CINEpisode.objects.filter(la=ctx.la, referral_date__range=ctx.period)
    return Tally(allocated(ctx, qs, day="referral_date"))


def referrals(ctx: Context) -> Counts:
    """Referrals in the period, counted (``referral_rows``)."""
    return count(referral_rows(ctx))


def rereferral_rows(ctx: Context) -> Tally:
    """Referrals in the period; the numerator, those within 12 months of a previous referral of
    the same child (DfE "re-referrals within 12 months of a previous referral")."""
    earlier = CINEpisode.objects.filter(
        child=OuterRef("child"), referral_date__lt=OuterRef("referral_date"),
        referral_date__gte=OuterRef("referral_date") - REREFERRAL_WINDOW)
    return Tally(referral_rows(ctx).rows, exists(earlier))


def rereferrals(ctx: Context) -> Counts:
    """Referrals in the period, and those within 12 months of a previous referral
    (``rereferral_rows``)."""
    return ratio(rereferral_rows(ctx))


def assessment_rows(ctx: Context) -> Tally:
    """Assessments completed (authorised) in the period; the numerator, those completed within
    45 working days (DfE table C2 "completed assessments by duration": working days from the
    assessment's start to its authorisation; WT 2023 ch.2; ``rule("assessment")``)."""
    due = rule("assessment")
    qs = Assessment.objects.filter(la=ctx.la, authorised_date__range=ctx.period)
    qs = allocated(ctx, qs, day="authorised_date")
    earliest = per_day("authorised_date", ctx.days(), due.cutoff)
    return Tally(qs, Q(start_date__gte=earliest))


def assessments(ctx: Context) -> Counts:
    """Assessments completed in the period, and those completed within 45 working days
    (``assessment_rows``)."""
    return ratio(assessment_rows(ctx))


def s47_rows(ctx: Context) -> Tally:
    """Section 47 enquiries started in the period (CIN census S47ActualStartDate; Annex A
    list 5; DfE "section 47 enquiries")."""
    qs = S47Enquiry.objects.filter(la=ctx.la, start_date__range=ctx.period)
    return Tally(allocated(ctx, qs, day="start_date"))


def s47_enquiries(ctx: Context) -> Counts:
    """Section 47 enquiries started in the period, counted (``s47_rows``)."""
    return count(s47_rows(ctx))


def icpc_rows(ctx: Context) -> Tally:
    """Initial child protection conferences held in the period; the numerator, those within 15
    working days of the start of the s47 enquiry (DfE "ICPCs within 15 working days":
    S47ActualStartDate to DateOfInitialCPC; WT 2023 ch.2; ``rule("icpc")``)."""
    due = rule("icpc")
    qs = allocated(ctx, ICPC.objects.filter(la=ctx.la, held_on__range=ctx.period),
                   day="held_on")
    earliest = per_day("held_on", ctx.days(), due.cutoff)
    return Tally(qs, Q(s47__start_date__gte=earliest))


def icpcs(ctx: Context) -> Counts:
    """ICPCs held in the period, and those within 15 working days of the s47 enquiry's start
    (``icpc_rows``)."""
    return ratio(icpc_rows(ctx))


def children_in_need_rows(ctx: Context) -> Tally:
    """CIN episodes open at the end of the as-of date, including those of children on CP plans
    and looked after (DfE "children in need at 31 March")."""
    qs = CINEpisode.objects.filter(open_on(ctx.as_of, "referral_date", "closure_date"),
                                   la=ctx.la)
    return Tally(allocated(ctx, qs, day=ctx.as_of))


def children_in_need(ctx: Context) -> Counts:
    """Children in need at the as-of date, each counted once (``children_in_need_rows``)."""
    return children(children_in_need_rows(ctx))


def cp_plan_rows(ctx: Context) -> Tally:
    """CP plans open at the end of the as-of date (DfE "children who were the subject of a child
    protection plan at 31 March"; Annex A list 7)."""
    return Tally(allocated(ctx, CPPlan.objects.filter(open_on(ctx.as_of), la=ctx.la),
                           day=ctx.as_of))


def cp_plans(ctx: Context) -> Counts:
    """Children on a child protection plan at the as-of date, each counted once
    (``cp_plan_rows``)."""
    return children(cp_plan_rows(ctx))


def cp_plan_repeat_rows(ctx: Context) -> Tally:
    """CP plans started in the period; the numerator, those for a child who had been on a plan
    before (DfE "children becoming the subject of a plan for a second or subsequent time")."""
    qs = allocated(ctx, CPPlan.objects.filter(la=ctx.la, start_date__range=ctx.period),
                   day="start_date")
    before = CPPlan.objects.filter(child=OuterRef("child"), start_date__lt=OuterRef("start_date"))
    return Tally(qs, exists(before))


def cp_plans_second_or_later(ctx: Context) -> Counts:
    """CP plans started in the period, and those for a second or subsequent time
    (``cp_plan_repeat_rows``)."""
    return ratio(cp_plan_repeat_rows(ctx))


def cp_plan_ended_rows(ctx: Context) -> Tally:
    """CP plans that ended in the period; the numerator, those that had lasted two years or more
    (DfE "child protection plans ceasing during the year: duration 2 years and over")."""
    qs = allocated(ctx, CPPlan.objects.filter(la=ctx.la, end_date__range=ctx.period),
                   day="end_date")
    latest_start = per_day("end_date", ctx.days(), lambda day: add_years(day, -2))
    return Tally(qs, Q(start_date__lte=latest_start))


def cp_plans_ended_after_two_years(ctx: Context) -> Counts:
    """CP plans ended in the period, and those that lasted two years or more
    (``cp_plan_ended_rows``)."""
    return ratio(cp_plan_ended_rows(ctx))
