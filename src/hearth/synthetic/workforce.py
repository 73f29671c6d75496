"""The council's structure and staff, case allocation and supervision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from hearth.organisation.models import Allocation, Area, LocalAuthority, Team, Worker
from hearth.practice.models import Supervision
from hearth.synthetic.calibration import ENGLAND_AGENCY_PCT, ENGLAND_CASELOAD, ENGLAND_PER_10K
from hearth.synthetic.context import Ctx
from hearth.synthetic.names import FORENAMES_F, FORENAMES_M, SURNAMES
from hearth.synthetic.population import AREA_SHARES

#: Mean time in post, from which leavers and starters follow (agency staff move on sooner).
PERMANENT_TENURE_DAYS = 6 * 365
AGENCY_TENURE_DAYS = 2 * 365
#: Share of replacements who are agency staff. Agency staff stay a third as long, so for
#: England's 16.2% of staff in post to be agency, h*2 / (h*2 + (1-h)*6) = 0.162 gives h = 0.37.
AGENCY_SHARE_OF_STARTERS = 0.37


@dataclass(slots=True)
class Tenure:
    """One person's time in a post."""

    worker: int
    start: dt.date
    leave: dt.date | None = None


def _in_post(post: list[Tenure], day: dt.date) -> Tenure | None:
    for tenure in post:
        if tenure.start <= day and (tenure.leave is None or day < tenure.leave):
            return tenure
    return None


#: Share of open CIN cases held by each kind of area team.
CASE_SHARES = {"assessment": 0.17, "family_support": 0.63, "children_in_care": 0.20}
TEAM_SIZE = 7
#: The shortest allocation recorded, in days.
MIN_DAYS = 3
#: The first day of the last six days of March, from which rule SW11bSTG2 of
#: csc-validator-be-903 0.1.17 flags a social worker episode that ends (see
#: ``handover_before_year_end``).
SW11B_FROM_DAY = 26


def handover_before_year_end(leave: dt.date, held_from: dt.date,
                             successor_from: dt.date) -> dt.date:
    """The day a looked-after child's case passes to a colleague when its worker leaves on
    ``leave``: ``leave`` itself, or 25 March when the worker leaves on 26-31 March.

    Sidesteps a fault of rule SW11bSTG2 in csc-validator-be-903 0.1.17 ("social worker episode
    has ended before 31 March and no subsequent social worker episode has been provided"): it
    flags every social worker episode ending in the last six days of March (SW_DEC from
    collection end minus 5 days) that follows an earlier episode of the child, even when the
    successor's episode, starting that day, is in the return. A worker leaving at the end of
    March hands their cases over in their last week instead, the day before that window, when
    the colleague taking the case (``successor_from``: their first day in post) is already in
    post and the leaving worker has held the case for at least ``MIN_DAYS`` (903 social worker
    episodes last at least 3 days, rule SW09) or the colleague could have held it from the
    start (``held_from``; ``Workforce._chain`` then gives it to them from the start).

    The return itself is right for a handover on 26-31 March: SW_DEC is the day the successor
    took over and the successor's episode starts that day (the 903 guidance; the hand-built
    journeys in tests/returns/test_journeys.py and tests/returns/test_tables.py).
    """
    if leave.month != 3 or leave.day < SW11B_FROM_DAY:
        return leave
    earlier = leave.replace(day=SW11B_FROM_DAY - 1)
    if successor_from > earlier or held_from >= earlier:
        return leave
    if (earlier - held_from).days < MIN_DAYS and successor_from > held_from:
        return leave
    return earlier


