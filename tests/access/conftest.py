"""A small hand-built council for the access tests, and one user per role acting in it.

Two areas (North, South) with an assessment team each, a county-wide MASH and IRO service, and
a second council whose child nobody here may ever see. The clock is fixed at ``NOW`` so
"open", "recent" and "expired" mean the same thing on every run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from tests.factories import (
    AllocationFactory,
    AreaFactory,
    CarePeriodFactory,
    ChildFactory,
    ContactFactory,
    LocalAuthorityFactory,
    TeamFactory,
    WorkerFactory,
)

from hearth.access.models import Role, User
from hearth.care.models import CLAReview
from hearth.core import codes
from hearth.organisation.models import LocalAuthority, Team, Worker
from hearth.people.models import Child

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2024, 6, 3, 10, 0, tzinfo=LONDON)  # a Monday
TODAY = NOW.date()


@pytest.fixture
def clock_at() -> Iterator[time_machine.Coordinates]:
    """The one clock, fixed at ``NOW``; a test moves it with ``clock_at.shift(timedelta)``."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@dataclass
class Council:
    """The council's structure, its children by name, and a second council's child."""

    la: LocalAuthority
    north: Team
    south: Team
    mash: Team
    ann: Worker  # social worker, North
    ned: Worker  # social worker, North
    sue: Worker  # social worker, South
    north_manager: Worker
    south_manager: Worker
    north_head: Worker  # head of service, North area
    iro: Worker
    director: Worker
    analyst: Worker
    ann_child: Child
    ned_child: Child
    sue_child: Child
    closed_child: Child  # was Ann's; allocation ended
    restricted_child: Child  # restricted, held by Ann
    contact_child: Child  # a contact awaiting decision, nobody allocated
    looked_after_child: Child  # held by Sue, CLA review chaired by the IRO
    other_council_child: Child

    def essex_children(self) -> set[Child]:
        return {self.ann_child, self.ned_child, self.sue_child, self.closed_child,
                self.restricted_child, self.contact_child, self.looked_after_child}


@pytest.fixture
def council(db: None, clock_at: time_machine.Coordinates) -> Council:
    la = LocalAuthorityFactory()
    north_area, south_area = AreaFactory(la=la, name="North"), AreaFactory(la=la, name="South")
    north = TeamFactory(area=north_area, name="North Assessment 1")
    south = TeamFactory(area=south_area, name="South Assessment 1")
    mash = TeamFactory(area=None, la=la, name="MASH", function=codes.TeamFunction.FRONT_DOOR)
    iro_team = TeamFactory(area=None, la=la, name="Independent Reviewing",
                           function=codes.TeamFunction.IRO)
    leaders = TeamFactory(area=None, la=la, name="Leadership",
                          function=codes.TeamFunction.LEADERSHIP)
    north_leaders = TeamFactory(area=north_area, name="North service leadership",
                                function=codes.TeamFunction.LEADERSHIP)
    north_manager = WorkerFactory(team=north, role=codes.WorkerRole.TEAM_MANAGER)
    south_manager = WorkerFactory(team=south, role=codes.WorkerRole.TEAM_MANAGER)
    ann = WorkerFactory(team=north, manager=north_manager, first_name="Ann")
    ned = WorkerFactory(team=north, manager=north_manager, first_name="Ned")
    sue = WorkerFactory(team=south, manager=south_manager, first_name="Sue")

    def held_by(worker: Worker, **child: object) -> Child:
        child.setdefault("la", worker.la)
        return AllocationFactory(child=ChildFactory(**child), worker=worker).child

    closed = ChildFactory(la=la, first_name="Closed")
    AllocationFactory(child=closed, worker=ann, end_date=dt.date(2024, 3, 1))
    looked_after = held_by(sue, first_name="Looked")
    period = CarePeriodFactory(episode__child=looked_after)
    iro = WorkerFactory(team=iro_team, role=codes.WorkerRole.IRO)
    CLAReview.objects.create(la=la, child=looked_after, period=period,
                             review_date=dt.date(2024, 3, 20),
                             participation=codes.ReviewParticipation.PN1, iro=iro)
    contact_child = ChildFactory(la=la, first_name="Contact")
    ContactFactory(child=contact_child)

    other_la = LocalAuthorityFactory(name="Elsewhere", dfe_number="882", ons_code="E10000099")
    other_team = TeamFactory(area=AreaFactory(la=other_la), name="Elsewhere Assessment")
    return Council(
        la=la, north=north, south=south, mash=mash, ann=ann, ned=ned, sue=sue,
        north_manager=north_manager, south_manager=south_manager,
        north_head=WorkerFactory(team=north_leaders, role=codes.WorkerRole.HEAD_OF_SERVICE),
        iro=iro,
        director=WorkerFactory(team=leaders, role=codes.WorkerRole.DIRECTOR),
        analyst=WorkerFactory(team=leaders, role=codes.WorkerRole.ANALYST),
        ann_child=held_by(ann, first_name="Annie"),
        ned_child=held_by(ned, first_name="Neddy"),
        sue_child=held_by(sue, first_name="Susie"),
        closed_child=closed,
        restricted_child=held_by(ann, first_name="Restricted", restricted=True),
        contact_child=contact_child,
        looked_after_child=looked_after,
        other_council_child=held_by(WorkerFactory(team=other_team)),
    )


