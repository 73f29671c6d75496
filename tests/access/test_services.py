"""The access app's writes: each names its actor, writes its audit row, and refuses by rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import RequestFactory
from tests.access.conftest import NOW, Council, Users

from hearth.access.models import AccessEvent, AccessReason, AccessVerb, RestrictedAccess
from hearth.access.services import (
    ACCESS_REASON_DURATION,
    ALREADY_NAMED,
    ALREADY_REVOKED,
    NO_ACTOR,
    NO_REASON_FOR_ROLE,
    NO_SELF_GRANT,
    NOT_A_GRANTER,
    NOT_IN_SCOPE,
    OTHER_COUNCIL,
    OUTSIDE_REASON_SCOPE,
    REASON_TOO_SHORT,
    MissingActor,
    access_reason_give,
    open_child,
    record_access,
    restricted_access_grant,
    restricted_access_revoke,
)
from hearth.core.errors import GuardFailed, InvalidTransition, NotPermitted

pytestmark = pytest.mark.django_db

REASON = "Covering Ann's duty visit while she is on leave."


def only_event(**filters: Any) -> AccessEvent:
    return AccessEvent.objects.get(**filters)


# record_access


def test_record_access_writes_who_what_which_when_where_and_why(
    council: Council, users: Users
) -> None:
    request = RequestFactory().get("/children/1/?tab=notes", REMOTE_ADDR="10.1.2.3",
                                   HTTP_USER_AGENT="Firefox")

    event = record_access(actor=users.ann, verb=AccessVerb.VIEW_CHILD, child=council.ann_child,
                          request=request, reason="Home visit today")

    event.refresh_from_db()
    assert (event.actor, event.actor_username, event.actor_role) == (users.ann, "ann.sw",
                                                                      "practitioner")
    assert (event.verb, event.child, event.child_la_child_id) == (
        "view_child", council.ann_child, council.ann_child.la_child_id)
    assert event.at == NOW
    assert (event.ip_address, event.user_agent, event.path) == ("10.1.2.3", "Firefox",
                                                                "/children/1/?tab=notes")
    assert event.reason == "Home visit today"
    assert event.la == council.la


def test_record_access_without_a_child_belongs_to_the_actors_council(users: Users) -> None:
    event = record_access(actor=users.front_door, verb=AccessVerb.SEARCH, detail="Smith 2015")

    assert (event.la, event.child, event.child_la_child_id) == (users.front_door.la, None, "")
    assert (event.ip_address, event.path) == (None, "")


@pytest.mark.parametrize("actor", [None, "ann.sw", object()])
def test_record_access_refuses_a_missing_actor(users: Users, actor: Any) -> None:
    with pytest.raises(MissingActor, match=NO_ACTOR):
        record_access(actor=actor, verb=AccessVerb.SEARCH)

    assert not AccessEvent.objects.exists()


def test_actor_is_keyword_only_and_required() -> None:
    with pytest.raises(TypeError):
        record_access(verb=AccessVerb.SEARCH)  # type: ignore[call-arg]


def test_record_access_refuses_an_unknown_verb(users: Users) -> None:
    with pytest.raises(ValueError, match="peek"):
        record_access(actor=users.ann, verb="peek")  # type: ignore[arg-type]


def test_a_forged_or_missing_address_is_not_stored(users: Users) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="not-an-ip",
                                   HTTP_X_FORWARDED_FOR="1.2.3.4")

    event = record_access(actor=users.ann, verb=AccessVerb.SEARCH, request=request)

    assert event.ip_address is None


# open_child: the check every child page makes


def test_open_child_returns_the_child_and_records_the_view(council: Council, users: Users) -> None:
    child = open_child(actor=users.ann, child_id=council.ann_child.pk,
                       verb=AccessVerb.VIEW_CHRONOLOGY)

    assert child == council.ann_child
    assert only_event().verb == AccessVerb.VIEW_CHRONOLOGY


def test_open_child_refuses_outside_scope_and_records_the_refusal(
    council: Council, users: Users
) -> None:
    with pytest.raises(NotPermitted, match=NOT_IN_SCOPE):
        open_child(actor=users.ann, child_id=council.sue_child.pk)

    event = only_event()
    assert (event.verb, event.child, event.actor) == ("denied", council.sue_child, users.ann)
    assert event.detail == "Viewed the child's record"


def test_a_refusal_for_another_councils_child_does_not_link_it(
    council: Council, users: Users
) -> None:
    other = council.other_council_child

    with pytest.raises(NotPermitted):
        open_child(actor=users.director, child_id=other.pk)

    event = only_event()
    assert (event.child, event.la) == (None, council.la)
    assert event.detail.startswith(f"child id {other.pk}")


def test_a_refusal_for_a_child_that_does_not_exist_looks_the_same(users: Users) -> None:
    with pytest.raises(NotPermitted, match=NOT_IN_SCOPE):
        open_child(actor=users.director, child_id=987654)

    assert only_event().detail.startswith("child id 987654")


# access_reason_give


def test_a_reason_is_a_row_for_a_working_day_and_an_audit_row(
    council: Council, users: Users
) -> None:
    given = access_reason_give(actor=users.ned, child=council.ann_child, reason=f"  {REASON} ")

    assert (given.user, given.child, given.reason) == (users.ned, council.ann_child, REASON)
    assert given.expires_at - given.given_at == ACCESS_REASON_DURATION == dt.timedelta(hours=8)
    event = only_event()
    assert (event.verb, event.child, event.reason) == ("give_reason", council.ann_child, REASON)


def test_a_reason_must_say_something(council: Council, users: Users) -> None:
    with pytest.raises(GuardFailed, match=REASON_TOO_SHORT.format(n=10)):
        access_reason_give(actor=users.ned, child=council.ann_child, reason="  need it ")

    assert not AccessReason.objects.exists()


def test_a_reason_does_not_reach_outside_the_practitioners_team(
    council: Council, users: Users
) -> None:
    with pytest.raises(NotPermitted, match=OUTSIDE_REASON_SCOPE):
        access_reason_give(actor=users.ned, child=council.sue_child, reason=REASON)

    assert not AccessReason.objects.exists()
    assert only_event().verb == "denied"


def test_a_reason_does_not_open_a_restricted_child(council: Council, users: Users) -> None:
    for user in (users.ned, users.analyst):
        with pytest.raises(NotPermitted, match=OUTSIDE_REASON_SCOPE):
            access_reason_give(actor=user, child=council.restricted_child, reason=REASON)

    assert not AccessReason.objects.exists()


@pytest.mark.parametrize("role", ["team_manager", "director", "administrator",
                                  "regional_viewer", "partner_agency", "front_door"])
def test_roles_that_give_no_reasons_are_refused(council: Council, users: Users,
                                                role: str) -> None:
    with pytest.raises(NotPermitted, match=NO_REASON_FOR_ROLE):
        access_reason_give(actor=users.by_role()[role], child=council.ann_child, reason=REASON)

    assert only_event().verb == "denied"


# restricted_access_grant / restricted_access_revoke


def test_a_senior_manager_names_a_user_and_it_is_audited(council: Council, users: Users) -> None:
    grant = restricted_access_grant(actor=users.director, child=council.restricted_child,
                                    user=users.ann, reason="Allocated worker")

    assert (grant.granted_by, grant.granted_at, grant.revoked_at) == (users.director, NOW, None)
    event = only_event()
    assert (event.verb, event.actor, event.detail) == ("grant_restricted", users.director,
                                                       "named ann.sw")


@pytest.mark.parametrize("role", ["practitioner", "team_manager", "performance", "front_door"])
def test_only_senior_managers_and_administrators_name_users(
    council: Council, users: Users, role: str
) -> None:
    with pytest.raises(NotPermitted, match=NOT_A_GRANTER):
        restricted_access_grant(actor=users.by_role()[role], child=council.restricted_child,
                                user=users.ned, reason="Allocated worker")

    assert not RestrictedAccess.objects.exists()
    assert only_event().verb == "denied"


def test_nobody_names_themselves(council: Council, users: Users) -> None:
    with pytest.raises(GuardFailed, match=NO_SELF_GRANT):
        restricted_access_grant(actor=users.north_head, child=council.restricted_child,
                                user=users.north_head, reason="My own case")


def test_naming_stays_within_the_council(council: Council, users: Users) -> None:
    with pytest.raises(NotPermitted, match=OTHER_COUNCIL):
        restricted_access_grant(actor=users.admin, child=council.other_council_child,
                                user=users.ann, reason="Allocated worker")


def test_a_user_is_named_once_until_revoked(council: Council, users: Users) -> None:
    first = restricted_access_grant(actor=users.admin, child=council.restricted_child,
                                    user=users.ann, reason="Allocated worker")
    with pytest.raises(GuardFailed, match=ALREADY_NAMED.format(user="ann.sw")):
        restricted_access_grant(actor=users.admin, child=council.restricted_child,
                                user=users.ann, reason="Again")

    revoked = restricted_access_revoke(actor=users.director, grant=first, reason="Moved team")
    again = restricted_access_grant(actor=users.admin, child=council.restricted_child,
                                    user=users.ann, reason="Back in the team")

    assert (revoked.revoked_by, revoked.revoked_at) == (users.director, NOW)
    assert again.pk != first.pk
    assert list(AccessEvent.objects.order_by("id").values_list("verb", flat=True)) == [
        "grant_restricted", "revoke_restricted", "grant_restricted"]


def test_a_revoked_name_cannot_be_revoked_again(council: Council, users: Users) -> None:
    grant = restricted_access_grant(actor=users.admin, child=council.restricted_child,
                                    user=users.ann, reason="Allocated worker")
    restricted_access_revoke(actor=users.admin, grant=grant)

    with pytest.raises(InvalidTransition, match=ALREADY_REVOKED) as refused:
        restricted_access_revoke(actor=users.admin, grant=grant)

    assert refused.value.current == "revoked"


def test_only_senior_managers_and_administrators_revoke(council: Council, users: Users) -> None:
    grant = restricted_access_grant(actor=users.admin, child=council.restricted_child,
                                    user=users.ann, reason="Allocated worker")

    with pytest.raises(NotPermitted, match=NOT_A_GRANTER):
        restricted_access_revoke(actor=users.north_manager, grant=grant)

    grant.refresh_from_db()
    assert grant.revoked_at is None
