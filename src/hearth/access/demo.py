"""Demo users: one per role, linked to real (synthetic) workers, with fresh passwords each run.

A demo is only useful if someone can sign in as a practitioner and find a caseload, as a team
manager and find that practitioner's team, and so on; so each demo user is linked to a worker
who actually holds that job in the synthetic council, chosen deterministically so the same
seed gives the same demo. Demo users may sign in without MFA, which is why this refuses to run
outside demo, dev or test mode. Passwords are generated per run and only ever printed: none is
stored in the repository or reused.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet

from hearth.access.models import Role, User
from hearth.core import clock
from hearth.core.codes import CASE_HOLDING_ROLES, WorkerRole
from hearth.core.errors import HearthError
from hearth.organisation.models import LocalAuthority, Worker

NOT_DEMO = (
    "demo_users creates users who may sign in without MFA, so it runs only when HEARTH_MODE "
    "is demo, dev or test (it is {mode!r})."
)
NO_COUNCIL = "no council: run hearth synth first"
SEVERAL_COUNCILS = (
    "more than one council and none has HEARTH_LA_DFE_NUMBER {dfe_number!r}; "
    "set it to the council the demo users belong to"
)
NOT_A_DEMO_USER = (
    "user {username!r} exists and is not a demo user; rename or remove it before creating "
    "demo users"
)

PASSWORD_BYTES = 12  # token_urlsafe(12) is 16 characters, above the 12-character minimum

#: What each role sees, in a line (the rules themselves: ``hearth.access.selectors``).
SCOPE: dict[Role, str] = {
    Role.PRACTITIONER: "own caseload; team's children with a recorded reason",
    Role.TEAM_MANAGER: "children held by their team",
    Role.FRONT_DOOR: "contacts awaiting decision, recent referrals and strategy discussions",
    Role.IRO: "looked-after children whose reviews they chair",
    Role.HEAD_OF_SERVICE: "children held by teams in their area",
    Role.DIRECTOR: "whole council",
    Role.PERFORMANCE: "returns and KPIs; a child's record only with a recorded reason",
    Role.REGIONAL_VIEWER: "pseudonymised figures across councils only",
    Role.PARTNER_AGENCY: "no child records (own referrals once a contact records its agency)",
    Role.ADMINISTRATOR: "users, settings and access logs; no case records",
}


class DemoSetupError(HearthError):
    """The demo users cannot be created here; the command exits with status 2."""


@dataclass(frozen=True)
class DemoAccount:
    """One demo user as the command reports it (the password is shown once, never stored)."""

    username: str
    password: str
    role: Role
    worker: Worker | None
    scope: str


def demo_allowed() -> bool:
    """Demo users exist only where every page says it is a demo (and in the test suite)."""
    return bool(settings.DEMO) or settings.HEARTH_MODE == "test"


def demo_username(role: Role) -> str:
    """``demo-team-manager`` for ``team_manager``: readable, and obviously not a person."""
    return "demo-" + role.value.replace("_", "-")


def demo_council() -> LocalAuthority:
    """The council the demo users belong to: the only one, or the one the settings name."""
    councils = list(LocalAuthority.objects.order_by("id")[:2])
    if not councils:
        raise DemoSetupError(NO_COUNCIL)
    if len(councils) == 1:
        return councils[0]
    dfe_number = settings.HEARTH_LA_DFE_NUMBER
    council = LocalAuthority.objects.filter(dfe_number=dfe_number).first()
    if council is None:
        raise DemoSetupError(SEVERAL_COUNCILS.format(dfe_number=dfe_number))
    return council


def _available_workers(la: LocalAuthority, role: Role) -> QuerySet[Worker]:
    """Workers still in post and not linked to someone else (``User.worker`` is one-to-one)."""
    today = clock.today()
    return (
        Worker.objects.filter(la=la)
        .select_related("team")
        .filter(Q(leave_date__isnull=True) | Q(leave_date__gt=today))
        .filter(Q(user__isnull=True) | Q(user__username=demo_username(role)))
    )


def practitioner_worker(la: LocalAuthority) -> Worker | None:
    """The case-holding worker with the most open allocations (lowest id breaks ties)."""
    return (
        _available_workers(la, Role.PRACTITIONER)
        .filter(role__in=CASE_HOLDING_ROLES)
        .annotate(open_cases=Count("allocations", filter=Q(allocations__end_date__isnull=True)))
        .filter(open_cases__gt=0)
        .order_by("-open_cases", "id")
        .first()
    )


def team_manager_worker(la: LocalAuthority, practitioner: Worker | None) -> Worker | None:
    """The practitioner's manager if a team manager, else their team's, else the council's first.

    The first two keep the demo coherent: the team manager oversees the demo practitioner.
    """
    managers = _available_workers(la, Role.TEAM_MANAGER).filter(role=WorkerRole.TEAM_MANAGER)
    if practitioner is not None:
        if practitioner.manager_id is not None:
            manager = managers.filter(id=practitioner.manager_id).first()
            if manager is not None:
                return manager
        same_team = managers.filter(team_id=practitioner.team_id).order_by("id").first()
        if same_team is not None:
            return same_team
    return managers.order_by("id").first()


#: Roles linked to the council's first worker (lowest id) in the matching job.
_FIRST_WORKER_IN_JOB: dict[Role, WorkerRole] = {
    Role.IRO: WorkerRole.IRO,
    Role.HEAD_OF_SERVICE: WorkerRole.HEAD_OF_SERVICE,
    Role.DIRECTOR: WorkerRole.DIRECTOR,
}


def _worker_for(role: Role, la: LocalAuthority, practitioner: Worker | None) -> Worker | None:
    """The worker a demo user acts as; roles with no caseload or chair (front door, analysts,
    partners, administrators) get none."""
    if role == Role.PRACTITIONER:
        return practitioner
    if role == Role.TEAM_MANAGER:
        return team_manager_worker(la, practitioner)
    job = _FIRST_WORKER_IN_JOB.get(role)
    if job is None:
        return None
    return _available_workers(la, role).filter(role=job).order_by("id").first()


def _scope(role: Role, worker: Worker | None) -> str:
    scope = SCOPE[role]
    if worker is not None:
        return f"{scope} (as {worker}, {worker.team})"
    return scope


def demo_users_reset() -> list[DemoAccount]:
    """Create or update one demo user per role and give each a new random password.

    Re-running resets passwords and re-links workers; it never creates a second user for a
    role. All or nothing: one transaction.
    """
    if not demo_allowed():
        raise DemoSetupError(NOT_DEMO.format(mode=settings.HEARTH_MODE))
    with transaction.atomic():
        la = demo_council()
        practitioner = practitioner_worker(la)
        accounts = []
        for role in Role:
            worker = _worker_for(role, la, practitioner)
            password = secrets.token_urlsafe(PASSWORD_BYTES)
            _demo_user_save(role=role, la=la, worker=worker, password=password)
            accounts.append(
                DemoAccount(
                    username=demo_username(role),
                    password=password,
                    role=role,
                    worker=worker,
                    scope=_scope(role, worker),
                )
            )
    return accounts


def _demo_user_save(*, role: Role, la: LocalAuthority, worker: Worker | None,
                    password: str) -> User:
    username = demo_username(role)
    user = User.objects.select_for_update().filter(username=username).first()
    if user is None:
        user = User(username=username)
    elif not user.is_demo:
        raise DemoSetupError(NOT_A_DEMO_USER.format(username=username))
    user.role = role
    user.la = la
    user.worker = worker
    user.is_demo = True
    user.is_active = True
    user.first_name = worker.first_name if worker is not None else "Demo"
    user.last_name = worker.last_name if worker is not None else role.label
    user.set_password(password)
    user.save()
    return user
