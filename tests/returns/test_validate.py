"""Reading and reporting the validator's findings, with a fake validator (no virtualenv)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from hearth.returns.ssda903.validate import (
    RuleFailure,
    ValidationReport,
    ValidatorUnavailable,
    format_report,
    parse_report,
    run_validator,
)

FAKE = {"rules": [{"code": "218", "description": "URN is required.", "fields": ["URN"],
                   "count": 3, "children": ["C1", "C2"]},
                  {"code": "SW17STG2", "description": "No SW episode open.", "fields": [],
                   "count": 1, "children": ["C3"]}],
        "could_not_run": ["233", "231"], "upload_error": ""}


def test_parse_and_format_a_report() -> None:
    report = parse_report("noise from the package\n" + json.dumps(FAKE))
    assert report.failures[0] == RuleFailure("218", "URN is required.", 3, ("C1", "C2"))
    assert report.errors == 4
    assert format_report(report, max_children=1) == [
        "rule 218: 3 - URN is required.",
        "    children (2): C1 (+1 more)",
        "rule SW17STG2: 1 - No SW episode open.",
        "    children (1): C3",
        "rule 231: could not run (the rule raised inside the validator)",
        "rule 233: could not run (the rule raised inside the validator)",
        "errors: 4",
    ]


def test_a_clean_return_reports_no_errors() -> None:
    report = ValidationReport(failures=(), could_not_run=())
    assert format_report(report) == ["errors: 0"]


def test_an_upload_error_is_an_error() -> None:
    report = parse_report(json.dumps({"rules": [], "could_not_run": [],
                                      "upload_error": "Failed to match provided data"}))
    assert format_report(report)[0] == "upload error: Failed to match provided data"
    assert report.errors == 1


def test_garbage_output_is_reported() -> None:
    with pytest.raises(ValidatorUnavailable, match="unexpected validator output"):
        parse_report("Traceback (most recent call last):")


def fake_python(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "python"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_run_validator_reads_the_runners_json(tmp_path: Path) -> None:
    python = fake_python(tmp_path, f"echo '{json.dumps(FAKE)}'")
    report = run_validator(python, tmp_path, year=2026, la_ons_code="E10000012")
    assert [f.code for f in report.failures] == ["218", "SW17STG2"]


def test_a_crashing_validator_is_unavailable(tmp_path: Path) -> None:
    python = fake_python(tmp_path, "echo 'ImportError: numpy' >&2; exit 1")
    with pytest.raises(ValidatorUnavailable, match="ImportError: numpy"):
        run_validator(python, tmp_path, year=2026, la_ons_code="E10000012")
