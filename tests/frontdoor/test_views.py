"""The partner agency's referrals page: their organisation's contacts and outcomes, no more."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from tests.access.conftest import LONDON, Council, Users
from tests.factories import ContactFactory, PartnerOrganisationFactory

from hearth.access.models import AccessEvent, AccessVerb, User
from hearth.core import codes

pytestmark = pytest.mark.django_db

URL = "/frontdoor/my-referrals/"


def test_a_partner_sees_their_referrals_and_outcomes_and_no_one_elses(
    council: Council, users: Users, signed_in: Callable[[User], Client]
) -> None:
    school = PartnerOrganisationFactory(la=council.la, name="Synthetic Primary")
    users.partner.partner_organisation = school
    users.partner.save()
    ContactFactory(child=council.ann_child, referrer_organisation=school,
                   decision=codes.ContactDecision.EARLY_HELP,
                   decided_at=dt.datetime(2024, 5, 2, 12, 0, tzinfo=LONDON))
    ContactFactory(child=council.ned_child, referrer_organisation=school)
    ContactFactory(child=council.sue_child,
                   referrer_organisation=PartnerOrganisationFactory(la=council.la))

    response = signed_in(users.partner).get(reverse("frontdoor:my_referrals"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Annie" in page
    assert "Early help" in page
    assert "Neddy" in page
    assert "Awaiting a decision" in page
    assert "Susie" not in page  # another organisation's referral
    event = AccessEvent.objects.get(actor=users.partner)
    assert event.verb == AccessVerb.SEARCH
    assert event.detail == "referrals made by Synthetic Primary"
    assert reverse("frontdoor:my_referrals") == URL


def test_a_partner_not_yet_linked_to_an_organisation_is_told_so(
    council: Council, users: Users, signed_in: Callable[[User], Client]
) -> None:
    ContactFactory(child=council.ann_child,
                   referrer_organisation=PartnerOrganisationFactory(la=council.la))

    page = signed_in(users.partner).get(URL).content.decode()

    assert 'id="no-organisation"' in page
    assert "Annie" not in page
