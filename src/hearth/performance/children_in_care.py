"""Queries for children looked after: numbers, stability, reviews, visits, health, missing
episodes, unaccompanied children and adoption.

Definitions follow the DfE "Children looked after in England" statistics (the SSDA903 return),
Ofsted's Annex A list 8 and the Care Planning, Placement and Case Review (England) Regulations
2010 (CPPCR). Each query is one aggregate query for a context; where its numerator is a set
of children or events, it counts the records its ``*_rows`` function selects, and the
dashboards list those same records.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)

from hearth.care.models import CarePeriod, CLAReview, HealthCheck, MissingEpisode, Placement
from hearth.core.calendar import add_months, add_years
from hearth.core.codes import ADOPTION_PLACEMENTS, HealthCheckKind, VisitKind
from hearth.people.models import UASCStatus
from hearth.performance.base import (
    Counts,
    Tally,
    children,
    children_ratio,
    count,
    ratio,
)
from hearth.performance.scope import Context
from hearth.performance.sql import (
    allocated,
    count_of,
    exists,
    flag,
    latest,
    local_day,
    max_of,
    open_on,
)
from hearth.practice.models import Visit
from hearth.timescales.rules import rule

#: Foster placements intended to last until the child is 18 (903 U1, U4): after their first
#: year, statutory visits may be three-monthly (CPPCR reg 28(2)(c)).
LONG_TERM_PLACEMENTS = ("U1", "U4")
#: Ceased care by adoption (903 REC E11, E12).
ADOPTED = ("E11", "E12")
#: Health assessments that count for a looked-after child (903 OC2 HEALTH_CHECK).
HEALTH_ASSESSMENTS = (HealthCheckKind.INITIAL, HealthCheckKind.REVIEW)


def _periods_at(ctx: Context) -> QuerySet[CarePeriod]:
    """Periods of care open at the end of the as-of date, in the scope."""
    return allocated(ctx, CarePeriod.objects.filter(open_on(ctx.as_of), la=ctx.la),
                     day=ctx.as_of)


def looked_after_rows(ctx: Context) -> Tally:
    """Periods of care open at the end of the as-of date (DfE "children looked after at
    31 March"; Annex A list 8)."""
    return Tally(_periods_at(ctx))


def looked_after(ctx: Context) -> Counts:
    """Children looked after at the as-of date: a period of care open at the end of the day (DfE
    "children looked after at 31 March"; Annex A list 8)."""
    return children(looked_after_rows(ctx))


def started_care_rows(ctx: Context) -> Tally:
    """Periods of care that started in the period (DfE "children who started to be looked
    after during the year"; a child who starts twice counts twice)."""
    qs = CarePeriod.objects.filter(la=ctx.la, start_date__range=ctx.period)
    return Tally(allocated(ctx, qs, day="start_date"))


def started_care(ctx: Context) -> Counts:
    """Periods of care that started in the period, counted (``started_care_rows``)."""
    return count(started_care_rows(ctx))


def ceased_care_rows(ctx: Context) -> Tally:
    """Periods of care that ended in the period (DfE "children who ceased to be looked after
    during the year")."""
    qs = CarePeriod.objects.filter(la=ctx.la, end_date__range=ctx.period)
    return Tally(allocated(ctx, qs, day="end_date"))


def ceased_care(ctx: Context) -> Counts:
    """Periods of care that ended in the period, counted (``ceased_care_rows``)."""
    return count(ceased_care_rows(ctx))


def unaccompanied_rows(ctx: Context) -> Tally:
    """Periods of care open at the as-of date of unaccompanied asylum-seeking children (DfE
    "UASC looked after at 31 March"; 903 UASC table, status open at the date)."""
    status = UASCStatus.objects.filter(open_on(ctx.as_of), child=OuterRef("child"))
    return Tally(_periods_at(ctx).filter(exists(status)))


def unaccompanied(ctx: Context) -> Counts:
    """Unaccompanied asylum-seeking children looked after at the as-of date, counted once each
    (``unaccompanied_rows``)."""
    return children(unaccompanied_rows(ctx))


def three_or_more_placement_rows(ctx: Context) -> Tally:
    """Periods of care open at the as-of date; the numerator, children who had three or more
    placements in the 12 months ending on it (DfE "placement stability: 3 or more placements
    during the year"). Every placement open on any day of the year counts, whichever period it
    was in."""
    in_year = Placement.objects.filter(child=OuterRef("child"), start_date__lte=ctx.as_of).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=ctx.start))
    qs = _periods_at(ctx).annotate(placements_in_year=count_of(in_year))
    return Tally(qs, Q(placements_in_year__gte=3))


