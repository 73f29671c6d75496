"""The access audit cannot be changed or deleted through the application (issue 6).

Every path Django offers to change or remove a row refuses with ``AppendOnlyViolation`` before
the database is asked; ``test_db`` shows the database refusing the paths that bypass the model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse
from tests.access.conftest import Council, Users

from hearth.access.models import (
    APPEND_ONLY,
    AccessEvent,
    AccessVerb,
    AppendOnlyViolation,
    Role,
    User,
)
from hearth.access.services import record_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(council: Council, users: Users) -> AccessEvent:
    return record_access(actor=users.ann, verb=AccessVerb.VIEW_CHILD, child=council.ann_child,
                         reason="Home visit today")


def unchanged(event: AccessEvent) -> bool:
    stored = AccessEvent.objects.get(pk=event.pk)
    return (stored.verb, stored.reason, stored.actor_id) == (
        AccessVerb.VIEW_CHILD, "Home visit today", event.actor_id
    )


def _save_changed(event: AccessEvent) -> None:
    event.reason = "edited"
    event.save()


def _save_update_fields(event: AccessEvent) -> None:
    event.reason = "edited"
    event.save(update_fields=["reason"])


def _save_copy_over_it(event: AccessEvent) -> None:
    copy = AccessEvent.objects.get(pk=event.pk)
    copy._state.adding = True  # as if built fresh with an existing id: must not become an UPDATE
    copy.reason = "edited"
    copy.save()


CHANGES: dict[str, Callable[[AccessEvent], Any]] = {
    "save a changed row": _save_changed,
    "save(update_fields=...)": _save_update_fields,
    "queryset update": lambda e: AccessEvent.objects.filter(pk=e.pk).update(reason="edited"),
    "bulk_update": lambda e: AccessEvent.objects.bulk_update([e], ["reason"]),
    "update_or_create": lambda e: AccessEvent.objects.update_or_create(
        pk=e.pk, defaults={"reason": "edited"}),
    "bulk_create upsert": lambda e: AccessEvent.objects.bulk_create(
        [e], update_conflicts=True, unique_fields=["id"], update_fields=["reason"]),
    "delete the row": lambda e: e.delete(),
    "queryset delete": lambda e: AccessEvent.objects.filter(pk=e.pk).delete(),
    "delete everything": lambda e: AccessEvent.objects.all().delete(),
    "base manager delete": lambda e: AccessEvent._base_manager.all().delete(),
    "related manager delete": lambda e: e.actor.access_events.all().delete(),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_the_application_refuses_to_change_or_delete_a_row(
    event: AccessEvent, change: Callable[[AccessEvent], Any]
) -> None:
    with pytest.raises(AppendOnlyViolation, match=APPEND_ONLY):
        change(event)

    assert unchanged(event)


def test_save_copy_over_an_existing_row_is_refused_by_the_database(event: AccessEvent) -> None:
    """A row built with an existing id is inserted, never updated, so the id clashes."""
    with pytest.raises(IntegrityError), transaction.atomic():
        _save_copy_over_it(event)

    assert unchanged(event)


def test_new_rows_and_reads_still_work(event: AccessEvent, users: Users) -> None:
    AccessEvent.objects.bulk_create([AccessEvent(
        la=users.ann.la, actor=users.ann, actor_username="ann.sw", actor_role=Role.PRACTITIONER,
        verb=AccessVerb.SEARCH, detail="Smith",
    )])

    assert AccessEvent.objects.filter(actor=users.ann).count() == 2


@pytest.mark.parametrize("target", ["actor", "child"])
def test_a_user_or_child_with_audit_rows_cannot_be_deleted(
    event: AccessEvent, target: str
) -> None:
    with pytest.raises(ProtectedError):
        getattr(event, target).delete()


def test_the_row_reads_as_a_sentence_from_its_snapshots(event: AccessEvent, users: Users) -> None:
    users.ann.username = "ann.renamed"
    users.ann.save()

    event.refresh_from_db()
    assert event.sentence == (
        f"ann.sw (Practitioner (social worker / early help)): Viewed the child's record "
        f"({event.child_la_child_id})"
    )


# The admin: read-only


@pytest.fixture
def admin_client(client: Client, council: Council) -> Client:
    superuser = User.objects.create_superuser(username="root", password=None,
                                              role=Role.ADMINISTRATOR, la=council.la)
    client.force_login(superuser)
    return client


def test_admin_lists_and_shows_rows_read_only(admin_client: Client, event: AccessEvent) -> None:
    listing = admin_client.get(reverse("admin:access_accessevent_changelist"))
    detail = admin_client.get(reverse("admin:access_accessevent_change", args=[event.pk]))

    assert listing.status_code == 200
    assert "ann.sw" in listing.content.decode()
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert 'action-checkbox' not in listing.content.decode()


@pytest.mark.parametrize("page", ["add", "delete", "change"])
def test_admin_cannot_add_change_or_delete(
    admin_client: Client, event: AccessEvent, page: str
) -> None:
    if page == "add":
        response = admin_client.post(reverse("admin:access_accessevent_add"), {"verb": "search"})
    else:
        response = admin_client.post(
            reverse(f"admin:access_accessevent_{page}", args=[event.pk]),
            {"post": "yes", "reason": "edited"},
        )

    assert response.status_code == 403
    assert unchanged(event)


def test_no_permission_grants_a_staff_user_change_or_delete(
    client: Client, council: Council, event: AccessEvent
) -> None:
    staff = User.objects.create_user(username="staff", role=Role.ADMINISTRATOR, la=council.la,
                                     is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="access"))
    client.force_login(staff)

    response = client.post(reverse("admin:access_accessevent_delete", args=[event.pk]),
                           {"post": "yes"})

    assert response.status_code == 403
    assert unchanged(event)
