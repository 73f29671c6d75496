"""``hearth kpi``: every measure as JSON or a table; bad arguments exit with status 2."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from tests.factories import AllocationFactory, AreaFactory, TeamFactory, WorkerFactory
from tests.performance.casefile import D, episode, in_care

from hearth.organisation.models import LocalAuthority

REQUIRED_IDS = {"cla_count", "cla_3plus_placements_pct", "cin_count", "cp_plan_count",
                "referrals_count", "rereferral_12m_pct", "assessments_within_45wd_pct",
                "uasc_count"}


def kpi(*args: str) -> str:
    out = StringIO()
    call_command("kpi", *args, stdout=out)
    return out.getvalue()


def kpi_json(*args: str) -> dict[str, dict[str, Any]]:
    listed = json.loads(kpi(*args, "--json"))
    assert isinstance(listed, list)
    return {item["id"]: item for item in listed}


@pytest.fixture
def case_in_mid() -> None:
    """One child looked after since 2024, held by a worker in the Mid area since referral."""
    period = in_care(D(2024, 5, 1))
    worker = WorkerFactory(staff_id="SW000777",
                           team=TeamFactory(name="Mid Children in Care 1",
                                            area=AreaFactory(name="Mid")))
    AllocationFactory(child=period.child, worker=worker, start_date=D(2024, 5, 1))
    episode(D(2024, 9, 1))  # another referral, not allocated


@pytest.mark.usefixtures("case_in_mid")
def test_json_lists_every_measure_for_the_council() -> None:
    shown = kpi_json("--as-of", "2025-03-31")
    assert set(shown) >= REQUIRED_IDS
    for item in shown.values():
        assert {"id", "name", "value", "numerator", "denominator"} <= set(item)
        assert re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", item["id"])
    assert (shown["cla_count"]["value"], shown["cla_count"]["numerator"]) == (1, 1)
    assert shown["referrals_count"]["value"] == 2
    assert shown["cla_per_10k"]["denominator"] == 20_000
    assert shown["assessments_within_45wd_pct"]["value"] is None


@pytest.mark.usefixtures("case_in_mid")
@pytest.mark.parametrize(("scope", "referrals"), [
    ("area:Mid", 1), ("team:Mid Children in Care 1", 1), ("worker:SW000777", 1),
])
def test_json_for_an_area_team_or_worker(scope: str, referrals: int) -> None:
    shown = kpi_json("--as-of", "2025-03-31", "--scope", scope)
    assert shown["cla_count"]["value"] == 1
    assert shown["referrals_count"]["value"] == referrals
    assert shown["cla_per_10k"]["value"] is None


@pytest.mark.usefixtures("case_in_mid")
def test_table_names_the_scope_and_each_measure() -> None:
    table = kpi("--as-of", "2025-03-31", "--scope", "area:Mid")
    assert table.splitlines()[0] == "Essex, area Mid, as of 2025-03-31"
    assert re.search(r"Children looked after +1\b", table)
    assert re.search(r"Children looked after with 3 or more placements +0\.0 +0 / 1", table)


@pytest.mark.usefixtures("case_in_mid")
@pytest.mark.parametrize(("args", "message"), [
    (("--as-of", "2025-02-30"), "--as-of must be a date as YYYY-MM-DD, not '2025-02-30'"),
    (("--as-of", "yesterday"), "--as-of must be a date as YYYY-MM-DD, not 'yesterday'"),
    (("--as-of", "2999-01-01"), "--as-of 2999-01-01 is in the future"),
    (("--as-of", "1991-03-31"), "--as-of 1991-03-31 is outside the working-day calendar"),
    (("--scope", "region:East"), "unknown scope kind 'region': use area:NAME, team:NAME, "
                                 "worker:STAFF_ID"),
    (("--scope", "Mid"), "--scope must be KIND:NAME"),
    (("--scope", "area:Nowhere"), "no area called 'Nowhere' in Essex (areas: Mid)"),
    (("--scope", "team:Nowhere"), "no team called 'Nowhere' in Essex"),
    (("--scope", "worker:SW999999"), "no worker with staff id 'SW999999' in Essex"),
])
def test_bad_arguments_exit_2_naming_what_is_wrong(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=re.escape(message)) as error:
        kpi(*args)
    assert error.value.returncode == 2


def test_no_council_exits_2() -> None:
    LocalAuthority.objects.all().delete()
    with pytest.raises(CommandError, match="No council in this database") as error:
        kpi("--as-of", "2025-03-31")
    assert error.value.returncode == 2


def test_the_console_command_exits_with_status_2() -> None:
    env = {**os.environ, "HEARTH_MODE": "test"}
    done = subprocess.run([sys.executable, "-m", "hearth.cli", "kpi", "--as-of", "31/03/2025"],
                          capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.returncode == 2
    assert "--as-of must be a date as YYYY-MM-DD, not '31/03/2025'" in done.stderr
