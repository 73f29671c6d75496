"""The database refuses a contact whose decision or source the returns could not count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from tests.factories import ChildFactory, ContactFactory, WorkerFactory
from tests.factories.case import CONTACT_RECEIVED_AT

from hearth.frontdoor.models import Contact

pytestmark = pytest.mark.django_db

DECISION_DATED = "contact_decision_dated_after_receipt"


def test_contact_awaiting_decision_and_decided_contact_save() -> None:
    child = ChildFactory()
    waiting = ContactFactory(child=child)
    decided = ContactFactory(child=child, decision="referral",
                             decided_at=waiting.received_at + dt.timedelta(hours=5),
                             decided_by=WorkerFactory())

    assert Contact.objects.filter(decision="").get() == waiting
    assert Contact.objects.filter(decision="referral").get() == decided


def test_contact_decided_before_it_was_received_is_refused() -> None:
    child = ChildFactory()
    an_hour_before = CONTACT_RECEIVED_AT - dt.timedelta(hours=1)

    with pytest.raises(IntegrityError, match=DECISION_DATED), transaction.atomic():
        ContactFactory(child=child, decision="nfa", decided_at=an_hour_before)

    assert not Contact.objects.exists()


def test_contact_with_a_decision_date_but_no_decision_is_refused() -> None:
    child = ChildFactory()

    with pytest.raises(IntegrityError, match=DECISION_DATED), transaction.atomic():
        ContactFactory(child=child, decided_at=CONTACT_RECEIVED_AT)

    assert not Contact.objects.exists()


def test_contact_with_a_decision_but_no_decision_date_is_refused() -> None:
    child = ChildFactory()

    with pytest.raises(IntegrityError, match=DECISION_DATED), transaction.atomic():
        ContactFactory(child=child, decision="nfa", decided_at=None)


@pytest.mark.parametrize(
    ("field", "value", "constraint"),
    [("source", "11", "contact_source_valid"), ("decision", "refer", "contact_decision_valid")],
)
def test_contact_with_a_code_outside_the_list_is_refused(field: str, value: str,
                                                         constraint: str) -> None:
    child = ChildFactory()
    decided = {"decided_at": CONTACT_RECEIVED_AT} if field == "decision" else {}

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        ContactFactory(child=child, **{field: value}, **decided)

    assert not Contact.objects.exists()
