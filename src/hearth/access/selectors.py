"""Which children each role may see, as queryset filters every other app's selectors reuse.

Issue 6 and DESIGN.md ("Access"; "Selectors take the acting user and apply the access filter as
a queryset filter, so a forgotten check cannot leak records"): a page, command or API that
reads child records starts from ``children_visible_to(user)`` or wraps its own queryset in
``visible(queryset, user)``. Both are lazy querysets, so the scope is part of the one SQL query
the page runs and a missing ``if`` in a view cannot show a child outside it.

Scope, always within ``user.la`` and only for active users; "open" allocations are those started
by today and not ended by today (the one clock, ``core.clock``):

- practitioner: children they hold (open allocations to their worker record), plus children
  held by their team for which they have given a reason that has not expired (``AccessReason``).
- team manager: children held by their team (the allocation's team, or the allocated worker's
  current team: they differ for a while after a worker moves team, and both managers need it).
- front door: children with a contact awaiting decision, or decided in the last
  ``FRONT_DOOR_RECENT_DAYS`` days (so the outcome can be followed up), or referred in those
  days with the CIN episode still open and no assessment yet authorised (the "referral under
  decision"), or with a strategy discussion held in those days (MASH convenes them).
- IRO / CP chair: looked-after children whose CLA review they chaired in a period of care that
  is still open (``care.CLAReview.iro``), and children whose ICPC they chaired while the CIN
  episode it belongs to is open (``protection.ICPC.chair``) or whose CP review conference they
  chaired while that CP plan is open (``protection.CPReview.chair``).
- head of service: children held by teams in their own team's area; one whose team has no area
  sees none (safer than guessing county-wide).
- director: the whole council.
- performance analyst: the whole council, but a child only while they have an unexpired reason
  for that child; aggregates and returns do not go through this filter.
- regional viewer, partner agency, administrator: no child records. A partner agency user sees
  only the contacts their organisation made (``frontdoor.Contact.referrer_organisation`` equal
  to ``User.partner_organisation``) and the decision on each, through ``referrals_made_by``;
  never the child's record, so they are not in ``children_visible_to``.

Restricted children (``Child.restricted``) drop out of every scope above unless the user is named
in an open ``RestrictedAccess`` row; naming never widens a role's scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models
from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from hearth.access.models import (
    AccessEvent,
    AccessReason,
    ChangeEntry,
    RestrictedAccess,
    Role,
    User,
)
from hearth.assessment.models import AssessmentStatus
from hearth.care.models import CLAReview
from hearth.cin.models import CINEpisode
from hearth.core import clock
from hearth.frontdoor.models import Contact
from hearth.organisation.models import Allocation, Worker
from hearth.people.models import Child
from hearth.protection.models import ICPC, CPReview, StrategyDiscussion

M = TypeVar("M", bound=models.Model)

#: How long the front door keeps sight of a child after a decision, referral or strategy
#: discussion: a working week and a weekend, enough to follow up the outcome with partners.
FRONT_DOOR_RECENT_DAYS = 7

#: Roles that learn a restricted child *exists* where it falls in their scope, without its
#: content: managers need the count and a name to pass on; the front door must not open a
#: duplicate record for a child already known, so it learns of any restricted child in the LA.
RESTRICTED_EXISTENCE_ROLES = frozenset(
    {Role.FRONT_DOOR, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.DIRECTOR}
)

#: Who may read "who has looked at this child" (issue 6): managers for children in their scope,
#: administrators for any child of their council (the log shows the LA id, not the record).
ACCESS_LOG_MANAGER_ROLES = frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.DIRECTOR})
ACCESS_LOG_ROLES = ACCESS_LOG_MANAGER_ROLES | {Role.ADMINISTRATOR}

#: Roles whose scope a given reason widens (``services.access_reason_give``).
REASON_ROLES = frozenset({Role.PRACTITIONER, Role.PERFORMANCE})

def _open_allocations(today: dt.date) -> QuerySet[Allocation]:
    return Allocation.objects.filter(start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=today)
    )


def _own_worker(user: User, today: dt.date) -> QuerySet[Worker]:
    """The user's worker record while they are in post, as a subquery (no query of its own)."""
    if user.worker_id is None:
        return Worker.objects.none()
    return Worker.objects.filter(pk=user.worker_id, la_id=user.la_id).filter(
        Q(leave_date__isnull=True) | Q(leave_date__gt=today)
    )


def _held_by_teams(teams: QuerySet[Worker, Any], today: dt.date) -> Q:
    """Children held by the teams in ``teams`` (a ``values("team_id")`` subquery)."""
    held = _open_allocations(today).filter(Q(team_id__in=teams) | Q(worker__team_id__in=teams))
    return Q(pk__in=held.values("child_id"))


def _team_children(user: User, now: dt.datetime) -> Q:
    today = timezone.localdate(now)
    return _held_by_teams(_own_worker(user, today).values("team_id"), today)


def _with_reason(user: User, now: dt.datetime, within: Q) -> Q:
    """Children in ``within`` for which the user has a reason that has not yet expired."""
    reasons = AccessReason.objects.filter(user_id=user.pk, given_at__lte=now, expires_at__gt=now)
    return within & Q(pk__in=reasons.values("child_id"))


