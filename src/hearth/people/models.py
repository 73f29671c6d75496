"""Children and the people around them: identity, characteristics, relationships, addresses.

Fields carry what the SSDA903 header, the CIN census ChildIdentifiers/ChildCharacteristics and
the Standard Safeguarding Dataset's ``ssd_person``, ``ssd_disability``, ``ssd_immigration_status``,
``ssd_mother`` and ``ssd_address`` need.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from hearth.core import codes
from hearth.core.models import CaseRecord, in_choices, ordered


class Child(CaseRecord):
    """A child or young person known to children's services (including care leavers to 25)."""

    la_child_id = models.CharField(
        "LA child id", max_length=20, help_text="The LA's own id: 903 CHILD, CIN LAchildID."
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(
        null=True, blank=True, help_text="For an unborn child (CIN ExpectedPersonBirthDate)."
    )
    sex = models.CharField(max_length=1, choices=codes.Sex.choices)
    gender_identity = models.CharField(max_length=50, blank=True)
    ethnicity = models.CharField(max_length=4, choices=codes.Ethnicity.choices)
    upn = models.CharField("UPN", max_length=13, blank=True)
    former_upn = models.CharField("former UPN", max_length=13, blank=True)
    upn_unknown = models.CharField(
        "UPN unknown reason", max_length=3, choices=codes.UPNUnknown.choices, blank=True
    )
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    restricted = models.BooleanField(
        default=False, help_text="Only named users may open this record (e.g. a relative of staff)."
    )

    class Meta:
        verbose_name_plural = "children"
        constraints = [
            models.UniqueConstraint(fields=["la", "la_child_id"], name="child_la_id_unique"),
            models.CheckConstraint(
                condition=Q(date_of_birth__isnull=False) | Q(expected_date_of_birth__isnull=False),
                name="child_has_birth_or_expected_date",
            ),
            models.CheckConstraint(
                condition=Q(date_of_death__isnull=True) | Q(date_of_birth__isnull=True)
                | Q(date_of_death__gte=F("date_of_birth")),
                name="child_death_after_birth",
            ),
            models.CheckConstraint(
                condition=Q(upn="") | Q(upn__regex=r"^[A-Z][0-9]{11}[0-9A-Z]$"),
                name="child_upn_format",
            ),
            models.CheckConstraint(
                condition=Q(nhs_number="") | Q(nhs_number__regex=r"^[0-9]{10}$"),
                name="child_nhs_number_format",
            ),
            models.CheckConstraint(condition=~(Q(upn__gt="") & Q(upn_unknown__gt="")),
                                   name="child_upn_or_unknown_reason"),
            in_choices("sex", codes.Sex, "child_sex_valid"),
            in_choices("ethnicity", codes.Ethnicity, "child_ethnicity_valid"),
            in_choices("upn_unknown", codes.UPNUnknown, "child_upn_unknown_valid", blank=True),
        ]
        indexes = [
            models.Index(fields=["last_name", "first_name"]),
            models.Index(fields=["date_of_birth"]),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.la_child_id})"


class ChildDisability(CaseRecord):
    """One disability code per row; a child with no rows has no recorded disability."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="disabilities")
    code = models.CharField(max_length=4, choices=codes.Disability.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "code"], name="disability_unique_per_child"),
            in_choices("code", codes.Disability, "disability_code_valid"),
        ]


class UASCStatus(CaseRecord):
    """Unaccompanied asylum-seeking child status; ``end_date`` is the 903 DUC."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="uasc_statuses")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "UASC status"
        constraints = [ordered("start_date", "end_date", "uasc_dates_ordered")]


class Person(CaseRecord):
    """Someone in a child's network who is not themselves a child record: parent, carer, baby."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=codes.Sex.choices, blank=True)

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Relationship(CaseRecord):
    """How a child is related to a person, or to another child (siblings are both children)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="relationships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="relationships")
    other_child = models.ForeignKey(Child, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    relationship_type = models.CharField(max_length=20, choices=codes.RelationshipType.choices)
    parental_responsibility = models.BooleanField(default=False)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(other_child__isnull=True))
                | (Q(person__isnull=True) & Q(other_child__isnull=False)),
                name="relationship_one_party",
            ),
            models.CheckConstraint(condition=~Q(other_child=F("child")),
                                   name="relationship_not_self"),
            ordered("start_date", "end_date", "relationship_dates_ordered"),
            in_choices("relationship_type", codes.RelationshipType, "relationship_type_valid"),
        ]


class Address(CaseRecord):
    """Where a child lives, with history. The postcode when care starts is 903 HOME_POST."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="addresses")
    line1 = models.CharField(max_length=200)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "addresses"
        constraints = [ordered("start_date", "end_date", "address_dates_ordered")]
