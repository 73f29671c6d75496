"""Single (child and family) assessments: within 45 working days of referral (WT 2023)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from hearth.core import codes
from hearth.core.models import CaseRecord, in_choices, ordered


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted for authorisation"
    AUTHORISED = "authorised", "Authorised"


class Assessment(CaseRecord):
    """CIN census Assessments; Annex A list 4. Completion is the manager's authorisation."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="assessments")
    episode = models.ForeignKey("cin.CINEpisode", on_delete=models.PROTECT,
                                related_name="assessments")
    worker = models.ForeignKey("organisation.Worker", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+")
    start_date = models.DateField()
    child_seen_date = models.DateField(null=True, blank=True)
    internal_review_date = models.DateField(null=True, blank=True)
    completed_date = models.DateField(
        null=True, blank=True, help_text="Submitted by the worker for authorisation."
    )
    authorised_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=AssessmentStatus.choices,
                              default=AssessmentStatus.IN_PROGRESS)
    outcome = models.CharField(max_length=12, choices=codes.AssessmentOutcome.choices, blank=True)
    child_in_need = models.BooleanField(
        null=True, help_text="Assessed as requiring children's social care support (list 4)."
    )

    class Meta:
        constraints = [
            ordered("start_date", "completed_date", "assessment_completed_after_start"),
            ordered("start_date", "authorised_date", "assessment_authorised_after_start"),
            ordered("completed_date", "authorised_date", "assessment_authorised_after_completed"),
            models.CheckConstraint(
                condition=~Q(status="authorised") | Q(authorised_date__isnull=False),
                name="assessment_authorised_has_date",
            ),
            in_choices("status", AssessmentStatus, "assessment_status_valid"),
            in_choices("outcome", codes.AssessmentOutcome, "assessment_outcome_valid",
                       blank=True),
        ]
        indexes = [models.Index(fields=["la", "start_date"]),
                   models.Index(fields=["la", "authorised_date"])]


class AssessmentFactorRecord(CaseRecord):
    """A factor identified at assessment (CIN census AssessmentFactors)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="factors")
    code = models.CharField(max_length=3, choices=codes.AssessmentFactor.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "code"], name="factor_unique"),
            in_choices("code", codes.AssessmentFactor, "factor_code_valid"),
        ]
