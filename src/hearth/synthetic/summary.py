"""Yearly flows and 31 March stocks, to compare a council with the England rates.

Flows count events in the year 1 April to 31 March; stocks count children with an open episode,
plan or period of care at the end of 31 March. Every figure is one aggregate query.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Q

from hearth.assessment.models import Assessment
from hearth.care.models import CarePeriod
from hearth.cin.models import CINEpisode
from hearth.core import clock
from hearth.frontdoor.models import Contact
from hearth.organisation.models import LocalAuthority
from hearth.protection.models import ICPC, CPPlan, S47Enquiry

LONDON = ZoneInfo("Europe/London")


def complete_years(records_from: dt.date, last_day: dt.date) -> list[int]:
    """Years Y whose 1 April Y-1 to 31 March Y lies within the records."""
    first = records_from.year + (1 if records_from > dt.date(records_from.year, 4, 1) else 0)
    last = last_day.year if last_day >= dt.date(last_day.year, 3, 31) else last_day.year - 1
    return list(range(first + 1, last + 1))


def _open_on(model: Any, la: LocalAuthority, day: dt.date, start: str, end: str) -> int:
    return int(model.objects.filter(**{"la": la, f"{start}__lte": day})
               .filter(Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": day}))
               .values("child").distinct().count())


def year_figures(la: LocalAuthority, year: int) -> dict[str, Any]:
    first, last = dt.date(year - 1, 4, 1), dt.date(year, 3, 31)
    since = dt.datetime(first.year, first.month, first.day, tzinfo=LONDON)
    until = dt.datetime(year, 4, 1, tzinfo=LONDON)
    referrals = CINEpisode.objects.filter(la=la, referral_date__range=(first, last))
    earlier = CINEpisode.objects.filter(
        child=OuterRef("child"), referral_date__lt=OuterRef("referral_date"),
        referral_date__gte=OuterRef("referral_date") - dt.timedelta(days=365),
    )
    n_referrals = referrals.count()
    n_re = referrals.filter(Exists(earlier)).count()
    return {
        "year_ending": last.isoformat(),
        "contacts": Contact.objects.filter(la=la, received_at__gte=since,
                                           received_at__lt=until).count(),
        "referrals": n_referrals,
        "rereferral_pct": round(100 * n_re / n_referrals, 1) if n_referrals else 0.0,
        "assessments": Assessment.objects.filter(la=la,
                                                 authorised_date__range=(first, last)).count(),
        "s47": S47Enquiry.objects.filter(la=la, start_date__range=(first, last)).count(),
        "icpc": ICPC.objects.filter(la=la, held_on__range=(first, last)).count(),
        "cin_at_end": _open_on(CINEpisode, la, last, "referral_date", "closure_date"),
        "cp_at_end": _open_on(CPPlan, la, last, "start_date", "end_date"),
        "cla_at_end": _open_on(CarePeriod, la, last, "start_date", "end_date"),
    }


def summary(la: LocalAuthority, last_day: dt.date | None = None) -> dict[str, Any]:
    """The council's figures for every complete year of its records."""
    if last_day is None:
        latest = Contact.objects.filter(la=la).order_by("-received_at").values_list(
            "received_at", flat=True).first()
        last_day = latest.astimezone(LONDON).date() if latest else clock.today()
    records_from = la.records_from or dt.date(last_day.year - 1, 4, 1)
    return {
        "children": la.child_population,
        "years": [year_figures(la, y) for y in complete_years(records_from, last_day)],
    }
