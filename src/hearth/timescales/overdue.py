"""Overdue work for a whole council, computed set-based in the database.

Each statutory rule gives a cut-off (``Rule.cutoff``): a trigger before it is overdue today if
the event has not happened. Every list below is therefore one query with a date filter, however
many children there are; nothing is checked child by child in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Count, Max, Q, QuerySet

from hearth.assessment.models import Assessment
from hearth.care.models import CarePeriod, MissingEpisode
from hearth.core import clock
from hearth.frontdoor.models import Contact
from hearth.leavingcare.models import CareLeaver
from hearth.organisation.models import LocalAuthority
from hearth.protection.models import CPPlan, S47Enquiry
from hearth.timescales.rules import LONDON, rule


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=LONDON)


def contacts_awaiting_decision(la: LocalAuthority, today: dt.date) -> QuerySet[Contact]:
    """Contacts with no front-door decision a working day after they came in."""
    cut = rule("referral-decision").cutoff(today)
    return Contact.objects.filter(la=la, decision="", received_at__lt=_start_of(cut))


def assessments(la: LocalAuthority, today: dt.date) -> QuerySet[Assessment]:
    """Assessments not authorised within 45 working days of the referral."""
    cut = rule("assessment").cutoff(today)
    return Assessment.objects.filter(la=la, authorised_date__isnull=True,
                                     episode__referral_date__lt=cut)


def icpcs(la: LocalAuthority, today: dt.date) -> QuerySet[S47Enquiry]:
    """s47 enquiries with no conference 15 working days after the strategy discussion, unless
    the enquiry concluded that none was needed."""
    cut = rule("icpc").cutoff(today)
    return S47Enquiry.objects.filter(la=la, icpc__isnull=True,
                                     strategy_discussion__held_on__lt=cut).exclude(
        icpc_required=False)


def _open_plans(la: LocalAuthority) -> QuerySet[CPPlan]:
    return CPPlan.objects.filter(la=la, end_date__isnull=True)


def core_groups(la: LocalAuthority, today: dt.date) -> QuerySet[CPPlan]:
    """Open CP plans with no core group 10 working days after the ICPC."""
    cut = rule("core-group").cutoff(today)
    return _open_plans(la).filter(core_groups__isnull=True, start_date__lt=cut)


def first_cp_reviews(la: LocalAuthority, today: dt.date) -> QuerySet[CPPlan]:
    cut = rule("first-cp-review").cutoff(today)
    return _open_plans(la).filter(reviews__isnull=True, start_date__lt=cut)


def cp_reviews(la: LocalAuthority, today: dt.date) -> QuerySet[CPPlan]:
    cut = rule("cp-review").cutoff(today)
    return _open_plans(la).annotate(last_review=Max("reviews__review_date")).filter(
        last_review__lt=cut)


def _open_periods(la: LocalAuthority) -> QuerySet[CarePeriod]:
    return CarePeriod.objects.filter(la=la, end_date__isnull=True)


def first_cla_reviews(la: LocalAuthority, today: dt.date) -> QuerySet[CarePeriod]:
    cut = rule("first-cla-review").cutoff(today)
    return _open_periods(la).filter(reviews__isnull=True, start_date__lt=cut)


def second_cla_reviews(la: LocalAuthority, today: dt.date) -> QuerySet[CarePeriod]:
    cut = rule("second-cla-review").cutoff(today)
    return _open_periods(la).annotate(
        review_count=Count("reviews"), last_review=Max("reviews__review_date"),
    ).filter(review_count=1, last_review__lt=cut)


def cla_reviews(la: LocalAuthority, today: dt.date) -> QuerySet[CarePeriod]:
    cut = rule("cla-review").cutoff(today)
    return _open_periods(la).annotate(
        review_count=Count("reviews"), last_review=Max("reviews__review_date"),
    ).filter(review_count__gte=2, last_review__lt=cut)


def pathway_plan_reviews(la: LocalAuthority, today: dt.date) -> QuerySet[CareLeaver]:
    """Care leavers whose last pathway plan (or, with none, whose leaving care) is over six
    months ago."""
    cut = rule("pathway-plan-review").cutoff(today)
    leavers = CareLeaver.objects.filter(la=la, end_date__isnull=True).annotate(
        last_plan=Max("pathway_plans__plan_date"))
    return leavers.filter(Q(last_plan__lt=cut) | Q(last_plan__isnull=True, start_date__lt=cut))


def return_interviews(la: LocalAuthority, now: dt.datetime) -> QuerySet[MissingEpisode]:
    """Children back from a missing episode 72 hours ago or more with no interview held."""
    hours = rule("rhi").amount
    return MissingEpisode.objects.filter(
        la=la, returned_at__isnull=False, returned_at__lte=now - dt.timedelta(hours=hours),
    ).filter(Q(return_interview__isnull=True) | Q(return_interview__held_at__isnull=True))


DATE_LISTS: dict[str, Callable[[LocalAuthority, dt.date], QuerySet[Any]]] = {
    "referral-decision": contacts_awaiting_decision,
    "assessment": assessments,
    "icpc": icpcs,
    "core-group": core_groups,
    "first-cp-review": first_cp_reviews,
    "cp-review": cp_reviews,
    "first-cla-review": first_cla_reviews,
    "second-cla-review": second_cla_reviews,
    "cla-review": cla_reviews,
    "pathway-plan-review": pathway_plan_reviews,
}


def overdue_counts(la: LocalAuthority, now: dt.datetime | None = None) -> dict[str, int]:
    """How many items are overdue under each rule: one count query per rule."""
    now = now or clock.now()
    today = now.astimezone(LONDON).date()
    counts = {name: listing(la, today).count() for name, listing in DATE_LISTS.items()}
    counts["rhi"] = return_interviews(la, now).count()
    return counts
