"""Information governance pages: the subject access export, the retention report, and a child's
retention page where one person proposes destruction and another decides (issue 6).

Thin views over ``selectors`` and ``services``; every refusal is audited by ``deny`` and
answers 403, and a guard's message is shown on the page with nothing written.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from hearth.access.decorators import acting_user
from hearth.access.models import AccessVerb
from hearth.access.services import deny, record_access
from hearth.core.errors import GuardFailed
from hearth.governance import services
from hearth.governance.models import RetentionProposal
from hearth.governance.selectors import (
    DESTRUCTION_APPROVER_ROLES,
    GOVERNANCE_ROLES,
    RETENTION_READER_ROLES,
    child_for_retention,
    child_for_subject_access,
    decisions_on,
    open_proposal,
    records_past_retention,
    retention_of,
)

NO_RETENTION_REPORT = "Only administrators and the director can see the retention report."


@transaction.non_atomic_requests
@login_required
def subject_access(request: HttpRequest, child_id: int) -> HttpResponse:
    """Ask for (GET) and download (POST, with a reason) a subject access export of one child."""
    user = acting_user(request)
    child = child_for_subject_access(user, child_id)
    if child is None:
        deny(actor=user, request=request, child_id=child_id, message=services.NO_SUBJECT_ACCESS,
             detail="subject access export")
    error = ""
    if request.method == "POST":
        try:
            export = services.subject_access_export(
                actor=user, child_id=child.pk, reason=request.POST.get("reason", ""),
                request=request)
        except GuardFailed as refused:
            error = str(refused)
        else:
            response = HttpResponse(export.content, content_type="application/zip")
            response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
            return response
    return render(request, "governance/subject_access.html", {
        "child": child, "error": error, "reason": request.POST.get("reason", ""),
    }, status=400 if error else 200)


@transaction.non_atomic_requests
@login_required
def retention_report(request: HttpRequest) -> HttpResponse:
    """The council's files past their retention date, for administrators and the director."""
    user = acting_user(request)
    if user.role not in RETENTION_READER_ROLES or user.la_id is None:
        deny(actor=user, request=request, detail="retention report",
             message=NO_RETENTION_REPORT)
    rows = records_past_retention(user)
    record_access(actor=user, verb=AccessVerb.VIEW_RETENTION, request=request,
                  detail=f"retention report: {len(rows)} files past their date")
    return render(request, "governance/retention_report.html", {"rows": rows})


def _decide(request: HttpRequest, user: object, child_id: int) -> None:
    proposal = get_object_or_404(RetentionProposal, pk=request.POST.get("proposal", ""),
                                 child_id=child_id)
    services.retention_decide(actor=user, proposal=proposal,  # type: ignore[arg-type]
                              approve=request.POST.get("action") == "approve",
                              comment=request.POST.get("comment", ""), request=request)


@transaction.non_atomic_requests
@login_required
def child_retention(request: HttpRequest, child_id: int) -> HttpResponse:
    """One child's retention: the rule and date, the proposals and decisions so far, and the
    form for the next step (propose, or approve / refuse someone else's proposal)."""
    user = acting_user(request)
    child = child_for_retention(user, child_id)
    if child is None:
        deny(actor=user, request=request, child_id=child_id, message=NO_RETENTION_REPORT,
             detail="retention of this child's records")
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "propose":
                services.retention_propose(actor=user, child=child,
                                           reason=request.POST.get("reason", ""),
                                           request=request)
            else:
                _decide(request, user, child.pk)
        except GuardFailed as refused:
            error = str(refused)
        else:
            return redirect(reverse("governance:child_retention", args=[child.pk]))
    else:
        record_access(actor=user, verb=AccessVerb.VIEW_RETENTION, child=child, request=request,
                      detail="retention of this child's records")
    waiting = open_proposal(child)
    return render(request, "governance/child_retention.html", {
        "child": child,
        "retention": retention_of(child),
        "proposals": decisions_on(child),
        "waiting": waiting,
        "may_propose": user.role in GOVERNANCE_ROLES and waiting is None,
        "may_decide": (waiting is not None and user.role in DESTRUCTION_APPROVER_ROLES
                       and waiting.proposed_by_id != user.pk),
        "error": error,
    }, status=400 if error else 200)