@dataclass
class Users:
    """One signed-in user per role in the council (and the North workers who hold cases)."""

    ann: User
    ned: User
    sue: User
    north_manager: User
    south_manager: User
    front_door: User
    iro: User
    north_head: User
    director: User
    analyst: User
    regional: User
    partner: User
    admin: User

    def by_role(self) -> dict[str, User]:
        """The user the scope matrix uses for each role."""
        return {
            "practitioner": self.ann, "team_manager": self.north_manager,
            "front_door": self.front_door, "iro": self.iro,
            "head_of_service": self.north_head, "director": self.director,
            "performance": self.analyst, "regional_viewer": self.regional,
            "partner_agency": self.partner, "administrator": self.admin,
        }


def make_user(username: str, role: Role, la: LocalAuthority,
              worker: Worker | None = None) -> User:
    return User.objects.create_user(username=username, role=role, la=la, worker=worker,
                                    first_name=username.split(".")[0].title(),
                                    last_name="Synthetic")


@pytest.fixture
def users(council: Council) -> Users:
    la = council.la
    return Users(
        ann=make_user("ann.sw", Role.PRACTITIONER, la, council.ann),
        ned=make_user("ned.sw", Role.PRACTITIONER, la, council.ned),
        sue=make_user("sue.sw", Role.PRACTITIONER, la, council.sue),
        north_manager=make_user("nora.tm", Role.TEAM_MANAGER, la, council.north_manager),
        south_manager=make_user("sam.tm", Role.TEAM_MANAGER, la, council.south_manager),
        front_door=make_user("fay.mash", Role.FRONT_DOOR, la),
        iro=make_user("ivy.iro", Role.IRO, la, council.iro),
        north_head=make_user("hal.hos", Role.HEAD_OF_SERVICE, la, council.north_head),
        director=make_user("dee.dcs", Role.DIRECTOR, la, council.director),
        analyst=make_user("pat.bi", Role.PERFORMANCE, la, council.analyst),
        regional=make_user("reg.viewer", Role.REGIONAL_VIEWER, la),
        partner=make_user("pc.police", Role.PARTNER_AGENCY, la),
        admin=make_user("ada.admin", Role.ADMINISTRATOR, la),
    )


@pytest.fixture
def signed_in(client: Client) -> Callable[[User], Client]:
    """``signed_in(user)`` -> a client signed in as that user."""

    def sign_in(user: User) -> Client:
        client.force_login(user)
        return client

    return sign_in
