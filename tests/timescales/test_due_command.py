"""``hearth due``: prints ISO dates, lists the rules, refuses bad input with exit status 2."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def due(*args: str) -> str:
    out = StringIO()
    call_command("due", *args, stdout=out)
    return out.getvalue().strip()


@pytest.mark.parametrize(("args", "expected"), [
    (("referral-decision", "2025-12-24"), "2025-12-29"),
    (("assessment", "2026-03-02"), "2026-05-07"),
    (("icpc", "2026-03-23"), "2026-04-15"),
    (("core-group", "2026-02-20"), "2026-03-06"),
    (("first-cp-review", "2025-11-30"), "2026-02-28"),
    (("cp-review", "2025-08-31"), "2026-02-28"),
    (("first-cla-review", "2025-12-01"), "2025-12-31"),
    (("second-cla-review", "2026-01-31"), "2026-04-30"),
    (("cla-review", "2026-03-31"), "2026-09-30"),
    (("pathway-plan-review", "2026-08-29"), "2027-02-28"),
    (("rhi", "2026-03-28T12:00"), "2026-03-31T13:00:00+01:00"),
    (("rhi", "2026-07-01"), "2026-07-04T00:00:00+01:00"),
])
def test_prints_the_due_date(args: tuple[str, str], expected: str) -> None:
    assert due(*args) == expected


def test_list_shows_every_rule_with_its_source() -> None:
    listing = due("--list")
    assert "assessment" in listing
    assert "within 45 working days of the referral" in listing
    assert "SI 2010/959" in listing
    assert "rhi" in listing


@pytest.mark.parametrize(("args", "message"), [
    (("assesment", "2026-01-01"), "no timescale called 'assesment'"),
    (("assessment", "2026-02-30"), "'2026-02-30' is not a date (YYYY-MM-DD)"),
    (("assessment", "yesterday"), "'yesterday' is not a date"),
    (("rhi", "noon"), "'noon' is not a date-time"),
    (("assessment",), "give a rule and a date"),
    (("assessment", "1950-01-01"), "outside the working-day calendar"),
])
def test_bad_input_exits_2_with_a_clear_message(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=re.escape(message)) as error:
        due(*args)
    assert error.value.returncode == 2
