"""Monthly series of the headline measures, drawn on the server as SVG.

Each point is the measure computed as at a month end by ``measures.compute``, so a chart shows
exactly what the dashboard would have shown on that day (counts of children at the date; flows
over the 12 months ending on it). Charts are specified with Altair (Vega-Lite) and rendered to
SVG by vl-convert in the server process: the page needs no chart library, no script and no CDN.
Every chart is shown beside a table of the same figures for screen-reader users.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import altair as alt
import vl_convert

from hearth.core.calendar import add_months
from hearth.organisation.models import LocalAuthority
from hearth.performance.base import Measure, Result, Unit
from hearth.performance.measures import BY_ID, compute
from hearth.performance.scope import Scope

#: The measures charted month by month: children in need, on CP plans and looked after at each
#: month end, and referrals in the 12 months to it. Measures timed in working days (assessments
#: within 45) build a per-day threshold for each of 12 years of days and cost about ten times
#: as much to chart, so they are left to the table.
HEADLINES: tuple[str, ...] = ("cin_count", "cp_plan_count", "cla_count", "referrals_count")
MONTHS = 12
#: GOV.UK Design System colours: blue for the line, black for text.
LINE_COLOUR = "#1d70b8"
TEXT_COLOUR = "#0b0c0c"


@dataclass(frozen=True)
class Point:
    month_end: dt.date
    result: Result


@dataclass(frozen=True)
class Series:
    measure: Measure
    points: list[Point]

    @property
    def slug(self) -> str:
        return self.measure.id.replace("_", "-")


def month_ends(as_of: dt.date, months: int = MONTHS) -> list[dt.date]:
    """The last day of each of the ``months`` months ending with ``as_of``'s month, oldest
    first; the last point is ``as_of`` itself when it is not a month end (the month so far)."""
    first_of_month = as_of.replace(day=1)
    ends = []
    for back in range(months - 1, 0, -1):
        ends.append(add_months(first_of_month, -back + 1) - dt.timedelta(days=1))
    ends.append(as_of)
    return ends


def series(la: LocalAuthority, scope: Scope, as_of: dt.date,
           ids: tuple[str, ...] = HEADLINES) -> list[Series]:
    """Each headline measure at each month end: one ``compute`` per month end (a fixed number
    of queries: the headline measures' queries, times the months)."""
    measures = tuple(BY_ID[i] for i in ids)
    by_month = [(day, compute(la, day, scope, measures=measures)) for day in month_ends(as_of)]
    return [
        Series(measure, [Point(day, results[index]) for day, results in by_month])
        for index, measure in enumerate(measures)
    ]


def _axis_title(measure: Measure) -> str:
    return {Unit.COUNT: measure.numerator.capitalize(), Unit.PERCENT: "Per cent"}.get(
        measure.unit, measure.unit.value)


def svg(line: Series) -> str:
    """The series as an SVG line chart with an accessible name; its table is on the page."""
    values = [{"month": p.month_end.isoformat(), "value": p.result.value}
              for p in line.points if p.result.value is not None]
    chart = (
        alt.Chart(alt.Data(values=values))  # type: ignore[no-untyped-call]
        .mark_line(point=alt.OverlayMarkDef(color=LINE_COLOUR, size=40), color=LINE_COLOUR)
        .encode(
            x=alt.X("month:T", title="Month end", axis=alt.Axis(format="%b %Y", labelAngle=0,
                                                                 tickCount="month")),
            y=alt.Y("value:Q", title=_axis_title(line.measure),
                    scale=alt.Scale(zero=line.measure.unit is not Unit.PERCENT)),
        )
        .properties(width=560, height=220)
        .configure(font="Arial")
        .configure_axis(labelColor=TEXT_COLOUR, titleColor=TEXT_COLOUR, labelFontSize=12,
                        titleFontSize=13)
    )
    drawn = vl_convert.vegalite_to_svg(chart.to_json())
    label = (f"Line chart: {line.measure.name}, month by month. The figures are in the table "
             "with this chart.")
    return drawn.replace("<svg ", f'<svg role="img" aria-label="{_attr(label)}" '
                         'focusable="false" ', 1)


def _attr(text: str) -> str:
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))
