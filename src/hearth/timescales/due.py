"""Work still to do under each statutory timescale, and when it falls due.

Each ``Pending`` names a rule (``rules.RULES``) and the open records it applies to, annotated
with ``trigger``: the date (or moment) that started the clock. ``overdue`` filters these rows by
the rule's cut-off, and the case pages ask ``due_items`` for one child or a caseload. Due dates
come only from ``Rule.due`` / ``Rule.due_at``; which band an item is in (overdue, due this week,
later) is worked out in the database from the same cut-offs, so a caseload costs one query per
rule however many children it holds, and nothing is checked child by child in Python.

"This week" runs from today to the coming Sunday (a Sunday's week is that day alone).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Max, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from hearth.assessment.models import Assessment
from hearth.care.models import CarePeriod, MissingEpisode
from hearth.frontdoor.models import Contact
from hearth.leavingcare.models import CareLeaver
from hearth.organisation.models import LocalAuthority
from hearth.protection.models import CPPlan, S47Enquiry
from hearth.timescales.rules import LONDON, Rule, rule


class Band(IntEnum):
    """Where a due date falls, most urgent first (the order pages list them in)."""

    OVERDUE = 0
    THIS_WEEK = 1
    LATER = 2


def start_of(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in Europe/London."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=LONDON)


def week_end(today: dt.date) -> dt.date:
    """The Sunday that ends ``today``'s week."""
    return today + dt.timedelta(days=6 - today.weekday())


@dataclass(frozen=True)
class Pending:
    """Records awaiting the event a rule times, with the date that started its clock.

    ``trigger_moment`` marks rows whose trigger is a date-time: a contact received at 16:55
    starts a working-day clock on its London date; the RHI's 72 hours run from the moment.
    """

    rule_name: str
    label: str
    rows: Callable[[LocalAuthority | int], QuerySet[Any]]
    trigger_moment: bool = False

    @property
    def rule(self) -> Rule:
        return rule(self.rule_name)

    def due_before(self, day: dt.date) -> Q:
        """Rows due before ``day`` (so not on it): overdue on ``day`` if not yet done."""
        if self.rule.timed:
            return Q(trigger__lt=start_of(day) - dt.timedelta(hours=self.rule.amount))
        cut = self.rule.cutoff(day)
        return Q(trigger__lt=start_of(cut)) if self.trigger_moment else Q(trigger__lt=cut)

    def overdue(self, now: dt.datetime) -> Q:
        """Rows overdue at ``now``: due before today, or for an hours rule, due by now."""
        if self.rule.timed:
            return Q(trigger__lte=now - dt.timedelta(hours=self.rule.amount))
        return self.due_before(now.astimezone(LONDON).date())

    def due(self, trigger: dt.date | dt.datetime) -> dt.date:
        """The due date of a row (for an hours rule, the London date of its due moment)."""
        if self.rule.timed:
            assert isinstance(trigger, dt.datetime)
            return self.rule.due_at(trigger).date()
        if isinstance(trigger, dt.datetime):
            trigger = trigger.astimezone(LONDON).date()
        return self.rule.due(trigger)

    def band(self, now: dt.datetime) -> Case:
        """The row's ``Band`` at ``now`` as a database expression, from the rule's cut-offs."""
        today = now.astimezone(LONDON).date()
        return Case(
            When(self.overdue(now), then=Value(int(Band.OVERDUE))),
            When(self.due_before(week_end(today) + dt.timedelta(days=1)),
                 then=Value(int(Band.THIS_WEEK))),
            default=Value(int(Band.LATER)),
            output_field=IntegerField(),
        )


def _open_plans(la: LocalAuthority | int) -> QuerySet[CPPlan]:
    return CPPlan.objects.filter(la=la, end_date__isnull=True)


def _open_periods(la: LocalAuthority | int) -> QuerySet[CarePeriod]:
    return CarePeriod.objects.filter(la=la, end_date__isnull=True)


def _reviewed_periods(la: LocalAuthority | int, reviews: Q) -> QuerySet[CarePeriod]:
    """Open periods with at least one review, ``reviews`` filtering on their ``review_count``."""
    return _open_periods(la).annotate(review_count=Count("reviews"),
                                      trigger=Max("reviews__review_date")).filter(reviews)


PENDING: tuple[Pending, ...] = (
    Pending("referral-decision", "Front-door decision on the contact",
            lambda la: Contact.objects.filter(la=la, decision="").annotate(
                trigger=F("received_at")), trigger_moment=True),
    Pending("assessment", "Assessment to complete and authorise",
            lambda la: Assessment.objects.filter(la=la, authorised_date__isnull=True).annotate(
                trigger=F("episode__referral_date"))),
    Pending("icpc", "Initial child protection conference",
            lambda la: S47Enquiry.objects.filter(la=la, icpc__isnull=True).exclude(
                icpc_required=False).annotate(trigger=F("strategy_discussion__held_on"))),
    Pending("core-group", "First core group meeting",
            lambda la: _open_plans(la).filter(core_groups__isnull=True).annotate(
                trigger=F("start_date"))),
    Pending("first-cp-review", "First child protection review conference",
            lambda la: _open_plans(la).filter(reviews__isnull=True).annotate(
                trigger=F("start_date"))),
    Pending("cp-review", "Child protection review conference",
            lambda la: _open_plans(la).annotate(trigger=Max("reviews__review_date")).filter(
                trigger__isnull=False)),
    Pending("first-cla-review", "First looked-after review",
            lambda la: _open_periods(la).filter(reviews__isnull=True).annotate(
                trigger=F("start_date"))),
    Pending("second-cla-review", "Second looked-after review",
            lambda la: _reviewed_periods(la, Q(review_count=1))),
    Pending("cla-review", "Looked-after review",
            lambda la: _reviewed_periods(la, Q(review_count__gte=2))),
    Pending("pathway-plan-review", "Pathway plan review",
            lambda la: CareLeaver.objects.filter(la=la, end_date__isnull=True).annotate(
                trigger=Coalesce(Max("pathway_plans__plan_date"), "start_date"))),
    Pending("rhi", "Return home interview",
            lambda la: MissingEpisode.objects.filter(la=la, returned_at__isnull=False).filter(
                Q(return_interview__isnull=True) | Q(return_interview__held_at__isnull=True)
            ).annotate(trigger=F("returned_at"))),
)

BY_RULE: dict[str, Pending] = {pending.rule_name: pending for pending in PENDING}


@dataclass(frozen=True)
class DueItem:
    """One piece of statutory work not yet done for a child."""

    child_id: int
    rule_name: str
    label: str
    trigger: dt.date | dt.datetime
    due: dt.date
    band: Band
    source: str

    @property
    def overdue(self) -> bool:
        return self.band is Band.OVERDUE


def due_items(la: LocalAuthority | int, children: QuerySet[Any] | Iterable[int],
              now: dt.datetime) -> list[DueItem]:
    """Every item of work still to do for ``children`` (a queryset or ids), soonest due first.

    One query per rule, whatever the number of children; ``band`` comes from the database.
    """
    items: list[DueItem] = []
    for pending in PENDING:
        rows = pending.rows(la).filter(child__in=children).annotate(
            band=pending.band(now)).values_list("child_id", "trigger", "band")
        items.extend(
            DueItem(child_id=child_id, rule_name=pending.rule_name, label=pending.label,
                    trigger=trigger, due=pending.due(trigger), band=Band(band),
                    source=pending.rule.source)
            for child_id, trigger, band in rows
        )
    items.sort(key=lambda item: (item.due, item.band, item.rule_name, item.child_id))
    return items
