"""Suite-wide fixtures: signed-in test users have MFA, no test inherits another's cache, and
transactional tests can leave the append-only access audit as they found it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from tests.signin import force_login_with_mfa

from hearth.access.db import AppendOnly


@pytest.fixture(autouse=True)
def _force_login_gives_mfa(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``client.force_login(user)`` also gives the user a TOTP authenticator.

    The alternative, a settings switch that turns MFA enforcement off for the suite, would put
    a way to disable MFA into the settings production reads and leave every page test running
    without the check. This way the production middleware runs in every test, unchanged, and
    signed-in test users are what production guarantees: staff with a second factor. See
    ``tests/signin.py``; tests of the enforcement itself use ``force_login_without_mfa``.
    """
    monkeypatch.setattr(Client, "force_login", force_login_with_mfa)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """allauth remembers used TOTP codes and rate-limit counts in the cache; start clean."""
    cache.clear()
    yield
    cache.clear()


AUDIT_TRIGGERS = AppendOnly(table="access_accessevent", name="access_event_append_only")


@pytest.fixture
def audit_cleared_after(transactional_db: None) -> Iterator[None]:
    """For transactional tests that write audit rows: remove them before the test runner's
    flush, with the append-only triggers lifted for that moment only and then put back.

    PostgreSQL's flush truncates (no trigger fires); SQLite's deletes row by row, which the
    triggers rightly refuse. Nothing outside the test database is touched.
    """
    yield
    vendor = connection.vendor
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in AUDIT_TRIGGERS.backward_sql(vendor):
            cursor.execute(sql)
        cursor.execute("DELETE FROM access_accessevent")
        for sql in AUDIT_TRIGGERS.forward_sql(vendor):
            cursor.execute(sql)
