"""Running Data to Insight's DfE-rule validators, each in a virtualenv of its own.

The validators for the SSDA903 (csc-validator-be-903) and the CIN census (csc-validator-be-cin)
pin ``pandas<2``, so they cannot share Hearth's environment (shared/reference/validators.md).
On first use Hearth creates a virtualenv under ``var/validators/<return>`` with
``python -m venv`` and installs the validator with pip; each run then starts that interpreter on
a runner script of the return's own package, which imports nothing from Hearth and prints the
findings as one line of JSON:

``{"rules": [{"code", "description", "count", "children"}], "could_not_run": [...],
"upload_error": ""}``

This module installs, runs and reads them, and formats the report the ``hearth returns
validate`` command prints. Rule codes ending in ``Q`` are the DfE's queries (to check and
explain), the rest are errors; only errors count towards ``errors: N``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

_MARKER = "hearth-requirement.txt"
#: A run of a large return takes seconds (validators.md); this only stops a hung process.
TIMEOUT_SECONDS = 1800


class ValidatorUnavailable(Exception):
    """The validator could not be installed or did not run to the end."""


@dataclass(frozen=True)
class RuleFailure:
    """A rule that found problems: how many, and which children."""

    code: str
    description: str
    count: int
    children: tuple[str, ...]

    @property
    def is_query(self) -> bool:
        """DfE query rules (code ending in Q) ask for a check or an explanation, not a fix."""
        return self.code.endswith("Q")


@dataclass(frozen=True)
class ValidationReport:
    failures: tuple[RuleFailure, ...]
    could_not_run: tuple[str, ...]
    upload_error: str = ""

    @property
    def errors(self) -> int:
        return (sum(f.count for f in self.failures if not f.is_query)
                + (1 if self.upload_error else 0))

    @property
    def queries(self) -> int:
        return sum(f.count for f in self.failures if f.is_query)


def validators_dir(name: str) -> Path:
    """Where the virtualenv of one return's validator lives (``var/validators/<name>``)."""
    return Path(settings.VAR_DIR) / "validators" / name


def venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def ensure_venv(venv: Path, requirements: Sequence[str], log: Callable[[str], None]) -> Path:
    """The validator's interpreter, creating its virtualenv with ``requirements`` on first use.

    A marker file records what was installed, so a changed pin reinstalls.
    """
    python = venv_python(venv)
    marker = venv / _MARKER
    wanted = " ".join(requirements)
    if python.exists() and marker.exists() and marker.read_text().strip() == wanted:
        return python
    log(f"Installing {wanted} into {venv} (first use) ...")
    # The commands below are fixed argument lists (no shell): our interpreter, our venv path.
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)],  # noqa: S603
                       check=True, capture_output=True, text=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet",  # noqa: S603
                        "--disable-pip-version-check", *requirements],
                       check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as error:
        raise ValidatorUnavailable(
            f"could not install {wanted} into {venv}: {_tail(error.stderr)}") from error
    marker.write_text(wanted + "\n")
    return python


def _tail(text: str | None, lines: int = 15) -> str:
    return "\n".join((text or "").strip().splitlines()[-lines:])


def run_runner(python: Path, runner: Path, arguments: Sequence[str]) -> ValidationReport:
    """Run ``runner`` with the validator's interpreter and read the JSON it prints."""
    command = [str(python), "-I", str(runner), *arguments]
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
    """One line per failing rule (code, count, description, children), then ``errors: N``.

    Queries are listed like errors, marked ``(query)``, and counted on a ``queries: N`` line.
    """
    lines: list[str] = []
    if report.upload_error:
        lines.append(f"upload error: {report.upload_error}")
    for failure in sorted(report.failures, key=lambda f: rule_order(f.code)):
        shown = failure.children if max_children <= 0 else failure.children[:max_children]
        more = len(failure.children) - len(shown)
        children = ", ".join(shown) + (f" (+{more} more)" if more else "")
        kind = " (query)" if failure.is_query else ""
        lines.append(f"rule {failure.code}{kind}: {failure.count} - {failure.description}")
        if failure.children:
            lines.append(f"    children ({len(failure.children)}): {children}")
        else:
            lines.append("    the return as a whole")
    for code in sorted(report.could_not_run, key=rule_order):
        lines.append(f"rule {code}: could not run (the rule raised inside the validator)")
    if report.queries:
        lines.append(f"queries: {report.queries}")
    lines.append(f"errors: {report.errors}")
    return lines