def _practitioner(user: User, now: dt.datetime) -> Q:
    today = timezone.localdate(now)
    own = _open_allocations(today).filter(worker__in=_own_worker(user, today))
    return Q(pk__in=own.values("child_id")) | _with_reason(user, now, _team_children(user, now))


def _front_door(user: User, now: dt.datetime) -> Q:
    since = now - dt.timedelta(days=FRONT_DOOR_RECENT_DAYS)
    since_day = timezone.localdate(now) - dt.timedelta(days=FRONT_DOOR_RECENT_DAYS)
    la = user.la_id
    contacts = Contact.objects.filter(la_id=la).filter(
        Q(decision="") | Q(decided_at__gte=since)
    )
    referrals = CINEpisode.objects.filter(
        la_id=la, closure_date__isnull=True, referral_date__gte=since_day
    ).exclude(assessments__status=AssessmentStatus.AUTHORISED)
    discussions = StrategyDiscussion.objects.filter(la_id=la, held_on__gte=since_day)
    return (
        Q(pk__in=contacts.values("child_id"))
        | Q(pk__in=referrals.values("child_id"))
        | Q(pk__in=discussions.values("child_id"))
    )


def _iro(user: User, now: dt.datetime) -> Q:
    today = timezone.localdate(now)
    me = _own_worker(user, today)
    chaired = CLAReview.objects.filter(iro__in=me).filter(
        Q(period__end_date__isnull=True) | Q(period__end_date__gt=today)
    )
    conferences = ICPC.objects.filter(chair__in=me).filter(
        Q(s47__episode__closure_date__isnull=True) | Q(s47__episode__closure_date__gt=today)
    )
    cp_reviews = CPReview.objects.filter(chair__in=me).filter(
        Q(plan__end_date__isnull=True) | Q(plan__end_date__gt=today)
    )
    return (
        Q(pk__in=chaired.values("child_id"))
        | Q(pk__in=conferences.values("child_id"))
        | Q(pk__in=cp_reviews.values("plan__child_id"))
    )


def _head_of_service(user: User, now: dt.datetime) -> Q:
    today = timezone.localdate(now)
    areas = _own_worker(user, today).filter(team__area__isnull=False).values("team__area_id")
    held = _open_allocations(today).filter(
        Q(team__area_id__in=areas) | Q(worker__team__area_id__in=areas)
    )
    return Q(pk__in=held.values("child_id"))


def _whole_council(user: User, now: dt.datetime) -> Q:
    return Q()


def _performance(user: User, now: dt.datetime) -> Q:
    return _with_reason(user, now, Q())


#: Each role's scope before restriction, as a filter on ``Child``. A role missing here sees none.
_ROLE_SCOPES: dict[str, Callable[[User, dt.datetime], Q]] = {
    Role.PRACTITIONER: _practitioner,
    Role.TEAM_MANAGER: _team_children,
    Role.FRONT_DOOR: _front_door,
    Role.IRO: _iro,
    Role.HEAD_OF_SERVICE: _head_of_service,
    Role.DIRECTOR: _whole_council,
    Role.PERFORMANCE: _performance,
}

#: Where a reason may take each role in ``REASON_ROLES``: a practitioner's team, the analyst's LA.
_REASON_SCOPES: dict[str, Callable[[User, dt.datetime], Q]] = {
    Role.PRACTITIONER: _team_children,
    Role.PERFORMANCE: _whole_council,
}


def _in_council(user: User) -> bool:
    """An active, signed-in user of one council; anyone else (an ``AnonymousUser`` passed by
    mistake included) sees nothing rather than raising halfway through a page."""
    return isinstance(user, User) and user.is_active and user.la_id is not None


def _named_or_unrestricted(user: User) -> Q:
    named = RestrictedAccess.objects.filter(user_id=user.pk, revoked_at__isnull=True)
    return Q(restricted=False) | Q(pk__in=named.values("child_id"))


def _scoped(user: User, scopes: dict[str, Callable[[User, dt.datetime], Q]]) -> QuerySet[Child]:
    scope = scopes.get(user.role) if _in_council(user) else None
    if scope is None:
        return Child.objects.none()
    return Child.objects.filter(scope(user, clock.now()), la_id=user.la_id)


def children_visible_to(user: User) -> QuerySet[Child]:
    """The children whose records ``user`` may open now: the role's scope, minus restricted
    children they are not named on. Lazy: one query when evaluated, none before."""
    return _scoped(user, _ROLE_SCOPES).filter(_named_or_unrestricted(user))


def children_reason_may_open(user: User) -> QuerySet[Child]:
    """The children a reason from ``user`` would open: their role's reason scope, minus
    restricted children they are not named on. Empty for roles that give no reasons."""
    return _scoped(user, _REASON_SCOPES).filter(_named_or_unrestricted(user))


