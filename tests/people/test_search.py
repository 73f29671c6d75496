"""Finding a child: by name, date of birth or identifier, only among children the user may
see (with a reason, or as a restricted record's existence where the role needs it), and every
search written to the access audit (issues 4 and 6)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.access.conftest import Council, Users
from tests.factories import AllocationFactory, ChildFactory

from hearth.access.models import AccessEvent, AccessVerb, User
from hearth.people.forms import SEARCH_TOO_SHORT
from hearth.people.models import Child
from hearth.people.selectors import Access, parse_date, search_children

pytestmark = pytest.mark.django_db

SignIn = Callable[[User], Client]
SEARCH = reverse("people:search")


def found(user: User, terms: str) -> dict[str, str]:
    return {found.child.first_name: found.access
            for found in search_children(user=user, terms=terms)}


@pytest.fixture
def identified(council: Council) -> Child:
    child = council.ann_child
    child.last_name, child.upn, child.nhs_number = "Oakfield", "A123456789012", "9434765919"
    child.date_of_birth = dt.date(2016, 2, 29)
    child.save()
    return child


@pytest.mark.parametrize("terms", [
    "Annie", "annie oak", "OAKFIELD", "29/02/2016", "2016-02-29", "a123456789012",
    "943 476 5919", "{la_child_id}",
])
def test_finds_by_name_date_of_birth_or_identifier(
    identified: Child, users: Users, terms: str
) -> None:
    terms = terms.format(la_child_id=identified.la_child_id.lower())
    assert found(users.ann, terms) == {"Annie": Access.OPEN}


def test_a_name_must_match_every_word(identified: Child, users: Users) -> None:
    assert found(users.ann, "Annie Smith") == {}


def test_scoped_to_what_each_user_may_see(council: Council, users: Users) -> None:
    for child in Child.objects.filter(la=council.la):
        child.last_name = "Samename"
        child.save()
    council.other_council_child.last_name = "Samename"
    council.other_council_child.save()

    # Ann: her own child; Ned's child with a reason (same team); not South, not the restricted
    # child she is not named on, not another council's.
    assert found(users.ann, "samename") == {"Annie": Access.OPEN, "Neddy": Access.REASON}
    # The analyst may open any unrestricted child of the council with a reason.
    assert set(found(users.analyst, "samename").values()) == {Access.REASON}
    assert "Restricted" not in found(users.analyst, "samename")
    # A manager learns the restricted child held in the team exists, without opening it.
    assert found(users.north_manager, "samename") == {
        "Annie": Access.OPEN, "Neddy": Access.OPEN, "Restricted": Access.RESTRICTED}
    assert found(users.south_manager, "samename") == {
        "Susie": Access.OPEN, "Looked": Access.OPEN}


def test_dates_as_people_type_them() -> None:
    assert parse_date("1/2/2016") == dt.date(2016, 2, 1)
    assert parse_date("2016-02-01") == dt.date(2016, 2, 1)
    assert parse_date("31/02/2016") is None
    assert parse_date("Annie") is None


def test_search_page_is_audited_and_links_as_the_user_may_open(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    client = signed_in(users.ann)

    response = client.get(SEARCH, {"q": "  Neddy  "})

    assert response.status_code == 200
    assert reverse("people:child_reason", args=[council.ned_child.pk]).encode() in (
        response.content)
    event = AccessEvent.objects.get()
    assert (event.actor, event.verb, event.detail, event.child) == (
        users.ann, AccessVerb.SEARCH, "search for 'Neddy'", None)

    mine = client.get(SEARCH, {"q": "Annie"})
    assert reverse("people:child", args=[council.ann_child.pk]).encode() in mine.content
    assert AccessEvent.objects.count() == 2


def test_a_restricted_result_shows_its_id_only(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    response = signed_in(users.north_manager).get(SEARCH, {"q": "Restricted"})
    content = response.content.decode()
    assert "Restricted record" in content
    assert council.restricted_child.la_child_id in content
    assert reverse("people:child", args=[council.restricted_child.pk]) not in content


def test_too_short_a_search_says_so_and_is_not_run(users: Users, signed_in: SignIn) -> None:
    response = signed_in(users.ann).get(SEARCH, {"q": "a"})
    assert SEARCH_TOO_SHORT.format(n=2).encode() in response.content
    assert response.context["results"] is None
    assert not AccessEvent.objects.exists()


def test_the_empty_page_runs_no_search(users: Users, signed_in: SignIn) -> None:
    response = signed_in(users.ann).get(SEARCH)
    assert response.status_code == 200
    assert not AccessEvent.objects.exists()


SEARCH_STATUS = {
    "practitioner": 200, "team_manager": 200, "front_door": 200, "iro": 200,
    "head_of_service": 200, "director": 200, "performance": 200,
    "regional_viewer": 403, "partner_agency": 403, "administrator": 403,
}


@pytest.mark.parametrize(("role", "status"), sorted(SEARCH_STATUS.items()))
def test_search_by_role(users: Users, signed_in: SignIn, role: str, status: int) -> None:
    user = users.by_role()[role]
    response = signed_in(user).get(SEARCH, {"q": "Annie"})
    assert response.status_code == status
    verb = AccessVerb.SEARCH if status == 200 else AccessVerb.DENIED
    assert list(AccessEvent.objects.values_list("actor", "verb")) == [(user.pk, verb)]


def test_search_query_count_does_not_grow_with_the_matches(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            AllocationFactory(child=ChildFactory(la=council.la, last_name="Manymatch"),
                              worker=council.ann)

    client = signed_in(users.ann)
    add(2)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(SEARCH, {"q": "manymatch"}).context["results"]) == 2
    add(18)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(SEARCH, {"q": "manymatch"}).context["results"]) == 20

    assert len(few) == len(many)
