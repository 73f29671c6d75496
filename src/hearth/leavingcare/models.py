"""Care leavers: eligibility, personal adviser, pathway plans, contact, activity and
accommodation (Children (Leaving Care) Act 2000; Care Leavers (England) Regulations 2010;
903 OC3; Annex A list 9). PA support is offered to age 25 (Children and Social Work Act 2017).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from hearth.core import codes
from hearth.core.models import CaseRecord, in_choices, one_open, ordered


class CareLeaver(CaseRecord):
    """A young person entitled to leaving-care services, from eligibility until services end."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT,
                              related_name="care_leaver_records")
    eligibility = models.CharField(max_length=16, choices=codes.CareLeaverEligibility.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    personal_adviser = models.ForeignKey("organisation.Worker", on_delete=models.PROTECT,
                                         null=True, blank=True, related_name="care_leavers")

    class Meta:
        constraints = [
            ordered("start_date", "end_date", "care_leaver_dates_ordered"),
            one_open("child", "care_leaver_one_open_per_child"),
            in_choices("eligibility", codes.CareLeaverEligibility, "care_leaver_eligibility_valid"),
        ]


class PathwayPlan(CaseRecord):
    """A pathway plan or its review (at most every six months)."""

    care_leaver = models.ForeignKey(CareLeaver, on_delete=models.CASCADE,
                                    related_name="pathway_plans")
    plan_date = models.DateField()
    is_review = models.BooleanField(default=False)


class AdviserContact(CaseRecord):
    """Contact between the personal adviser and the young person."""

    care_leaver = models.ForeignKey(CareLeaver, on_delete=models.CASCADE, related_name="contacts")
    contact_date = models.DateField()
    in_person = models.BooleanField(default=True)


class CareLeaverStatus(CaseRecord):
    """In touch, activity and accommodation, recorded around each birthday (903 OC3)."""

    care_leaver = models.ForeignKey(CareLeaver, on_delete=models.CASCADE,
                                    related_name="statuses")
    recorded_on = models.DateField()
    in_touch = models.CharField(max_length=4, choices=codes.CareLeaverInTouch.choices)
    activity = models.CharField(max_length=2, choices=codes.CareLeaverActivity.choices)
    accommodation = models.CharField(max_length=1, choices=codes.CareLeaverAccommodation.choices,
                                     blank=True)
    accommodation_suitable = models.BooleanField(null=True)

    class Meta:
        verbose_name_plural = "care leaver statuses"
        constraints = [
            models.CheckConstraint(
                condition=Q(accommodation="") | Q(accommodation_suitable__isnull=False),
                name="care_leaver_accommodation_has_suitability",
            ),
            in_choices("in_touch", codes.CareLeaverInTouch, "care_leaver_in_touch_valid"),
            in_choices("activity", codes.CareLeaverActivity, "care_leaver_activity_valid"),
            in_choices("accommodation", codes.CareLeaverAccommodation,
                       "care_leaver_accommodation_valid", blank=True),
        ]
