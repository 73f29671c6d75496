"""The ``hearth`` console command names the command it runs, for the change history."""

from __future__ import annotations

import pytest

from hearth import cli
from hearth.core.acting import command_context, in_command


def test_hearth_runs_each_command_inside_its_own_name(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[list[str], str]] = []
    monkeypatch.setattr("django.core.management.execute_from_command_line",
                        lambda argv: seen.append((argv, in_command())))

    cli.main(["kpi", "--help"])

    assert seen == [(["hearth", "kpi", "--help"], "kpi")]
    assert in_command() == ""  # and forgets it afterwards


def test_contexts_nest_and_unwind() -> None:
    with command_context("synth"):
        with command_context("demo_users"):
            assert in_command() == "demo_users"
        assert in_command() == "synth"
    assert in_command() == ""
