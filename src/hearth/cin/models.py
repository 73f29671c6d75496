"""The CIN episode, spine of statutory involvement (CIN census CINdetails), and CIN plans.

An episode runs from the referral date to the closure date. One child has at most one open
episode, and a child's episodes never overlap.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from hearth.core import codes
from hearth.core.models import CaseRecord, in_choices, one_open, ordered


class CINEpisode(CaseRecord):
    """A referral and the episode of need it opens (SSD ``ssd_cin_episodes``)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="cin_episodes")
    contact = models.OneToOneField("frontdoor.Contact", on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="referral")
    referral_date = models.DateField()
    referral_source = models.CharField(max_length=2, choices=codes.ReferralSource.choices)
    referral_nfa = models.BooleanField(
        "referral NFA", default=False, help_text="No further action at the referral itself."
    )
    primary_need = models.CharField(max_length=2, choices=codes.PrimaryNeed.choices, blank=True)
    closure_date = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=3, choices=codes.CINClosureReason.choices,
                                      blank=True)
    team = models.ForeignKey("organisation.Team", on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+")

    class Meta:
        verbose_name = "CIN episode"
        constraints = [
            ordered("referral_date", "closure_date", "cin_episode_dates_ordered"),
            one_open("child", "cin_episode_one_open_per_child", end="closure_date"),
            models.CheckConstraint(
                condition=(Q(closure_date__isnull=True) & Q(closure_reason=""))
                | (Q(closure_date__isnull=False) & ~Q(closure_reason="")),
                name="cin_episode_closure_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(referral_nfa=False)
                | (Q(closure_date__isnull=False) & Q(closure_date=F("referral_date"))),
                name="cin_episode_nfa_closes_on_referral_day",
            ),
            in_choices("referral_source", codes.ReferralSource, "cin_referral_source_valid"),
            in_choices("primary_need", codes.PrimaryNeed, "cin_primary_need_valid", blank=True),
            in_choices("closure_reason", codes.CINClosureReason, "cin_closure_reason_valid",
                       blank=True),
        ]
        indexes = [models.Index(fields=["la", "referral_date"]),
                   models.Index(fields=["la", "closure_date"])]


class CINPlan(CaseRecord):
    """A child-in-need plan within an episode (CIN census CINPlanDates)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="cin_plans")
    episode = models.ForeignKey(CINEpisode, on_delete=models.PROTECT, related_name="cin_plans")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "CIN plan"
        constraints = [
            ordered("start_date", "end_date", "cin_plan_dates_ordered"),
            one_open("child", "cin_plan_one_open_per_child"),
        ]


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "No longer needed"


class CINPlanAction(CaseRecord):
    """A SMART action on a CIN plan: who does what by when."""

    plan = models.ForeignKey(CINPlan, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.CharField(max_length=150, help_text="Who is responsible (person or agency).")
    due_date = models.DateField()
    status = models.CharField(max_length=12, choices=ActionStatus.choices,
                              default=ActionStatus.NOT_STARTED)
    completed_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [in_choices("status", ActionStatus, "cin_action_status_valid")]


class CINPlanReview(CaseRecord):
    plan = models.ForeignKey(CINPlan, on_delete=models.CASCADE, related_name="reviews")
    review_date = models.DateField()
