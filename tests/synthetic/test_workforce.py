"""Case allocation in the synthetic council: handovers when a worker leaves."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.synthetic.workforce import MIN_DAYS, handover_before_year_end

D = dt.date


@pytest.mark.parametrize("leave", [D(2026, 3, 26), D(2026, 3, 28), D(2026, 3, 31),
                                   D(2024, 3, 29)])
def test_a_worker_leaving_in_the_last_six_days_of_march_hands_over_on_25_march(
        leave: dt.date) -> None:
    """Rule SW11bSTG2 (csc-validator-be-903 0.1.17) flags a social worker episode ending on
    26-31 March even with a successor: the case passes on 25 March instead."""
    handover = handover_before_year_end(leave, held_from=D(leave.year, 1, 4),
                                        successor_from=D(2019, 5, 1))
    assert handover == D(leave.year, 3, 25)


@pytest.mark.parametrize("leave", [D(2026, 3, 25), D(2026, 4, 1), D(2026, 2, 28),
                                   D(2025, 12, 31), D(2026, 5, 29)])
def test_a_worker_leaving_at_any_other_time_hands_over_on_the_day_they_leave(
        leave: dt.date) -> None:
    assert handover_before_year_end(leave, held_from=D(2025, 1, 4),
                                    successor_from=D(2019, 5, 1)) == leave


def test_the_handover_stays_on_the_leaving_day_when_the_colleague_starts_after_25_march() -> None:
    leave = D(2026, 3, 30)
    assert handover_before_year_end(leave, held_from=D(2025, 9, 1),
                                    successor_from=D(2026, 3, 26)) == leave
    assert handover_before_year_end(leave, held_from=D(2025, 9, 1),
                                    successor_from=D(2026, 3, 25)) == D(2026, 3, 25)


def test_the_handover_never_leaves_the_worker_a_case_for_no_time_or_too_short_a_time() -> None:
    leave = D(2026, 3, 29)
    # Took the case on 25 March or later: nothing earlier to hand over on.
    assert handover_before_year_end(leave, held_from=D(2026, 3, 25),
                                    successor_from=D(2020, 1, 1)) == leave
    # Held for fewer than MIN_DAYS before 25 March: moved only when the colleague was already
    # in post, so the allocation chain gives them the case from the start (rule SW09).
    held_from = D(2026, 3, 25) - dt.timedelta(days=MIN_DAYS - 1)
    assert handover_before_year_end(leave, held_from=held_from,
                                    successor_from=held_from) == D(2026, 3, 25)
    assert handover_before_year_end(leave, held_from=held_from,
                                    successor_from=held_from + dt.timedelta(days=1)) == leave
