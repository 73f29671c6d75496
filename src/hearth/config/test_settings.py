"""Settings for the test suite: test mode, database from ``DATABASE_URL`` (SQLite by default)."""

import os

os.environ.setdefault("HEARTH_MODE", "test")

from hearth.config.settings import *  # noqa: F403
