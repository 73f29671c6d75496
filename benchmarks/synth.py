"""Benchmark: generate a synthetic council on SQLite and PostgreSQL and report rows per second.

    python benchmarks/synth.py [--children 320000] [--years 5] [--databases sqlite,postgresql]
                               [--postgres-url postgres://hearth:hearth@127.0.0.1:5432/postgres]

Each database gets a fresh, migrated database; ``hearth synth`` runs in a subprocess and its own
timings (simulation, writing) are read from its output. The baseline, measured in the same run
on the same database, writes the rows of a small council once with Hearth's bulk loader and
once with Django's ``bulk_create``: the ratio says what the loader buys over the ORM. The goal
is a 320,000-child, 5-year council in under 120 seconds on a 2-core machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
HEARTH = [sys.executable, "-m", "hearth.cli"]
END = dt.date(2026, 3, 31)
GOAL_SECONDS = 120.0
SAMPLE_CHILDREN = 10_000


def fresh_database(kind: str, postgres_url: str) -> str:
    """Create an empty database and return its URL."""
    if kind == "sqlite":
        path = ROOT / "var" / "bench" / "synth.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS hearth_bench_synth")
        conn.execute("CREATE DATABASE hearth_bench_synth")
    return urlparse(postgres_url)._replace(path="/hearth_bench_synth").geturl()


def hearth(url: str, *args: str) -> str:
    env = {**os.environ, "HEARTH_MODE": "test", "DATABASE_URL": url}
    result = subprocess.run([*HEARTH, *args], env=env, cwd=ROOT, capture_output=True, text=True,
                            check=False)
    if result.returncode:
        sys.exit(f"hearth {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def run_synth(url: str, children: int, years: int) -> dict[str, float]:
    hearth(url, "migrate", "-v0")
    began = time.perf_counter()
    out = hearth(url, "synth", "--children", str(children), "--years", str(years), "--seed", "1",
                 "--end-date", END.isoformat(), "--no-progress")
    wall = time.perf_counter() - began
    found = re.search(r"([\d,]+) rows in ([\d.]+)s \(simulation ([\d.]+)s, writing ([\d.]+)s",
                      out)
    if not found:
        sys.exit(f"could not read synth's timings from: {out}")
    rows = int(found.group(1).replace(",", ""))
    return {"rows": rows, "total": float(found.group(2)), "simulate": float(found.group(3)),
            "write": float(found.group(4)), "wall": wall}


def baseline_worker() -> None:
    """In a subprocess with DATABASE_URL set: loader vs bulk_create on a small council."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from hearth.synthetic.context import Config
    from hearth.synthetic.generator import generate
    from hearth.synthetic.loader import load

    call_command("migrate", verbosity=0)
    config = Config(children=SAMPLE_CHILDREN, years=5, seed=1, end=END, la_name="Bench",
                    la_dfe_number="881", la_ons_code="E10000012")
    rows = generate(config)

    class Undo(Exception):
        pass

    def timed(write: object) -> float:
        began = time.perf_counter()
        try:
            with transaction.atomic():
                write()  # type: ignore[operator]
                # Foreign keys are checked at commit; check them here, then roll back.
                connection.check_constraints()
                raise Undo
        except Undo:
            pass
        return time.perf_counter() - began

    def orm() -> None:
        for table in rows.tables.values():
            objs = [table.model(**dict(zip(table.names, row, strict=True)))
                    for row in table.rows]
            table.model.objects.bulk_create(objs, batch_size=2000)

    loader = timed(lambda: load(rows))
    bulk = timed(orm)
    print(f"BASELINE {rows.total()} {loader:.3f} {bulk:.3f}")


def run_baseline(url: str) -> tuple[int, float, float]:
    env = {**os.environ, "HEARTH_MODE": "test", "DATABASE_URL": url}
    result = subprocess.run([sys.executable, __file__, "--baseline-worker"], env=env, cwd=ROOT,
                            capture_output=True, text=True, check=False)
    found = re.search(r"BASELINE (\d+) ([\d.]+) ([\d.]+)", result.stdout)
    if not found:
        sys.exit(f"baseline failed:\n{result.stderr[-3000:]}")
    return int(found.group(1)), float(found.group(2)), float(found.group(3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--children", type=int, default=320_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=os.environ.get(
        "BENCH_POSTGRES_URL", "postgres://hearth:hearth@127.0.0.1:5432/hearth_test"))
    parser.add_argument("--baseline-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline_worker:
        baseline_worker()
        return
    print(f"hearth synth: {args.children:,} children, {args.years} years, end {END}")
    print(f"{'database':<11}{'rows':>12}{'simulate s':>12}{'write s':>10}{'total s':>10}"
          f"{'rows/s':>10}{'goal':>8}  | baseline ({SAMPLE_CHILDREN:,} children): "
          "loader s, bulk_create s, ratio")
    for kind in args.databases.split(","):
        url = fresh_database(kind, args.postgres_url)
        result = run_synth(url, args.children, args.years)
        url = fresh_database(kind, args.postgres_url)
        sample_rows, loader, bulk = run_baseline(url)
        goal = "met" if result["total"] < GOAL_SECONDS else "missed"
        print(f"{kind:<11}{result['rows']:>12,}{result['simulate']:>12.1f}"
              f"{result['write']:>10.1f}{result['total']:>10.1f}"
              f"{result['rows'] / result['total']:>10,.0f}{goal:>8}  | {sample_rows:,} rows: "
              f"{loader:.1f}, {bulk:.1f}, bulk_create takes {bulk / loader:.1f}x as long")


if __name__ == "__main__":
    main()
