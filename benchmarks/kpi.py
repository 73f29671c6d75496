"""Benchmark: every performance measure for a large synthetic council on PostgreSQL, for the
council and for each of its areas.

    python benchmarks/kpi.py [--children 320000] [--years 5] [--seed 1] [--as-of 2026-03-31]
                             [--postgres-url postgres://hearth:hearth@127.0.0.1:5432/hearth_test]
                             [--database hearth_bench_kpi] [--fresh] [--repeat 3]

The council is generated once into its own database (``hearth synth``, about two minutes for
320,000 children over 5 years) and reused by later runs unless ``--fresh`` is given. Each scope
is computed ``--repeat`` times; the table shows the first (cold) run, the best run and the number
of queries. The baselines are measured in the same run on the same database: a plain
``SELECT count(*)`` over every table the measures read, and fetching into Python the columns of
those tables the measures read (what a report computing the measures in Python would have to
load). The goal: all measures for the council in under 5 seconds on a 2-core machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
HEARTH = [sys.executable, "-m", "hearth.cli"]
END = dt.date(2026, 3, 31)
GOAL_SECONDS = 5.0

#: The tables the measures read and the columns they use, for the row-fetching baseline.
READ: dict[str, tuple[str, ...]] = {
    "frontdoor.Contact": ("child_id", "received_at", "decided_at", "decision"),
    "cin.CINEpisode": ("child_id", "referral_date", "closure_date"),
    "assessment.Assessment": ("child_id", "start_date", "authorised_date"),
    "protection.S47Enquiry": ("child_id", "start_date"),
    "protection.ICPC": ("child_id", "s47_id", "held_on"),
    "protection.CPPlan": ("child_id", "start_date", "end_date"),
    "care.CarePeriod": ("child_id", "start_date", "end_date", "reason_ceased"),
    "care.Placement": ("child_id", "period_id", "start_date", "end_date", "placement_type"),
    "care.CLAReview": ("period_id", "review_date"),
    "care.HealthCheck": ("child_id", "kind", "check_date"),
    "care.MissingEpisode": ("child_id", "started_at", "returned_at"),
    "care.ReturnHomeInterview": ("episode_id", "held_at"),
    "practice.Visit": ("child_id", "kind", "visit_date"),
    "practice.CaseAudit": ("child_id", "audit_date", "grade", "moderated_grade"),
    "people.Child": ("id", "date_of_birth"),
    "people.UASCStatus": ("child_id", "start_date", "end_date"),
    "leavingcare.CareLeaver": ("child_id", "start_date", "end_date", "personal_adviser_id"),
    "leavingcare.CareLeaverStatus": ("care_leaver_id", "recorded_on", "in_touch", "activity",
                                     "accommodation_suitable"),
    "organisation.Allocation": ("child_id", "worker_id", "team_id", "start_date", "end_date"),
    "organisation.Worker": ("team_id", "role", "employment_type", "fte", "start_date",
                            "leave_date"),
}


def database(maintenance_url: str, name: str, *, fresh: bool) -> str:
    """Create the benchmark's own database if it is missing (or ``fresh``); return its URL."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(maintenance_url, autocommit=True) as conn:
        if fresh:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not found:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlparse(maintenance_url)._replace(path=f"/{name}").geturl()


