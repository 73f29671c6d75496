"""A small council for the dashboard tests: two areas, a team each, and one user per role.

The clock is fixed at midday on 31 March 2025 (``casefile.AS_OF``), so a dashboard's default
date is the end of the 2024-25 reporting year and its figures are those of the case files.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.factories import AreaFactory, TeamFactory, WorkerFactory

from hearth.access.models import Role, User
from hearth.core import codes
from hearth.organisation.models import Area, LocalAuthority, Team, Worker
from hearth.performance.scope import COUNCIL, Scope, ScopeKind


@dataclass
class Place:
    north: Area
    south: Area
    north_team: Team
    south_team: Team
    ann: Worker  # social worker, North
    sue: Worker  # social worker, South
    users: dict[str, User]

    def scope(self, record: Area | Team | Worker | None) -> Scope:
        if record is None:
            return COUNCIL
        kind = {Area: ScopeKind.AREA, Team: ScopeKind.TEAM, Worker: ScopeKind.WORKER}
        return Scope(kind[type(record)], record.pk)


def build(la: LocalAuthority) -> Place:
    north, south = AreaFactory(la=la, name="North"), AreaFactory(la=la, name="South")
    north_team = TeamFactory(area=north, name="North Assessment")
    south_team = TeamFactory(area=south, name="South Assessment")
    leaders = TeamFactory(area=None, la=la, name="Leadership",
                          function=codes.TeamFunction.LEADERSHIP)
    north_leaders = TeamFactory(area=north, name="North leadership",
                                function=codes.TeamFunction.LEADERSHIP)
    ann = WorkerFactory(team=north_team, first_name="Ann")
    sue = WorkerFactory(team=south_team, first_name="Sue")
    workers = {
        Role.PRACTITIONER: ann,
        Role.TEAM_MANAGER: WorkerFactory(team=north_team, role=codes.WorkerRole.TEAM_MANAGER),
        Role.HEAD_OF_SERVICE: WorkerFactory(team=north_leaders,
                                            role=codes.WorkerRole.HEAD_OF_SERVICE),
        Role.DIRECTOR: WorkerFactory(team=leaders, role=codes.WorkerRole.DIRECTOR),
        Role.PERFORMANCE: WorkerFactory(team=leaders, role=codes.WorkerRole.ANALYST),
    }
    users = {
        role.value: User.objects.create_user(
            username=f"{role.value}.user", role=role, la=la, worker=workers.get(role),
            first_name=role.label.split(" ")[0], last_name="Synthetic")
        for role in Role
    }
    return Place(north, south, north_team, south_team, ann, sue, users)
