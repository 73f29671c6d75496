"""Queries for the workforce and quality assurance: caseloads, agency staff, case audits.

Definitions follow the DfE "Children's social work workforce" statistics (the workforce census).
Workforce measures take a worker's scope from the team the worker belongs to.
"""

from __future__ import annotations

from django.db.models import OuterRef, Q, QuerySet, Sum

from hearth.core.codes import CASE_HOLDING_ROLES, EmploymentType, WorkerRole
from hearth.organisation.models import Allocation, Worker
from hearth.performance.base import Counts, Tally, ratio
from hearth.performance.scope import Context
from hearth.performance.sql import allocated, count_of, open_on
from hearth.practice.models import AuditGrade, CaseAudit

#: Children and family social workers in the workforce census: registered social workers in
#: practice, supervisory and management posts (not personal advisers or early help staff).
SOCIAL_WORK_ROLES = (WorkerRole.SOCIAL_WORKER, WorkerRole.SENIOR_PRACTITIONER,
                     WorkerRole.TEAM_MANAGER, WorkerRole.IRO, WorkerRole.HEAD_OF_SERVICE)
GOOD_OR_BETTER = (AuditGrade.OUTSTANDING, AuditGrade.GOOD)


def _in_post(ctx: Context, roles: tuple[str, ...] | frozenset[str]) -> QuerySet[Worker]:
    qs = Worker.objects.filter(open_on(ctx.as_of, "start_date", "leave_date"), la=ctx.la,
                               role__in=sorted(roles))
    return qs.filter(ctx.scope.holder_filter(area="team__area", team="team", worker="pk"))


def caseload(ctx: Context) -> Counts:
    """Cases held at the as-of date by case-holding social workers, and the FTE of those holding
    at least one case; the value is the average caseload (DfE workforce census "average caseload
    per case-holding children and family social worker")."""
    cases = Allocation.objects.filter(open_on(ctx.as_of), worker=OuterRef("pk"))
    qs = _in_post(ctx, CASE_HOLDING_ROLES).annotate(cases=count_of(cases)).filter(cases__gt=0)
    totals = qs.aggregate(held=Sum("cases"), holders_fte=Sum("fte"))
    return Counts(totals["held"] or 0, float(totals["holders_fte"] or 0))


def agency(ctx: Context) -> Counts:
    """FTE of children and family social workers in post at the as-of date, and the FTE of those
    employed through an agency (DfE workforce census "agency social workers, % of FTE")."""
    totals = _in_post(ctx, SOCIAL_WORK_ROLES).aggregate(
        all_fte=Sum("fte"),
        agency_fte=Sum("fte", filter=Q(employment_type=EmploymentType.AGENCY)))
    return Counts(float(totals["agency_fte"] or 0), float(totals["all_fte"] or 0))


def audit_rows(ctx: Context) -> Tally:
    """Case audits in the period; the numerator, those graded good or outstanding after
    moderation (the moderated grade where there is one; Ofsted ILACS self-evaluation of practice
    quality)."""
    qs = allocated(ctx, CaseAudit.objects.filter(la=ctx.la, audit_date__range=ctx.period),
                   day="audit_date")
    good = (Q(moderated_grade="") & Q(grade__in=GOOD_OR_BETTER)) | Q(
        moderated_grade__in=GOOD_OR_BETTER)
    return Tally(qs, good)


def audits_good(ctx: Context) -> Counts:
    """Case audits in the period, and those graded good or outstanding (``audit_rows``)."""
    return ratio(audit_rows(ctx))
