"""My work: the signed-in worker's caseload and what is due on it (issue 4)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.access.decorators import acting_user
from hearth.access.services import deny
from hearth.practice.selectors import NO_CASELOAD, has_caseload, my_work


@transaction.non_atomic_requests
@login_required
def my_work_page(request: HttpRequest) -> HttpResponse:
    """The caseload with each child's next due item, overdue first, and this week's counts.

    Lists children by name only (not their records), so opening one is audited on the record;
    a role with no caseload is refused, and the refusal audited.
    """
    user = acting_user(request)
    if not has_caseload(user):
        deny(actor=user, request=request, detail="my work", message=NO_CASELOAD)
    return render(request, "practice/my_work.html", {"work": my_work(user=user)})