def visible(queryset: QuerySet[M], user: User, child_field: str = "child") -> QuerySet[M]:
    """``queryset`` limited to rows about children ``user`` may see, for other apps' selectors:
    ``visible(CaseNote.objects.all(), user)``, ``visible(Placement.objects.all(), user)``.

    ``child_field`` is the lookup path from the row to its child (``"plan__child"`` for a CP
    review). The filter is a subquery, so it composes with any other filter or ordering.
    """
    return queryset.filter(**{f"{child_field}__in": children_visible_to(user)})


def children_known_to(user: User) -> QuerySet[Child]:
    """The children ``user`` may open, plus restricted children whose existence their role needs,
    each annotated ``can_open``.

    Issue 6: others see that a restricted record exists "only if their role needs to, and never
    its content". Managers (``RESTRICTED_EXISTENCE_ROLES``) learn of restricted children held in
    their scope, and the front door of any restricted child in the council, so a contact about
    one is routed to its named workers instead of opening a duplicate. A page listing these
    must show a row with ``can_open`` false as "restricted record" and its LA id only; opening
    it still goes through ``children_visible_to`` and is refused.
    """
    can_open = children_visible_to(user)
    if not _in_council(user) or user.role not in RESTRICTED_EXISTENCE_ROLES:
        return can_open.annotate(can_open=Value(True, output_field=BooleanField()))
    if user.role == Role.FRONT_DOOR:
        exists = Child.objects.filter(la_id=user.la_id, restricted=True)
    else:
        exists = _scoped(user, _ROLE_SCOPES).filter(restricted=True)
    return Child.objects.filter(
        Q(pk__in=can_open.values("pk")) | Q(pk__in=exists.values("pk")), la_id=user.la_id
    ).annotate(
        can_open=Case(When(pk__in=can_open.values("pk"), then=Value(True)), default=Value(False),
                      output_field=BooleanField())
    )


def referrals_made_by(user: User) -> QuerySet[Contact]:
    """The contacts a partner agency user's organisation made, newest first, with the decision.

    DESIGN.md "Who uses it": a partner agency needs "a referral form and its outcome, nothing
    more". The rows carry the contact's own fields (received, source, decision, decided); the
    child's record stays closed (``children_visible_to`` is empty for the role). Restricted
    children are left out, as everywhere: their existence is not a partner's to learn here.
    """
    if (not _in_council(user) or user.role != Role.PARTNER_AGENCY
            or user.partner_organisation_id is None):
        return Contact.objects.none()
    return Contact.objects.filter(
        la_id=user.la_id, referrer_organisation_id=user.partner_organisation_id,
        child__restricted=False,
    ).order_by("-received_at", "-id")


def child_for_access_log(user: User, child_id: int) -> Child | None:
    """The child whose access log ``user`` may read, or ``None`` (the view refuses and audits).

    Managers read it for children they may open; administrators for any child in their council,
    including restricted ones, because checking who looked at a restricted record is the point.
    """
    if not _in_council(user):
        return None
    if user.role == Role.ADMINISTRATOR:
        return Child.objects.filter(la_id=user.la_id, pk=child_id).first()
    if user.role in ACCESS_LOG_MANAGER_ROLES:
        return children_visible_to(user).filter(pk=child_id).first()
    return None


def child_for_change_history(user: User, child_id: int) -> Child | None:
    """The child whose change history ``user`` may read, or ``None`` (the view refuses and audits).

    Managers read it for children they may open; administrators for any child of their council
    they could open if named, because the history shows case content (old and new values) where
    the access log shows only who looked: a restricted child's history needs the administrator
    to be named on it, as its record would.
    """
    if not _in_council(user):
        return None
    if user.role == Role.ADMINISTRATOR:
        return Child.objects.filter(_named_or_unrestricted(user), la_id=user.la_id,
                                    pk=child_id).first()
    if user.role in ACCESS_LOG_MANAGER_ROLES:
        return children_visible_to(user).filter(pk=child_id).first()
    return None


def changes_for_child(child: Child) -> QuerySet[ChangeEntry]:
    """Every change to the child's case records, newest first. The caller has checked the viewer.

    ``ChangeEntry.child_id`` is set when the change is logged, so records since deleted stay in
    the history."""
    changes: QuerySet[ChangeEntry] = ChangeEntry.objects.filter(child_id=child.pk)
    return changes.select_related("actor", "content_type").order_by("-timestamp", "-id")


def user_for_access_history(viewer: User, user_id: int) -> User | None:
    """The user whose access history ``viewer`` may read: themselves, or, for an administrator
    (the council's auditor), anyone in their council."""
    if user_id == viewer.pk:
        return viewer
    if viewer.role != Role.ADMINISTRATOR or not _in_council(viewer):
        return None
    return User.objects.filter(la_id=viewer.la_id, pk=user_id).first()


def access_events_for_child(child: Child) -> QuerySet[AccessEvent]:
    """Everything recorded about one child, newest first. The caller has checked the viewer."""
    return AccessEvent.objects.filter(child=child).order_by("-at", "-id")


def access_events_by(actor: User) -> QuerySet[AccessEvent]:
    """Everything one user did, newest first. The caller has checked the viewer."""
    return AccessEvent.objects.filter(actor=actor).order_by("-at", "-id")
