"""The partner agency's page: the referrals their organisation made and the decision on each.

DESIGN.md "Who uses it": a partner agency (police, health, school) needs "a referral form and its
outcome, nothing more". The rows come from ``access.selectors.referrals_made_by``; the child's
record stays closed. Reading the list is audited as a search (the decisions are case
information); anyone else is refused, and the refusal audited.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.access.decorators import acting_user
from hearth.access.models import AccessVerb, Role
from hearth.access.selectors import referrals_made_by
from hearth.access.services import deny, record_access

NOT_A_PARTNER = "This page is for partner agencies to follow the referrals they made."
MAX_ROWS = 200


@transaction.non_atomic_requests
@login_required
def my_referrals(request: HttpRequest) -> HttpResponse:
    """The latest ``MAX_ROWS`` referrals the user's organisation made, newest first."""
    user = acting_user(request)
    if user.role != Role.PARTNER_AGENCY:
        deny(actor=user, request=request, detail="referrals made by a partner agency",
             message=NOT_A_PARTNER)
    referrals = list(referrals_made_by(user).select_related("child")[:MAX_ROWS])
    record_access(actor=user, verb=AccessVerb.SEARCH, request=request,
                  detail=f"referrals made by {user.partner_organisation or 'no organisation'}")
    return render(request, "frontdoor/my_referrals.html", {
        "referrals": referrals, "organisation": user.partner_organisation,
    })
