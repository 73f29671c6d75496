"""Validate a CIN census with Data to Insight's validator, in a virtualenv of its own.

The validator (csc-validator-be-cin 0.1.13, the DfE's CIN census rules in Python) pins
pandas<2 but not numpy, and its pandas fails to import with numpy 2, so ``numpy<2`` is installed
beside it (shared/reference/validators.md). ``hearth.returns.validation`` creates
``var/validators/cin`` on first use and runs ``validator_runner.py`` with its interpreter.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hearth.returns.validation import ValidationReport, ensure_venv, run_runner, validators_dir

REQUIREMENTS = ("csc-validator-be-cin==0.1.13", "numpy<2")
#: Collection years the validator has rules for (``cin2022_23`` to ``cin2026_27``).
VALIDATOR_YEARS = range(2023, 2028)
RUNNER = Path(__file__).with_name("validator_runner.py")


def default_venv() -> Path:
    return validators_dir("cin")


def ensure_validator(venv: Path, log: Callable[[str], None]) -> Path:
    """The CIN validator's interpreter, creating its virtualenv on first use."""
    return ensure_venv(venv, REQUIREMENTS, log)


def run_validator(python: Path, xml_file: Path, *, year: int) -> ValidationReport:
    """Run the validator's rules for ``year`` on the census in ``xml_file``."""
    return run_runner(python, RUNNER, ["--year", str(year), str(xml_file)])
