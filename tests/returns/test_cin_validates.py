"""Issue 5: the synthetic council's CIN census passes the DfE's rules first time.

The census of the latest complete year (2025-26) is written with ``hearth returns cin`` and
checked with ``hearth returns validate cin``, which runs Data to Insight's csc-validator-be-cin
0.1.13 (the DfE's CIN census rules) in its own virtualenv. Every rule of the year runs: none
raised inside the validator when this was written, so ``RULES_THAT_CANNOT_RUN`` is empty; a rule
that starts raising must be added there with the reason, never silenced. Queries (codes ending
in Q) ask the council to check or explain and are not errors.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from tests.returns.synthetic_council import LATEST_COMPLETE_YEAR, SyntheticCouncil

#: Rules that raise inside the validator package, with the reason (none in 0.1.13 for 2025-26).
RULES_THAT_CANNOT_RUN: dict[str, str] = {}
#: The export of a 50,000-child council takes about 1-2 s; this only catches a gross slowdown.
EXPORT_SECONDS = 30


@pytest.mark.slow
def test_the_synthetic_councils_cin_census_has_no_errors(
        synthetic_council: SyntheticCouncil, tmp_path: Path) -> None:
    census = tmp_path / f"cin-{LATEST_COMPLETE_YEAR}.xml"
    began = time.perf_counter()
    written = synthetic_council.hearth("returns", "cin", "--year", str(LATEST_COMPLETE_YEAR),
                                       "--out", str(census))
    assert time.perf_counter() - began < EXPORT_SECONDS
    children = int(re.search(r": (\d+) children", written.stdout).group(1))  # type: ignore[union-attr]
    assert children > 1000, written.stdout

    checked = synthetic_council.hearth("returns", "validate", "cin", str(census), "--year",
                                       str(LATEST_COMPLETE_YEAR), "--max-children", "5",
                                       check=False)
    lines = checked.stdout.splitlines()
    assert lines, checked.stderr
    could_not_run = {m.group(1) for line in lines
                     if (m := re.match(r"rule (\S+): could not run", line))}
    assert could_not_run == set(RULES_THAT_CANNOT_RUN), checked.stdout
    assert lines[-1] == "errors: 0", checked.stdout
    assert checked.returncode == 0, checked.stdout + checked.stderr
