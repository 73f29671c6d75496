"""Benchmark: the case-work pages (child record, chronology page, search, My work) on a synthetic
council in PostgreSQL, beside the time to simply read the rows each page needs.

    python benchmarks/child_record.py [--children 50000] [--years 3] [--seed 1] [--end 2026-03-31]
                                      [--postgres-url postgres://hearth:hearth@127.0.0.1:5432/postgres]
                                      [--database hearth_bench_casework] [--fresh]
                                      [--entries 500] [--repeat 5]

The council is generated once into its own database (``hearth synth``) and reused unless
``--fresh`` is given. The child with the longest chronology among those allocated today has it
topped up to ``--entries`` chronology entries (marked "Benchmark entry"), so the record is timed
on a long history; their allocated worker signs in (a practitioner user is made for them).

Each page is requested through Django's test client ``--repeat`` times after one warm-up; the
table gives the best and median, the number of queries, and the baseline measured in the same run:
every statement the page sent, replayed through a cursor with all rows fetched (page / raw says
what rendering costs on top of reading). Goal: the child record under 300 ms, its query count the
same as for a child with a short chronology.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from returns import END, database, ensure_council, raw_read

GOAL_MS = 300.0
PADDING = "Benchmark entry"


def _setup(url: str) -> None:
    os.environ.update(HEARTH_MODE="test", DATABASE_URL=url,
                      DJANGO_SETTINGS_MODULE="hearth.config.settings")
    import django

    django.setup()


def _longest_chronology() -> tuple[Any, Any]:
    """(child, allocation) for the allocated child with the most chronology entries."""
    from django.db.models import Count, Q

    from hearth.core import clock
    from hearth.organisation.models import Allocation

    today = clock.today()
    allocation = (Allocation.objects.filter(start_date__lte=today)
                  .filter(Q(end_date__isnull=True) | Q(end_date__gt=today))
                  .filter(child__restricted=False)
                  .annotate(entries=Count("child__chronology"))
                  .select_related("child", "worker").order_by("-entries", "pk").first())
    if allocation is None:
        sys.exit("the council has no child allocated today")
    return allocation.child, allocation


def _pad(child: Any, entries: int) -> int:
    """Top the child's chronology up to ``entries`` rows; return how many it now has."""
    from hearth.core import clock
    from hearth.practice.models import ChronologyEntry

    have = ChronologyEntry.objects.filter(child=child).count()
    now = clock.now()
    ChronologyEntry.objects.bulk_create(
        ChronologyEntry(la_id=child.la_id, child=child, event_type="visit",
                        summary=f"{PADDING} {i}", occurred_at=now - dt.timedelta(days=3 * i))
        for i in range(entries - have)
    )
    return ChronologyEntry.objects.filter(child=child).count()


def _user(worker: Any) -> Any:
    from hearth.access.models import Role, User

    user, _ = User.objects.get_or_create(
        username=f"bench.sw.{worker.pk}",
        defaults={"role": Role.PRACTITIONER, "la_id": worker.la_id, "worker": worker},
    )
    return user


def _time(fetch: Callable[[], Any], repeat: int) -> tuple[list[float], list[str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fetch()  # warm-up: templates, content types
    times = []
    statements: list[str] = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = fetch()
            times.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            sys.exit(f"page answered {response.status_code}")
        statements = [q["sql"] for q in captured.captured_queries]
    return times, statements


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--children", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end", default=END.isoformat())
    parser.add_argument("--postgres-url", default=os.environ.get(
        "BENCH_POSTGRES_URL", "postgres://hearth:hearth@127.0.0.1:5432/postgres"))
    parser.add_argument("--database", default="hearth_bench_casework")
    parser.add_argument("--fresh", action="store_true", help="regenerate the council")
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    url = database(args.postgres_url, args.database, fresh=args.fresh)
    ensure_council(url, args.children, args.years, args.seed, dt.date.fromisoformat(args.end))
    _setup(url)
    import time_machine
    from django.test import Client
    from django.urls import reverse

    # The council's records end on --end: look at it as on that day.
    with time_machine.travel(dt.datetime.fromisoformat(f"{args.end}T12:00:00+00:00"),
                             tick=True):
        child, allocation = _longest_chronology()
        entries = _pad(child, args.entries)
        client = Client()
        client.force_login(_user(allocation.worker))
        record = reverse("people:child", args=[child.pk])
        pages: list[tuple[str, Callable[[], Any]]] = [
            (f"child record ({entries} entries)", lambda: client.get(record)),
            ("chronology page 10 (htmx)",
             lambda: client.get(record, {"page": "10"}, HTTP_HX_REQUEST="true")),
            ("chronology, visits only", lambda: client.get(record, {"type": "visit"})),
            ("find a child (surname)",
             lambda: client.get(reverse("people:search"), {"q": child.last_name})),
            ("my work", lambda: client.get(reverse("practice:my_work"))),
        ]
        print(f"child {child.la_child_id}, worker {allocation.worker} "
              f"({allocation.worker.allocations.count()} allocations ever)")
        print(f"{'page':<34} {'queries':>7} {'best ms':>8} {'median':>8} {'raw ms':>7} "
              f"{'page/raw':>8}")
        for label, fetch in pages:
            times, statements = _time(fetch, args.repeat)
            raw_seconds, _ = raw_read(statements)
            raw = raw_seconds * 1000
            print(f"{label:<34} {len(statements):>7} {min(times):>8.1f} "
                  f"{statistics.median(times):>8.1f} {raw:>7.1f} {min(times) / raw:>8.1f}x")
    print(f"goal: the child record under {GOAL_MS:.0f} ms")


if __name__ == "__main__":
    main()
