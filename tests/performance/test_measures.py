"""The catalogue: each measure defined once, with what a reader needs to trust it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from tests.performance.casefile import D, in_care, measure

from hearth.performance.base import Measure, Polarity, Unit
from hearth.performance.measures import BY_ID, MEASURES

if TYPE_CHECKING:
    from pytest_django import Settings  # the settings fixture's type (pytest-django 4.11+)

REQUIRED_IDS = ("cla_count", "cla_3plus_placements_pct", "cin_count", "cp_plan_count",
                "referrals_count", "rereferral_12m_pct", "assessments_within_45wd_pct",
                "uasc_count")


def test_ids_are_unique_stable_snake_case_and_include_the_required_ones() -> None:
    ids = [m.id for m in MEASURES]
    assert len(ids) == len(set(ids)) == len(BY_ID)
    assert all(re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", i) for i in ids)
    assert set(REQUIRED_IDS) <= set(ids)


@pytest.mark.parametrize("m", MEASURES, ids=lambda m: m.id)
def test_each_measure_says_what_it_counts_and_where_it_comes_from(m: Measure) -> None:
    assert m.name
    assert m.definition.endswith(".")
    assert m.numerator
    assert m.source
    assert (m.denominator == "") == (m.unit is Unit.COUNT)
    # A share has a better direction; only the front door's conversion rate is context.
    if m.unit is Unit.PERCENT and m.id != "contacts_to_referral_pct":
        assert m.polarity is not Polarity.NEUTRAL
    assert m.query.__doc__, f"{m.id}: its query cites no definition"
    assert m.id.endswith("_pct") == (m.unit is Unit.PERCENT)
    assert m.id.endswith("_per_10k") == (m.unit is Unit.PER_10K)


def test_a_local_target_comes_from_settings(settings: Settings) -> None:
    in_care(D(2024, 5, 1))
    assert measure("cla_count").as_dict()["target"] is None
    settings.HEARTH_KPI_TARGETS = {"cla_count": 250}
    shown = measure("cla_count").as_dict()
    assert (shown["value"], shown["target"]) == (1, 250.0)