def three_or_more_placements(ctx: Context) -> Counts:
    """Children looked after at the as-of date, and those who had three or more placements in
    the 12 months ending on it (``three_or_more_placement_rows``)."""
    return children_ratio(three_or_more_placement_rows(ctx))


def _current_placement(field: str, ctx: Context) -> Subquery:
    return latest(Placement.objects.filter(open_on(ctx.as_of), child=OuterRef("child")), field,
                  "start_date")


def long_term_stability_rows(ctx: Context) -> Tally:
    """Periods of care of children under 16 looked after for at least 2 and a half years; the
    numerator, those in the same placement for at least 2 years (DfE "long-term placement
    stability"; the DfE also counts an adoption placement together with the placement before
    it, which is not done here)."""
    qs = _periods_at(ctx).filter(child__date_of_birth__gt=add_years(ctx.as_of, -16),
                                 start_date__lte=add_months(ctx.as_of, -30))
    qs = qs.annotate(placed=_current_placement("start_date", ctx))
    return Tally(qs, Q(placed__lte=add_years(ctx.as_of, -2)))


def long_term_stability(ctx: Context) -> Counts:
    """Children under 16 looked after for at least 2 and a half years, and those of them in the
    same placement for at least 2 years (``long_term_stability_rows``)."""
    return children_ratio(long_term_stability_rows(ctx))


def review_rows(ctx: Context) -> Tally:
    """Periods of care open at the as-of date; the numerator, children whose statutory reviews
    are up to date: the first
    within 20 working days of becoming looked after, the second within 3 months of the first,
    later ones within 6 months (CPPCR reg 33; ``rule("first-cla-review")`` and the next two)."""
    day = ctx.as_of
    held = CLAReview.objects.filter(period=OuterRef("pk"), review_date__lte=day)
    qs = _periods_at(ctx).annotate(reviews_held=count_of(held),
                                   last_review=max_of(held, "review_date"))
    up_to_date = (
        Q(reviews_held=0, start_date__gte=rule("first-cla-review").cutoff(day))
        | Q(reviews_held=1, last_review__gte=rule("second-cla-review").cutoff(day))
        | Q(reviews_held__gte=2, last_review__gte=rule("cla-review").cutoff(day))
    )
    return Tally(qs.annotate(up_to_date=flag(up_to_date)), Q(up_to_date=True))


def reviews_in_time(ctx: Context) -> Counts:
    """Children looked after at the as-of date, and those whose statutory reviews are up to date
    (CPPCR reg 33; ``review_rows``)."""
    return children_ratio(review_rows(ctx))


def visit_rows(ctx: Context) -> Tally:
    """Periods of care open at the as-of date; the numerator, children whose statutory visits
    are up to date: a visit
    within a week of the start of the current placement, then at most 6 weeks apart (3 months
    after the first year of a long-term placement) (CPPCR reg 28(2); ``rule("cla-visit")``)."""
    day = ctx.as_of
    qs = _periods_at(ctx).annotate(placed=_current_placement("start_date", ctx),
                                   placement_type=_current_placement("placement_type", ctx))

    def visited_since(cutoff: dt.date) -> Q:
        return exists(Visit.objects.filter(
            child=OuterRef("child"), kind=VisitKind.CLA, visit_date__lte=day,
            visit_date__gte=cutoff).filter(visit_date__gte=OuterRef("placed")))

    long_term = Q(placement_type__in=LONG_TERM_PLACEMENTS, placed__lte=add_years(day, -1))
    up_to_date = (
        Q(placed__gte=rule("first-cla-visit").cutoff(day))
        | visited_since(rule("cla-visit").cutoff(day))
        | (long_term & visited_since(rule("cla-visit-long-term").cutoff(day)))
    )
    return Tally(qs.annotate(up_to_date=flag(up_to_date)), Q(up_to_date=True))


