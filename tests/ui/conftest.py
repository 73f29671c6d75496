"""Signed-in users for the shell's page tests, one per role the tests need."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.factories import LocalAuthorityFactory

from hearth.access.models import Role, User
from hearth.organisation.models import LocalAuthority

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def council(db: None) -> LocalAuthority:
    return LocalAuthorityFactory()


@pytest.fixture
def password() -> str:
    """The practitioner's password, for tests that sign in through the form."""
    return PASSWORD


@pytest.fixture
def practitioner(council: LocalAuthority) -> User:
    return User.objects.create_user(
        username="sam.worker", password=PASSWORD, role=Role.PRACTITIONER, la=council,
        first_name="Sam", last_name="Worker",
    )


@pytest.fixture
def practitioner_client(client: Client, practitioner: User) -> Client:
    client.force_login(practitioner)
    return client


@pytest.fixture
def partner_agency_client(client: Client, council: LocalAuthority) -> Client:
    user = User.objects.create_user(
        username="pat.police", password=PASSWORD, role=Role.PARTNER_AGENCY, la=council,
        first_name="Pat", last_name="Police",
    )
    client.force_login(user)
    return client
