"""Early help: episodes coordinated by the LA, their assessments (Annex A list 2), step up/down."""

from __future__ import annotations

from django.db import models

from hearth.core.models import CaseRecord, ordered


class EarlyHelpEpisode(CaseRecord):
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="early_help_episodes")
    contact = models.ForeignKey("frontdoor.Contact", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="early_help_episodes")
    stepped_down_from = models.ForeignKey("cin.CINEpisode", on_delete=models.PROTECT, null=True,
                                          blank=True, related_name="step_downs")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)
    end_reason = models.CharField(max_length=100, blank=True)
    organisation = models.CharField(max_length=150, blank=True)
    worker = models.ForeignKey("organisation.Worker", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+")

    class Meta:
        constraints = [ordered("start_date", "end_date", "eh_episode_dates_ordered")]


class EarlyHelpAssessment(CaseRecord):
    episode = models.ForeignKey(EarlyHelpEpisode, on_delete=models.CASCADE,
                                related_name="assessments")
    start_date = models.DateField()
    completion_date = models.DateField(null=True, blank=True)
    organisation = models.CharField(max_length=150)

    class Meta:
        constraints = [ordered("start_date", "completion_date", "eh_assessment_dates_ordered")]
