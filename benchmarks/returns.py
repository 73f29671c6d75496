"""Benchmark: produce (and optionally validate) the SSDA903 for a synthetic council.

    python benchmarks/returns.py [--children 60000] [--years 3] [--year 2026]
                                 [--end-date 2026-11-20] [--validate]

Generates a fresh council on SQLite (``var/bench/returns.sqlite3``) with ``hearth synth``, then
times each stage of the return in this process: extract (a fixed number of queries), derive
(pure Python) and render (CSV files in ``var/bench/returns-903``). The baseline, measured in the
same run on the same database, reads each child's periods of care, statuses and placements one
child at a time through the ORM (the N+1 pattern ``extract`` avoids) for the same children.
With ``--validate`` it also times ``hearth returns validate 903`` (the validator's virtualenv is
created on first use, which is not timed separately).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEARTH = [sys.executable, "-m", "hearth.cli"]


def hearth(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([*HEARTH, *args], cwd=ROOT, capture_output=True, text=True,
                            env=os.environ.copy(), check=False)
    if check and result.returncode:
        sys.exit(f"hearth {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--children", type=int, default=60_000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--end-date", default="2026-11-20")
    parser.add_argument("--validate", action="store_true")
    args = parser.parse_args()

    db = ROOT / "var" / "bench" / "returns.sqlite3"
    db.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.environ.update({"HEARTH_MODE": "test", "DATABASE_URL": f"sqlite:///{db}",
                       "DJANGO_SETTINGS_MODULE": "hearth.config.settings"})
    hearth("migrate", "-v0")
    hearth("synth", "--children", str(args.children), "--years", str(args.years), "--seed", "1",
           "--end-date", args.end_date, "--no-progress")

    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from hearth.care.models import CarePeriod
    from hearth.organisation.models import LocalAuthority
    from hearth.returns.ssda903.cohorts import CollectionYear
    from hearth.returns.ssda903.extract import cohort, extract
    from hearth.returns.ssda903.render import write_return
    from hearth.returns.ssda903.tables import build_return

    la = LocalAuthority.objects.get()
    year = CollectionYear(args.year)
    out = ROOT / "var" / "bench" / "returns-903"
    timings: list[tuple[str, float, str]] = []

    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        cases = extract(la, year)
    timings.append(("extract", time.perf_counter() - began,
                    f"{len(cases):,} children, {len(queries.captured_queries)} queries"))
    began = time.perf_counter()
    result = build_return(cases, year)
    rows = sum(len(t) for t in result.tables.values())
    timings.append(("derive", time.perf_counter() - began, f"{rows:,} rows"))
    began = time.perf_counter()
    write_return(result, out)
    timings.append(("render", time.perf_counter() - began, str(out.relative_to(ROOT))))

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        for child in cohort(la, year):
            for period in CarePeriod.objects.filter(child=child):
                list(period.legal_statuses.all())
                list(period.placements.all())
    timings.append(("baseline: periods one child at a time", time.perf_counter() - began,
                    f"{len(queries.captured_queries):,} queries"))

    if args.validate:
        began = time.perf_counter()
        done = hearth("returns", "validate", "903", str(out), "--year", str(args.year),
                      check=False)
        last = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
        timings.append(("validate (subprocess)", time.perf_counter() - began, last))

    print(f"SSDA903 {year.label}, synthetic council of {args.children:,} children "
          f"({args.years} years of records)")
    print(f"{'stage':<40} {'seconds':>8}  notes")
    for stage, seconds, notes in timings:
        print(f"{stage:<40} {seconds:>8.2f}  {notes}")


if __name__ == "__main__":
    main()
