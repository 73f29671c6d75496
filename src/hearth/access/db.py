"""The database's own refusal to change or delete audit rows, and the grants that back it.

Issue 6: nobody can change or delete an access-audit row through the application, and the
database user can be restricted to insert-only on that table in PostgreSQL. The model refuses
first (``AccessEvent.save``/``delete`` and its queryset); ``AppendOnly`` makes the database
refuse as well, for any client that bypasses the model (raw SQL, ``QuerySet._raw_delete``, a
console). It is a migration operation that branches on the database vendor, modelled on
``hearth.core.db.NoOverlap``:

- PostgreSQL: a plpgsql trigger function raising ``restrict_violation`` (SQLSTATE 23001, so
  Django raises ``IntegrityError`` as it does on SQLite), fired BEFORE UPDATE OR DELETE per row.
- SQLite: two BEFORE UPDATE / BEFORE DELETE triggers that ``RAISE(ABORT, ...)``.

TRUNCATE has no trigger: Django's ``flush`` (and the test runner's, after transactional tests)
truncates every table, and a TRUNCATE trigger would break it even for an empty table. TRUNCATE
is taken away by privilege instead, in ``insert_only_grants_sql`` (``hearth audit_grants``). A
trigger alone does not stop a table *owner*, who may drop it; that is why the application must
connect as a role that does not own the tables, with only INSERT and SELECT on this one.
"""

from __future__ import annotations

import re
from typing import Any

from hearth.core.db import VendorSQL

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_$]{0,62}$")

BAD_ROLE = "{role!r} is not a plain PostgreSQL role name (lower-case letters, digits, _ and $)"


class AppendOnly(VendorSQL):
    """Make the database refuse UPDATE and DELETE on ``table``; INSERT and SELECT still work."""

    def __init__(self, *, table: str, name: str) -> None:
        self.table, self.name = table, name

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__qualname__, [], {"table": self.table, "name": self.name})

    def describe(self) -> str:
        return f"Refuse UPDATE and DELETE on {self.table}"

    def message(self, operation: str) -> str:
        """What the database says when it refuses; the trigger's name leads so logs find it."""
        return f"{self.name}: {self.table} is append-only; {operation} refused"

    def forward_sql(self, vendor: str) -> list[str]:
        if vendor == "postgresql":
            # String concatenation, not RAISE's % format: a % would be read as a query
            # placeholder by the database driver when the migration executes this.
            return [
                f"CREATE OR REPLACE FUNCTION {self.name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN RAISE EXCEPTION USING MESSAGE = '{self.name}: {self.table} is "
                f"append-only; ' || TG_OP || ' refused', ERRCODE = 'restrict_violation'; END; $$",
                f"CREATE TRIGGER {self.name} BEFORE UPDATE OR DELETE ON {self.table} "
                f"FOR EACH ROW EXECUTE FUNCTION {self.name}()",
            ]
        if vendor == "sqlite":
            return [
                f"CREATE TRIGGER {self.name}_{op.lower()} BEFORE {op} ON {self.table} "
                f"BEGIN SELECT RAISE(ABORT, '{self.message(op)}'); END"
                for op in ("UPDATE", "DELETE")
            ]
        raise NotImplementedError(f"AppendOnly has no implementation for {vendor}")

    def backward_sql(self, vendor: str) -> list[str]:
        if vendor == "postgresql":
            return [
                f"DROP TRIGGER IF EXISTS {self.name} ON {self.table}",
                f"DROP FUNCTION IF EXISTS {self.name}()",
            ]
        if vendor == "sqlite":
            return [f"DROP TRIGGER IF EXISTS {self.name}_{op}" for op in ("update", "delete")]
        raise NotImplementedError(f"AppendOnly has no implementation for {vendor}")


#: The tables whose rows the application may add and read but never change or delete.
APPEND_ONLY_TABLES = ("access_accessevent",)


def insert_only_grants_sql(app_role: str, tables: tuple[str, ...] = APPEND_ONLY_TABLES
                           ) -> list[str]:
    """The statements an operator runs, as the tables' owner, to make ``app_role`` insert-only.

    PostgreSQL checks privileges before triggers, so with these the application's role gets
    "permission denied" for UPDATE, DELETE and TRUNCATE whatever the code does. It assumes the
    deployment runs migrations as an owner role and serves the application as ``app_role``,
    which must not own the tables (an owner may grant itself privileges back or drop triggers).
    Ids come from identity columns, which need no privilege on their sequence.
    """
    if not _IDENTIFIER.match(app_role):
        raise ValueError(BAD_ROLE.format(role=app_role))
    statements = []
    for table in tables:
        statements += [
            f"REVOKE ALL ON TABLE {table} FROM PUBLIC",
            f"REVOKE ALL ON TABLE {table} FROM {app_role}",
            f"GRANT SELECT, INSERT ON TABLE {table} TO {app_role}",
        ]
    return statements


def insert_only_checks_sql(app_role: str, tables: tuple[str, ...] = APPEND_ONLY_TABLES
                           ) -> list[str]:
    """Queries that show the grants took: each should return ``f`` for UPDATE/DELETE/TRUNCATE
    and the owner should not be ``app_role``."""
    if not _IDENTIFIER.match(app_role):
        raise ValueError(BAD_ROLE.format(role=app_role))
    # The role is checked above and the table names are this module's constants.
    return [
        f"SELECT tablename, tableowner, "  # noqa: S608
        f"has_table_privilege('{app_role}', tablename, 'UPDATE') AS can_update, "
        f"has_table_privilege('{app_role}', tablename, 'DELETE') AS can_delete, "
        f"has_table_privilege('{app_role}', tablename, 'TRUNCATE') AS can_truncate "
        f"FROM pg_tables WHERE tablename = '{table}'"
        for table in tables
    ]


class ReapplyAppendOnly(AppendOnly):
    """Put SQLite's append-only triggers back after a migration that rebuilt ``table``.

    SQLite alters most constraints by copying the table to a new one and dropping the old, and
    a dropped table takes its triggers with it; a migration that changes ``AccessEvent``'s
    constraints (a new verb) must end with this operation, or the database silently stops
    refusing changes. PostgreSQL alters the table in place and keeps its trigger, so there is
    nothing to do there, and nothing to undo either way.
    """

    def describe(self) -> str:
        return f"Re-create SQLite's append-only triggers on {self.table}"

    def forward_sql(self, vendor: str) -> list[str]:
        if vendor == "sqlite":
            return [*super().backward_sql(vendor), *super().forward_sql(vendor)]
        return []

    def backward_sql(self, vendor: str) -> list[str]:
        return self.forward_sql(vendor)
