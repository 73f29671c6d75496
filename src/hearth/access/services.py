"""Every write the access app makes: audit rows, reasons, and the named users of restricted records.

DESIGN.md "Every write names its actor": each function takes a required keyword ``actor`` with
no default, and ``None`` (or an anonymous user) is an error, never a silent pass. Each runs in
one ``transaction.atomic()`` and writes its own audit row (issue 6, "Access audit").
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from typing import NoReturn

from django.db import transaction
from django.http import HttpRequest

from hearth.access.models import AccessEvent, AccessReason, AccessVerb, RestrictedAccess, Role, User
from hearth.access.selectors import REASON_ROLES, children_reason_may_open, children_visible_to
from hearth.core import clock
from hearth.core.errors import GuardFailed, HearthError, InvalidTransition, NotPermitted
from hearth.people.models import Child

NO_ACTOR = "An access audit row needs the user who acted; none was given."
NOT_IN_SCOPE = (
    "You do not have access to this child's record. If you need it for your work, ask your "
    "manager."
)
NO_REASON_FOR_ROLE = "Your role does not open child records with a reason."
REASON_TOO_SHORT = "Say why you need this record, in at least {n} characters."
OUTSIDE_REASON_SCOPE = (
    "A reason opens only children held by your team. Ask the child's team manager for access."
)
NOT_A_GRANTER = "Only a head of service, the director or an administrator can name users."
NO_SELF_GRANT = "You cannot name yourself on a restricted record; ask another senior manager."
OTHER_COUNCIL = "That child or user belongs to another council."
ALREADY_NAMED = "{user} is already named on this record."
ALREADY_REVOKED = "This user was already removed from the record."

#: How long a reason opens a record: one working day, after which a new look needs a new reason.
ACCESS_REASON_DURATION = dt.timedelta(hours=8)
MIN_REASON_LENGTH = 10
USER_AGENT_LENGTH = 400
PATH_LENGTH = 2000
DETAIL_LENGTH = 500


class MissingActor(HearthError):
    """A write was attempted without naming who did it (DESIGN.md: a missing actor is an error)."""


def require_actor(actor: object) -> User:
    """``actor`` as a saved user, or ``MissingActor``: for every service writing an audit row."""
    if not isinstance(actor, User) or actor.pk is None:
        raise MissingActor(NO_ACTOR)
    return actor


_require_actor = require_actor


def _client_ip(request: HttpRequest) -> str | None:
    """The peer address as the server saw it. Behind a proxy the server must be told to trust
    its forwarded header (the deployment slice); a header is never read here, as a client can
    forge one."""
    try:
        return str(ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")))
    except ValueError:
        return None


def record_access(*, actor: User, verb: AccessVerb, child: Child | None = None,
                  request: HttpRequest | None = None, reason: str = "",
                  detail: str = "") -> AccessEvent:
    """Append one access-audit row: who (``actor``), what (``verb``), which child, when (the one
    clock), from where (``request``: IP, user agent, path) and why (``reason``).

    The actor's username and role and the child's LA id are copied as text so the row reads the
    same after either changes. The row belongs to the child's council, or the actor's when
    there is no child.
    """
    actor = _require_actor(actor)
    verb = AccessVerb(verb)
    ip, user_agent, path = None, "", ""
    if request is not None:
        ip = _client_ip(request)
        user_agent = request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH]
        path = request.get_full_path()[:PATH_LENGTH]
    with transaction.atomic():
        return AccessEvent.objects.create(
            la_id=child.la_id if child is not None else actor.la_id,
            at=clock.now(),
            actor=actor,
            actor_username=actor.get_username(),
            actor_role=actor.role,
            verb=verb,
            child=child,
            child_la_child_id=child.la_child_id if child is not None else "",
            detail=detail[:DETAIL_LENGTH],
            reason=reason,
            path=path,
            ip_address=ip,
            user_agent=user_agent,
        )


def deny(*, actor: User, request: HttpRequest | None, child_id: int | None = None,
         detail: str = "", message: str = NOT_IN_SCOPE) -> NoReturn:
    """Record a refused attempt and raise ``NotPermitted`` (403).

    The row links the child only when it is in the actor's council; an id from another council,
    or one that does not exist, is kept as text in ``detail``. Either way the answer is the same
    403, so a refusal does not tell anyone whether a child exists.
    """
    actor = _require_actor(actor)
    child = None
    if child_id is not None and actor.la_id is not None:
        child = Child.objects.filter(pk=child_id, la_id=actor.la_id).first()
    if child is None and child_id is not None:
        detail = f"child id {child_id}" + (f"; {detail}" if detail else "")
    record_access(actor=actor, verb=AccessVerb.DENIED, child=child, request=request,
                  detail=detail)
    raise NotPermitted(message)


def open_child(*, actor: User, child_id: int, verb: AccessVerb = AccessVerb.VIEW_CHILD,
               request: HttpRequest | None = None, reason: str = "") -> Child:
    """The child, if ``actor`` may open it, with ``verb`` recorded; otherwise a recorded refusal.

    The check is the scope filter itself (``children_visible_to``), so what a page may open and
    what a list may show can never disagree.
    """
    actor = _require_actor(actor)
    child = children_visible_to(actor).filter(pk=child_id).first()
    if child is None:
        deny(actor=actor, request=request, child_id=child_id, detail=AccessVerb(verb).label)
    record_access(actor=actor, verb=verb, child=child, request=request, reason=reason)
    return child


def access_reason_give(*, actor: User, child: Child, reason: str,
                       request: HttpRequest | None = None) -> AccessReason:
    """Open ``child`` to ``actor`` for ``ACCESS_REASON_DURATION`` because of ``reason``.

    Issue 6: a practitioner opens children held by their team, and an analyst any child of the
    council, only with a recorded reason. The reason is checked against the role's reason scope
    (restricted children stay closed unless the actor is named) and written twice: as the grant
    the scope filter reads and in the access audit. A refusal is audited too.
    """
    actor = _require_actor(actor)
    reason = reason.strip()
    if actor.role not in REASON_ROLES:
        deny(actor=actor, request=request, child_id=child.pk, message=NO_REASON_FOR_ROLE,
             detail=AccessVerb.GIVE_REASON.label)
    if len(reason) < MIN_REASON_LENGTH:
        raise GuardFailed(REASON_TOO_SHORT.format(n=MIN_REASON_LENGTH))
    if not children_reason_may_open(actor).filter(pk=child.pk).exists():
        deny(actor=actor, request=request, child_id=child.pk, message=OUTSIDE_REASON_SCOPE,
             detail=AccessVerb.GIVE_REASON.label)
    now = clock.now()
    with transaction.atomic():
        given = AccessReason.objects.create(
            la_id=child.la_id, user=actor, child=child, reason=reason, given_at=now,
            expires_at=now + ACCESS_REASON_DURATION,
        )
        record_access(actor=actor, verb=AccessVerb.GIVE_REASON, child=child, request=request,
                      reason=reason)
    return given


RESTRICTED_GRANTERS = frozenset({Role.HEAD_OF_SERVICE, Role.DIRECTOR, Role.ADMINISTRATOR})


def _check_granter(actor: User, child: Child, user: User, request: HttpRequest | None) -> None:
    if actor.role not in RESTRICTED_GRANTERS or not actor.is_active:
        deny(actor=actor, request=request, child_id=child.pk, message=NOT_A_GRANTER,
             detail=AccessVerb.GRANT_RESTRICTED.label)
    if actor.la_id is None or not (actor.la_id == child.la_id == user.la_id):
        deny(actor=actor, request=request, child_id=child.pk, message=OTHER_COUNCIL,
             detail=AccessVerb.GRANT_RESTRICTED.label)


def restricted_access_grant(*, actor: User, child: Child, user: User, reason: str,
                            request: HttpRequest | None = None) -> RestrictedAccess:
    """Name ``user`` as allowed to open restricted ``child`` (issue 6, "Restricted records").

    A senior manager or administrator names someone else, never themselves (the database
    refuses it too). Naming can precede marking the child restricted, so the allocated worker
    keeps access the moment the flag is set. Two grants racing for the same user meet the
    database's one-open-grant constraint.
    """
    actor = _require_actor(actor)
    _check_granter(actor, child, user, request)
    if user.pk == actor.pk:
        raise GuardFailed(NO_SELF_GRANT)
    with transaction.atomic():
        if RestrictedAccess.objects.filter(child=child, user=user,
                                           revoked_at__isnull=True).exists():
            raise GuardFailed(ALREADY_NAMED.format(user=user.get_username()))
        grant = RestrictedAccess.objects.create(
            la_id=child.la_id, child=child, user=user, reason=reason, granted_by=actor,
            granted_at=clock.now(),
        )
        record_access(actor=actor, verb=AccessVerb.GRANT_RESTRICTED, child=child,
                      request=request, reason=reason, detail=f"named {user.get_username()}")
    return grant


def restricted_access_revoke(*, actor: User, grant: RestrictedAccess, reason: str = "",
                             request: HttpRequest | None = None) -> RestrictedAccess:
    """Remove a named user from a restricted record. The row is stamped, not deleted."""
    actor = _require_actor(actor)
    _check_granter(actor, grant.child, grant.user, request)
    with transaction.atomic():
        grant = RestrictedAccess.objects.select_for_update().select_related("child", "user").get(
            pk=grant.pk
        )
        if grant.revoked_at is not None:
            raise InvalidTransition(ALREADY_REVOKED, current="revoked", allowed=["open"])
        grant.revoked_at = clock.now()
        grant.revoked_by = actor
        grant.save(update_fields=["revoked_at", "revoked_by"])
        record_access(actor=actor, verb=AccessVerb.REVOKE_RESTRICTED, child=grant.child,
                      request=request, reason=reason,
                      detail=f"removed {grant.user.get_username()}")
    return grant
