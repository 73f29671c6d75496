"""A practitioner's day in the browser: My work, a child's record and its chronology (paged
with htmx, focus following the swap), then Find a child; every page passes axe."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import AllocationFactory, ChildFactory, ContactFactory, WorkerFactory
from tests.returns.page_helpers import PASSWORD

from hearth.access.models import AccessEvent, AccessVerb, Role, User
from hearth.people.models import Child
from hearth.practice.models import ChronologyEntry

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("audit_cleared_after")]

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2024, 6, 3, 10, 0, tzinfo=LONDON)


@pytest.fixture
def clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def ann(clock: None) -> User:
    worker = WorkerFactory(first_name="Ann")
    return User.objects.create_user(username="ann.sw", password=PASSWORD,
                                    role=Role.PRACTITIONER, la=worker.la, worker=worker,
                                    first_name="Ann", last_name="Synthetic")


@pytest.fixture
def child(ann: User) -> Child:
    child = ChildFactory(la=ann.la, first_name="Robin", last_name="Hedgerow")
    AllocationFactory(child=child, worker=ann.worker)
    ContactFactory(child=child, received_at=NOW - dt.timedelta(days=4))  # overdue decision
    ChronologyEntry.objects.bulk_create(
        ChronologyEntry(la=child.la, child=child, event_type="visit", summary=f"Visit {i}",
                        occurred_at=NOW - dt.timedelta(days=i + 1))
        for i in range(30)
    )
    return child


def test_a_practitioner_works_through_a_childs_record(page: Any, live_server: Any,
                                                     ann: User, child: Child) -> None:
    sign_in(page, live_server, ann, PASSWORD)

    page.get_by_role("link", name="My work").click()
    page.wait_for_url(f"{live_server.url}/my-work/")
    assert page.inner_text("#count-overdue") == "1"
    assert_accessible(page)

    page.get_by_role("link", name="Robin Hedgerow").click()
    page.wait_for_url(f"{live_server.url}/children/{child.pk}/")
    assert "Front-door decision on the contact" in page.inner_text("#open-work")
    assert_accessible(page)

    # The next page of the chronology comes by htmx: the page stays, the URL follows, focus
    # moves to the count so a keyboard user carries on from there.
    page.get_by_role("link", name="Next page").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/children/{child.pk}/?page=2")
    page.locator("#chronology-count", has_text="page 2 of 2").wait_for()
    assert page.evaluate("document.activeElement.id") == "chronology-count"
    assert "Visit 29" in page.inner_text("#chronology")
    assert "Open work" in page.inner_text("main")  # the rest of the page was not reloaded
    assert_accessible(page)

    page.get_by_role("link", name="Find a child").click()
    page.fill("input[name=q]", "hedgerow")
    page.keyboard.press("Enter")
    page.locator("#results").wait_for()
    assert "Robin Hedgerow" in page.inner_text("#results")
    assert_accessible(page)

    verbs = list(AccessEvent.objects.filter(actor=ann).order_by("id").values_list("verb",
                                                                                  flat=True))
    assert verbs == [AccessVerb.VIEW_CHILD, AccessVerb.VIEW_CHRONOLOGY, AccessVerb.SEARCH]
