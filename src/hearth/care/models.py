"""Children in care: periods of care, effective-dated legal statuses and placements, reviews,
health, missing episodes and return-home interviews, permanence.

SSDA903 episodes are *derived* from legal statuses and placements (a new episode whenever either
changes) and never stored. Periods, placements and legal statuses of one child never overlap:
the database refuses it (``core.db.NoOverlap``). Regulations: Care Planning, Placement and Case
Review (England) Regulations 2010 (SI 2010/959).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from hearth.core import codes
from hearth.core.models import CaseRecord, in_choices, one_open, ordered


class CarePeriod(CaseRecord):
    """A period of being looked after, from the start of care to the day it ceased."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="care_periods")
    episode = models.ForeignKey("cin.CINEpisode", on_delete=models.PROTECT,
                                related_name="care_periods")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    reason_ceased = models.CharField(max_length=3, choices=codes.ReasonEpisodeCeased.choices,
                                     blank=True)
    category_of_need = models.CharField(max_length=2, choices=codes.PrimaryNeed.choices)
    permanence_plan = models.CharField(max_length=20, choices=codes.PermanencePlan.choices,
                                       blank=True)

    class Meta:
        constraints = [
            ordered("start_date", "end_date", "care_period_dates_ordered"),
            one_open("child", "care_period_one_open_per_child"),
            models.CheckConstraint(
                condition=(Q(end_date__isnull=True) & Q(reason_ceased=""))
                | (Q(end_date__isnull=False) & Q(reason_ceased__in=codes.REASONS_CARE_ENDED)),
                name="care_period_end_has_reason",
            ),
            models.CheckConstraint(condition=Q(category_of_need__in=codes.CATEGORY_OF_NEED_903),
                                   name="care_period_need_n1_to_n8"),
            in_choices("permanence_plan", codes.PermanencePlan, "care_permanence_plan_valid",
                       blank=True),
        ]
        indexes = [models.Index(fields=["la", "start_date"]),
                   models.Index(fields=["la", "end_date"])]


class LegalStatusRecord(CaseRecord):
    """A legal status held from ``start_date`` until ``end_date`` (exclusive) within a period."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="legal_statuses")
    period = models.ForeignKey(CarePeriod, on_delete=models.CASCADE,
                               related_name="legal_statuses")
    code = models.CharField(max_length=2, choices=codes.LegalStatus.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "legal status"
        constraints = [
            ordered("start_date", "end_date", "legal_status_dates_ordered"),
            one_open("child", "legal_status_one_open_per_child"),
            in_choices("code", codes.LegalStatus, "legal_status_code_valid"),
        ]


class Placement(CaseRecord):
    """Where a looked-after child lives, from ``start_date`` until ``end_date`` (exclusive)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="placements")
    period = models.ForeignKey(CarePeriod, on_delete=models.CASCADE, related_name="placements")
    placement_type = models.CharField(max_length=3, choices=codes.PlacementType.choices)
    provider = models.CharField(max_length=3, choices=codes.PlacementProvider.choices, blank=True)
    carer_ref = models.CharField(
        max_length=20, blank=True,
        help_text="Identifies the carer(s): a move with the same carers is 903 RNE T, not P.",
    )
    postcode = models.CharField(max_length=8, blank=True)
    location_la = models.CharField(
        "LA of placement", max_length=9, blank=True, help_text="ONS code of the placement's LA."
    )
    urn = models.CharField("Ofsted URN", max_length=8, blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(
        max_length=6, choices=codes.ReasonPlacementChange.choices, blank=True,
        help_text="903 REASON_PLACE_CHANGE when the child moved on to another placement.",
    )

    class Meta:
        constraints = [
            ordered("start_date", "end_date", "placement_dates_ordered"),
            one_open("child", "placement_one_open_per_child"),
            in_choices("placement_type", codes.PlacementType, "placement_type_valid"),
            in_choices("provider", codes.PlacementProvider, "placement_provider_valid",
                       blank=True),
            in_choices("end_reason", codes.ReasonPlacementChange, "placement_end_reason_valid",
                       blank=True),
        ]
        indexes = [models.Index(fields=["la", "start_date"])]


class CLAReview(CaseRecord):
    """A statutory review of a looked-after child's care plan, chaired by the IRO (reg 33)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="cla_reviews")
    period = models.ForeignKey(CarePeriod, on_delete=models.CASCADE, related_name="reviews")
    review_date = models.DateField()
    participation = models.CharField(max_length=3, choices=codes.ReviewParticipation.choices)
    iro = models.ForeignKey("organisation.Worker", on_delete=models.PROTECT, null=True,
                            blank=True, related_name="+")

    class Meta:
        verbose_name = "CLA review"
        constraints = [
            models.UniqueConstraint(fields=["child", "review_date"], name="cla_review_once_a_day"),
            in_choices("participation", codes.ReviewParticipation, "cla_review_code_valid"),
        ]


class HealthCheck(CaseRecord):
    """Health assessments, dental checks, immunisations (903 OC2; Annex A list 8)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="health_checks")
    kind = models.CharField(max_length=15, choices=codes.HealthCheckKind.choices)
    check_date = models.DateField()

    class Meta:
        constraints = [in_choices("kind", codes.HealthCheckKind, "health_check_kind_valid")]
        indexes = [models.Index(fields=["child", "kind", "check_date"])]


