"""``hearth demo_users``: refuses where it must, one user per role, fresh passwords each run."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import TYPE_CHECKING

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from tests.factories import (
    AllocationFactory,
    LocalAuthorityFactory,
    TeamFactory,
    WorkerFactory,
)

from hearth.access.demo import NO_COUNCIL, NOT_A_DEMO_USER, demo_username
from hearth.access.models import Role, User
from hearth.core.codes import WorkerRole
from hearth.organisation.models import LocalAuthority, Team, Worker

if TYPE_CHECKING:
    from pytest_django import Settings  # the settings fixture's type (pytest-django 4.11+)

pytestmark = pytest.mark.django_db


def run_demo_users() -> dict[str, str]:
    """Run the command; return each printed username's printed password."""
    out = StringIO()
    call_command("demo_users", stdout=out)
    printed = {}
    for line in out.getvalue().splitlines():
        cells = line.split()
        if cells and cells[0].startswith("demo-"):
            printed[cells[0]] = cells[1]
    return printed


@pytest.fixture
def team(db: None) -> Team:
    return TeamFactory()


@pytest.fixture
def workforce(team: Team) -> dict[str, Worker]:
    """A small council: a team manager, two social workers with open cases, senior staff."""
    manager = WorkerFactory(team=team, role=WorkerRole.TEAM_MANAGER, first_name="Tess")
    busy = WorkerFactory(team=team, manager=manager, first_name="Bea")
    quiet = WorkerFactory(team=team, manager=manager, first_name="Quinn")
    past = WorkerFactory(team=team, manager=manager, first_name="Pip")
    for _ in range(2):
        AllocationFactory(worker=busy)
    AllocationFactory(worker=quiet)
    for _ in range(3):
        AllocationFactory(worker=past, end_date=dt.date(2024, 2, 1))
    return {
        "manager": manager,
        "busy": busy,
        "quiet": quiet,
        "iro": WorkerFactory(role=WorkerRole.IRO),
        "head_of_service": WorkerFactory(role=WorkerRole.HEAD_OF_SERVICE),
        "director": WorkerFactory(role=WorkerRole.DIRECTOR),
    }


def test_refuses_without_a_council() -> None:
    with pytest.raises(CommandError, match=NO_COUNCIL) as refused:
        call_command("demo_users", stdout=StringIO())

    assert refused.value.returncode == 2
    assert not User.objects.exists()


def test_refuses_in_production_mode(
    workforce: dict[str, Worker], settings: Settings
) -> None:
    settings.HEARTH_MODE = "production"
    settings.DEMO = False

    with pytest.raises(CommandError, match="runs only when HEARTH_MODE is demo") as refused:
        call_command("demo_users", stdout=StringIO())

    assert refused.value.returncode == 2
    assert not User.objects.exists()


def test_runs_in_demo_mode(workforce: dict[str, Worker], settings: Settings) -> None:
    settings.HEARTH_MODE = "demo"
    settings.DEMO = True

    assert len(run_demo_users()) == len(Role)


def test_creates_one_demo_user_per_role_in_the_council(workforce: dict[str, Worker]) -> None:
    printed = run_demo_users()

    users = User.objects.order_by("username")
    assert sorted(printed) == sorted(demo_username(role) for role in Role)
    assert {user.role for user in users} == set(Role.values)
    council = LocalAuthority.objects.get()
    for user in users:
        assert user.is_demo
        assert user.la == council
        assert user.check_password(printed[user.username])


def test_links_roles_to_the_workers_who_do_that_job(workforce: dict[str, Worker]) -> None:
    run_demo_users()

    worker_of = {user.role: user.worker for user in User.objects.all()}
    assert worker_of[Role.PRACTITIONER] == workforce["busy"]  # most open allocations
    assert worker_of[Role.TEAM_MANAGER] == workforce["manager"]  # the practitioner's manager
    assert worker_of[Role.IRO] == workforce["iro"]
    assert worker_of[Role.HEAD_OF_SERVICE] == workforce["head_of_service"]
    assert worker_of[Role.DIRECTOR] == workforce["director"]
    for role in (Role.FRONT_DOOR, Role.PERFORMANCE, Role.REGIONAL_VIEWER,
                 Role.PARTNER_AGENCY, Role.ADMINISTRATOR):
        assert worker_of[role] is None


