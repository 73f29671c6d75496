"""The access-audit pages as each role meets them: allowed, refused or sent to sign in, and
audited (issue 6: "who has looked at this child" and a user's own access history)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.access.conftest import Council, Users

from hearth.access.models import AccessEvent, AccessVerb, User
from hearth.access.services import record_access, restricted_access_grant
from hearth.access.views import PAGE_SIZE
from hearth.people.models import Child

pytestmark = pytest.mark.django_db

SignIn = Callable[[User], Client]


def log_url(child: Child) -> str:
    return reverse("access:child_access_log", args=[child.pk])


def events(**filters: object) -> list[tuple[str, str, str]]:
    return [(e.actor_username, e.verb, e.child_la_child_id)
            for e in AccessEvent.objects.filter(**filters).order_by("id")]


# "Who has looked at this child": the role matrix for a child held in North


ACCESS_LOG_STATUS = {
    "practitioner": 403,
    "team_manager": 200,
    "front_door": 403,
    "iro": 403,
    "head_of_service": 200,
    "director": 200,
    "performance": 403,
    "regional_viewer": 403,
    "partner_agency": 403,
    "administrator": 200,
}


@pytest.mark.parametrize(("role", "status"), sorted(ACCESS_LOG_STATUS.items()))
def test_child_access_log_answers_by_role_and_audits_either_way(
    council: Council, users: Users, signed_in: SignIn, role: str, status: int
) -> None:
    user = users.by_role()[role]
    child = council.ann_child

    response = signed_in(user).get(log_url(child))

    assert response.status_code == status
    verb = AccessVerb.VIEW_ACCESS_LOG if status == 200 else AccessVerb.DENIED
    assert events(actor=user) == [(user.username, verb, child.la_child_id)]


def test_anonymous_users_are_sent_to_sign_in(council: Council, client: Client) -> None:
    response = client.get(log_url(council.ann_child))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not AccessEvent.objects.exists()


def test_the_log_lists_every_look_newest_first_with_the_viewer_on_top(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    child = council.ann_child
    record_access(actor=users.ann, verb=AccessVerb.VIEW_CHILD, child=child,
                  reason="Home visit today")
    record_access(actor=users.ned, verb=AccessVerb.DENIED, child=child)

    html = signed_in(users.north_manager).get(log_url(child)).content.decode()

    assert f"Who has looked at child {child.la_child_id}" in html
    assert "3 records, newest first" in html
    rows = html.split('<tr class="govuk-table__row">')[2:]
    assert "nora.tm" in rows[0]
    assert "Viewed who has looked at the record" in rows[0]
    assert "ned.sw" in rows[1]
    assert "Refused" in rows[1]
    assert "ann.sw" in rows[2]
    assert "Home visit today" in rows[2]
    assert child.first_name not in html  # the LA id names the child; no record content


def test_a_manager_outside_the_childs_team_is_refused(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    response = signed_in(users.south_manager).get(log_url(council.ann_child))

    assert response.status_code == 403
    assert events(verb="denied") == [("sam.tm", "denied", council.ann_child.la_child_id)]


def test_an_administrator_reads_a_restricted_childs_log_but_an_unnamed_director_cannot(
    council: Council, users: Users, client: Client
) -> None:
    url = log_url(council.restricted_child)

    client.force_login(users.admin)
    assert client.get(url).status_code == 200
    client.force_login(users.director)
    assert client.get(url).status_code == 403


def test_a_named_manager_reads_a_restricted_childs_log(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    restricted_access_grant(actor=users.director, child=council.restricted_child,
                            user=users.north_manager, reason="Manages the allocated worker")

    assert signed_in(users.north_manager).get(log_url(council.restricted_child)).status_code == 200


@pytest.mark.parametrize("which", ["other council", "no such child"])
def test_a_child_outside_the_council_is_refused_without_saying_whether_it_exists(
    council: Council, users: Users, signed_in: SignIn, which: str
) -> None:
    child_id = council.other_council_child.pk if which == "other council" else 987654

    response = signed_in(users.admin).get(
        reverse("access:child_access_log", args=[child_id]))

    assert response.status_code == 403
    event = AccessEvent.objects.get()
    assert (event.verb, event.child) == ("denied", None)
    assert event.detail.startswith(f"child id {child_id}")


def test_only_the_first_page_of_a_log_is_audited_and_pages_hold_page_size_rows(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    child = council.ann_child
    for _ in range(PAGE_SIZE + 4):
        record_access(actor=users.ann, verb=AccessVerb.VIEW_CHILD, child=child)
    client = signed_in(users.admin)

    first = client.get(log_url(child)).content.decode()
    second = client.get(log_url(child) + "?page=2").content.decode()
    client.get(log_url(child) + "?page=2")

    assert AccessEvent.objects.filter(verb=AccessVerb.VIEW_ACCESS_LOG).count() == 1
    assert first.count('<tr class="govuk-table__row">') == PAGE_SIZE + 1  # + the heading row
    assert second.count('<tr class="govuk-table__row">') == 5 + 1
    assert 'rel="next"' in first
    assert 'rel="prev"' in second
    assert "page 2 of 2" in second


def test_the_log_runs_the_same_number_of_queries_however_long_it_is(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    child = council.ann_child
    client = signed_in(users.north_manager)

    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(log_url(child)).status_code == 200
        return len(queries)

    record_access(actor=users.ann, verb=AccessVerb.VIEW_CHILD, child=child)
    few = queries_for_page()
    for user in (users.ned, users.north_head, users.director, users.admin, users.sue):
        record_access(actor=user, verb=AccessVerb.VIEW_CHILD, child=child)

    assert queries_for_page() == few


# "My access history": every signed-in user, about themselves only


@pytest.mark.parametrize("role", sorted(ACCESS_LOG_STATUS))
def test_every_role_reads_their_own_history_and_nobody_elses(
    council: Council, users: Users, signed_in: SignIn, role: str
) -> None:
    user = users.by_role()[role]
    record_access(actor=user, verb=AccessVerb.SEARCH, detail="my-own-search")
    record_access(actor=users.sue, verb=AccessVerb.SEARCH, detail="sues-search")

    response = signed_in(user).get(reverse("access:my_access_history"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "My access history" in html
    assert "my-own-search" in html
    assert "sues-search" not in html
    assert AccessEvent.objects.count() == 2  # reading your own history is not itself audited


def test_my_history_shows_what_was_refused(council: Council, users: Users,
                                           signed_in: SignIn) -> None:
    client = signed_in(users.ann)
    client.get(log_url(council.ann_child))

    html = client.get(reverse("access:my_access_history")).content.decode()

    assert "Refused" in html
    assert council.ann_child.la_child_id in html


def test_my_history_is_empty_at_first(council: Council, users: Users, signed_in: SignIn) -> None:
    html = signed_in(users.regional).get(reverse("access:my_access_history")).content.decode()

    assert 'id="no-access-events"' in html


def test_anonymous_users_have_no_history(client: Client, db: None) -> None:
    response = client.get(reverse("access:my_access_history"))

    assert response.status_code == 302


# Another user's history: for administrators (the council's auditors), audited


def history_url(user: User) -> str:
    return reverse("access:user_access_history", args=[user.pk])


def test_an_administrator_reads_a_users_history_and_that_is_audited(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    record_access(actor=users.ann, verb=AccessVerb.VIEW_CHILD, child=council.ann_child)

    response = signed_in(users.admin).get(history_url(users.ann))

    assert response.status_code == 200
    assert council.ann_child.la_child_id in response.content.decode()
    event = AccessEvent.objects.get(actor=users.admin)
    assert (event.verb, event.detail) == ("view_access_log", "access history of ann.sw")


@pytest.mark.parametrize("role", sorted(set(ACCESS_LOG_STATUS) - {"administrator"}))
def test_other_roles_are_refused_anothers_history_and_that_is_audited(
    council: Council, users: Users, signed_in: SignIn, role: str
) -> None:
    user = users.by_role()[role]
    target = users.sue

    assert signed_in(user).get(history_url(target)).status_code == 403
    assert events(actor=user) == [(user.username, "denied", "")]


def test_any_user_may_use_the_history_url_for_themselves(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    assert signed_in(users.ann).get(history_url(users.ann)).status_code == 200
    assert not AccessEvent.objects.exists()


def test_an_administrator_cannot_read_another_councils_users(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    elsewhere = User.objects.create_user(username="far.away", role="practitioner",
                                         la=council.other_council_child.la)

    assert signed_in(users.admin).get(history_url(elsewhere)).status_code == 403