def visits_in_time(ctx: Context) -> Counts:
    """Children looked after at the as-of date, and those whose statutory visits are up to date
    (CPPCR reg 28(2); ``visit_rows``)."""
    return children_ratio(visit_rows(ctx))


def health_assessment_rows(ctx: Context) -> Tally:
    """Periods of care open at the as-of date of children looked after continuously for 12
    months or more; the numerator, children whose health assessment is up to date: within 6
    months if under 5, 12 months otherwise (903 OC2 "health assessment up to date"; CPPCR
    reg 7; ``rule("review-health-assessment")``)."""
    day = ctx.as_of

    def assessed_since(cutoff: dt.date) -> Q:
        return exists(HealthCheck.objects.filter(
            child=OuterRef("child"), kind__in=HEALTH_ASSESSMENTS, check_date__lte=day,
            check_date__gte=cutoff))

    under_5 = Q(child__date_of_birth__gt=add_years(day, -5))
    up_to_date = (
        (under_5 & assessed_since(rule("review-health-assessment-under-5").cutoff(day)))
        | (~under_5 & assessed_since(rule("review-health-assessment").cutoff(day)))
    )
    qs = _periods_at(ctx).filter(start_date__lte=add_years(day, -1))
    return Tally(qs.annotate(up_to_date=flag(up_to_date)), Q(up_to_date=True))


def health_assessments_in_time(ctx: Context) -> Counts:
    """Children looked after continuously for 12 months or more at the as-of date, and those
    whose health assessment is up to date (903 OC2; CPPCR reg 7; ``health_assessment_rows``)."""
    return children_ratio(health_assessment_rows(ctx))


def missing_rows(ctx: Context) -> Tally:
    """Missing or away-without-authorisation episodes that began in the period (903 Missing
    table; DfE "missing incidents")."""
    qs = MissingEpisode.objects.filter(la=ctx.la, started_at__gte=ctx.since,
                                       started_at__lt=ctx.until)
    return Tally(allocated(ctx, qs.annotate(event_day=local_day("started_at")),
                           day="event_day"))


def missing_episodes(ctx: Context) -> Counts:
    """Missing episodes that began in the period, counted (``missing_rows``)."""
    return count(missing_rows(ctx))


def return_interview_rows(ctx: Context) -> Tally:
    """Returns from a missing episode in the period; the numerator, those followed by a return
    home interview within 72 hours (DfE statutory guidance on children who run away or go
    missing, 2014; ``rule("rhi")``)."""
    # Elapsed hours, as Rule.due_at counts them: the database adds the same interval to the
    # time-zone-aware return time, so a change of the clocks is respected.
    start = ctx.since
    window = rule("rhi").due_at(start) - start
    qs = MissingEpisode.objects.filter(la=ctx.la, returned_at__gte=ctx.since,
                                       returned_at__lt=ctx.until)
    qs = allocated(ctx, qs.annotate(event_day=local_day("returned_at")), day="event_day")
    return Tally(qs, Q(return_interview__held_at__lte=F("returned_at") + window))


def return_interviews_in_time(ctx: Context) -> Counts:
    """Returns from a missing episode in the period, and those followed by a return home
    interview within 72 hours (``return_interview_rows``)."""
    return ratio(return_interview_rows(ctx))


def adoption_timeliness(ctx: Context) -> Counts:
    """Children adopted in the period, and the total days from entering care to moving in with
    their adoptive family; the value is the average (adoption scorecard A1; Annex A list 10).
    Adopted children with no adoption placement recorded are left out."""
    placed = Subquery(Placement.objects.filter(
        period=OuterRef("pk"), placement_type__in=ADOPTION_PLACEMENTS,
    ).order_by("start_date", "pk").values("start_date")[:1])
    qs = CarePeriod.objects.filter(la=ctx.la, end_date__range=ctx.period,
                                   reason_ceased__in=ADOPTED)
    qs = allocated(ctx, qs, day="end_date").annotate(placed=placed).filter(placed__isnull=False)
    waited = ExpressionWrapper(F("placed") - F("start_date"), output_field=DurationField())
    totals = qs.aggregate(n=Count("pk"), waited=Sum(waited))
    days = totals["waited"].days if totals["waited"] is not None else 0
    return Counts(days, totals["n"])
