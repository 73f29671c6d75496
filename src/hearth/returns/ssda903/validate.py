"""Validate a 903 return with Data to Insight's validator, in a virtualenv of its own.

The validator (csc-validator-be-903 0.1.17, the DfE's 903 validation rules in Python) pins
pandas<2 and numpy, so it cannot share Hearth's environment (shared/reference/validators.md).
``hearth.returns.validation`` creates ``var/validators/903`` on first use and runs
``validator_runner.py`` with its interpreter; this module says what to install and how to call
the runner.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hearth.returns.validation import (
    RuleFailure,
    ValidationReport,
    ValidatorUnavailable,
    ensure_venv,
    format_report,
    parse_report,
    rule_order,
    run_runner,
    validators_dir,
)

__all__ = ["RuleFailure", "ValidationReport", "ValidatorUnavailable", "default_venv",
           "ensure_validator", "format_report", "parse_report", "rule_order", "run_validator"]

REQUIREMENT = "csc-validator-be-903==0.1.17"
#: Collection years the validator has rules for (``lac2022_23`` to ``lac2026_27``).
VALIDATOR_YEARS = range(2023, 2028)
RUNNER = Path(__file__).with_name("validator_runner.py")


def default_venv() -> Path:
    return validators_dir("903")


def ensure_validator(venv: Path, log: Callable[[str], None]) -> Path:
    """The 903 validator's interpreter, creating its virtualenv on first use."""
    return ensure_venv(venv, [REQUIREMENT], log)


def run_validator(python: Path, directory: Path, *, year: int, la_ons_code: str,
                  previous: Path | None = None) -> ValidationReport:
    """Run the validator on the CSV files in ``directory`` (and last year's in ``previous``)."""
    arguments = ["--year", str(year), "--la", la_ons_code]
    if previous is not None:
        arguments += ["--previous", str(previous)]
    arguments.append(str(directory))
    return run_runner(python, RUNNER, arguments)
