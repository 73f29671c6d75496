"""Overdue work for a whole council, computed set-based in the database.

Each statutory rule gives a cut-off (``Rule.cutoff``): a trigger before it is overdue today if
the event has not happened. Every list below is therefore one query with a date filter, however
many children there are; nothing is checked child by child in Python. What counts as still to
do under each rule is defined once, in ``due.PENDING``, which the case pages share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from hearth.assessment.models import Assessment
from hearth.care.models import CarePeriod, MissingEpisode
from hearth.core import clock
from hearth.frontdoor.models import Contact
from hearth.leavingcare.models import CareLeaver
from hearth.organisation.models import LocalAuthority
from hearth.protection.models import CPPlan, S47Enquiry
from hearth.timescales.due import BY_RULE
from hearth.timescales.rules import LONDON


def _overdue(name: str, la: LocalAuthority, today: dt.date) -> QuerySet[Any]:
    pending = BY_RULE[name]
    return pending.rows(la).filter(pending.due_before(today))


def contacts_awaiting_decision(la: LocalAuthority, today: dt.date) -> QuerySet[Contact]:
    """Contacts with no front-door decision a working day after they came in."""
    return _overdue("referral-decision", la, today)


def assessments(la: LocalAuthority, today: dt.date) -> QuerySet[Assessment]:
    """Assessments not authorised within 45 working days of the referral."""
    return _overdue("assessment", la, today)


def icpcs(la: LocalAuthority, today: dt.date) -> QuerySet[S47Enquiry]:
    """s47 enquiries with no conference 15 working days after the strategy discussion, unless
    the enquiry concluded that none was needed."""
    return _overdue("icpc", la, today)


def core_groups(la: LocalAuthority, today: dt.date) -> QuerySet[CPPlan]:
    """Open CP plans with no core group 10 working days after the ICPC."""
    return _overdue("core-group", la, today)


def first_cp_reviews(la: LocalAuthority, today: dt.date) -> QuerySet[CPPlan]:
    return _overdue("first-cp-review", la, today)


def cp_reviews(la: LocalAuthority, today: dt.date) -> QuerySet[CPPlan]:
    return _overdue("cp-review", la, today)


def first_cla_reviews(la: LocalAuthority, today: dt.date) -> QuerySet[CarePeriod]:
    return _overdue("first-cla-review", la, today)


def second_cla_reviews(la: LocalAuthority, today: dt.date) -> QuerySet[CarePeriod]:
    return _overdue("second-cla-review", la, today)


def cla_reviews(la: LocalAuthority, today: dt.date) -> QuerySet[CarePeriod]:
    return _overdue("cla-review", la, today)


def pathway_plan_reviews(la: LocalAuthority, today: dt.date) -> QuerySet[CareLeaver]:
    """Care leavers whose last pathway plan (or, with none, whose leaving care) is over six
    months ago."""
    return _overdue("pathway-plan-review", la, today)


def return_interviews(la: LocalAuthority, now: dt.datetime) -> QuerySet[MissingEpisode]:
    """Children back from a missing episode 72 hours ago or more with no interview held."""
    pending = BY_RULE["rhi"]
    return pending.rows(la).filter(pending.overdue(now))


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
