"""Benchmark: the performance dashboards for a large synthetic council on PostgreSQL, beside the
measures alone (what ``hearth kpi`` computes) measured in the same run.

    python benchmarks/dashboards.py [--children 320000] [--years 5] [--seed 1]
                                    [--url postgres://hearth:hearth@127.0.0.1:5432/hearth_dash]
                                    [--repeat 2]

The council is generated into the database at ``--url`` unless it already holds one, the demo
benchmark files are loaded, and each page is fetched through Django's test client as a signed-in
director: the council's dashboard (every measure, and the four charted measures at 12 month
ends), the areas side by side, one area's dashboard and the list behind the council's
"children looked after" figure. The table shows the first and the best run and the queries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent

from kpi import hearth  # noqa: E402  (a sibling script: python benchmarks/...)

END = dt.date(2026, 3, 31)
DATA = ROOT / "src" / "hearth" / "performance" / "data"
LONDON = ZoneInfo("Europe/London")


def timed(run: Callable[[], Any]) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        run()
        seconds = time.perf_counter() - began
    return seconds, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--children", type=int, default=320_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgres://hearth:hearth@127.0.0.1:5432/hearth_dash"))
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    hearth(args.url, "migrate", "-v0")
    began = time.perf_counter()
    out = hearth(args.url, "synth", "--children", str(args.children), "--years",
                 str(args.years), "--seed", str(args.seed), "--end-date", END.isoformat(),
                 "--no-progress", "--if-empty")
    print(f"hearth synth: {out.strip() or 'council already there'} "
          f"({time.perf_counter() - began:.0f}s)")
    for name in ("england-2024-25.csv", "statistical-neighbours-ILLUSTRATIVE.csv"):
        hearth(args.url, "benchmarks", "load", str(DATA / name))

    os.environ.update(HEARTH_MODE="test", DATABASE_URL=args.url,
                      DJANGO_SETTINGS_MODULE="hearth.config.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    import time_machine
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from hearth.access.models import Role, User
    from hearth.organisation.models import Area, LocalAuthority
    from hearth.performance.measures import compute

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    la = LocalAuthority.objects.get()
    director, _ = User.objects.get_or_create(
        username="bench.director", defaults={"role": Role.DIRECTOR, "la": la})
    client = Client()
    client.force_login(director)
    area = Area.objects.filter(la=la).order_by("name").first()
    assert area is not None

    def get(path: str) -> Callable[[], None]:
        def fetch() -> None:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        return fetch

    rows: list[tuple[str, Callable[[], None]]] = [
        ("measures alone (baseline)", lambda: compute(la, END)),
        ("council dashboard", get(reverse("performance:council"))),
        ("areas side by side", get(reverse("performance:areas"))),
        (f"area {area.name} dashboard", get(reverse("performance:place", kwargs={
            "kind": "area", "pk": area.pk}))),
        ("council: children looked after list", get(reverse(
            "performance:council_drill", kwargs={"measure_id": "cla_count"}))),
    ]
    print(f"{la.name}: {la.child_population:,} children; figures at {END}; {os.cpu_count()} "
          f"CPUs; {connection.vendor}")
    print(f"{'page':<40}{'first s':>9}{'best s':>9}{'queries':>9}{'x base':>8}")
    with time_machine.travel(dt.datetime(2026, 3, 31, 18, 0, tzinfo=LONDON), tick=False):
        base = 0.0
        for label, run in rows:
            runs = [timed(run) for _ in range(args.repeat)]
            best = min(s for s, _ in runs)
            base = base or best
            print(f"{label:<40}{runs[0][0]:>9.2f}{best:>9.2f}{runs[0][1]:>9}"
                  f"{best / base:>8.1f}")
    print(f"{Area.objects.filter(la=la).count()} areas")


if __name__ == "__main__":
    main()
