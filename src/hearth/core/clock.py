"""The one clock. Code asks here for 'now' and 'today' so tests can move time (time-machine)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    """The current aware datetime in UTC."""
    return timezone.now()


def today() -> dt.date:
    """Today's date in Europe/London."""
    return timezone.localdate()
