"""``hearth synth``: generate a synthetic council into the configured database."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from tqdm import tqdm

from hearth.core import clock
from hearth.organisation.models import LocalAuthority
from hearth.synthetic.context import Config
from hearth.synthetic.generator import SEED_YEARS, generate
from hearth.synthetic.loader import load

MAX_CHILDREN = 2_000_000


def _bad(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Generate a deterministic synthetic council (all data invented)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--children", required=True, type=str,
                            help="child population of the council (aged 0-17)")
        parser.add_argument("--years", required=True, type=str,
                            help="years of complete records to generate")
        parser.add_argument("--seed", required=True, type=str, help="random seed")
        parser.add_argument("--end-date", type=str, default=None,
                            help="last day of the records, YYYY-MM-DD (default: today)")
        parser.add_argument("--if-empty", action="store_true",
                            help="do nothing (and succeed) if a council already exists")
        parser.add_argument("--no-progress", action="store_true", help="no progress bars")

    def handle(self, *args: Any, **options: Any) -> None:
        config = self._config(options)
        if LocalAuthority.objects.exists():
            if options["if_empty"]:
                self.stdout.write("A council already exists; nothing generated.")
                return
            raise _bad("This database already holds a council. Generate into an empty "
                       "database (hearth flush, or a new DATABASE_URL).")
        quiet = options["no_progress"] or options["verbosity"] == 0
        began = time.perf_counter()
        with tqdm(desc="Simulating days", unit="day", disable=quiet) as bar:
            last = [0]

            def step(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - last[0])
                last[0] = done

            rows = generate(config, progress=step)
        generated = time.perf_counter() - began
        with tqdm(total=rows.total(), desc="Writing rows", unit="row", unit_scale=True,
                  disable=quiet) as writing, transaction.atomic():

            def wrote(n: int) -> None:
                writing.update(n)

            load(rows, progress=wrote)
        elapsed = time.perf_counter() - began
        self.stdout.write(self.style.SUCCESS(
            f"Generated {config.la_name}: {rows.total():,} rows in {elapsed:.1f}s "
            f"(simulation {generated:.1f}s, writing {elapsed - generated:.1f}s)."
        ))

    def _config(self, options: dict[str, Any]) -> Config:
        values = {}
        for name, low, high in (("children", 1_000, MAX_CHILDREN), ("years", 1, 20),
                                ("seed", 0, 2**32 - 1)):
            raw = options[name]
            try:
                value = int(raw)
            except ValueError:
                raise _bad(f"--{name} must be a whole number, not {raw!r}") from None
            if not low <= value <= high:
                raise _bad(f"--{name} must be between {low:,} and {high:,}, not {value:,}")
            values[name] = value
        today = clock.today()
        if options["end_date"] is None:
            end = today
        else:
            try:
                end = dt.date.fromisoformat(options["end_date"])
            except ValueError:
                raise _bad(f"--end-date must be a date as YYYY-MM-DD, not "
                           f"{options['end_date']!r}") from None
            if end > today:
                raise _bad(f"--end-date {end.isoformat()} is in the future; records cannot be.")
        if end.year - values["years"] - 2 - SEED_YEARS < 1990:
            raise _bad("--end-date and --years reach back before 1990, which the working-day "
                       "calendar does not cover")
        dfe, ons = settings.HEARTH_LA_DFE_NUMBER, settings.HEARTH_LA_ONS_CODE
        if not (len(dfe) == 3 and dfe.isdigit()):
            raise _bad(f"HEARTH_LA_DFE_NUMBER must be three digits, not {dfe!r}")
        return Config(children=values["children"], years=values["years"], seed=values["seed"],
                      end=end, la_name=settings.HEARTH_LA_NAME or "Synthetic council",
                      la_dfe_number=dfe, la_ons_code=ons)