class Workforce:
    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.area_ids: dict[str, int] = {}
        #: (function, area id or None) -> list of (team id, its posts)
        self.teams: dict[tuple[str, int | None], list[tuple[int, list[list[Tenure]]]]] = {}
        self.managers: dict[int, int] = {}  # team id -> manager worker id
        #: child id -> (the planned chain of (team, worker, start, leave), reason it began)
        self.chains: dict[int, tuple[list[tuple[int, int, dt.date, dt.date | None]], str]] = {}
        self.iros: list[int] = []
        self.serial = 0
        self.agency_share: dict[float, float] = {}
        self.team_of: dict[int, int] = {}  # worker id -> team id
        #: allocations written once the simulation has run: (child, function, area, start, end,
        #: reason)
        self.later: list[tuple[int, str, int, dt.date, dt.date | None, str]] = []

    def build(self) -> None:
        ctx = self.ctx
        cfg = ctx.config
        ctx.rows[LocalAuthority].add({
            "name": cfg.la_name, "dfe_number": cfg.la_dfe_number,
            "ons_code": cfg.la_ons_code, "child_population": cfg.children, "synthetic": True,
            "records_from": ctx.records_from,
        })
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
        posts = [self._post(team, "social_worker") for _ in range(workers)]
        self.teams.setdefault((function, None), []).append((team, posts))

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
            posts = []
            for i in range(size):
                post_role = "senior_practitioner" if role == "social_worker" and i == 0 else role
                posts.append(self._post(team, post_role))
            self.teams.setdefault((function, area), []).append((team, posts))

    def _team(self, function: str, area: int | None, name: str) -> int:
        return self.ctx.add(Team, area_id=area, name=name, function=function)

    def _post(self, team: int, role: str) -> list[Tenure]:
        """A post and the people who hold it in turn: leavers, vacancies and starters."""
        ctx = self.ctx
        manager = self.managers.get(team)
        first = self._worker(team, role, manager=manager)
        tenures = [Tenure(first, ctx.rows[Worker].get(first, "start_date"))]
        while True:
            current = tenures[-1]
            agency = ctx.rows[Worker].get(current.worker, "employment_type") == "agency"
            stays = ctx.exp_days(AGENCY_TENURE_DAYS if agency else PERMANENT_TENURE_DAYS)
            leave = max(current.start, ctx.lead_start) + dt.timedelta(days=30 + stays)
            if leave > ctx.end:
                return tenures
            current.leave = leave
            ctx.rows[Worker].set(current.worker, leave_date=leave, leave_reason=ctx.pick(
                (("resigned", 0.55), ("contract ended", 0.25 if agency else 0.02),
                 ("retired", 0.08), ("moved within the council", 0.12))))
            start = leave + dt.timedelta(days=ctx.between(0, 75))
            if start > ctx.end:
                return tenures
            tenures.append(Tenure(self._worker(team, role, manager=manager, started=start,
                                               agency_rate=AGENCY_SHARE_OF_STARTERS), start))

    def _worker(self, team: int, role: str, *, manager: int | None = None,
                permanent: bool = False, started: dt.date | None = None,
                agency_rate: float = ENGLAND_AGENCY_PCT / 100) -> int:
        ctx = self.ctx
        self.serial += 1
        sex = ctx.chance(0.8)
        # Spread agency staff evenly (error diffusion) so every council has the intended share.
        agency = False
        if not permanent:
            self.agency_share[agency_rate] = self.agency_share.get(agency_rate, 0.5) + agency_rate
            agency = self.agency_share[agency_rate] >= 1
            self.agency_share[agency_rate] -= 1 if agency else 0
        qualified = role not in {"early_help_practitioner", "personal_adviser", "analyst"}
        if started is None:
            started = ctx.lead_start - dt.timedelta(days=ctx.between(30, 4000 if not agency
                                                                     else 500))
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
    def pick(self, function: str, area: int | None, day: dt.date,
             team: int | None = None) -> tuple[int, int] | None:
        """A team and a worker in post on ``day``, in ``team`` if given and anyone is in post."""
        ctx = self.ctx
        choices = self.teams.get((function, area)) or self.teams.get((function, None)) or []
        if team is not None:
            choices = [t for t in choices if t[0] == team] or choices
        for _ in range(8):
            if not choices:
                return None
            chosen, posts = ctx.choice(choices)
            tenure = _in_post(ctx.choice(posts), day)
            if tenure is not None:
                return chosen, tenure.worker
        for chosen, posts in choices:  # every post tried: take whoever is in post
            for post in posts:
                tenure = _in_post(post, day)
                if tenure is not None:
                    return chosen, tenure.worker
        return None

    def allocate(self, child: int, function: str, area: int, day: dt.date,
                 reason: str) -> int | None:
        """Give the child a worker in a team of ``function`` from ``day``; returns the worker.

        When that worker leaves, a colleague in post takes the case over (903 SW_REASON LEFTRL),
        so the chain of who holds the case is decided now and written when the case moves on.
        """
        ctx = self.ctx
        if day > ctx.end:
            return None
        held = self.chains.get(child)
        if held is not None and len(held[0]) == 1 and (day - held[0][0][2]).days < MIN_DAYS:
            # A worker who held the case for a day or two is not recorded: the new worker is
            # allocated from the start (903 social worker episodes last at least 3 days).
            day, reason = held[0][0][2], held[1]
            del self.chains[child]
        else:
            self.release(child, day)
        chain = self._chain(function, area, day)
        if not chain:
            return None
        self.chains[child] = (chain, reason)
        return chain[0][1]

    def allocate_span(self, child: int, function: str, area: int, start: dt.date,
                      end: dt.date | None, reason: str) -> int | None:
        """Allocate from ``start`` to ``end`` (open if None) at once, outside the open chain."""
        chain = self._chain(function, area, start)
        if not chain:
            return None
        self._write(child, chain, reason, end if end is not None else
                    self.ctx.end + dt.timedelta(days=1))
        return chain[0][1]

    def allocate_later(self, child: int, function: str, area: int, start: dt.date,
                       end: dt.date | None, reason: str) -> None:
        """Allocate from ``start`` to ``end`` once the simulation has run (``finish``), so the
        workers picked for it take no draws from the random stream the simulation shares."""
        self.later.append((child, function, area, start, end, reason))

    def _chain(self, function: str, area: int, day: dt.date) -> list[
            tuple[int, int, dt.date, dt.date | None]]:
        """Who will hold a case from ``day``: a worker, then colleagues as each one leaves.

        A worker due to leave within ``MIN_DAYS`` of taking the case never holds it: their
        successor, if already in post, holds it from the start (903 social worker episodes
        last at least 3 days, rule SW09).
        """
        ctx = self.ctx
        picked = self.pick(function, area, day)
        chain: list[tuple[int, int, dt.date, dt.date | None]] = []
        start = day
        held_from = day
        while picked is not None:
            team, worker = picked
            leave = ctx.rows[Worker].get(worker, "leave_date")
            if chain and chain[-1][3] == start and (start - held_from).days < MIN_DAYS and (
                    ctx.rows[Worker].get(worker, "start_date") <= held_from):
                chain.pop()
                start = held_from
            held_from = start
            if leave is None or leave <= start:
                chain.append((team, worker, start, None))
                break
            # The colleague is picked on the day the worker leaves, as for any case, so moving
            # the handover draws nothing more from the random stream.
            picked = self.pick(function, area, leave, team=team)
            if picked is not None and function == "children_in_care":
                leave = handover_before_year_end(
                    leave, held_from, ctx.rows[Worker].get(picked[1], "start_date"))
            chain.append((team, worker, start, leave))
            start = leave
        return chain

    def release(self, child: int, day: dt.date) -> None:
        """End the child's allocation on ``day``, writing each worker's part of it."""
        held = self.chains.pop(child, None)
        if held is not None:
            self._write(child, held[0], held[1], day)

    def _write(self, child: int, chain: list[tuple[int, int, dt.date, dt.date | None]],
               reason: str, day: dt.date) -> None:
        ctx = self.ctx
        last = min(day, ctx.end)
        for i, (team, worker, start, leave) in enumerate(chain):
            if start > last or start == day:
                break
            end: dt.date | None = leave if leave is not None and leave < day else day
            if end is not None and end > ctx.end:
                end = None
            if end == start:  # held for no time at all: nothing to record
                continue
            ctx.add(Allocation, child_id=child, worker_id=worker, team_id=team,
                    start_date=start, end_date=end, change_reason=reason if i == 0 else "LEFTRL")

    def finish(self) -> None:
        """Write the allocations still open at the end of the data."""
        for child in list(self.chains):
            self.release(child, self.ctx.end + dt.timedelta(days=1))
        for child, function, area, start, end, reason in self.later:
            self.allocate_span(child, function, area, start, end, reason)

    def manager_of(self, worker: int | None) -> int | None:
        """The team manager of a worker's team."""
        if worker is None:
            return None
        return self.managers.get(self.team_of[worker])

    def worker_of(self, child: int, day: dt.date | None = None) -> int | None:
        """Who holds the child's case on ``day`` (by default, at the start of the allocation)."""
        held = self.chains.get(child)
        if held is None:
            return None
        chain = held[0]
        if day is None:
            return chain[0][1]
        for _, worker, start, leave in chain:
            if start <= day and (leave is None or day < leave):
                return worker
        return chain[-1][1]

    def iro(self) -> int:
        return self.ctx.choice(self.iros)

    def cp_chair(self, child_id: int) -> int:
        """The CP chair of a child's conferences: one chair per child, as councils aim for,
        chosen from the child's id so it draws nothing from the random stream (adding it left
        every other generated figure unchanged)."""
        return self.iros[child_id % len(self.iros)]

    def supervise(self) -> None:
        """Supervision every four to six weeks for every case-holding worker."""
        ctx = self.ctx
        for teams in self.teams.values():
            for team, posts in teams:
                manager = self.managers[team]
                for tenure in (t for post in posts for t in post):
                    day = max(ctx.records_from, tenure.start) + dt.timedelta(
                        days=ctx.between(0, 30))
                    last = min(ctx.end, tenure.leave or ctx.end)
                    while day < last:
                        ctx.add(Supervision, worker_id=tenure.worker, supervisor_id=manager,
                                held_on=day)
                        day += dt.timedelta(days=ctx.between(25, 45))
