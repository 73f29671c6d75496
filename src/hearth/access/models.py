"""Users and their roles. Scope rules (which child each role may see) arrive with the access work;
the role is recorded from the start so every user has one."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner (social worker / early help)"
    TEAM_MANAGER = "team_manager", "Team manager"
    FRONT_DOOR = "front_door", "Front door (MASH)"
    IRO = "iro", "IRO / CP chair"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    DIRECTOR = "director", "Director of children's services"
    PERFORMANCE = "performance", "Performance analyst"
    REGIONAL_VIEWER = "regional_viewer", "Regional viewer"
    PARTNER_AGENCY = "partner_agency", "Partner agency"
    ADMINISTRATOR = "administrator", "Administrator"


class User(AbstractUser):
    """A person who signs in. Staff who hold cases are linked to their ``Worker`` record."""

    role = models.CharField(max_length=20, choices=Role.choices)
    la = models.ForeignKey(
        "organisation.LocalAuthority", on_delete=models.PROTECT, null=True, blank=True,
        related_name="users", verbose_name="local authority",
    )
    worker = models.OneToOneField(
        "organisation.Worker", on_delete=models.PROTECT, null=True, blank=True,
        related_name="user",
    )
    is_demo = models.BooleanField(
        default=False, help_text="Created by the demo set-up; never present in production."
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_valid"
            ),
        ]
