"""Yearly flows and 31 March stocks, to compare a council with the England rates.

Flows count events in the year 1 April to 31 March; stocks count children with an open episode,
plan or period of care at the end of 31 March. Each figure is the performance measure of the
same name (``hearth.performance``), so the summary and the dashboards cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from hearth.core import clock
from hearth.frontdoor.models import Contact
from hearth.organisation.models import LocalAuthority
from hearth.performance.measures import MEASURES, compute

LONDON = ZoneInfo("Europe/London")


def complete_years(records_from: dt.date, last_day: dt.date) -> list[int]:
    """Years Y whose 1 April Y-1 to 31 March Y lies within the records."""
    first = records_from.year + (1 if records_from > dt.date(records_from.year, 4, 1) else 0)
    last = last_day.year if last_day >= dt.date(last_day.year, 3, 31) else last_day.year - 1
    return list(range(first + 1, last + 1))


#: Each figure of the summary and the performance measure it is: one definition serves both.
FIGURES: dict[str, tuple[str, str]] = {
    "contacts": ("contacts_count", "numerator"),
    "referrals": ("referrals_count", "numerator"),
    "rereferral_pct": ("rereferral_12m_pct", "value"),
    "assessments": ("assessments_count", "numerator"),
    "s47": ("s47_count", "numerator"),
    "icpc": ("icpc_count", "numerator"),
    "cin_at_end": ("cin_count", "numerator"),
    "cp_at_end": ("cp_plan_count", "numerator"),
    "cla_at_end": ("cla_count", "numerator"),
}
_MEASURES = tuple(m for m in MEASURES if m.id in {measure for measure, _ in FIGURES.values()})


def year_figures(la: LocalAuthority, year: int) -> dict[str, Any]:
    """The year ending 31 March ``year``: the measures' flows over it and stocks at its end."""
    last = dt.date(year, 3, 31)
    shown = {r.measure.id: r.as_dict() for r in compute(la, last, measures=_MEASURES)}
    figures: dict[str, Any] = {"year_ending": last.isoformat()}
    for name, (measure, part) in FIGURES.items():
        value = shown[measure][part]
        figures[name] = 0.0 if value is None and part == "value" else value
    return figures


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
