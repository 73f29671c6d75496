"""Change history (django-auditlog): who changed what on a child's records, old and new values,
the actor from the request or the system user in a command, and the page that shows it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.admin.sites import site
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from tests.access.conftest import Council, Users
from tests.factories import CPPlanFactory

from hearth.access.admin import ChangeEntryAdmin
from hearth.access.history import SYSTEM_USERNAME, ChangeActorMiddleware
from hearth.access.models import AccessEvent, AccessVerb, ChangeEntry, User
from hearth.access.services import restricted_access_grant
from hearth.core.acting import command_context
from hearth.protection.models import CPReview

pytestmark = pytest.mark.django_db

SignIn = Callable[[User], Client]


def history_url(child_id: int) -> str:
    return reverse("access:child_change_history", args=[child_id])


def rename_in_request(user: User, council: Council, **meta: str) -> None:
    """Change Annie's name while serving a request from ``user``, through the middleware."""

    def view(request: HttpRequest) -> HttpResponse:
        council.ann_child.first_name = "Anne"
        council.ann_child.save()
        return HttpResponse()

    request = RequestFactory().post("/anywhere/", **meta)
    request.user = user
    ChangeActorMiddleware(view)(request)


def test_a_change_in_a_request_names_the_user_the_old_and_new_values_and_the_child(
    council: Council, users: Users
) -> None:
    rename_in_request(users.ann, council, REMOTE_ADDR="10.1.2.3",
                      HTTP_X_FORWARDED_FOR="203.0.113.9")

    entry = ChangeEntry.objects.filter(action=ChangeEntry.Action.UPDATE).get()
    assert entry.actor == users.ann
    assert entry.child_id == council.ann_child.pk
    assert entry.changes_dict["first_name"] == ["Annie", "Anne"]
    assert entry.remote_addr == "10.1.2.3"  # the forgeable header is not believed


def test_a_change_in_a_command_names_the_system_user_and_the_command(council: Council) -> None:
    with command_context("fix_names"):
        council.sue_child.last_name = "Changed"
        council.sue_child.save()

    entry = ChangeEntry.objects.filter(action=ChangeEntry.Action.UPDATE).get()
    assert entry.actor is not None
    assert entry.actor.username == SYSTEM_USERNAME
    assert not entry.actor.is_active  # the system user cannot sign in
    assert entry.additional_data == {"via": "command:fix_names"}


def test_a_record_two_steps_from_the_child_is_in_its_history_after_deletion(
    council: Council,
) -> None:
    plan = CPPlanFactory(episode__child=council.ned_child)
    review = CPReview.objects.create(la=council.la, plan=plan, review_date=dt.date(2024, 5, 1))
    review_id = review.pk
    review.delete()

    kept = ChangeEntry.objects.filter(
        child_id=council.ned_child.pk, object_pk=str(review_id),
        content_type=ContentType.objects.get_for_model(CPReview),
    ).values_list("action", flat=True)
    assert sorted(kept) == [ChangeEntry.Action.CREATE, ChangeEntry.Action.DELETE]


def test_no_stray_auditlog_table_is_created() -> None:
    """django-auditlog's own table would block ``flush`` on PostgreSQL (settings explain)."""
    tables = connection.introspection.table_names()

    assert ChangeEntry._meta.db_table in tables
    assert "auditlog_logentry" not in tables


# The page

HISTORY_STATUS = {
    "practitioner": 403, "team_manager": 200, "front_door": 403, "iro": 403,
    "head_of_service": 200, "director": 200, "performance": 403, "regional_viewer": 403,
    "partner_agency": 403, "administrator": 200,
}


@pytest.mark.parametrize("role", sorted(HISTORY_STATUS))
def test_the_change_history_answers_by_role_and_audits_either_way(
    council: Council, users: Users, signed_in: SignIn, role: str
) -> None:
    user = users.by_role()[role]
    rename_in_request(users.ann, council)

    response = signed_in(user).get(history_url(council.ann_child.pk))

    assert response.status_code == HISTORY_STATUS[role]
    event = AccessEvent.objects.get(actor=user)
    assert event.child == council.ann_child
    if response.status_code == 200:
        assert event.verb == AccessVerb.VIEW_CHANGES
        page = response.content.decode()
        assert "Annie" in page  # the old value
        assert "Anne" in page  # the new value
        assert users.ann.username in page
    else:
        assert event.verb == AccessVerb.DENIED


def test_an_administrator_needs_naming_to_read_a_restricted_childs_changes(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    client = signed_in(users.admin)
    assert client.get(history_url(council.restricted_child.pk)).status_code == 403

    restricted_access_grant(actor=users.director, child=council.restricted_child,
                            user=users.admin, reason="Handling a complaint about the record.")

    assert client.get(history_url(council.restricted_child.pk)).status_code == 200


def test_another_councils_child_is_refused(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    response = signed_in(users.director).get(history_url(council.other_council_child.pk))

    assert response.status_code == 403


def test_the_history_page_runs_the_same_number_of_queries_however_long_it_is(
    council: Council, users: Users, signed_in: SignIn, django_assert_max_num_queries: Callable
) -> None:
    client = signed_in(users.director)
    rename_in_request(users.ann, council)
    client.get(history_url(council.ann_child.pk))
    with django_assert_max_num_queries(12) as few:
        client.get(history_url(council.ann_child.pk))
    for n in range(20):
        council.ann_child.last_name = f"Name{n}"
        council.ann_child.save()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(history_url(council.ann_child.pk))


# The admin


def test_nobody_adds_changes_or_deletes_change_history_in_the_admin(
    council: Council, rf: RequestFactory
) -> None:
    council.ann_child.first_name = "Changed"
    council.ann_child.save()
    entry = ChangeEntry.objects.first()
    admin = site._registry[ChangeEntry]
    request = rf.get("/admin/")
    request.user = User.objects.create_superuser("root", role="administrator")

    assert isinstance(admin, ChangeEntryAdmin)
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request, entry)
    assert not admin.has_delete_permission(request, entry)
    assert admin.get_actions(request) == {}


def test_the_admin_delete_page_refuses_a_superuser(council: Council, client: Client) -> None:
    council.ann_child.first_name = "Changed"
    council.ann_child.save()
    entry = ChangeEntry.objects.first()
    assert entry is not None
    client.force_login(User.objects.create_superuser("root", role="administrator"))

    response = client.post(reverse("admin:access_changeentry_delete", args=[entry.pk]),
                           {"post": "yes"})

    assert response.status_code == 403
    assert ChangeEntry.objects.filter(pk=entry.pk).exists()
