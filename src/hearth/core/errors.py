"""Typed errors raised by services, with messages a practitioner understands.

``InvalidTransition`` is a wrong state; ``NotPermitted`` is a wrong role (a ``PermissionDenied``,
so views answer 403 without extra code). They are never the same bare exception.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied


class HearthError(Exception):
    """Base class for errors that carry a message fit to show a user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class GuardFailed(HearthError):
    """A rule of statute or logic refuses the action (e.g. an ICPC with no s47 enquiry)."""


class InvalidTransition(GuardFailed):
    """The record is not in a state that allows the action."""

    def __init__(self, message: str, *, current: str, allowed: Iterable[str]) -> None:
        super().__init__(message)
        self.current = current
        self.allowed = tuple(allowed)


class NotPermitted(PermissionDenied):
    """The acting user's role or scope does not allow the action."""


class BadArgument(HearthError):
    """A command-line or API argument is malformed; commands exit with status 2."""
