"""The access tests' council, users and fixed clock, for the front-door pages."""

from tests.access.conftest import (  # noqa: F401  (fixtures shared with access)
    clock_at,
    council,
    signed_in,
    users,
)
