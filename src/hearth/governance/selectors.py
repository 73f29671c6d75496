"""Reads for information governance: who may export or destroy a child's records, and which
children's records are past their retention date.

Subject access requests and retention are the council's information governance work (UK GDPR
Art. 15 and Art. 5(1)(e)), done by administrators (the role that holds information governance
and records management). Destruction needs a second person: another administrator or the
director (the senior officer accountable for the records). Neither role opens case records
through ``children_visible_to``; these selectors give them the children of their own council
instead, and a restricted child only to a user named on it, as its record would.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, Max, OuterRef, Q, QuerySet

from hearth.access.models import RestrictedAccess, Role, User
from hearth.care.models import CarePeriod
from hearth.core import clock, codes
from hearth.governance.models import RetentionDestruction, RetentionProposal, RetentionRule
from hearth.governance.retention import DEFAULT_YEARS, retention_for, years_for
from hearth.people.models import Child

#: Who answers subject access requests and proposes destruction.
GOVERNANCE_ROLES = frozenset({Role.ADMINISTRATOR})
#: Who may approve a destruction someone else proposed.
DESTRUCTION_APPROVER_ROLES = frozenset({Role.ADMINISTRATOR, Role.DIRECTOR})
#: Who may read the retention report and a child's retention page.
RETENTION_READER_ROLES = GOVERNANCE_ROLES | DESTRUCTION_APPROVER_ROLES

ADOPTED = (codes.ReasonEpisodeCeased.E11, codes.ReasonEpisodeCeased.E12)


def _in_council(user: User) -> bool:
    return isinstance(user, User) and user.is_active and user.la_id is not None


def _council_children(user: User) -> QuerySet[Child]:
    """The user's council's children, restricted ones only where the user is named."""
    named = RestrictedAccess.objects.filter(user_id=user.pk, revoked_at__isnull=True)
    return Child.objects.filter(Q(restricted=False) | Q(pk__in=named.values("child_id")),
                                la_id=user.la_id)


def child_for_subject_access(user: User, child_id: int) -> Child | None:
    """The child whose records ``user`` may export for a subject access request, or ``None``."""
    if not _in_council(user) or user.role not in GOVERNANCE_ROLES:
        return None
    return _council_children(user).filter(pk=child_id).first()


def child_for_retention(user: User, child_id: int) -> Child | None:
    """The child whose retention ``user`` may read and act on, or ``None``.

    Only the LA id and dates are shown, so restricted children are included for the roles.
    """
    if not _in_council(user) or user.role not in RETENTION_READER_ROLES:
        return None
    return Child.objects.filter(la_id=user.la_id, pk=child_id).first()


@dataclass(frozen=True)
class PastRetention:
    child: Child
    rule: RetentionRule
    retain_until: dt.date
    proposal: RetentionProposal | None


def _with_retention_facts(children: QuerySet[Child]) -> QuerySet[Child]:
    periods = CarePeriod.objects.filter(child=OuterRef("pk"))
    return children.annotate(
        looked_after=Exists(periods),
        adopted_on=Max("care_periods__end_date",
                       filter=Q(care_periods__reason_ceased__in=ADOPTED)),
    )


def retention_of(child: Child) -> tuple[RetentionRule, dt.date] | None:
    """The rule and retention date of one child's file."""
    facts = _with_retention_facts(Child.objects.filter(pk=child.pk)).get()
    found = retention_for(date_of_birth=facts.date_of_birth, date_of_death=facts.date_of_death,
                          looked_after=getattr(facts, "looked_after"),  # noqa: B009
                          adopted_on=getattr(facts, "adopted_on"))  # noqa: B009
    return (found.rule, found.retain_until) if found else None


def destroyed(children: QuerySet[Child]) -> QuerySet[Child]:
    return children.filter(
        Exists(RetentionDestruction.objects.filter(decision__proposal__child=OuterRef("pk")))
    )


def open_proposal(child: Child) -> RetentionProposal | None:
    """The proposal on ``child`` still awaiting a decision, if any."""
    return (RetentionProposal.objects.filter(child=child, decision__isnull=True)
            .select_related("proposed_by").first())


def records_past_retention(user: User, today: dt.date | None = None) -> list[PastRetention]:
    """The council's children whose files are past their retention date and not yet destroyed,
    oldest date first, each with any proposal awaiting a decision. Empty for other roles.

    Only children born before the shortest period could have lapsed are read, so the report
    reads the few old files, not the whole council.
    """
    if not _in_council(user) or user.role not in RETENTION_READER_ROLES:
        return []
    today = today or clock.today()
    shortest = min(years_for(rule) for rule in DEFAULT_YEARS)
    born_by = dt.date(today.year - shortest, today.month, min(today.day, 28))
    adopted = CarePeriod.objects.filter(la_id=user.la_id, reason_ceased__in=ADOPTED)
    candidates = Child.objects.filter(la_id=user.la_id).filter(
        Q(date_of_birth__lte=born_by) | Q(pk__in=adopted.values("child_id"))
    ).exclude(pk__in=destroyed(Child.objects.all()).values("pk"))
    waiting = {p.child_id: p for p in RetentionProposal.objects.filter(
        child__in=candidates.values("pk"), decision__isnull=True).select_related("proposed_by")}
    past: list[PastRetention] = []
    for child in _with_retention_facts(candidates).order_by("pk"):
        found = retention_for(date_of_birth=child.date_of_birth,
                              date_of_death=child.date_of_death,
                              looked_after=getattr(child, "looked_after"),  # noqa: B009
                              adopted_on=getattr(child, "adopted_on"))  # noqa: B009
        if found is not None and found.retain_until < today:
            past.append(PastRetention(child, found.rule, found.retain_until,
                                      waiting.get(child.pk)))
    return sorted(past, key=lambda row: (row.retain_until, row.child.pk))


def decisions_on(child: Child) -> QuerySet[RetentionProposal]:
    """Every proposal on ``child`` with its decision and destruction, newest first."""
    return RetentionProposal.objects.filter(child=child).select_related(
        "proposed_by", "decision__decided_by", "decision__destruction__carried_out_by"
    ).order_by("-proposed_at", "-id")

