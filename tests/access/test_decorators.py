"""``child_record_view`` and ``ChildRecordMixin``: the guard every child page will wear."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.views import View
from tests.access.conftest import Council, Users

from hearth.access.decorators import ChildRecordMixin, child_record_view
from hearth.access.models import AccessEvent, AccessVerb, User
from hearth.core.errors import NotPermitted
from hearth.people.models import Child

pytestmark = pytest.mark.django_db


@child_record_view(AccessVerb.VIEW_CHRONOLOGY)
def chronology(request: HttpRequest, child: Child) -> HttpResponse:
    return HttpResponse(f"chronology of {child.first_name}")


class ChildSummary(ChildRecordMixin, View):
    def get(self, request: HttpRequest, child_id: int) -> HttpResponse:
        return HttpResponse(f"summary of {self.child.first_name}")


def get(user: User | AnonymousUser, path: str = "/children/1/") -> HttpRequest:
    request = RequestFactory().get(path)
    request.user = user
    return request


VIEWS = {"decorator": chronology, "mixin": ChildSummary.as_view()}


@pytest.mark.parametrize("view", VIEWS.values(), ids=VIEWS.keys())
def test_a_child_in_scope_is_shown_and_the_look_recorded(
    council: Council, users: Users, view: View
) -> None:
    response = view(get(users.ann), child_id=council.ann_child.pk)  # type: ignore[operator]

    assert response.status_code == 200
    assert b"of Annie" in response.content
    event = AccessEvent.objects.get()
    assert (event.actor, event.child) == (users.ann, council.ann_child)


def test_the_decorator_records_its_verb(council: Council, users: Users) -> None:
    chronology(get(users.ann), child_id=council.ann_child.pk)

    assert AccessEvent.objects.get().verb == AccessVerb.VIEW_CHRONOLOGY


@pytest.mark.parametrize("view", VIEWS.values(), ids=VIEWS.keys())
def test_a_child_out_of_scope_is_refused_and_the_refusal_recorded(
    council: Council, users: Users, view: View
) -> None:
    with pytest.raises(NotPermitted):
        view(get(users.ann), child_id=council.sue_child.pk)  # type: ignore[operator]

    event = AccessEvent.objects.get()
    assert (event.verb, event.child) == ("denied", council.sue_child)


@pytest.mark.parametrize("view", VIEWS.values(), ids=VIEWS.keys())
def test_anonymous_users_are_sent_to_sign_in_without_a_row(
    council: Council, view: View
) -> None:
    response = view(get(AnonymousUser()), child_id=council.ann_child.pk)  # type: ignore[operator]

    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('account_login')}?next=")
    assert not AccessEvent.objects.exists()


@pytest.mark.parametrize("view", VIEWS.values(), ids=VIEWS.keys())
def test_views_opt_out_of_atomic_requests_so_a_refusal_row_survives_the_403(view: View) -> None:
    assert view._non_atomic_requests == {"default"}  # type: ignore[attr-defined]
