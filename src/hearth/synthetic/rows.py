"""An in-memory table of rows per model, with ids assigned in generation order.

The generator builds plain tuples (no model instances) so a council of hundreds of thousands of
children fits in memory and loads in seconds. Ids are assigned here, deterministically, so foreign
keys are known before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models


class Table:
    """Rows for one model, as tuples in the order of ``columns`` (``id`` first)."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        self.names = [f.attname for f in self.fields]
        self._position = {name: i for i, name in enumerate(self.names)}
        self.defaults: list[Any] = [
            f.get_default() if f.has_default()
            else (None if f.null or not f.empty_strings_allowed else "")
            for f in self.fields
        ]
        self.rows: list[list[Any]] = []
        self.next_id = 1

    def add(self, values: dict[str, Any]) -> int:
        """Append a row; omitted fields take the model default. Returns the new id."""
        row = list(self.defaults)
        row_id = self.next_id
        self.next_id += 1
        row[0] = row_id
        position = self._position
        for name, value in values.items():
            row[position[name]] = value
        self.rows.append(row)
        return row_id

    def set(self, row_id: int, **values: Any) -> None:
        """Change fields of an already-added row (ids are 1-based positions)."""
        row = self.rows[row_id - 1]
        for name, value in values.items():
            row[self._position[name]] = value

    def get(self, row_id: int, name: str) -> Any:
        return self.rows[row_id - 1][self._position[name]]

    def __len__(self) -> int:
        return len(self.rows)


class Rows:
    """All tables of a generated council, keyed by model, in a load order that respects FKs."""

    def __init__(self, models_in_order: Iterable[type[models.Model]]) -> None:
        self.tables: dict[type[models.Model], Table] = {m: Table(m) for m in models_in_order}

    def __getitem__(self, model: type[models.Model]) -> Table:
        return self.tables[model]

    def total(self) -> int:
        return sum(len(t) for t in self.tables.values())
