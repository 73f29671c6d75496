"""Child protection: strategy discussions, s47 enquiries, ICPCs, CP plans, reviews, core groups.

Timescales (WT 2023): ICPC within 15 working days of the strategy discussion that started the
s47 enquiry; first core group within 10 working days of the ICPC; first review within 3 months,
then at most every 6 months.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from hearth.core import codes
from hearth.core.models import CaseRecord, in_choices, one_open, ordered


class StrategyDiscussion(CaseRecord):
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="strategy_discussions")
    episode = models.ForeignKey("cin.CINEpisode", on_delete=models.PROTECT,
                                related_name="strategy_discussions")
    held_on = models.DateField()
    s47_required = models.BooleanField()
    notes = models.TextField(blank=True)


class StrategyAttendee(CaseRecord):
    discussion = models.ForeignKey(StrategyDiscussion, on_delete=models.CASCADE,
                                   related_name="attendees")
    agency = models.CharField(max_length=20, choices=codes.Agency.choices)
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=150, blank=True)

    class Meta:
        constraints = [in_choices("agency", codes.Agency, "strategy_attendee_agency_valid")]


class S47Enquiry(CaseRecord):
    """CIN census Section47; Annex A list 5."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="s47_enquiries")
    episode = models.ForeignKey("cin.CINEpisode", on_delete=models.PROTECT,
                                related_name="s47_enquiries")
    strategy_discussion = models.OneToOneField(StrategyDiscussion, on_delete=models.PROTECT,
                                               related_name="s47_enquiry")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    icpc_required = models.BooleanField(
        null=True, help_text="Outcome: conference needed (CIN ICPCnotRequired is the inverse)."
    )

    class Meta:
        verbose_name = "s47 enquiry"
        verbose_name_plural = "s47 enquiries"
        constraints = [
            ordered("start_date", "end_date", "s47_dates_ordered"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(icpc_required__isnull=False),
                name="s47_ended_has_outcome",
            ),
        ]
        indexes = [models.Index(fields=["la", "start_date"])]


class ICPC(CaseRecord):
    """Initial child protection conference, always following an s47 enquiry."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="icpcs")
    s47 = models.OneToOneField(S47Enquiry, on_delete=models.PROTECT, related_name="icpc")
    held_on = models.DateField()
    plan_required = models.BooleanField()
    chair = models.ForeignKey(
        "organisation.Worker", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", help_text="The CP chair (WT 2023 ch.2: an independent chair).",
    )

    class Meta:
        verbose_name = "ICPC"
        indexes = [models.Index(fields=["la", "held_on"])]


class CPPlan(CaseRecord):
    """A child protection plan (CIN census ChildProtectionPlans; Annex A list 7)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="cp_plans")
    episode = models.ForeignKey("cin.CINEpisode", on_delete=models.PROTECT,
                                related_name="cp_plans")
    icpc = models.OneToOneField(ICPC, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="cp_plan")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    initial_category = models.CharField(max_length=3, choices=codes.CategoryOfAbuse.choices)
    latest_category = models.CharField(max_length=3, choices=codes.CategoryOfAbuse.choices)
    end_reason = models.CharField(max_length=100, blank=True)
    previous_plans_unrecorded = models.PositiveSmallIntegerField(
        default=0,
        help_text="Earlier CP plans Hearth holds no record of (in another LA, or before its "
                  "records begin); the CIN census NumberOfPreviousCPP counts them too.",
    )

    class Meta:
        verbose_name = "CP plan"
        constraints = [
            ordered("start_date", "end_date", "cp_plan_dates_ordered"),
            one_open("child", "cp_plan_one_open_per_child"),
            in_choices("initial_category", codes.CategoryOfAbuse, "cp_initial_category_valid"),
            in_choices("latest_category", codes.CategoryOfAbuse, "cp_latest_category_valid"),
        ]
        indexes = [models.Index(fields=["la", "start_date"]),
                   models.Index(fields=["la", "end_date"])]


class CPReview(CaseRecord):
    """A review child protection conference."""

    plan = models.ForeignKey(CPPlan, on_delete=models.CASCADE, related_name="reviews")
    review_date = models.DateField()
    chair = models.ForeignKey(
        "organisation.Worker", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", help_text="The CP chair who chaired this review conference.",
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "review_date"],
                                               name="cp_review_once_a_day")]


class CoreGroup(CaseRecord):
    plan = models.ForeignKey(CPPlan, on_delete=models.CASCADE, related_name="core_groups")
    held_on = models.DateField()


