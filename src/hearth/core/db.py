"""Database invariants Django's model constraints cannot express on every backend.

``NoOverlap`` keeps date ranges of one partition (e.g. one child's placements) from overlapping.
On PostgreSQL it is an exclusion constraint over half-open ``daterange``s (btree_gist); on SQLite
it is a pair of triggers that abort the write. Either way a bad row is refused by the database,
not just by a form. Ranges are half-open, so one placement may end on the day the next begins.
A row that starts and ends on the same day (a referral closed with no further action) occupies
that day, so it cannot sit inside another row either.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

_OPEN_END = "'9999-12-31'"


class VendorSQL(migrations.operations.base.Operation):
    """A migration operation that runs SQL of its own for each database vendor.

    Subclasses give ``forward_sql`` and ``backward_sql`` for a vendor (raising
    ``NotImplementedError`` for one they do not support); the schema state never changes,
    because what they install (a constraint, a trigger) lives only in the database.
    """

    reduces_to_sql = True
    reversible = True

    def forward_sql(self, vendor: str) -> list[str]:
        raise NotImplementedError

    def backward_sql(self, vendor: str) -> list[str]:
        raise NotImplementedError

    def state_forwards(self, app_label: str, state: Any) -> None:
        """Schema state is unchanged: the rule lives only in the database."""

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any,
                          to_state: Any) -> None:
        for sql in self.forward_sql(schema_editor.connection.vendor):
            schema_editor.execute(sql)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any,
                           to_state: Any) -> None:
        for sql in self.backward_sql(schema_editor.connection.vendor):
            schema_editor.execute(sql)


class NoOverlap(VendorSQL):
    """Refuse rows whose ``[start, end)`` overlaps another row with the same ``partition``."""

    def __init__(self, *, table: str, name: str, partition: str = "child_id",
                 start: str = "start_date", end: str = "end_date") -> None:
        self.table, self.name, self.partition = table, name, partition
        self.start, self.end = start, end

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs = {"table": self.table, "name": self.name, "partition": self.partition,
                  "start": self.start, "end": self.end}
        return (self.__class__.__qualname__, [], kwargs)

    def describe(self) -> str:
        return f"Refuse overlapping {self.start}..{self.end} in {self.table} per {self.partition}"

    def _sqlite_condition(self, exclude_self: bool) -> str:
        t, p, s = self.table, self.partition, self.start
        same = " AND o.id <> NEW.id" if exclude_self else ""

        def upper(row: str) -> str:
            e = f"{row}.{self.end}"
            return (f"(CASE WHEN {e} = {row}.{s} THEN date({row}.{s}, '+1 day') "
                    f"ELSE COALESCE({e}, {_OPEN_END}) END)")

        # Names come from migrations, never from input.
        return (
            f"EXISTS (SELECT 1 FROM {t} o WHERE o.{p} = NEW.{p}{same} "  # noqa: S608
            f"AND o.{s} < {upper('NEW')} AND NEW.{s} < {upper('o')})"
        )

    def forward_sql(self, vendor: str) -> list[str]:
        if vendor == "postgresql":
            return [
                "CREATE EXTENSION IF NOT EXISTS btree_gist",
                f"ALTER TABLE {self.table} ADD CONSTRAINT {self.name} EXCLUDE USING gist "
                f"({self.partition} WITH =, daterange({self.start}, CASE WHEN {self.end} = "
                f"{self.start} THEN {self.start} + 1 ELSE {self.end} END, '[)') WITH &&)",
            ]
        if vendor == "sqlite":
            message = f"{self.name}: dates overlap another record for the same {self.partition}"
            return [
                f"CREATE TRIGGER {self.name}_{verb} BEFORE {verb.upper()} ON {self.table} "
                f"WHEN {self._sqlite_condition(exclude_self=verb == 'update')} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
                for verb in ("insert", "update")
            ]
        raise NotImplementedError(f"NoOverlap has no implementation for {vendor}")

    def backward_sql(self, vendor: str) -> list[str]:
        if vendor == "postgresql":
            return [f"ALTER TABLE {self.table} DROP CONSTRAINT IF EXISTS {self.name}"]
        if vendor == "sqlite":
            return [f"DROP TRIGGER IF EXISTS {self.name}_{verb}" for verb in ("insert", "update")]
        raise NotImplementedError(f"NoOverlap has no implementation for {vendor}")



class ReinstallNoOverlap(VendorSQL):
    """Install a ``NoOverlap`` rule again, in either direction of a migration.

    SQLite cannot alter most columns in place, so Django rebuilds the table (for example to add
    a NOT NULL column) and the rebuild drops the table's triggers. Put this operation after
    such a change (and before it, for the way back) to put the rule back; on PostgreSQL the
    exclusion constraint survives and is simply recreated.
    """

    def __init__(self, **rule: str) -> None:
        self.rule = NoOverlap(**rule)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        _, args, kwargs = self.rule.deconstruct()
        return (self.__class__.__qualname__, args, kwargs)

    def describe(self) -> str:
        return f"Reinstall: {self.rule.describe()}"

    def forward_sql(self, vendor: str) -> list[str]:
        return [*self.rule.backward_sql(vendor), *self.rule.forward_sql(vendor)]

    def backward_sql(self, vendor: str) -> list[str]:
        return self.forward_sql(vendor)