def test_practitioner_tie_goes_to_the_lowest_id(team: Team) -> None:
    first, second = WorkerFactory(team=team), WorkerFactory(team=team)
    AllocationFactory(worker=second)
    AllocationFactory(worker=first)

    run_demo_users()

    assert User.objects.get(username="demo-practitioner").worker == first


def test_team_manager_falls_back_to_a_manager_of_the_same_team(team: Team) -> None:
    WorkerFactory(role=WorkerRole.TEAM_MANAGER)  # another team's manager, created first
    same_team = WorkerFactory(team=team, role=WorkerRole.TEAM_MANAGER)
    AllocationFactory(worker=WorkerFactory(team=team))  # no manager recorded

    run_demo_users()

    assert User.objects.get(username="demo-team-manager").worker == same_team


def test_worker_linked_to_a_real_user_is_not_taken(workforce: dict[str, Worker]) -> None:
    User.objects.create_user(username="bea", role=Role.PRACTITIONER, worker=workforce["busy"])

    run_demo_users()

    assert User.objects.get(username="demo-practitioner").worker == workforce["quiet"]


def test_rerun_resets_passwords_without_duplicating_users(workforce: dict[str, Worker]) -> None:
    first = run_demo_users()
    ids = dict(User.objects.values_list("username", "id"))

    second = run_demo_users()

    assert dict(User.objects.values_list("username", "id")) == ids
    for username, password in second.items():
        user = User.objects.get(username=username)
        assert password != first[username]
        assert user.check_password(password)
        assert not user.check_password(first[username])


def test_refuses_to_take_over_a_real_users_name(workforce: dict[str, Worker]) -> None:
    User.objects.create_user(username="demo-director", role=Role.DIRECTOR)

    with pytest.raises(CommandError) as refused:
        call_command("demo_users", stdout=StringIO())

    assert refused.value.returncode == 2
    assert str(refused.value) == NOT_A_DEMO_USER.format(username="demo-director")
    assert not User.objects.filter(is_demo=True).exists()  # all or nothing


def test_with_several_councils_uses_the_configured_one(
    workforce: dict[str, Worker], settings: Settings
) -> None:
    other = LocalAuthorityFactory(name="Elsewhere", dfe_number="882", ons_code="E10000099")
    settings.HEARTH_LA_DFE_NUMBER = "882"

    run_demo_users()

    assert set(User.objects.values_list("la", flat=True)) == {other.pk}
    assert User.objects.get(username="demo-practitioner").worker is None


def test_demo_practitioner_signs_in_with_a_password_only_in_demo_mode(
    workforce: dict[str, Worker], client: Client, settings: Settings
) -> None:
    settings.DEMO = True
    password = run_demo_users()["demo-practitioner"]

    signed_in = client.post(
        reverse("account_login"), {"login": "demo-practitioner", "password": password},
        follow=True,
    )

    assert "Signed in as Bea Synthetic (Practitioner" in signed_in.content.decode()


def test_demo_practitioner_must_set_up_mfa_outside_demo_mode(
    workforce: dict[str, Worker], client: Client, settings: Settings
) -> None:
    settings.DEMO = False
    password = run_demo_users()["demo-practitioner"]

    signed_in = client.post(
        reverse("account_login"), {"login": "demo-practitioner", "password": password},
        follow=True,
    )

    assert signed_in.redirect_chain[-1][0] == reverse("mfa_index")
    assert "Signed in as" not in signed_in.content.decode()


@pytest.mark.parametrize(("demo_mode", "says"), [
    (True, "Demo users sign in with the password alone (demo mode only)."),
    (False, "Outside demo mode, demo users must set up two-step verification like anyone else."),
])
def test_the_command_says_whether_mfa_is_relaxed(
    workforce: dict[str, Worker], settings: Settings, demo_mode: bool, says: str
) -> None:
    settings.DEMO = demo_mode
    out = StringIO()

    call_command("demo_users", stdout=out)

    assert says in out.getvalue()
