"""SSDA903 episode derivation: hand-built periods of care and hypothesis properties."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.returns.ssda903.derive import (
    CONTINUES,
    Episode,
    LegalStatus,
    Period,
    Placement,
    episodes,
    episodes_in_year,
)

D = dt.date
START = D(2025, 5, 1)


def placement(start: dt.date, end: dt.date | None = None, *, place: str = "U6",
              carer: str = "FC1", postcode: str = "CM1 1AA", end_reason: str = "",
              provider: str = "PR1", urn: str = "") -> Placement:
    return Placement(place=place, provider=provider, carer_ref=carer, postcode=postcode,
                     urn=urn, start=start, end=end, end_reason=end_reason)


def period(end: dt.date | None = None, reason: str = "") -> Period:
    return Period(start=START, end=end, reason_ceased=reason, category_of_need="N1")


def summary(result: list[Episode]) -> list[tuple[str, str, str, str | None, str, str]]:
    return [(e.decom.isoformat(), e.rne, e.ls, e.dec.isoformat() if e.dec else None, e.rec,
             e.reason_place_change) for e in result]


def test_a_period_with_one_status_and_one_placement_is_one_open_episode() -> None:
    result = episodes(period(), [LegalStatus("V2", START, None)], [placement(START)])
    assert summary(result) == [("2025-05-01", "S", "V2", None, "", "")]
    assert (result[0].place, result[0].place_provider, result[0].pl_post) == (
        "U6", "PR1", "CM1 1AA")
    assert result[0].cin == "N1"


def test_legal_status_change_only_is_l() -> None:
    change = D(2025, 7, 1)
    result = episodes(period(D(2025, 9, 1), "E4A"),
                      [LegalStatus("C1", START, change), LegalStatus("C2", change, None)],
                      [placement(START)])
    assert summary(result) == [
        ("2025-05-01", "S", "C1", "2025-07-01", CONTINUES, ""),
        ("2025-07-01", "L", "C2", "2025-09-01", "E4A", ""),
    ]


def test_placement_change_with_new_carers_is_p_and_carries_the_reason() -> None:
    move = D(2025, 6, 10)
    result = episodes(period(), [LegalStatus("C2", START, None)],
                      [placement(START, move, carer="FC1", end_reason="CREQB"),
                       placement(move, place="K2", carer="CH9", provider="PR4", urn="SC1")])
    assert summary(result) == [
        ("2025-05-01", "S", "C2", "2025-06-10", CONTINUES, "CREQB"),
        ("2025-06-10", "P", "C2", None, "", ""),
    ]
    assert (result[1].place, result[1].urn) == ("K2", "SC1")


def test_placement_change_with_the_same_carers_is_t() -> None:
    move = D(2025, 6, 10)
    result = episodes(period(), [LegalStatus("C2", START, None)],
                      [placement(START, move, place="U6", end_reason="PLACE"),
                       placement(move, place="U4")])
    assert [e.rne for e in result] == ["S", "T"]
    assert result[0].reason_place_change == "PLACE"


@pytest.mark.parametrize(("carer_after", "expected"), [("FC2", "B"), ("FC1", "U")])
def test_status_and_placement_changing_on_the_same_day_make_one_episode(
        carer_after: str, expected: str) -> None:
    day = D(2025, 8, 4)
    result = episodes(period(), [LegalStatus("C1", START, day), LegalStatus("E1", day, None)],
                      [placement(START, day, carer="FC1", end_reason="CARPL"),
                       placement(day, place="U5", carer=carer_after)])
    assert summary(result) == [
        ("2025-05-01", "S", "C1", "2025-08-04", CONTINUES, "CARPL"),
        ("2025-08-04", expected, "E1", None, "", ""),
    ]


def test_blank_carer_refs_are_never_the_same_carers() -> None:
    move = D(2025, 6, 1)
    result = episodes(period(), [LegalStatus("V2", START, None)],
                      [placement(START, move, carer=""), placement(move, carer="",
                                                                   postcode="CM2 2BB")])
    assert [e.rne for e in result] == ["S", "P"]


def test_a_placement_re_recorded_unchanged_makes_no_new_episode() -> None:
    split = D(2025, 6, 1)
    result = episodes(period(), [LegalStatus("V2", START, None)],
                      [placement(START, split), placement(split)])
    assert summary(result) == [("2025-05-01", "S", "V2", None, "", "")]


def test_no_reason_for_a_move_into_or_out_of_a_temporary_placement() -> None:
    out, back = D(2025, 7, 1), D(2025, 7, 8)
    result = episodes(period(), [LegalStatus("C2", START, None)],
                      [placement(START, out, end_reason="OTHER"),
                       placement(out, back, place="T3", carer="FC7", end_reason="OTHER"),
                       placement(back, end_reason="")])
    assert [(e.rne, e.place, e.reason_place_change) for e in result] == [
        ("S", "U6", ""), ("P", "T3", ""), ("P", "U6", "")]


def test_the_last_episode_ends_with_the_period_and_its_reason() -> None:
    end = D(2026, 2, 1)
    result = episodes(period(end, "E11"), [LegalStatus("E1", START, end)],
                      [placement(START, end, place="A6")])
    assert summary(result) == [("2025-05-01", "S", "E1", "2026-02-01", "E11", "")]


def test_records_outside_the_period_are_ignored() -> None:
    end = D(2025, 9, 1)
    result = episodes(period(end, "E13"),
                      [LegalStatus("V2", D(2025, 1, 1), D(2025, 12, 1))],
                      [placement(D(2025, 1, 1), START, carer="OLD"), placement(START)])
    assert summary(result) == [("2025-05-01", "S", "V2", "2025-09-01", "E13", "")]


def test_a_zero_length_placement_is_never_in_effect() -> None:
    day = D(2025, 6, 1)
    result = episodes(period(), [LegalStatus("V2", START, None)],
                      [placement(START, day, end_reason="CARPL"),
                       placement(day, day, place="K2", carer="X"),
                       placement(day, place="U3", carer="FC2")])
    assert [(e.rne, e.place) for e in result] == [("S", "U6"), ("P", "U3")]


class TestEpisodesInYear:
    year_start, year_end = D(2025, 4, 1), D(2026, 3, 31)

    def _episodes(self, end: dt.date | None) -> list[Episode]:
        change = D(2025, 4, 1)
        later = D(2026, 4, 10)
        statuses = [LegalStatus("C1", D(2024, 12, 1), change), LegalStatus("C2", change, None)]
        placements = [placement(D(2024, 12, 1), later, end_reason="CARPL"),
                      placement(later, carer="FC2")]
        return episodes(Period(D(2024, 12, 1), end, "E4A" if end else "", "N1"), statuses,
                        placements)

    def test_an_episode_ending_on_1_april_is_reported(self) -> None:
        reported = episodes_in_year(self._episodes(None), self.year_start, self.year_end)
        assert [(e.decom, e.rne) for e in reported] == [(D(2024, 12, 1), "S"),
                                                        (D(2025, 4, 1), "L")]

    def test_an_episode_ending_after_31_march_is_open_at_the_year_end(self) -> None:
        reported = episodes_in_year(self._episodes(D(2026, 6, 1)), self.year_start,
                                    self.year_end)
        assert (reported[-1].dec, reported[-1].rec, reported[-1].reason_place_change) == (
            None, "", "")

    def test_episodes_that_ended_before_the_year_are_not_reported(self) -> None:
        assert episodes_in_year(self._episodes(None), D(2026, 4, 11), D(2027, 3, 31)) == [
            self._episodes(None)[-1]]


# -- properties -----------------------------------------------------------------------------

CODES = ("C1", "C2", "E1", "V2")
PLACES = ("U6", "U3", "K2", "P1")
CARERS = ("A", "B", "")


@st.composite
def care_periods(draw: st.DrawFn) -> tuple[Period, list[LegalStatus], list[Placement]]:
    start = draw(st.dates(min_value=D(2015, 1, 1), max_value=D(2025, 12, 31)))
    length = draw(st.integers(min_value=2, max_value=900))
    end = start + dt.timedelta(days=length)
    open_period = draw(st.booleans())

    def tiles(n_max: int) -> list[tuple[dt.date, dt.date | None]]:
        offsets = sorted(set(draw(st.lists(st.integers(1, length - 1), max_size=n_max))))
        days = [start] + [start + dt.timedelta(days=o) for o in offsets]
        return [(d, days[i + 1] if i + 1 < len(days) else (None if open_period else end))
                for i, d in enumerate(days)]

    statuses = [LegalStatus(draw(st.sampled_from(CODES)), s, e) for s, e in tiles(4)]
    placements = [Placement(place=draw(st.sampled_from(PLACES)), provider="PR1",
                            carer_ref=draw(st.sampled_from(CARERS)), postcode="CM1 1AA",
                            urn="", start=s, end=e,
                            end_reason=draw(st.sampled_from(("", "CARPL", "OTHER"))))
                  for s, e in tiles(5)]
    return (Period(start, None if open_period else end, "" if open_period else "E8", "N4"),
            statuses, placements)


def _in_effect(records: list[LegalStatus] | list[Placement], day: dt.date) -> object:
    return next(r for r in reversed(records)
                if r.start <= day and (r.end is None or day < r.end))


@settings(max_examples=300, deadline=None)
@given(care_periods())
def test_episodes_tile_the_period_exactly(case: tuple[Period, list[LegalStatus],
                                                      list[Placement]]) -> None:
    p, statuses, placements = case
    result = episodes(p, statuses, placements)
    assert result[0].decom == p.start
    assert result[-1].dec == p.end
    for before, after in itertools.pairwise(result):
        assert before.decom < after.decom
        assert before.dec == after.decom
        assert before.rec == CONTINUES
    assert result[-1].rec == p.reason_ceased


@settings(max_examples=300, deadline=None)
@given(care_periods())
def test_each_episode_reports_the_status_and_placement_in_effect(
        case: tuple[Period, list[LegalStatus], list[Placement]]) -> None:
    p, statuses, placements = case
    result = episodes(p, statuses, placements)
    days = {r.start for r in [*statuses, *placements]}
    for day in sorted(days):
        episode = next(e for e in reversed(result) if e.decom <= day)
        status = _in_effect(statuses, day)
        place = _in_effect(placements, day)
        assert isinstance(status, LegalStatus)
        assert isinstance(place, Placement)
        assert episode.ls == status.code
        assert (episode.place, episode.carer_ref) == (place.place, place.carer_ref)


@settings(max_examples=300, deadline=None)
@given(care_periods())
def test_rne_says_what_changed(case: tuple[Period, list[LegalStatus],
                                           list[Placement]]) -> None:
    p, statuses, placements = case
    result = episodes(p, statuses, placements)
    assert result[0].rne == "S"
    for before, after in itertools.pairwise(result):
        status_changed = before.ls != after.ls
        placement_changed = (before.place, before.carer_ref) != (after.place, after.carer_ref)
        same_carers = after.carer_ref != "" and before.carer_ref == after.carer_ref
        assert status_changed or placement_changed
        expected = {(True, False): "L", (False, True): "T" if same_carers else "P",
                    (True, True): "U" if same_carers else "B"}[(status_changed,
                                                                 placement_changed)]
        assert after.rne == expected
        if after.rne == "L":
            assert before.reason_place_change == ""


@settings(max_examples=200, deadline=None)
@given(care_periods(), st.integers(min_value=2016, max_value=2027))
def test_the_year_sees_the_episodes_open_in_it_and_nothing_after_31_march(
        case: tuple[Period, list[LegalStatus], list[Placement]], year: int) -> None:
    start, end = D(year - 1, 4, 1), D(year, 3, 31)
    all_episodes = episodes(*case)
    reported = episodes_in_year(all_episodes, start, end)
    assert [e.decom for e in reported] == [
        e.decom for e in all_episodes if e.decom <= end and (e.dec is None or e.dec >= start)]
    for e in reported:
        assert e.dec is None or e.dec <= end
        assert (e.dec is None) == (e.rec == "")
