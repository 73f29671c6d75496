"""Adoption: the agency decision, matching, adopters (903 AD1 and PlacedAdoption; Annex A 10-11).

The placement order is the legal status E1, the date placed is the start of an A3-A6 placement and
the adoption order ends the period of care (E11/E12): those are recorded once, in ``care``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from hearth.core import codes
from hearth.core.models import CaseRecord, in_choices, ordered


class AdoptionDecision(CaseRecord):
    """The decision that a child should be placed for adoption, and its reversal if any."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="adoption_decisions")
    decision_date = models.DateField()
    ceased_date = models.DateField(
        null=True, blank=True, help_text="Decision that the child should no longer be placed."
    )
    ceased_reason = models.CharField(max_length=3, choices=codes.ReasonPlacedCeased.choices,
                                     blank=True)

    class Meta:
        constraints = [
            ordered("decision_date", "ceased_date", "adoption_decision_dates_ordered"),
            models.CheckConstraint(
                condition=(Q(ceased_date__isnull=True) & Q(ceased_reason=""))
                | (Q(ceased_date__isnull=False) & ~Q(ceased_reason="")),
                name="adoption_decision_ceased_has_reason",
            ),
            in_choices("ceased_reason", codes.ReasonPlacedCeased, "adoption_ceased_reason_valid",
                       blank=True),
        ]


class AdopterFamily(CaseRecord):
    """Prospective adopters as a household (903 AD1 NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR)."""

    family_ref = models.CharField(max_length=20)
    number_of_adopters = models.PositiveSmallIntegerField()
    adopters_sex = models.CharField(max_length=2, choices=codes.AdoptersSex.choices)
    adopters_legal_status = models.CharField(max_length=3,
                                             choices=codes.AdoptersLegalStatus.choices)
    former_foster_carers = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "adopter families"
        constraints = [
            models.UniqueConstraint(fields=["la", "family_ref"], name="adopter_family_ref_unique"),
            models.CheckConstraint(condition=Q(number_of_adopters__in=[1, 2]),
                                   name="adopter_family_one_or_two"),
            models.CheckConstraint(
                condition=(Q(number_of_adopters=1) & Q(adopters_sex__in=["M1", "F1"])
                           & Q(adopters_legal_status="L0"))
                | (Q(number_of_adopters=2) & Q(adopters_sex__in=["MM", "FF", "MF"])
                   & ~Q(adopters_legal_status="L0")),
                name="adopter_family_sex_matches_number",
            ),
            in_choices("adopters_sex", codes.AdoptersSex, "adopters_sex_valid"),
            in_choices("adopters_legal_status", codes.AdoptersLegalStatus,
                       "adopters_legal_status_valid"),
        ]


class Adopter(CaseRecord):
    """One (prospective) adopter and their progress through the process (Annex A list 11)."""

    family = models.ForeignKey(AdopterFamily, on_delete=models.CASCADE, related_name="adopters")
    adopter_ref = models.CharField(max_length=20)
    sex = models.CharField(max_length=1, choices=codes.Sex.choices)
    ethnicity = models.CharField(max_length=4, choices=codes.Ethnicity.choices)
    disabled = models.BooleanField(null=True)
    fostering_for_adoption = models.BooleanField(default=False)
    enquiry_date = models.DateField(null=True, blank=True)
    stage1_start = models.DateField(null=True, blank=True)
    stage1_end = models.DateField(null=True, blank=True)
    stage2_start = models.DateField(null=True, blank=True)
    stage2_end = models.DateField(null=True, blank=True)
    application_date = models.DateField(null=True, blank=True)
    approval_date = models.DateField(null=True, blank=True)
    left_process_date = models.DateField(null=True, blank=True)
    left_process_reason = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["la", "adopter_ref"], name="adopter_ref_unique"),
            ordered("stage1_start", "stage1_end", "adopter_stage1_ordered"),
            ordered("stage2_start", "stage2_end", "adopter_stage2_ordered"),
        ]


class AdoptionMatch(CaseRecord):
    """A child matched with prospective adopters (903 AD1 DATE_MATCH)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="adoption_matches")
    decision = models.ForeignKey(AdoptionDecision, on_delete=models.PROTECT,
                                 related_name="matches")
    family = models.ForeignKey(AdopterFamily, on_delete=models.PROTECT, related_name="matches")
    matched_on = models.DateField()

    class Meta:
        verbose_name_plural = "adoption matches"
