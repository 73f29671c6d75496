"""Suite-wide fixtures: signed-in test users have MFA, and no test inherits another's cache."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client
from tests.signin import force_login_with_mfa


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
