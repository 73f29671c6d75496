"""``hearth synth`` refuses bad arguments with exit status 2 and leaves the database untouched."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from hearth.organisation.models import LocalAuthority
from hearth.people.models import Child

GOOD = {"children": "2000", "years": "1", "seed": "5", "end_date": "2026-06-30"}


def run(**overrides: str | bool) -> str:
    out = StringIO()
    call_command("synth", **{**GOOD, "no_progress": True, **overrides}, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "message"), [
    ({"children": "lots"}, "--children must be a whole number, not 'lots'"),
    ({"children": "12"}, "--children must be between 1,000 and 2,000,000, not 12"),
    ({"years": "0"}, "--years must be between 1 and 20, not 0"),
    ({"seed": "-1"}, "--seed must be between 0 and"),
    ({"end_date": "2026-13-01"}, "--end-date must be a date as YYYY-MM-DD, not '2026-13-01'"),
    ({"end_date": "2031-01-01"}, "--end-date 2031-01-01 is in the future"),
    ({"end_date": "1995-01-01", "years": "20"}, "reach back before 1990"),
])
def test_bad_arguments_exit_2_and_write_nothing(overrides: dict[str, str], message: str) -> None:
    with time_machine.travel(dt.date(2026, 11, 23)), pytest.raises(CommandError) as error:
        run(**overrides)
    assert message in str(error.value)
    assert error.value.returncode == 2
    assert not LocalAuthority.objects.exists()
    assert not Child.objects.exists()


@pytest.mark.django_db
def test_a_second_council_is_refused_and_the_first_left_alone() -> None:
    run()
    children = Child.objects.count()
    with pytest.raises(CommandError, match="already holds a council") as error:
        run(seed="6")
    assert error.value.returncode == 2
    assert LocalAuthority.objects.count() == 1
    assert Child.objects.count() == children


@pytest.mark.django_db
def test_if_empty_does_nothing_when_a_council_exists() -> None:
    run()
    children = Child.objects.count()
    assert "nothing generated" in run(if_empty=True, seed="6")
    assert Child.objects.count() == children


@pytest.mark.django_db
def test_a_council_is_written_with_the_configured_identity(settings: object) -> None:
    output = run()
    la = LocalAuthority.objects.get()
    assert (la.dfe_number, la.ons_code, la.child_population) == ("881", "E10000012", 2000)
    assert la.records_from == dt.date(2025, 6, 30)
    assert "rows in" in output
    assert Child.objects.count() > 100


def test_the_hearth_console_command_exits_2_on_bad_arguments(tmp_path: object) -> None:
    env = {**os.environ, "HEARTH_MODE": "test", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    result = subprocess.run(
        [sys.executable, "-m", "hearth.cli", "synth", "--children", "ten", "--years", "1",
         "--seed", "1"], capture_output=True, text=True, env=env, check=False,
    )
    assert result.returncode == 2
    assert "--children must be a whole number, not 'ten'" in result.stderr


@pytest.mark.django_db
def test_summary_json_has_the_documented_shape() -> None:
    run(years="2", end_date="2026-06-30")
    out = StringIO()
    call_command("summary", json=True, stdout=out)
    result = json.loads(out.getvalue())
    assert result["children"] == 2000
    assert [y["year_ending"] for y in result["years"]] == ["2026-03-31"]
    assert set(result["years"][0]) == {
        "year_ending", "contacts", "referrals", "rereferral_pct", "assessments", "s47", "icpc",
        "cin_at_end", "cp_at_end", "cla_at_end"}
    assert result["years"][0]["contacts"] > result["years"][0]["referrals"] > 0


@pytest.mark.django_db
def test_summary_without_a_council_exits_2() -> None:
    with pytest.raises(CommandError, match="No council") as error:
        call_command("summary", json=True, stdout=StringIO())
    assert error.value.returncode == 2
