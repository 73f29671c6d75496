"""``hearth returns``: writing a year's 903, and refusing bad arguments with exit status 2."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command
from tests.returns.conftest import Council

from hearth.returns.ssda903 import validate


def run(*args: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("returns", *args, stdout=out, stderr=err)
    return out.getvalue()


@pytest.mark.django_db
def test_the_903_is_written_for_the_year(council: Council, tmp_path: Path) -> None:
    output = run("903", "--year", "2026", "--out", str(tmp_path))
    assert "SSDA903 2025-26" in output
    assert "5 children" in output
    assert (tmp_path / "header.csv").read_text().splitlines()[1:] == [
        "ADOPTED,F,01/10/2023,WBRI,,0,", "LEAVER,F,01/07/2006,WBRI,,,",
        "MISSING,F,01/01/2010,WBRI,,0,", "SAMEDAY,F,02/02/2009,WBRI,,1,24/12/2025",
        "TWICE,F,03/03/2012,WBRI,,0,"]
    assert "episodes.csv: 7 rows" in output


@pytest.mark.django_db
@pytest.mark.parametrize(("args", "message"), [
    (("903", "--year", "twenty", "--out", "x"), "--year must be a year such as 2026"),
    (("903", "--year", "1999", "--out", "x"), "--year must be from 2017 to 2027, not 1999"),
    (("903", "--year", "2026", "--out", "x", "--la", "999"), "no council with DfE number"),
    (("validate", "903", "/nonexistent", "--year", "2026"), "is not a directory of CSV"),
    (("validate", "903", ".", "--year", "2022"), "--year must be from 2023 to 2027"),
])
def test_bad_arguments_exit_2(args: tuple[str, ...], message: str) -> None:
    with time_machine.travel(dt.date(2026, 6, 1)), pytest.raises(CommandError) as error:
        run(*args)
    assert message in str(error.value)
    assert error.value.returncode == 2


def test_out_must_be_a_directory(tmp_path: Path) -> None:
    file = tmp_path / "file.csv"
    file.write_text("x")
    with pytest.raises(CommandError, match="is not a directory") as error:
        run("903", "--year", "2026", "--out", str(file))
    assert error.value.returncode == 2


def test_the_console_command_exits_2_on_bad_arguments(tmp_path: Path) -> None:
    env = {**os.environ, "HEARTH_MODE": "test", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    for args, message in ((["903", "--year", "soon", "--out", str(tmp_path)],
                           "--year must be a year such as 2026"),
                          (["903", "--out", str(tmp_path)], "the following arguments are "
                                                            "required: --year"),
                          (["validate", "annexa", str(tmp_path), "--year", "2026"],
                           "invalid choice: 'annexa'")):
        result = subprocess.run([sys.executable, "-m", "hearth.cli", "returns", *args],
                                capture_output=True, text=True, env=env, check=False)
        assert result.returncode == 2, result.stderr
        assert message in result.stderr


def test_validate_prints_each_failing_rule_and_exits_1(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "header.csv").write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n")
    report = {"rules": [{"code": "218", "description": "URN is required.", "fields": ["URN"],
                         "count": 2, "children": ["C1"]}],
              "could_not_run": ["231", "233"], "upload_error": ""}
    fake = tmp_path / "python"
    fake.write_text(f"#!/bin/sh\necho '{json.dumps(report)}'\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(validate, "ensure_validator", lambda venv, log: fake)
    out = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("returns", "validate", "903", str(tmp_path), "--year", "2026", stdout=out)
    assert exit_.value.code == 1
    assert out.getvalue().splitlines() == [
        "rule 218: 2 - URN is required.", "    children (1): C1",
        "rule 231: could not run (the rule raised inside the validator)",
        "rule 233: could not run (the rule raised inside the validator)", "errors: 2"]