def hearth(url: str, *args: str) -> str:
    env = {**os.environ, "HEARTH_MODE": "test", "DATABASE_URL": url}
    result = subprocess.run([*HEARTH, *args], env=env, cwd=ROOT, capture_output=True, text=True,
                            check=False)
    if result.returncode:
        sys.exit(f"hearth {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def ensure_council(url: str, children: int, years: int, seed: int) -> None:
    hearth(url, "migrate", "-v0")
    began = time.perf_counter()
    out = hearth(url, "synth", "--children", str(children), "--years", str(years), "--seed",
                 str(seed), "--end-date", END.isoformat(), "--no-progress", "--if-empty")
    print(f"hearth synth: {out.strip()} ({time.perf_counter() - began:.0f}s)")


def timed(run: Callable[[], Any]) -> tuple[float, int, Any]:
    """Seconds and number of queries one call takes, and what it returned."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        result = run()
        seconds = time.perf_counter() - began
    return seconds, len(queries), result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--children", type=int, default=320_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-of", default=END.isoformat())
    parser.add_argument("--postgres-url", default=os.environ.get(
        "BENCH_POSTGRES_URL", "postgres://hearth:hearth@127.0.0.1:5432/hearth_test"),
        help="maintenance database used to create the benchmark's own database")
    parser.add_argument("--database", default="hearth_bench_kpi")
    parser.add_argument("--fresh", action="store_true", help="regenerate the council")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    as_of = dt.date.fromisoformat(args.as_of)

    url = database(args.postgres_url, args.database, fresh=args.fresh)
    ensure_council(url, args.children, args.years, args.seed)

    os.environ.update(HEARTH_MODE="test", DATABASE_URL=url,
                      DJANGO_SETTINGS_MODULE="hearth.config.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.apps import apps
    from django.db import connection

    from hearth.organisation.models import Area, LocalAuthority
    from hearth.performance.measures import BY_ID, compute
    from hearth.performance.scope import COUNCIL, Scope, ScopeKind

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh bulk-loaded tables get planner statistics
    la = LocalAuthority.objects.get()
    models = [apps.get_model(label) for label in READ]

    def count_all() -> int:
        return sum(model.objects.count() for model in models)

    def fetch_all() -> int:
        return sum(len(list(model.objects.values_list(*READ[model._meta.label])))
                   for model in models)

    count_s, count_q, rows = min((timed(count_all) for _ in range(args.repeat)),
                                 key=lambda t: t[0])
    fetch_s, fetch_q, _ = min((timed(fetch_all) for _ in range(args.repeat)), key=lambda t: t[0])

    scopes = [("council", COUNCIL)] + [
        (f"area {area.name}", Scope(ScopeKind.AREA, area.pk, area.name))
        for area in Area.objects.filter(la=la).order_by("name")]
    cla = {r.measure.id: r.value for r in compute(la, as_of, COUNCIL,
                                                  (BY_ID["cla_count"], BY_ID["cin_count"]))}
    print(f"{la.name}: {la.child_population:,} children; at {as_of}: {cla['cla_count']:,} "
          f"looked after, {cla['cin_count']:,} in need; {os.cpu_count()} CPUs; "
          f"PostgreSQL {connection.pg_version}")  # type: ignore[attr-defined]
    print(f"baseline A: count(*) of the {len(models)} tables read, {rows:,} rows: "
          f"{count_s:.3f}s ({count_q} queries)")
    print(f"baseline B: fetch the columns the measures read, {rows:,} rows: "
          f"{fetch_s:.3f}s ({fetch_q} queries)")
    print(f"{'scope':<20}{'first s':>9}{'best s':>9}{'queries':>9}{'x A':>8}{'x B':>8}"
          f"{'goal':>8}")
    for label, scope in scopes:
        runs = [timed(lambda scope=scope: compute(la, as_of, scope))  # type: ignore[misc]
                for _ in range(args.repeat)]
        best = min(seconds for seconds, _, _ in runs)
        goal = ("met" if best < GOAL_SECONDS else "missed") if scope is COUNCIL else ""
        print(f"{label:<20}{runs[0][0]:>9.3f}{best:>9.3f}{runs[0][1]:>9}"
              f"{best / count_s:>8.1f}{best / fetch_s:>8.2f}{goal:>8}")

    slowest = sorted(((timed(lambda m=m: compute(la, as_of, COUNCIL, (m,)))[0], m.id)  # type: ignore[misc]
                      for m in BY_ID.values()), reverse=True)[:5]
    print("slowest measures for the council: " + ", ".join(
        f"{measure_id} {seconds:.3f}s" for seconds, measure_id in slowest))


if __name__ == "__main__":
    main()
