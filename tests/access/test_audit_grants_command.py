"""``hearth audit_grants``: prints the SQL that makes the audit insert-only; refuses odd names."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def run(*args: str) -> str:
    out = StringIO()
    call_command("audit_grants", *args, stdout=out)
    return out.getvalue()


def test_prints_a_transaction_of_grants_for_the_default_role() -> None:
    lines = run().splitlines()

    statements = lines[lines.index("BEGIN;"):lines.index("COMMIT;") + 1]
    assert statements == [
        "BEGIN;",
        "REVOKE ALL ON TABLE access_accessevent FROM PUBLIC;",
        "REVOKE ALL ON TABLE access_accessevent FROM hearth_app;",
        "GRANT SELECT, INSERT ON TABLE access_accessevent TO hearth_app;",
        "COMMIT;",
    ]
    assert "-- Run as the owner of the tables" in lines[1]


def test_names_the_role_it_is_given_in_grants_and_checks() -> None:
    printed = run("--app-role", "essex_hearth")

    assert "GRANT SELECT, INSERT ON TABLE access_accessevent TO essex_hearth;" in printed
    assert "has_table_privilege('essex_hearth', tablename, 'UPDATE')" in printed
    assert "hearth_app" not in printed


def test_refuses_a_role_name_that_could_carry_sql() -> None:
    with pytest.raises(CommandError, match="not a plain PostgreSQL role name") as refused:
        run("--app-role", "x; DROP TABLE access_accessevent")

    assert refused.value.returncode == 2
