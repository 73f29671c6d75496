"""The council's figures today count the right children, and only the user's council's."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from tests.factories import (
    CareLeaverFactory,
    CarePeriodFactory,
    CINEpisodeFactory,
    ContactFactory,
    CPPlanFactory,
    LocalAuthorityFactory,
)

from hearth.access.models import Role, User
from hearth.core import codes
from hearth.core.errors import NotPermitted
from hearth.organisation.models import LocalAuthority
from hearth.ui.selectors import council_overview

TODAY = dt.date(2025, 1, 15)
NOON_TODAY = dt.datetime(2025, 1, 15, 12, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def other_council(db: None) -> LocalAuthority:
    return LocalAuthorityFactory(name="Elsewhere", dfe_number="882", ons_code="E10000099")


@time_machine.travel(NOON_TODAY, tick=False)
def test_overview_counts_records_open_today_in_the_users_council(
    practitioner: User, other_council: LocalAuthority
) -> None:
    CINEpisodeFactory()  # open: in need
    CINEpisodeFactory(closure_date=dt.date(2024, 6, 1),
                      closure_reason=codes.CINClosureReason.RC8)  # closed: not in need
    CINEpisodeFactory(referral_date=dt.date(2025, 2, 1))  # referred after today
    CPPlanFactory()  # on a plan, and in need
    CPPlanFactory(end_date=TODAY, end_reason="Plan ended")  # ended today: in need, no plan
    CarePeriodFactory()  # looked after, and in need
    CareLeaverFactory()  # care leaver
    CareLeaverFactory(end_date=dt.date(2024, 12, 31))  # no longer a care leaver
    ContactFactory()
    ContactFactory()
    ContactFactory(decision=codes.ContactDecision.NO_FURTHER_ACTION,
                   decided_at=NOON_TODAY)
    CPPlanFactory(episode__child__la=other_council)
    ContactFactory(child__la=other_council)

    overview = council_overview(user=practitioner)

    assert overview == {
        "on": TODAY,
        "children_in_need": 4,
        "child_protection_plans": 1,
        "looked_after": 1,
        "care_leavers": 1,
        "contacts_awaiting_decision": 2,
    }


def test_overview_is_refused_to_a_partner_agency(practitioner: User) -> None:
    practitioner.role = Role.PARTNER_AGENCY

    with pytest.raises(NotPermitted):
        council_overview(user=practitioner)


def test_overview_is_refused_to_a_user_with_no_council(practitioner: User) -> None:
    practitioner.la = None

    with pytest.raises(NotPermitted):
        council_overview(user=practitioner)
