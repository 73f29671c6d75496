"""Factories for the council and its workforce: local authority, areas, teams, workers.

Every factory builds synthetic records only. By default they all share one local authority
(DfE number 881, ONS code E10000012: Essex), fetched or created by its DfE number, so records
built by separate factories belong to the same LA as a real case file would.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from hearth.core import codes
from hearth.organisation.models import Area, LocalAuthority, PartnerOrganisation, Team, Worker


class LocalAuthorityFactory(DjangoModelFactory):
    class Meta:
        model = LocalAuthority
        django_get_or_create = ("dfe_number",)

    name = "Essex"
    dfe_number = "881"
    ons_code = "E10000012"
    child_population = 330_000
    synthetic = True


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area

    la = factory.SubFactory(LocalAuthorityFactory)
    name = factory.Sequence(lambda n: f"Area {n}")


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    area = factory.SubFactory(AreaFactory)
    la = factory.SelfAttribute("area.la")
    name = factory.Sequence(lambda n: f"Assessment Team {n}")
    function = codes.TeamFunction.ASSESSMENT


class WorkerFactory(DjangoModelFactory):
    class Meta:
        model = Worker

    team = factory.SubFactory(TeamFactory)
    la = factory.SelfAttribute("team.la")
    staff_id = factory.Sequence(lambda n: f"SW{n:06d}")
    first_name = factory.Sequence(lambda n: f"Worker{n}")
    last_name = "Synthetic"
    role = codes.WorkerRole.SOCIAL_WORKER
    employment_type = codes.EmploymentType.PERMANENT
    fte = Decimal("1.00")
    start_date = dt.date(2020, 9, 1)


class PartnerOrganisationFactory(DjangoModelFactory):
    """A school that refers children (CIN census referral source 2A)."""

    class Meta:
        model = PartnerOrganisation

    la = factory.SubFactory(LocalAuthorityFactory)
    name = factory.Sequence(lambda n: f"Synthetic Primary School {n}")
    agency = codes.Agency.EDUCATION
    referral_source = codes.ReferralSource.SCHOOLS