class SDQAssessment(CaseRecord):
    """Strengths and Difficulties Questionnaire: a score 0-40, or the reason there is none."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="sdq_assessments")
    assessment_date = models.DateField()
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    no_score_reason = models.CharField(max_length=4, choices=codes.SDQReason.choices, blank=True)

    class Meta:
        verbose_name = "SDQ assessment"
        constraints = [
            models.CheckConstraint(
                condition=(Q(score__isnull=False) & Q(score__lte=40) & Q(no_score_reason=""))
                | (Q(score__isnull=True) & Q(no_score_reason__in=codes.SDQReason.values)),
                name="sdq_score_or_reason",
            ),
        ]


class WellbeingRecord(CaseRecord):
    """The rest of 903 OC2 for a year in care: convictions and substance misuse."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="wellbeing_records")
    recorded_on = models.DateField()
    convicted = models.BooleanField(default=False)
    substance_misuse = models.BooleanField(default=False)
    intervention_offered = models.BooleanField(null=True)
    intervention_received = models.BooleanField(null=True)


class MissingEpisode(CaseRecord):
    """Missing from care or away without authorisation (903 Missing table)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="missing_episodes")
    kind = models.CharField(max_length=1, choices=codes.MissingType.choices)
    started_at = models.DateTimeField()
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(returned_at__isnull=True) | Q(returned_at__gte=models.F("started_at")),
                name="missing_return_after_start",
            ),
            in_choices("kind", codes.MissingType, "missing_kind_valid"),
        ]
        indexes = [models.Index(fields=["la", "started_at"])]


class ReturnHomeInterview(CaseRecord):
    """Offered on return and held within 72 hours (DfE statutory guidance, 2014)."""

    episode = models.OneToOneField(MissingEpisode, on_delete=models.CASCADE,
                                   related_name="return_interview")
    offered_at = models.DateTimeField()
    accepted = models.BooleanField()
    held_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(held_at__isnull=True) | Q(accepted=True),
                                   name="rhi_held_only_if_accepted"),
        ]


class PreviousPermanenceRecord(CaseRecord):
    """Permanence the child had before this care (903 PrevPerm)."""

    child = models.OneToOneField("people.Child", on_delete=models.PROTECT,
                                 related_name="previous_permanence")
    option = models.CharField(max_length=2, choices=codes.PreviousPermanence.choices)
    la_code = models.CharField(max_length=3, blank=True)
    order_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [in_choices("option", codes.PreviousPermanence, "prev_perm_option_valid")]


class DeprivationOfLibertyOrder(CaseRecord):
    """Deprivation of liberty orders (903 DoLo table, rules from 2026-27)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="dolos")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "deprivation of liberty order"
        constraints = [ordered("start_date", "end_date", "dolo_dates_ordered")]
