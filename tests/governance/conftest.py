"""The access tests' council, users and clock (fixed at 3 June 2024), reused here, plus a few
old files: one past the 25-year rule, one looked-after file past its 75 years, one adopted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from tests.access.conftest import (  # noqa: F401  (fixtures shared with access)
    Council,
    clock_at,
    council,
    signed_in,
    users,
)
from tests.factories import CarePeriodFactory, ChildFactory, CINEpisodeFactory, ContactFactory

from hearth.core import codes
from hearth.people.models import Child


@dataclass
class OldFiles:
    cin: Child  # born 1990, a closed CIN episode: kept until 2015
    looked_after: Child  # born 1945, in care as a child: kept until 2020
    adopted: Child  # adopted in 1920: kept until 2020
    young_care_leaver: Child  # born 1990, looked after: kept until 2065


def closed_episode(child: Child, year: int) -> None:
    CINEpisodeFactory(child=child, la=child.la, referral_date=dt.date(year, 1, 10),
                      closure_date=dt.date(year, 6, 1),
                      closure_reason=codes.CINClosureReason.RC8)


def cared_for(child: Child, year: int, reason: str = codes.ReasonEpisodeCeased.E13) -> None:
    period = CarePeriodFactory(
        episode__child=child, episode__la=child.la,
        episode__referral_date=dt.date(year, 1, 1), episode__closure_date=dt.date(year, 12, 1),
        episode__closure_reason=codes.CINClosureReason.RC1,
        start_date=dt.date(year, 2, 1), end_date=dt.date(year, 11, 1), reason_ceased=reason,
    )
    assert period.child == child


@pytest.fixture
def old_files(council: Council) -> OldFiles:  # noqa: F811
    la = council.la
    cin = ChildFactory(la=la, first_name="Olden", date_of_birth=dt.date(1990, 3, 15))
    closed_episode(cin, 2000)
    ContactFactory(child=cin, la=la)
    looked_after = ChildFactory(la=la, first_name="Carey", date_of_birth=dt.date(1945, 1, 20))
    cared_for(looked_after, 1950)
    adopted = ChildFactory(la=la, first_name="Ada", date_of_birth=dt.date(1915, 5, 1))
    cared_for(adopted, 1919, reason=codes.ReasonEpisodeCeased.E11)
    young = ChildFactory(la=la, first_name="Young", date_of_birth=dt.date(1990, 1, 1))
    cared_for(young, 2000)
    return OldFiles(cin=cin, looked_after=looked_after, adopted=adopted, young_care_leaver=young)
