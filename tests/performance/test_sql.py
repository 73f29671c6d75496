"""``per_day``: a threshold worked out in Python for every day, looked up in SQL."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.factories import ChildFactory
from tests.performance.casefile import D, at

from hearth.care.models import HealthCheck, MissingEpisode
from hearth.performance.scope import london_midnight
from hearth.performance.sql import per_day
from hearth.timescales.rules import LONDON, rule

YEAR = [D(2024, 4, 1) + dt.timedelta(days=i) for i in range(365)]


def test_every_day_of_a_year_gets_its_own_cutoff() -> None:
    child = ChildFactory()
    HealthCheck.objects.bulk_create(HealthCheck(la=child.la, child=child, kind="rha",
                                                check_date=day) for day in YEAR)
    cutoff = rule("assessment").cutoff
    found = HealthCheck.objects.annotate(
        earliest=per_day("check_date", YEAR, cutoff)).values_list("check_date", "earliest")
    assert dict(found) == {day: cutoff(day) for day in YEAR}


def test_date_times_are_looked_up_by_their_day_in_london() -> None:
    child = ChildFactory()
    # The first and last minute of each day, London time (BST and GMT both in the year).
    MissingEpisode.objects.bulk_create(
        MissingEpisode(la=child.la, child=child, kind="M", started_at=moment)
        for day in YEAR for moment in (at(day, 0, 0), at(day, 23, 59)))
    cutoff = rule("referral-decision").cutoff
    found = MissingEpisode.objects.annotate(
        earliest=per_day("started_at", YEAR, cutoff, timed=True)).values_list("started_at",
                                                                             "earliest")
    for moment, earliest in found:
        assert earliest == london_midnight(cutoff(moment.astimezone(LONDON).date()))


def test_needs_a_day() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        per_day("check_date", [], rule("assessment").cutoff)
