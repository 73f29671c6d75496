"""Which command is running, for records that name what made a change when no user did.

Set by the ``hearth`` console command around the management command it runs, read by the change
history (``access.history``). Kept free of Django imports so ``cli`` can use it before setup.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

_command: contextvars.ContextVar[str] = contextvars.ContextVar("hearth_command", default="")


def in_command() -> str:
    """The name of the ``hearth`` command running, or ``""`` outside one."""
    return _command.get()


@contextmanager
def command_context(name: str) -> Iterator[None]:
    """Changes made inside are attributed to ``hearth <name>``."""
    token = _command.set(name)
    try:
        yield
    finally:
        _command.reset(token)
