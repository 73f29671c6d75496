"""The database refuses a local authority, team or worker the statutory returns could not use."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from tests.factories import (
    AllocationFactory,
    ChildFactory,
    LocalAuthorityFactory,
    TeamFactory,
    WorkerFactory,
)

from hearth.organisation.models import Allocation, LocalAuthority, Team, Worker

pytestmark = pytest.mark.django_db

#: SQLite names the columns of a plain unique constraint, PostgreSQL names the constraint.
UNIQUE = r"(?i)unique"


def test_local_authority_with_dfe_and_ons_codes_saves() -> None:
    la = LocalAuthorityFactory()

    saved = LocalAuthority.objects.get(pk=la.pk)
    assert (saved.dfe_number, saved.ons_code) == ("881", "E10000012")


@pytest.mark.parametrize(
    ("dfe_number", "ons_code", "constraint"),
    [
        ("88", "E10000013", "la_dfe_number_three_digits"),
        ("88A", "E10000013", "la_dfe_number_three_digits"),
        ("883", "E1000001", "la_ons_code_format"),  # ONS codes are E and eight digits
        # A Welsh council makes no English children's services return.
        ("883", "W06000001", "la_ons_code_format"),
        ("883", "e10000013", "la_ons_code_format"),
    ],
)
def test_local_authority_with_malformed_codes_is_refused(dfe_number: str, ons_code: str,
                                                         constraint: str) -> None:
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        LocalAuthority.objects.create(name="Nowhere", dfe_number=dfe_number, ons_code=ons_code,
                                      child_population=1000)

    assert not LocalAuthority.objects.exists()


def test_two_local_authorities_with_the_same_dfe_number_are_refused() -> None:
    LocalAuthorityFactory()

    with pytest.raises(IntegrityError, match=UNIQUE), transaction.atomic():
        LocalAuthority.objects.create(name="Essex again", dfe_number="881",
                                      ons_code="E10000099", child_population=1)

    assert LocalAuthority.objects.count() == 1


def test_team_with_a_function_outside_the_list_is_refused() -> None:
    team = TeamFactory()

    with pytest.raises(IntegrityError, match="team_function_valid"), transaction.atomic():
        TeamFactory(area=team.area, function="social_work")
    with pytest.raises(IntegrityError, match=UNIQUE), transaction.atomic():
        TeamFactory(area=team.area, name=team.name)  # team names are unique in an LA

    assert Team.objects.count() == 1


def test_part_time_worker_saves() -> None:
    worker = WorkerFactory(fte=Decimal("0.60"))

    assert Worker.objects.get(pk=worker.pk).fte == Decimal("0.60")


@pytest.mark.parametrize("fte", [Decimal("0.00"), Decimal("-0.50"), Decimal("1.20")])
def test_worker_with_fte_outside_zero_to_one_is_refused(fte: Decimal) -> None:
    team = TeamFactory()

    with pytest.raises(IntegrityError, match="worker_fte_range"), transaction.atomic():
        WorkerFactory(team=team, fte=fte)

    assert not Worker.objects.exists()


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"role": "social worker"}, "worker_role_valid"),
        ({"employment_type": "locum"}, "worker_employment_valid"),
        ({"start_date": dt.date(2020, 9, 1), "leave_date": dt.date(2020, 8, 31)},
         "worker_dates_ordered"),
    ],
)
def test_worker_with_an_invalid_role_employment_or_dates_is_refused(fields: dict,
                                                                    constraint: str) -> None:
    team = TeamFactory()

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        WorkerFactory(team=team, **fields)

    assert not Worker.objects.exists()


def test_two_workers_with_the_same_staff_id_in_one_la_are_refused() -> None:
    worker = WorkerFactory(staff_id="SW000042")

    with pytest.raises(IntegrityError, match=UNIQUE), transaction.atomic():
        WorkerFactory(team=worker.team, staff_id="SW000042")

    assert Worker.objects.filter(staff_id="SW000042").count() == 1


def test_allocation_ending_before_it_starts_or_with_an_unknown_reason_is_refused() -> None:
    child = ChildFactory()
    worker = WorkerFactory()
    AllocationFactory(child=child, worker=worker, end_date=dt.date(2024, 3, 1),
                      change_reason="LEFTRL")

    with pytest.raises(IntegrityError, match="allocation_dates_ordered"), transaction.atomic():
        AllocationFactory(child=child, worker=worker, start_date=dt.date(2024, 3, 1),
                          end_date=dt.date(2024, 2, 1))
    with pytest.raises(IntegrityError, match="allocation_reason_valid"), transaction.atomic():
        AllocationFactory(child=child, worker=worker, end_date=dt.date(2024, 3, 1),
                          change_reason="BORED")

    assert Allocation.objects.count() == 1
