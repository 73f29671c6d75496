"""Reads for the home page: the council's figures today.

Every selector takes the acting user and scopes by ``la=user.la`` in the query itself, so a
forgotten check in a view cannot show one council's figures to another council's staff.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict

from django.db.models import Count, Q, QuerySet

from hearth.access.models import Role, User
from hearth.care.models import CarePeriod
from hearth.cin.models import CINEpisode
from hearth.core import clock
from hearth.core.errors import NotPermitted
from hearth.frontdoor.models import Contact
from hearth.leavingcare.models import CareLeaver
from hearth.protection.models import CPPlan

#: Partner agencies see their own referrals and outcomes, nothing more (DESIGN.md, Access).
COUNCIL_FIGURES_ROLES = frozenset(Role) - {Role.PARTNER_AGENCY}

NOT_PERMITTED_FIGURES = "Your role does not include the council's figures."


class CouncilOverview(TypedDict):
    """Counts of children open on ``on``, as the CIN census and SSDA903 count them."""

    on: dt.date
    children_in_need: int
    child_protection_plans: int
    looked_after: int
    care_leavers: int
    contacts_awaiting_decision: int


def can_see_council_figures(user: User) -> bool:
    """Whether the user's role includes council-wide counts (aggregates, no child's details)."""
    return user.role in COUNCIL_FIGURES_ROLES and user.la_id is not None


def _open_on(start: str, end: str, on: dt.date) -> Q:
    """Open at the end of ``on``: started by then, and not ended by then.

    A record ending on ``on`` is no longer open, matching "looked after at 31 March" (903) and
    "children in need at 31 March" (CIN census) when ``on`` is 31 March.
    """
    return Q(**{f"{start}__lte": on}) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": on})
    )


def _children(queryset: QuerySet[Any]) -> int:
    """Distinct children: one open record per child is a database constraint, but a record
    with a future end date could sit beside a newer open one, and a child counts once."""
    return int(queryset.aggregate(n=Count("child", distinct=True))["n"])


def council_overview(*, user: User) -> CouncilOverview:
    """The council's headline figures today (the one clock's today), for the user's council.

    Children in need include those on CP plans and looked after, as in the CIN census. A
    contact awaits a decision while ``decision`` is empty (one working day is the timescale;
    the overdue list belongs to ``timescales``).
    """
    if not can_see_council_figures(user):
        raise NotPermitted(NOT_PERMITTED_FIGURES)
    on = clock.today()
    la = user.la_id
    return CouncilOverview(
        on=on,
        children_in_need=_children(
            CINEpisode.objects.filter(_open_on("referral_date", "closure_date", on), la_id=la)
        ),
        child_protection_plans=_children(
            CPPlan.objects.filter(_open_on("start_date", "end_date", on), la_id=la)
        ),
        looked_after=_children(
            CarePeriod.objects.filter(_open_on("start_date", "end_date", on), la_id=la)
        ),
        care_leavers=_children(
            CareLeaver.objects.filter(_open_on("start_date", "end_date", on), la_id=la)
        ),
        contacts_awaiting_decision=Contact.objects.filter(la_id=la, decision="").count(),
    )
