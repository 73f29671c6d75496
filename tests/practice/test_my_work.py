"""My work: the signed-in worker's caseload, overdue first, each child's next due item from the
timescales module, this week's counts, by role, and a query count that does not grow with the
caseload (issue 4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.access.conftest import NOW, Council, Users
from tests.factories import (
    AllocationFactory,
    AssessmentFactory,
    CarePeriodFactory,
    ChildFactory,
    CINEpisodeFactory,
    ContactFactory,
    MissingEpisodeFactory,
)

from hearth.access.models import AccessEvent, AccessVerb, User
from hearth.access.services import restricted_access_grant
from hearth.people.models import Child
from hearth.practice.selectors import my_work
from hearth.timescales.due import Band

pytestmark = pytest.mark.django_db

SignIn = Callable[[User], Client]
MY_WORK = reverse("practice:my_work")
SEARCH = reverse("people:search")
D = dt.date


def held_by_ann(council: Council, name: str) -> Child:
    return AllocationFactory(child=ChildFactory(la=council.la, first_name=name),
                             worker=council.ann).child


@pytest.fixture
def caseload(council: Council) -> dict[str, Child]:
    """Ann's caseload on Monday 3 June 2024, with due dates counted by hand."""
    late = held_by_ann(council, "Late")
    # Contact Thursday 30 May: due Friday 31 May, overdue.
    ContactFactory(child=late, received_at=dt.datetime(2024, 5, 30, 10, tzinfo=NOW.tzinfo))
    soon = held_by_ann(council, "Soon")
    episode = CINEpisodeFactory(child=soon, referral_date=D(2024, 5, 1))
    # Assessment: 45 working days from 1 May (6 and 27 May are bank holidays) is 5 July.
    AssessmentFactory(episode=episode)
    # Looked after from Wednesday 8 May, no review yet: first review due Thursday 6 June.
    CarePeriodFactory(child=soon, episode=episode, start_date=D(2024, 5, 8))
    # Back from missing Saturday 1 June 08:00: interview due Tuesday 4 June 08:00.
    MissingEpisodeFactory(child=soon, started_at=dt.datetime(2024, 5, 31, 20, tzinfo=NOW.tzinfo),
                          returned_at=dt.datetime(2024, 6, 1, 8, tzinfo=NOW.tzinfo))
    later = held_by_ann(council, "Later")
    AssessmentFactory(episode=CINEpisodeFactory(child=later, referral_date=D(2024, 5, 20)))
    return {"late": late, "soon": soon, "later": later}


def test_caseload_overdue_first_with_next_due_items(
    council: Council, users: Users, caseload: dict[str, Child]
) -> None:
    work = my_work(user=users.ann)

    rows = [(row.child.first_name, row.next_item and (row.next_item.rule_name,
             row.next_item.due, row.next_item.band), len(row.items)) for row in work.rows]
    assert rows == [
        ("Late", ("referral-decision", D(2024, 5, 31), Band.OVERDUE), 1),
        ("Soon", ("rhi", D(2024, 6, 4), Band.THIS_WEEK), 3),
        # 20 May + 45 working days, 27 May a bank holiday: Tuesday 23 July.
        ("Later", ("assessment", D(2024, 7, 23), Band.LATER), 1),
        ("Annie", None, 0),
    ]
    assert (work.overdue, work.due_this_week) == (1, 2)
    assert work.week_ends == D(2024, 6, 9)
    # Not the restricted child she is not named on, nor the child whose allocation ended.
    assert council.restricted_child not in [row.child for row in work.rows]
    assert council.closed_child not in [row.child for row in work.rows]


def test_a_restricted_child_shows_once_the_worker_is_named(
    council: Council, users: Users
) -> None:
    restricted_access_grant(actor=users.director, child=council.restricted_child,
                            user=users.ann, reason="Allocated worker of record.")
    assert council.restricted_child in [row.child for row in my_work(user=users.ann).rows]


def test_my_work_page(council: Council, users: Users, signed_in: SignIn,
                      caseload: dict[str, Child]) -> None:
    response = signed_in(users.ann).get(MY_WORK)

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="count-overdue">1<' in content
    assert 'id="count-this-week">2<' in content
    assert content.index("Late") < content.index("Soon") < content.index("Later")
    assert reverse("people:child", args=[caseload["late"].pk]) in content
    assert not AccessEvent.objects.exists()  # names only: opening a record is what is audited


MY_WORK_STATUS = {
    "practitioner": 200, "team_manager": 200, "front_door": 403, "iro": 403,
    "head_of_service": 403, "director": 403, "performance": 403,
    "regional_viewer": 403, "partner_agency": 403, "administrator": 403,
}


@pytest.mark.parametrize(("role", "status"), sorted(MY_WORK_STATUS.items()))
def test_my_work_by_role(users: Users, signed_in: SignIn, role: str, status: int) -> None:
    user = users.by_role()[role]
    response = signed_in(user).get(MY_WORK)
    assert response.status_code == status
    denied = list(AccessEvent.objects.filter(verb=AccessVerb.DENIED).values_list("actor",
                                                                                 flat=True))
    assert denied == ([] if status == 200 else [user.pk])


def test_navigation_offers_my_work_and_search_to_the_roles_that_use_them(
    users: Users, signed_in: SignIn
) -> None:
    home = reverse("home")
    practitioner = signed_in(users.ann).get(home).content.decode()
    assert MY_WORK in practitioner
    assert SEARCH in practitioner
    director = signed_in(users.director).get(home).content.decode()
    assert MY_WORK not in director
    assert SEARCH in director
    partner = signed_in(users.partner).get(home).content.decode()
    assert MY_WORK not in partner
    assert SEARCH not in partner


def _queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(MY_WORK).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_the_caseload(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    def add_children(n: int) -> None:
        for i in range(n):
            child = held_by_ann(council, f"Extra{i}")
            ContactFactory(child=child)
            AssessmentFactory(episode=CINEpisodeFactory(child=child))

    add_children(1)  # with Annie, two children
    client = signed_in(users.ann)
    two = _queries(client)
    add_children(18)
    assert len(my_work(user=users.ann).rows) == 20

    assert _queries(client) == two
