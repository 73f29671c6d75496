"""Bulk loading of generated rows: COPY on PostgreSQL, ``executemany`` on SQLite.

Both run inside the caller's transaction, so a failed load leaves nothing behind. Constraints and
triggers stay on: the database checks every generated row exactly as it would a user's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.management.color import no_style
from django.db import connection

from hearth.synthetic.rows import Rows, Table

BATCH = 20_000


def _sqlite_datetime(value: dt.datetime) -> str:
    """Django's SQLite form of an aware datetime: naive UTC text."""
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")


#: How each field type is written to SQLite (others go as they are).
_SQLITE_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "DateField": dt.date.isoformat,
    "DateTimeField": _sqlite_datetime,
    "DecimalField": str,
}


def _load_sqlite(table: Table, progress: Callable[[int], None]) -> None:
    cols = ", ".join(f'"{c}"' for c in table.columns)
    marks = ", ".join("?" for _ in table.columns)
    # Table and column names come from the models, never from input.
    sql = f'INSERT INTO "{table.model._meta.db_table}" ({cols}) VALUES ({marks})'  # noqa: S608
    convert = [(i, _SQLITE_CONVERTERS[f.get_internal_type()]) for i, f in enumerate(table.fields)
               if f.get_internal_type() in _SQLITE_CONVERTERS]
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the sqlite3 cursor: executemany without Django's per-row wrapping
        for start in range(0, len(table.rows), BATCH):
            batch = table.rows[start:start + BATCH]
            if convert:
                batch = [list(row) for row in batch]
                for row in batch:
                    for i, to_sqlite in convert:
                        if row[i] is not None:
                            row[i] = to_sqlite(row[i])
            raw.executemany(sql, batch)
            progress(len(batch))


def _load_postgresql(table: Table, progress: Callable[[int], None]) -> None:
    cols = ", ".join(f'"{c}"' for c in table.columns)
    sql = f'COPY "{table.model._meta.db_table}" ({cols}) FROM STDIN'
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for i, row in enumerate(table.rows, 1):
            copy.write_row(row)
            if i % BATCH == 0:
                progress(BATCH)
        progress(len(table.rows) % BATCH)


def load(rows: Rows, progress: Callable[[int], None] = lambda n: None) -> None:
    """Write every table in order, then move PostgreSQL's id sequences past the loaded ids."""
    vendor = connection.vendor
    loader = {"postgresql": _load_postgresql, "sqlite": _load_sqlite}.get(vendor)
    if loader is None:
        raise NotImplementedError(f"no bulk loader for {vendor}")
    for table in rows.tables.values():
        if table.rows:
            loader(table, progress)
    if vendor == "postgresql":
        models = [t.model for t in rows.tables.values() if t.rows]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
