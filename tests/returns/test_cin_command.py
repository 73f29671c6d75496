"""``hearth returns cin`` and ``hearth returns validate cin``: output, and refusals (exit 2)."""

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
from lxml import etree
from tests.factories import ChildFactory, CINEpisodeFactory, LocalAuthorityFactory

from hearth.returns.cin import validate as cin_validate

D = dt.date
HEADER = ("<?xml version='1.0' encoding='UTF-8'?>\n<Message><Header><CollectionDetails>"
          "<Collection>CIN</Collection><Year>{year}</Year></CollectionDetails></Header>"
          "<Children/></Message>\n")


def run(*args: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("returns", *args, stdout=out, stderr=err)
    return out.getvalue()


def census_file(tmp_path: Path, year: int = 2026, name: str = "cin.xml") -> Path:
    path = tmp_path / name
    path.write_text(HEADER.format(year=year))
    return path


@pytest.mark.django_db
def test_the_census_is_written_for_the_year(tmp_path: Path) -> None:
    la = LocalAuthorityFactory()
    for n, referred in enumerate((D(2025, 4, 1), D(2026, 3, 31), D(2026, 4, 1))):
        CINEpisodeFactory(child=ChildFactory(la=la, la_child_id=f"K{n}"),
                          referral_date=referred)
    out = tmp_path / "returns" / "cin-2026.xml"
    with time_machine.travel(dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        output = run("cin", "--year", "2026", "--out", str(out))
    assert "CIN census 2025-26 for Essex: 2 children, 2 CIN episodes" in output
    root = etree.parse(str(out)).getroot()
    assert [c.findtext("ChildIdentifiers/LAchildID") for c in root.iter("Child")] == [
        "K0", "K1"]
    assert root.findtext("Header/Source/DateTime") == "2026-05-01T10:00:00"  # BST


@pytest.mark.django_db
@pytest.mark.parametrize(("args", "message"), [
    (("cin", "--year", "twenty", "--out", "x.xml"), "--year must be a year such as 2026"),
    (("cin", "--year", "2020", "--out", "x.xml"), "--year must be from 2023 to 2027, not 2020"),
    (("cin", "--year", "2026", "--out", "x.csv"), "--out x.csv must name an .xml file"),
    (("cin", "--year", "2026", "--out", "x.xml", "--la", "999"), "no council with DfE number"),
    (("validate", "cin", "/nonexistent.xml", "--year", "2026"), "is not a CIN census XML file"),
    (("validate", "cin", "x.xml", "--year", "2022"), "--year must be from 2023 to 2027"),
])
def test_bad_arguments_exit_2(args: tuple[str, ...], message: str) -> None:
    with time_machine.travel(dt.date(2026, 6, 1)), pytest.raises(CommandError) as error:
        run(*args)
    assert message in str(error.value)
    assert error.value.returncode == 2


def test_out_must_not_be_a_directory(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="is a directory; give the XML file") as error:
        run("cin", "--year", "2026", "--out", str(tmp_path))
    assert error.value.returncode == 2


@pytest.mark.parametrize(("content", "message"), [
    ("<Message><Header>", "is not well-formed XML"),
    ("<Return/>", "its root element is <Return>, not <Message>"),
    (HEADER.format(year=2025), "is the CIN census for 2025 (Header/CollectionDetails/Year), "
                               "not 2026"),
    ("<Message/>", "is the CIN census for no stated year"),
])
def test_validate_refuses_a_file_that_is_not_that_years_census(
        tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "cin.xml"
    path.write_text(content)
    with pytest.raises(CommandError) as error:
        run("validate", "cin", str(path), "--year", "2026")
    assert message in str(error.value)
    assert error.value.returncode == 2


def test_the_console_command_exits_2_on_bad_arguments(tmp_path: Path) -> None:
    env = {**os.environ, "HEARTH_MODE": "test", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    for args, message in ((["cin", "--year", "soon", "--out", "x.xml"],
                           "--year must be a year such as 2026"),
                          (["cin", "--year", "2026"], "the following arguments are required: "
                                                      "--out"),
                          (["validate", "cin", str(tmp_path), "--year", "2026"],
                           "is not a CIN census XML file")):
        result = subprocess.run([sys.executable, "-m", "hearth.cli", "returns", *args],
                                capture_output=True, text=True, env=env, check=False)
        assert result.returncode == 2, result.stderr
        assert message in result.stderr


def fake_validator(tmp_path: Path, report: dict[str, object]) -> Path:
    fake = tmp_path / "python"
    fake.write_text(f"#!/bin/sh\necho '{json.dumps(report)}'\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    return fake


def test_validate_prints_rules_and_exits_1_on_errors(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = {"rules": [
        {"code": "8565", "description": "Activity shown after a case has been closed",
         "count": 2, "children": ["C1"]},
        {"code": "8825Q", "description": "RC8 with no assessment", "count": 3,
         "children": ["C2", "C3"]},
        {"code": "2883", "description": "More CP plans than conferences", "count": 1,
         "children": []}], "could_not_run": ["8999"], "upload_error": ""}
    monkeypatch.setattr(cin_validate, "ensure_validator",
                        lambda venv, log: fake_validator(tmp_path, report))
    out = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("returns", "validate", "cin", str(census_file(tmp_path)), "--year", "2026",
                     stdout=out)
    assert exit_.value.code == 1
    assert out.getvalue().splitlines() == [
        "rule 2883: 1 - More CP plans than conferences", "    the return as a whole",
        "rule 8565: 2 - Activity shown after a case has been closed", "    children (1): C1",
        "rule 8825Q (query): 3 - RC8 with no assessment", "    children (2): C2, C3",
        "rule 8999: could not run (the rule raised inside the validator)",
        "queries: 3", "errors: 3"]


def test_queries_alone_are_not_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = {"rules": [{"code": "2887Q", "description": "Fewer than 8 disability codes",
                         "count": 1, "children": []}], "could_not_run": [], "upload_error": ""}
    monkeypatch.setattr(cin_validate, "ensure_validator",
                        lambda venv, log: fake_validator(tmp_path, report))
    output = run("validate", "cin", str(census_file(tmp_path)), "--year", "2026")
    assert output.splitlines()[-2:] == ["queries: 1", "errors: 0"]


def test_a_validator_that_cannot_run_exits_3(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "python"
    broken.write_text("#!/bin/sh\necho 'ImportError: numpy.dtype size changed' >&2; exit 1\n")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(cin_validate, "ensure_validator", lambda venv, log: broken)
    with pytest.raises(CommandError, match=r"numpy\.dtype size changed") as error:
        run("validate", "cin", str(census_file(tmp_path)), "--year", "2026")
    assert error.value.returncode == 3
