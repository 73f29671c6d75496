"""The access tests' hand-built council and one user per role, shared by the case-work pages."""

from __future__ import annotations

from tests.access.conftest import clock_at, council, signed_in, users

__all__ = ["clock_at", "council", "signed_in", "users"]
