"""Validate a 903 return with Data to Insight's validator, in a virtualenv of its own.

The validator (csc-validator-be-903 0.1.17, the DfE's 903 validation rules in Python) pins
pandas<2 and numpy, so it cannot share Hearth's environment (shared/reference/validators.md).
On first use Hearth creates ``var/validators/903`` with ``python -m venv`` and installs it with
pip; each run then starts that interpreter on ``validator_runner.py``, which prints the
validator's findings as JSON, and this module turns them into a report.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

REQUIREMENT = "csc-validator-be-903==0.1.17"
#: Collection years the validator has rules for (``lac2022_23`` to ``lac2026_27``).
VALIDATOR_YEARS = range(2023, 2028)
RUNNER = Path(__file__).with_name("validator_runner.py")
_MARKER = "hearth-requirement.txt"
#: A run of a large return takes seconds (validators.md); this only stops a hung process.
TIMEOUT_SECONDS = 1800


class ValidatorUnavailable(Exception):
    """The validator could not be installed or did not run to the end."""


@dataclass(frozen=True)
class RuleFailure:
    """A rule that found errors: how many rows, and which children."""

    code: str
    description: str
    count: int
    children: tuple[str, ...]


@dataclass(frozen=True)
class ValidationReport:
    failures: tuple[RuleFailure, ...]
    could_not_run: tuple[str, ...]
    upload_error: str = ""

    @property
    def errors(self) -> int:
        return sum(f.count for f in self.failures) + (1 if self.upload_error else 0)


def default_venv() -> Path:
    return Path(settings.VAR_DIR) / "validators" / "903"


def venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def ensure_validator(venv: Path, log: Callable[[str], None]) -> Path:
    """The validator's interpreter, creating its virtualenv on first use."""
    python = venv_python(venv)
    marker = venv / _MARKER
    if python.exists() and marker.exists() and marker.read_text().strip() == REQUIREMENT:
        return python
    log(f"Installing {REQUIREMENT} into {venv} (first use) ...")
    # The commands below are fixed argument lists (no shell): our interpreter, our venv path.
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)],  # noqa: S603
                       check=True, capture_output=True, text=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet",  # noqa: S603
                        "--disable-pip-version-check", REQUIREMENT],
                       check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as error:
        raise ValidatorUnavailable(
            f"could not install {REQUIREMENT} into {venv}: {_tail(error.stderr)}") from error
    marker.write_text(REQUIREMENT + "\n")
    return python


def _tail(text: str | None, lines: int = 15) -> str:
    return "\n".join((text or "").strip().splitlines()[-lines:])


def run_validator(python: Path, directory: Path, *, year: int, la_ons_code: str,
                  previous: Path | None = None) -> ValidationReport:
    """Run the validator on the CSV files in ``directory`` (and last year's in ``previous``)."""
    command = [str(python), "-I", str(RUNNER), "--year", str(year), "--la", la_ons_code]
    if previous is not None:
        command += ["--previous", str(previous)]
    command.append(str(directory))
    try:
        done = subprocess.run(command, capture_output=True, text=True,  # noqa: S603
                              timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired as error:
        raise ValidatorUnavailable(f"the validator ran for over {TIMEOUT_SECONDS}s") from error
    if done.returncode != 0:
        raise ValidatorUnavailable(f"the validator failed:\n{_tail(done.stderr)}")
    return parse_report(done.stdout)


def parse_report(text: str) -> ValidationReport:
    """The runner's JSON as a report (the last line of its output)."""
    lines = text.strip().splitlines()
    try:
        data: dict[str, Any] = json.loads(lines[-1]) if lines else {}
        failures = tuple(
            RuleFailure(code=str(r["code"]), description=str(r["description"]),
                        count=int(r["count"]), children=tuple(str(c) for c in r["children"]))
            for r in data["rules"])
        return ValidationReport(failures=failures,
                                could_not_run=tuple(str(c) for c in data["could_not_run"]),
                                upload_error=str(data.get("upload_error", "")))
    except (ValueError, KeyError, TypeError) as error:
        raise ValidatorUnavailable(f"unexpected validator output: {text[:500]!r}") from error


def rule_order(code: str) -> tuple[int, str]:
    digits = "".join(c for c in code if c.isdigit())
    return (int(digits) if code[:1].isdigit() and digits else 10**6, code)


def format_report(report: ValidationReport, *, max_children: int = 20) -> list[str]:
    """One line per failing rule (code, count, description, children), then ``errors: N``."""
    lines: list[str] = []
    if report.upload_error:
        lines.append(f"upload error: {report.upload_error}")
    for failure in sorted(report.failures, key=lambda f: rule_order(f.code)):
        shown = failure.children if max_children <= 0 else failure.children[:max_children]
        more = len(failure.children) - len(shown)
        children = ", ".join(shown) + (f" (+{more} more)" if more else "")
        lines.append(f"rule {failure.code}: {failure.count} - {failure.description}")
        lines.append(f"    children ({len(failure.children)}): {children}")
    for code in sorted(report.could_not_run, key=rule_order):
        lines.append(f"rule {code}: could not run (the rule raised inside the validator)")
    lines.append(f"errors: {report.errors}")
    return lines
