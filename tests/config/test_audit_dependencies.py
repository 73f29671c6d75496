"""The dependency audit fails on a known vulnerability and never calls an unaudited run clean."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_dependencies.py"


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_known_vulnerability_fails_the_audit() -> None:
    report = {"dependencies": [
        {"name": "django", "version": "5.2.0", "vulns": [
            {"id": "PYSEC-0000-0", "fix_versions": ["5.2.1"], "aliases": []}]},
        {"name": "holidays", "version": "0.60", "vulns": []},
    ]}

    lines, status = load().summarise(report, require_all=False)

    assert status == 1
    assert "VULNERABLE django 5.2.0: PYSEC-0000-0 (fixed in 5.2.1)" in lines
    assert "pip-audit: 2 of 2 installed packages audited, 1 known vulnerabilities" in lines


def test_a_clean_audit_passes() -> None:
    report = {"dependencies": [{"name": "holidays", "version": "0.60", "vulns": []}]}

    lines, status = load().summarise(report, require_all=True)

    assert status == 0
    assert lines == ["pip-audit: 1 of 1 installed packages audited, 0 known vulnerabilities"]


def test_packages_that_could_not_be_audited_are_counted_and_can_fail() -> None:
    report = {"dependencies": [
        {"name": "holidays", "version": "0.60", "vulns": []},
        {"name": "tqdm", "skip_reason": "Dependency not found on PyPI and could not be audited"},
    ]}
    module = load()

    lines, lenient = module.summarise(report, require_all=False)
    _, strict = module.summarise(report, require_all=True)

    assert "pip-audit: 1 of 2 installed packages audited, 0 known vulnerabilities" in lines
    assert any(line.startswith("WARNING: 1 packages could not be audited") for line in lines)
    assert lenient == 0
    assert strict == 1
