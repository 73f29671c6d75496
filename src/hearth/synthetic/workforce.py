"""The council's structure and staff, case allocation and supervision."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hearth.organisation.models import Allocation, Area, LocalAuthority, Team, Worker
from hearth.practice.models import Supervision
from hearth.synthetic.calibration import ENGLAND_AGENCY_PCT, ENGLAND_CASELOAD, ENGLAND_PER_10K
from hearth.synthetic.context import Ctx
from hearth.synthetic.names import FORENAMES_F, FORENAMES_M, SURNAMES
from hearth.synthetic.population import AREA_SHARES

#: Share of open CIN cases held by each kind of area team.
CASE_SHARES = {"assessment": 0.17, "family_support": 0.63, "children_in_care": 0.20}
TEAM_SIZE = 7


class Workforce:
    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.area_ids: dict[str, int] = {}
        #: (function, area id or None) -> list of (team id, [case-holding worker ids])
        self.teams: dict[tuple[str, int | None], list[tuple[int, list[int]]]] = {}
        self.managers: dict[int, int] = {}  # team id -> manager worker id
        self.open_allocation: dict[int, int] = {}  # child id -> allocation row id
        self.allocation_worker: dict[int, int] = {}  # child id -> worker id
        self.iros: list[int] = []
        self.serial = 0
        self.agency_share = 0.5
        self.team_of: dict[int, int] = {}  # worker id -> team id

    def build(self) -> None:
        ctx = self.ctx
        cfg = ctx.config
        ctx.rows[LocalAuthority].add(
            name=cfg.la_name, dfe_number=cfg.la_dfe_number, ons_code=cfg.la_ons_code,
            child_population=cfg.children, synthetic=True, records_from=ctx.records_from,
        )
        per_10k = cfg.children / 10_000
        cin_stock = ENGLAND_PER_10K["cin_at_end"] * per_10k
        leadership = self._team("leadership", None, "Leadership")
        self.director = self._worker(leadership, "director", permanent=True)
        self._worker(leadership, "analyst", permanent=True)
        self._worker(leadership, "analyst", permanent=True)
        self._county_team("front_door", "MASH (front door)", max(3, round(per_10k * 2460 / 900)))
        self._county_team("adoption", "Adoption and permanence", max(2, round(per_10k * 0.4)))
        iro_team = self._team("iro", None, "Independent reviewing service")
        self.managers[iro_team] = self._worker(iro_team, "team_manager", permanent=True)
        for _ in range(max(2, round(per_10k * (ENGLAND_PER_10K["cp_at_end"]
                                               + ENGLAND_PER_10K["cla_at_end"]) / 60))):
            self.iros.append(self._worker(iro_team, "iro"))
        for area_name, share in AREA_SHARES:
            area = ctx.add(Area, name=area_name)
            self.area_ids[area_name] = area
            hos_team = self._team("leadership", area, f"{area_name} service leadership")
            self._worker(hos_team, "head_of_service", permanent=True)
            for function, case_share in CASE_SHARES.items():
                workers = max(2, round(cin_stock * share * case_share / ENGLAND_CASELOAD))
                self._area_teams(function, area, area_name, workers)
            self._area_teams("leaving_care", area, area_name, max(2, round(per_10k * 30 * share
                                                                            / 20)),
                             role="personal_adviser")
            self._area_teams("early_help", area, area_name, max(2, round(per_10k * 230 * share
                                                                          / 18)),
                             role="early_help_practitioner")

    def _county_team(self, function: str, name: str, workers: int) -> None:
        team = self._team(function, None, name)
        self.managers[team] = self._worker(team, "team_manager", permanent=True)
        members = [self._worker(team, "social_worker", manager=self.managers[team])
                   for _ in range(workers)]
        self.teams.setdefault((function, None), []).append((team, members))

    def _area_teams(self, function: str, area: int, area_name: str, workers: int,
                    role: str = "social_worker") -> None:
        label = {"assessment": "Assessment", "family_support": "Family Support and Protection",
                 "children_in_care": "Children in Care", "leaving_care": "Leaving Care",
                 "early_help": "Early Help"}[function]
        n_teams = max(1, round(workers / TEAM_SIZE))
        for t in range(n_teams):
            team = self._team(function, area, f"{area_name} {label} {t + 1}")
            self.managers[team] = self._worker(team, "team_manager", permanent=True)
            size = workers // n_teams + (1 if t < workers % n_teams else 0)
            members = []
            for i in range(size):
                worker_role = "senior_practitioner" if role == "social_worker" and i == 0 else role
                members.append(self._worker(team, worker_role, manager=self.managers[team]))
            self.teams.setdefault((function, area), []).append((team, members))

    def _team(self, function: str, area: int | None, name: str) -> int:
        return self.ctx.add(Team, area_id=area, name=name, function=function)

    def _worker(self, team: int, role: str, *, manager: int | None = None,
                permanent: bool = False) -> int:
        ctx = self.ctx
        self.serial += 1
        sex = ctx.chance(0.8)
        # Spread agency staff evenly (error diffusion) so every council has England's share.
        agency = False
        if not permanent:
            self.agency_share += ENGLAND_AGENCY_PCT / 100
            agency = self.agency_share >= 1
            self.agency_share -= 1 if agency else 0
        qualified = role not in {"early_help_practitioner", "personal_adviser", "analyst"}
        started = ctx.lead_start - dt.timedelta(days=ctx.between(30, 4000 if not agency else 500))
        worker = ctx.add(
            Worker, staff_id=f"SW{self.serial:06d}", team_id=team, manager_id=manager,
            first_name=ctx.choice(FORENAMES_F if sex else FORENAMES_M),
            last_name=ctx.choice(SURNAMES), role=role,
            employment_type="agency" if agency else "permanent",
            fte=Decimal("1.00") if ctx.chance(0.85) else Decimal("0.80"),
            start_date=started,
            social_work_england_number=f"SW{100000 + self.serial}" if qualified else "",
            qualified_date=started - dt.timedelta(days=ctx.between(0, 3000)) if qualified else None,
            qualification="BA (Hons) Social Work" if qualified else "",
        )
        self.team_of[worker] = team
        return worker

    # -- allocation -----------------------------------------------------------------------
    def allocate(self, child: int, function: str, area: int, day: dt.date,
                 reason: str) -> int | None:
        """Give the child a worker in a team of ``function`` from ``day``; returns the worker."""
        ctx = self.ctx
        if day > ctx.end:
            return None
        self.release(child, day)
        teams = self.teams.get((function, area)) or self.teams.get((function, None))
        if not teams:
            return None
        team, members = ctx.choice(teams)
        worker = ctx.choice(members)
        self.open_allocation[child] = ctx.add(Allocation, child_id=child, worker_id=worker,
                                              team_id=team, start_date=day,
                                              change_reason=reason)
        self.allocation_worker[child] = worker
        return worker

    def release(self, child: int, day: dt.date) -> None:
        """End the child's current allocation on ``day`` (if it has happened)."""
        row = self.open_allocation.pop(child, None)
        self.allocation_worker.pop(child, None)
        if row is not None and day <= self.ctx.end:
            self.ctx.rows[Allocation].set(row, end_date=day)

    def manager_of(self, worker: int | None) -> int | None:
        """The team manager of a worker's team."""
        if worker is None:
            return None
        return self.managers.get(self.team_of[worker])

    def worker_of(self, child: int) -> int | None:
        return self.allocation_worker.get(child)

    def iro(self) -> int:
        return self.ctx.choice(self.iros)

    def supervise(self) -> None:
        """Supervision every four to six weeks for every case-holding worker."""
        ctx = self.ctx
        for teams in self.teams.values():
            for team, members in teams:
                manager = self.managers[team]
                for worker in members:
                    day = ctx.records_from + dt.timedelta(days=ctx.between(0, 30))
                    while day <= ctx.end:
                        ctx.add(Supervision, worker_id=worker, supervisor_id=manager, held_on=day)
                        day += dt.timedelta(days=ctx.between(25, 45))
