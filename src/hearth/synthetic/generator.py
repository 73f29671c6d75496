"""The deterministic synthetic council: ``generate(config)`` returns every row, in memory.

The same configuration always gives the same rows: one seeded random stream, consumed in a fixed
order, ids assigned in generation order, and no set or dict iteration that depends on hashing.

Records are complete from ``end - years``. Before that the generator simulates two lead-in years
(the first of them only for referrals) and seeds children who entered care up to 18 years
earlier and were still looked after, so stocks and re-referrals are already in steady state
when the records begin, as they are in a council migrating its history.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from hearth.core.calendar import add_years
from hearth.synthetic import calibration as cal
from hearth.synthetic.care import ENTRY_AGES
from hearth.synthetic.context import ChildInfo, Config, Ctx
from hearth.synthetic.journey import Journeys
from hearth.synthetic.population import Population
from hearth.synthetic.rows import Rows
from hearth.synthetic.workforce import Workforce

SEED_YEARS = 18


def poisson(ctx: Ctx, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(ctx.rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= ctx.rng.random()
        if p <= limit:
            return k
        k += 1


def generate(config: Config, progress: Callable[[int, int], None] | None = None) -> Rows:
    """Simulate the council day by day; ``progress(done_days, total_days)`` is called daily."""
    ctx = Ctx(config)
    workforce = Workforce(ctx)
    workforce.build()
    population = Population(ctx, workforce.area_ids)
    journeys = Journeys(ctx, population, workforce)
    _seed_long_stays(ctx, population, journeys)
    per_day = config.children / 10_000 / cal.DAYS_PER_YEAR
    contacts_per_day = cal.ENGLAND_PER_10K["contacts"] * per_day
    uasc_per_day = cal.CLA_STARTS_PER_10K * cal.P_UASC_START * per_day
    referrals_only_until = ctx.lead_start + dt.timedelta(days=365)
    total = (ctx.end - ctx.lead_start).days + 1
    day = ctx.lead_start
    done = 0
    while day <= ctx.end:
        weekday = day.weekday() < 5
        n = poisson(ctx, contacts_per_day * (1.2 if weekday else 0.5))
        only_referrals = day < referrals_only_until
        for _ in range(n):
            journeys.contact(day, only_referrals=only_referrals)
        for _ in range(poisson(ctx, uasc_per_day)):
            _uasc_arrival(ctx, population, journeys, day)
        done += 1
        if progress is not None:
            progress(done, total)
        day += dt.timedelta(days=1)
    workforce.finish()
    workforce.supervise()
    return ctx.rows


def _uasc_arrival(ctx: Ctx, population: Population, journeys: Journeys, day: dt.date) -> None:
    """An unaccompanied child arriving in the county, looked after under section 20."""
    child = population.new_child(day, age=ctx.pick(((13, 0.1), (14, 0.2), (15, 0.35),
                                                    (16, 0.35))), uasc=True)
    ctx.pools.known.append(child.id)
    journeys.referral(child, day, None, ctx.choice(("6", "5C", "7")),
                      first=("care", day + dt.timedelta(days=ctx.between(0, 3))))


def _seed_long_stays(ctx: Ctx, population: Population, journeys: Journeys) -> None:
    """Children who came into care before the lead-in and were still in care (or care leavers)."""
    start = add_years(ctx.lead_start, -SEED_YEARS)
    span = (ctx.lead_start - start).days
    expected = cal.CLA_STARTS_PER_10K * ctx.config.children / 10_000 * SEED_YEARS
    entries = sorted(start + dt.timedelta(days=ctx.rng.randrange(span))
                     for _ in range(poisson(ctx, expected)))
    care = journeys.care
    for entry in entries:
        age = ctx.pick(ENTRY_AGES)
        uasc = age >= 14 and ctx.chance(cal.P_UASC_START)
        dob = entry - dt.timedelta(days=age * 365 + ctx.rng.randint(0, 364))
        stub = ChildInfo(id=-1, dob=dob, sex="M" if ctx.chance(0.55) else "F", area=0,
                         postcode="", uasc=uasc)
        plan = care.plan(stub, entry)
        if plan is None:
            continue
        still_known = plan.end is None or plan.end >= ctx.lead_start or (
            plan.end >= add_years(dob, 16) and add_years(dob, 21) > ctx.lead_start)
        if not still_known:
            continue
        referred = entry - dt.timedelta(days=ctx.between(0, 40))
        child = population.new_child(referred, uasc=uasc, born_on=dob)
        ctx.pools.known.append(child.id)
        care.pending[child.id] = plan
        journeys.referral(child, referred, None, ctx.choice(("6", "2A", "3A", "5A")),
                          first=("care", entry))
