"""A synthetic council big enough for the DfE validators, built once per test session.

Issue 5: the returns of a synthetic council of at least 50,000 children generated over at least
3 years must pass the validators with 0 errors for the latest complete year. The council is
generated through the ``hearth`` console command into its own SQLite file, so it never mixes
with the per-test databases of the rest of the suite; tests drive it with ``council.hearth(...)``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

#: Children in the synthetic council, and the years of history generated for it.
CHILDREN = 50_000
YEARS = 3
#: Generation ends here, so the latest complete collection year is 2025-26 whatever today is.
END_DATE = "2026-06-30"
LATEST_COMPLETE_YEAR = 2026
SEED = 7

_STRIP = {"DATABASE_URL", "HEARTH_MODE", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


@dataclass(frozen=True)
class SyntheticCouncil:
    database: Path

    def env(self) -> dict[str, str]:
        base = {k: v for k, v in os.environ.items() if k not in _STRIP}
        return {**base, "HEARTH_MODE": "test", "DATABASE_URL": f"sqlite:///{self.database}"}

    def hearth(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run ``hearth ARGS`` against this council's database and return what it printed."""
        done = subprocess.run([sys.executable, "-m", "hearth.cli", *args], env=self.env(),
                              capture_output=True, text=True, check=False)
        if check and done.returncode != 0:
            raise AssertionError(f"hearth {' '.join(args)} exited {done.returncode}:\n"
                                 f"{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
        return done


@pytest.fixture(scope="session")
def synthetic_council(tmp_path_factory: pytest.TempPathFactory) -> SyntheticCouncil:
    council = SyntheticCouncil(tmp_path_factory.mktemp("council") / "council.sqlite3")
    council.hearth("migrate", "--noinput")
    council.hearth("synth", "--children", str(CHILDREN), "--years", str(YEARS),
                   "--seed", str(SEED), "--end-date", END_DATE, "--no-progress")
    return council
