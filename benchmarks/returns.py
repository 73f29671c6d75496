"""Benchmark: each statutory return for a large synthetic council on PostgreSQL, beside the time
to simply read the rows it needs.

    python benchmarks/returns.py [--children 300000] [--years 5] [--seed 1] [--end 2026-03-31]
                                 [--postgres-url postgres://hearth:hearth@127.0.0.1:5432/postgres]
                                 [--database hearth_bench_returns] [--fresh] [--repeat 2]

The council is generated once into its own database (``hearth synth``, about 2.5 minutes) and
reused by later runs unless ``--fresh`` is given. 300,000 children over 5 years gives about 5,700
children looked after at some time in those years (the table's first line says how many).

Each return in ``RETURNS`` runs in this process exactly as ``hearth returns ...`` does (extract,
derive, render to ``var/bench/returns/``), ``--repeat`` times; the best run counts. The baseline,
measured in the same run on the same database, is the raw read: every statement the return sent
to the database (captured during its first run) replayed through a cursor in one transaction,
all rows fetched and nothing else done. The ratio return/raw says what deriving and writing the
return costs on top of reading it. Goal: each return within 3x its raw read and under 30 s on a
2-core machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from kpi import database, hearth  # noqa: E402  (a sibling script: python benchmarks/...)

END = dt.date(2026, 3, 31)
GOAL_RATIO = 3.0
GOAL_SECONDS = 30.0
OUT = ROOT / "var" / "bench" / "returns"


@dataclass(frozen=True)
class Return:
    """One return, as the ``hearth returns`` arguments that produce it into a directory."""

    name: str
    arguments: Callable[[dt.date, Path], list[str]]


def _collection_year(end: dt.date) -> int:
    """The latest collection year (1 April - 31 March) complete by ``end``."""
    return end.year if end >= dt.date(end.year, 3, 31) else end.year - 1


#: The returns timed, in order.
RETURNS: tuple[Return, ...] = (
    Return("SSDA903", lambda end, out: ["903", "--year", str(_collection_year(end)),
                                        "--out", str(out / "903")]),
    Return("Annex A", lambda end, out: ["annex-a", "--as-of", end.isoformat(),
                                        "--out", str(out / "annex-a.xlsx")]),
    Return("CIN census", lambda end, out: ["cin", "--year", str(_collection_year(end)),
                                           "--out", str(out / "cin.xml")]),
)


def ensure_council(url: str, children: int, years: int, seed: int, end: dt.date) -> None:
    hearth(url, "migrate", "-v0")
    began = time.perf_counter()
    out = hearth(url, "synth", "--children", str(children), "--years", str(years), "--seed",
                 str(seed), "--end-date", end.isoformat(), "--no-progress", "--if-empty")
    print(f"hearth synth: {out.strip()} ({time.perf_counter() - began:.0f}s)")


def produce(arguments: list[str]) -> tuple[float, list[str]]:
    """Seconds one ``hearth returns`` run takes, and the SQL it sent (savepoints left out)."""
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        call_command("returns", *arguments, stdout=StringIO(), stderr=StringIO())
        seconds = time.perf_counter() - began
    return seconds, [q["sql"] for q in queries.captured_queries
                     if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]


def raw_read(statements: list[str]) -> tuple[float, int]:
    """Seconds to run ``statements`` through a cursor in one transaction and fetch every row."""
    from django.db import connection, transaction

    rows = 0
    began = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            if cursor.description is not None:
                rows += len(cursor.fetchall())
    return time.perf_counter() - began, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--children", type=int, default=300_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end", default=END.isoformat(),
                        help="the council's last day of records; Annex A is drawn up to it")
    parser.add_argument("--postgres-url", default=os.environ.get(
        "BENCH_POSTGRES_URL", "postgres://hearth:hearth@127.0.0.1:5432/postgres"),
        help="maintenance database used to create the benchmark's own database")
    parser.add_argument("--database", default="hearth_bench_returns")
    parser.add_argument("--fresh", action="store_true", help="regenerate the council")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    end = dt.date.fromisoformat(args.end)

    url = database(args.postgres_url, args.database, fresh=args.fresh)
    ensure_council(url, args.children, args.years, args.seed, end)

    os.environ.update(HEARTH_MODE="test", DATABASE_URL=url,
                      DJANGO_SETTINGS_MODULE="hearth.config.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import CommandError
    from django.db import connection

    from hearth.care.models import CarePeriod
    from hearth.core.calendar import add_years
    from hearth.organisation.models import LocalAuthority

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh bulk-loaded tables get planner statistics
    la = LocalAuthority.objects.get()
    first_day = add_years(end, -args.years) + dt.timedelta(days=1)
    periods = CarePeriod.objects.filter(la=la, start_date__lte=end)
    looked_after = (periods.exclude(end_date__lt=first_day).values("child_id").distinct()
                    .count())
    at_end = periods.exclude(end_date__lte=end).count()
    print(f"{la.name}: {la.child_population:,} children; {looked_after:,} looked after at some "
          f"time from {first_day} to {end}, {at_end:,} at {end}; {os.cpu_count()} CPUs; "
          f"PostgreSQL {connection.pg_version}")  # type: ignore[attr-defined]
    print(f"{'return':<30}{'first s':>9}{'best s':>9}{'raw s':>8}{'queries':>9}{'rows':>11}"
          f"{'x raw':>8}{'goal':>8}")
    OUT.mkdir(parents=True, exist_ok=True)
    for entry in RETURNS:
        arguments = entry.arguments(end, OUT)
        label = f"{entry.name} ({' '.join(arguments[1:3])})"
        try:
            runs = [produce(arguments) for _ in range(args.repeat)]
        except CommandError as error:
            print(f"{label:<30}  not available here: {error}")
            continue
        statements = runs[0][1]
        raw, rows = min(raw_read(statements) for _ in range(args.repeat))
        best = min(seconds for seconds, _ in runs)
        met = best <= GOAL_RATIO * raw and best < GOAL_SECONDS
        print(f"{label:<30}{runs[0][0]:>9.2f}{best:>9.2f}{raw:>8.2f}{len(statements):>9}"
              f"{rows:>11,}{best / raw:>8.1f}{'met' if met else 'missed':>8}")


if __name__ == "__main__":
    main()
