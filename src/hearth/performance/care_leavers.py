"""Queries for care leavers: in touch, in education, employment or training, and in suitable
accommodation, for ages 17-18 and 19-21 (903 OC3; DfE "care leavers" statistics; Annex A list 9).

The DfE asks about each care leaver around their birthday in the year. Here the cohort is the
young people with an open care-leaver record at the as-of date whose age then is in the band,
and their answer is the latest status recorded in the 12 months ending on it. A young person
with no status in those 12 months counts in the denominator and not in the numerator, as the
DfE counts "information not known". A care leaver's case is held by their personal adviser, so
the scope follows the adviser's team.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet

from hearth.core.calendar import add_years
from hearth.core.codes import EET_ACTIVITIES, CareLeaverInTouch
from hearth.leavingcare.models import CareLeaver, CareLeaverStatus
from hearth.performance.base import Counts, Rows, Tally
from hearth.performance.scope import Context
from hearth.performance.sql import held_by, latest, open_on


@dataclass(frozen=True)
class Outcomes:
    cohort: int
    in_touch: int
    eet: int
    suitable: int


#: Each outcome as a condition on the latest status in the 12 months (903 OC3).
IN_TOUCH = Q(latest_in_touch=CareLeaverInTouch.YES)
EET = Q(latest_activity__in=sorted(EET_ACTIVITIES))
SUITABLE = Q(latest_suitable=True)


def _leavers(ctx: Context, youngest: int, oldest: int) -> QuerySet[CareLeaver]:
    """Care leavers open at the as-of date aged ``youngest``-``oldest`` then, in the scope, each
    annotated with their latest status in the 12 months."""
    day = ctx.as_of
    statuses = CareLeaverStatus.objects.filter(care_leaver=OuterRef("pk"),
                                               recorded_on__range=ctx.period)
    qs = CareLeaver.objects.filter(
        open_on(day), la=ctx.la,
        child__date_of_birth__lte=add_years(day, -youngest),
        child__date_of_birth__gt=add_years(day, -(oldest + 1)),
    )
    return held_by(ctx, qs, worker="personal_adviser").annotate(
        latest_in_touch=latest(statuses, "in_touch", "recorded_on"),
        latest_activity=latest(statuses, "activity", "recorded_on"),
        latest_suitable=latest(statuses, "accommodation_suitable", "recorded_on"),
    )


def _outcomes(ctx: Context, youngest: int, oldest: int) -> Outcomes:
    totals = _leavers(ctx, youngest, oldest).aggregate(
        cohort=Count("child", distinct=True),
        n_in_touch=Count("child", distinct=True, filter=IN_TOUCH),
        n_eet=Count("child", distinct=True, filter=EET),
        n_suitable=Count("child", distinct=True, filter=SUITABLE),
    )
    return Outcomes(totals["cohort"], totals["n_in_touch"], totals["n_eet"],
                    totals["n_suitable"])


def leaver_rows(youngest: int, oldest: int, outcome: Q) -> Rows:
    """The care leavers of an age band, with ``outcome`` as the numerator, for a drill-down."""

    def rows(ctx: Context) -> Tally:
        return Tally(_leavers(ctx, youngest, oldest), outcome)

    return rows


in_touch_17_18_rows = leaver_rows(17, 18, IN_TOUCH)
eet_17_18_rows = leaver_rows(17, 18, EET)
suitable_accommodation_17_18_rows = leaver_rows(17, 18, SUITABLE)
in_touch_19_21_rows = leaver_rows(19, 21, IN_TOUCH)
eet_19_21_rows = leaver_rows(19, 21, EET)
suitable_accommodation_19_21_rows = leaver_rows(19, 21, SUITABLE)


def _band(ctx: Context, youngest: int, oldest: int) -> Outcomes:
    return ctx.once(("care-leavers", youngest, oldest),
                    lambda: _outcomes(ctx, youngest, oldest))


def in_touch_17_18(ctx: Context) -> Counts:
    """Care leavers aged 17-18, and those in touch with the council (903 OC3 IN_TOUCH YES)."""
    band = _band(ctx, 17, 18)
    return Counts(band.in_touch, band.cohort)


def eet_17_18(ctx: Context) -> Counts:
    """Care leavers aged 17-18, and those in education, employment or training (903 OC3
    ACTIV F1-P5)."""
    band = _band(ctx, 17, 18)
    return Counts(band.eet, band.cohort)


def suitable_accommodation_17_18(ctx: Context) -> Counts:
    """Care leavers aged 17-18, and those in accommodation judged suitable (903 OC3 ACCOM
    suitability 1)."""
    band = _band(ctx, 17, 18)
    return Counts(band.suitable, band.cohort)


def in_touch_19_21(ctx: Context) -> Counts:
    """Care leavers aged 19-21, and those in touch with the council (903 OC3 IN_TOUCH YES)."""
    band = _band(ctx, 19, 21)
    return Counts(band.in_touch, band.cohort)


def eet_19_21(ctx: Context) -> Counts:
    """Care leavers aged 19-21, and those in education, employment or training (903 OC3
    ACTIV F1-P5)."""
    band = _band(ctx, 19, 21)
    return Counts(band.eet, band.cohort)


def suitable_accommodation_19_21(ctx: Context) -> Counts:
    """Care leavers aged 19-21, and those in accommodation judged suitable (903 OC3 ACCOM
    suitability 1)."""
    band = _band(ctx, 19, 21)
    return Counts(band.suitable, band.cohort)
