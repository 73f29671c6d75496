"""A small council's case files for the 903 tests, built with the project's factories."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from tests.factories import (
    AdopterFamilyFactory,
    AdoptionDecisionFactory,
    AllocationFactory,
    CareLeaverFactory,
    CareLeaverStatusFactory,
    CarePeriodFactory,
    ChildFactory,
    CINEpisodeFactory,
    LegalStatusRecordFactory,
    LocalAuthorityFactory,
    MissingEpisodeFactory,
    PlacementFactory,
    WorkerFactory,
)
from tests.returns.synthetic_council import synthetic_council

from hearth.adoption.models import AdoptionMatch
from hearth.care.models import CarePeriod, CLAReview, PreviousPermanenceRecord
from hearth.organisation.models import LocalAuthority
from hearth.people.models import Address, Child, Person, Relationship

__all__ = ["synthetic_council"]

LONDON = ZoneInfo("Europe/London")
D = dt.date


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON)


def care(child: Child, start: dt.date, end: dt.date | None = None, reason: str = "", *,
         statuses: tuple[tuple[str, dt.date], ...] = (),
         placements: tuple[tuple[str, str, dt.date], ...] = (),
         episode: object = None) -> CarePeriod:
    """A period of care with legal statuses (code, from) and placements (type, carers, from)."""
    period = CarePeriodFactory(child=child, la=child.la, start_date=start, end_date=end,
                               reason_ceased=reason,
                               episode=episode or CINEpisodeFactory(
                                   child=child, referral_date=start - dt.timedelta(days=30)))
    statuses = statuses or (("C2", start),)
    for i, (code, since) in enumerate(statuses):
        LegalStatusRecordFactory(period=period, code=code, start_date=since,
                                 end_date=statuses[i + 1][1] if i + 1 < len(statuses) else end)
    placements = placements or (("U6", f"FC-{child.la_child_id}", start),)
    for i, (place, carers, since) in enumerate(placements):
        last = i + 1 == len(placements)
        PlacementFactory(period=period, placement_type=place, carer_ref=carers,
                         provider="PR1", start_date=since,
                         end_date=end if last else placements[i + 1][2],
                         end_reason="" if last else "CARPL")
    return period


def home(child: Child, postcode: str = "CM1 1AA") -> None:
    Address.objects.create(la=child.la, child=child, line1="1 Synthetic Road",
                           postcode=postcode, start_date=child.date_of_birth)


@dataclass
class Council:
    la: LocalAuthority
    twice: Child
    same_day: Child
    adopted: Child
    leaver: Child
    missing: Child


def add_child_in_care(la: LocalAuthority, n: int) -> Child:
    """One more child looked after all year, with a review, a worker and a missing spell."""
    child = ChildFactory(la=la, la_child_id=f"X{n:05d}", date_of_birth=D(2011, 1, 1))
    home(child)
    care(child, D(2023, 5, 1))
    CLAReview.objects.create(la=la, child=child, period=child.care_periods.get(),
                             review_date=D(2025, 9, 1), participation="PN1")
    AllocationFactory(child=child, start_date=D(2023, 4, 1), change_reason="FCONTA")
    MissingEpisodeFactory(child=child, started_at=at(D(2025, 10, 1), 20),
                          returned_at=at(D(2025, 10, 2), 9))
    PreviousPermanenceRecord.objects.create(la=la, child=child, option="Z1")
    return child


@pytest.fixture
def council(db: None) -> Council:
    la = LocalAuthorityFactory()
    worker = WorkerFactory(la=la)

    twice = ChildFactory(la=la, la_child_id="TWICE", date_of_birth=D(2012, 3, 3))
    home(twice)
    cin = CINEpisodeFactory(child=twice, referral_date=D(2025, 4, 20))
    care(twice, D(2025, 5, 1), D(2025, 8, 1), "E4A", episode=cin)
    care(twice, D(2025, 11, 3), episode=cin)
    PreviousPermanenceRecord.objects.create(la=la, child=twice, option="P4")
    AllocationFactory(child=twice, worker=worker, start_date=D(2025, 4, 20))

    same_day = ChildFactory(la=la, la_child_id="SAMEDAY", date_of_birth=D(2009, 2, 2))
    home(same_day, "CO1 1AA")
    change = D(2025, 9, 15)
    care(same_day, D(2024, 1, 10), statuses=(("C1", D(2024, 1, 10)), ("C2", change)),
         placements=(("U6", "FC7", D(2024, 1, 10)), ("U4", "FC7", change)))
    baby = Person.objects.create(la=la, first_name="Baby", last_name="Synthetic",
                                 date_of_birth=D(2025, 12, 24))
    Relationship.objects.create(la=la, child=same_day, person=baby, relationship_type="child")

    adopted = ChildFactory(la=la, la_child_id="ADOPTED", date_of_birth=D(2023, 10, 1))
    home(adopted)
    start, placed, adopted_on = D(2024, 3, 1), D(2025, 6, 2), D(2026, 1, 12)
    care(adopted, start, adopted_on, "E11",
         statuses=(("C1", start), ("E1", D(2025, 2, 1))),
         placements=(("U5", "FC9", start), ("A5", "FC9", placed)))
    decision = AdoptionDecisionFactory(child=adopted, decision_date=D(2024, 12, 1))
    AdoptionMatch.objects.create(la=la, child=adopted, decision=decision,
                                 family=AdopterFamilyFactory(la=la, former_foster_carers=True),
                                 matched_on=D(2025, 5, 20))

    leaver = ChildFactory(la=la, la_child_id="LEAVER", date_of_birth=D(2006, 7, 1))
    care(leaver, D(2020, 2, 1), D(2024, 7, 1), "E5")
    status = CareLeaverStatusFactory(care_leaver=CareLeaverFactory(child=leaver,
                                                                   start_date=D(2024, 7, 1)),
                                     recorded_on=D(2025, 7, 10), activity="F5",
                                     accommodation="D", accommodation_suitable=False)
    assert status.la == la

    missing = ChildFactory(la=la, la_child_id="MISSING", date_of_birth=D(2010, 1, 1))
    home(missing)
    care(missing, D(2024, 1, 1))
    MissingEpisodeFactory(child=missing, started_at=at(D(2026, 3, 30), 22),
                          returned_at=at(D(2026, 4, 2), 8))
    return Council(la=la, twice=twice, same_day=same_day, adopted=adopted, leaver=leaver,
                   missing=missing)
