"""The council and its workforce: local authority, areas, teams, workers, case allocation.

Carries what the children's social work workforce census and the SSDA903 social worker episodes
table need (worker id ``SW...``, employment type, FTE, start/leave dates, qualifications).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from hearth.core import codes
from hearth.core.models import CaseRecord, in_choices, ordered


class LocalAuthority(models.Model):
    """An English local authority with children's services."""

    name = models.CharField(max_length=200)
    dfe_number = models.CharField(
        "DfE LA number", max_length=3, unique=True, help_text="Three digits, e.g. 881 (Essex)."
    )
    ons_code = models.CharField(
        "ONS code", max_length=9, unique=True, help_text="Upper-tier code, e.g. E10000012."
    )
    child_population = models.PositiveIntegerField(
        help_text="Children aged 0-17 living in the LA (for rates per 10,000)."
    )
    synthetic = models.BooleanField(default=False, help_text="Generated demo or test data.")
    records_from = models.DateField(
        null=True, blank=True,
        help_text="Records are complete from this date; earlier ones are migrated history.",
    )

    class Meta:
        verbose_name_plural = "local authorities"
        constraints = [
            models.CheckConstraint(condition=Q(dfe_number__regex=r"^[0-9]{3}$"),
                                   name="la_dfe_number_three_digits"),
            models.CheckConstraint(condition=Q(ons_code__regex=r"^E[0-9]{8}$"),
                                   name="la_ons_code_format"),
        ]

    def __str__(self) -> str:
        return self.name


class Area(CaseRecord):
    """An operational area of the LA (Essex has four: North East, Mid, South, West)."""

    name = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["la", "name"], name="area_name_unique")]

    def __str__(self) -> str:
        return self.name


class Team(CaseRecord):
    """A team within an area, or county-wide where ``area`` is empty (e.g. the MASH)."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="teams")
    name = models.CharField(max_length=150)
    function = models.CharField(max_length=20, choices=codes.TeamFunction.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["la", "name"], name="team_name_unique"),
            in_choices("function", codes.TeamFunction, "team_function_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class Worker(CaseRecord):
    """A member of staff who may hold cases, manage a team, chair reviews or advise leavers."""

    staff_id = models.CharField(
        max_length=20, help_text="Workforce id; 903 SW_ID begins with SW.", db_index=True
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    role = models.CharField(max_length=30, choices=codes.WorkerRole.choices)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="workers")
    manager = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="reports")
    employment_type = models.CharField(max_length=10, choices=codes.EmploymentType.choices)
    fte = models.DecimalField("FTE", max_digits=3, decimal_places=2)
    start_date = models.DateField()
    leave_date = models.DateField(null=True, blank=True)
    leave_reason = models.CharField(max_length=30, blank=True)
    social_work_england_number = models.CharField(max_length=12, blank=True)
    qualified_date = models.DateField(null=True, blank=True)
    qualification = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["la", "staff_id"], name="worker_staff_id_unique"),
            ordered("start_date", "leave_date", "worker_dates_ordered"),
            models.CheckConstraint(condition=Q(fte__gt=0) & Q(fte__lte=1),
                                   name="worker_fte_range"),
            in_choices("role", codes.WorkerRole, "worker_role_valid"),
            in_choices("employment_type", codes.EmploymentType, "worker_employment_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Allocation(CaseRecord):
    """Who holds a child's case, and when: the source of 903 social worker episodes."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="allocations")
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="allocations")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="allocations")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    change_reason = models.CharField(
        max_length=6, choices=codes.SocialWorkerChangeReason.choices, blank=True,
        help_text="903 SW_REASON: why the child's worker changed to this one.",
    )

    class Meta:
        constraints = [
            ordered("start_date", "end_date", "allocation_dates_ordered"),
            in_choices("change_reason", codes.SocialWorkerChangeReason,
                       "allocation_reason_valid", blank=True),
        ]
        # Who held a child's case on a date (scoping measures and pages by team or worker).
        indexes = [models.Index(fields=["worker", "end_date"]),
                   models.Index(fields=["child", "start_date"])]


class PartnerOrganisation(CaseRecord):
    """A partner agency that refers children to the council: a school, a GP practice, a police
    force's referral unit (Working Together 2023 ch.2: safeguarding partners and relevant
    agencies make referrals to children's social care).

    ``referral_source`` is the CIN census / SSD ``ReferralSource`` code its contacts carry
    (SSD ``cine_referral_source_code``), so a contact from this organisation is coded the same
    way whoever records it. A partner agency user (``access.User.partner_organisation``) sees
    the contacts their organisation made and the decision on each, nothing more.
    """

    name = models.CharField(max_length=200)
    agency = models.CharField(max_length=20, choices=codes.Agency.choices)
    referral_source = models.CharField(max_length=2, choices=codes.ReferralSource.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["la", "name"], name="partner_organisation_name_unique"),
            in_choices("agency", codes.Agency, "partner_organisation_agency_valid"),
            in_choices("referral_source", codes.ReferralSource,
                       "partner_organisation_source_valid"),
        ]

    def __str__(self) -> str:
        return self.name
