"""What a dashboard shows for each measure: the figure, how it is made, which way is better,
the local target and the England and statistical-neighbour benchmarks.

Pure presentation of ``measures.compute`` results; the pages group them in the order of a
child's journey, as Ofsted's Annex A does.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hearth.performance.base import Measure, Number, Polarity, Result, Unit
from hearth.performance.models import Benchmark
from hearth.performance.selectors import Benchmarks

#: Sections of a dashboard, by the first measure id of each (catalogue order within).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("contacts_count", "The front door"),
    ("referrals_count", "Referrals and assessments"),
    ("s47_count", "Child protection"),
    ("cla_count", "Children looked after"),
    ("care_leavers_17_18_in_touch_pct", "Care leavers"),
    ("caseload_per_worker", "Workforce and quality"),
)

POLARITY_TEXT = {
    Polarity.HIGHER: "Higher is better",
    Polarity.LOWER: "Lower is better",
    Polarity.NEUTRAL: "Neither higher nor lower is better",
}


def show(value: Number | Decimal | None, unit: Unit) -> str:
    """A value as a person reads it: ``45.2%``, ``67.0 per 10,000``, ``1,234``."""
    if value is None:
        return "No figure"
    number = float(value)
    if unit is Unit.COUNT:
        return f"{round(number):,}"
    text = f"{number:,.1f}"
    if unit is Unit.PERCENT:
        return f"{text}%"
    if unit is Unit.PER_10K:
        return f"{text} per 10,000"
    if unit is Unit.DAYS:
        return f"{text} days"
    return f"{text} per FTE"


def show_count(number: Number | None) -> str:
    if number is None:
        return ""
    if isinstance(number, float) and not number.is_integer():
        return f"{number:,.2f}"
    return f"{round(number):,}"


@dataclass(frozen=True)
class Figure:
    """One measure's row on a dashboard."""

    result: Result
    england: Benchmark | None
    neighbours: Benchmark | None
    #: The drill-down page's address, or why the figure cannot be listed.
    drill_url: str = ""
    not_listed: str = ""

    @property
    def measure(self) -> Measure:
        return self.result.measure

    @property
    def value(self) -> str:
        return show(self.result.value, self.measure.unit)

    @property
    def made_of(self) -> str:
        """``12 of 40 contacts decided``, or the count's own name."""
        r, m = self.result, self.measure
        if r.denominator is None:
            return f"{show_count(r.numerator)} {m.numerator}"
        return (f"{show_count(r.numerator)} {m.numerator}, of {show_count(r.denominator)} "
                f"{m.denominator}")

    @property
    def polarity(self) -> str:
        return POLARITY_TEXT[self.measure.polarity]

    @property
    def target(self) -> str:
        target = self.measure.target
        return show(target, self.measure.unit) if target is not None else ""

    @property
    def drillable(self) -> bool:
        return self.measure.drill is not None

    def benchmark(self, which: Benchmark | None) -> str:
        if which is None:
            return ""
        return f"{show(which.value, self.measure.unit)} ({which.period})"

    @property
    def england_text(self) -> str:
        return self.benchmark(self.england)

    @property
    def neighbours_text(self) -> str:
        return self.benchmark(self.neighbours)

    @property
    def neighbours_illustrative(self) -> bool:
        return self.neighbours is not None and self.neighbours.source.upper().startswith(
            "ILLUSTRATIVE")


@dataclass(frozen=True)
class Section:
    title: str
    figures: list[Figure]

    @property
    def slug(self) -> str:
        return self.title.lower().replace(" ", "-")


def sections(results: list[Result], marks: dict[str, Benchmarks], links: dict[str, str],
             not_listed: dict[str, str]) -> list[Section]:
    """Results in catalogue order, cut into ``SECTIONS``; ``links`` are the drill-down pages
    by measure id, ``not_listed`` why the others have none."""
    starts = dict(SECTIONS)
    out: list[Section] = []
    for result in results:
        title = starts.get(result.measure.id)
        if title is not None or not out:
            out.append(Section(title or "Measures", []))
        mark = marks.get(result.measure.id, Benchmarks())
        out[-1].figures.append(Figure(result, mark.england, mark.neighbours,
                                      links.get(result.measure.id, ""),
                                      not_listed.get(result.measure.id, "")))
    return out
