"""``hearth kpi --as-of YYYY-MM-DD [--scope area:NAME|team:NAME|worker:STAFF_ID] [--json]``.

Prints every measure for the council (or one area, team or worker of it) on the as-of date:
counts of children at that date, flows over the 12 months ending on it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.core import clock
from hearth.core.calendar import FIRST_YEAR, LAST_YEAR
from hearth.organisation.models import LocalAuthority
from hearth.performance.measures import compute
from hearth.performance.scope import ScopeError, parse_scope

#: Flows look back a year and deadlines a few more from the as-of date; the working-day
#: calendar must cover all of it.
EARLIEST_YEAR = FIRST_YEAR + 10


def _bad(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Print every performance measure for a date and scope (council, area, team, worker)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", dest="as_of", default=None,
                            help="the date, YYYY-MM-DD (default: today)")
        parser.add_argument("--scope", default=None,
                            help="area:NAME, team:NAME or worker:STAFF_ID (default: the council)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = self._as_of(options["as_of"])
        la = (LocalAuthority.objects.filter(dfe_number=settings.HEARTH_LA_DFE_NUMBER).first()
              or LocalAuthority.objects.order_by("pk").first())
        if la is None:
            raise _bad("No council in this database: run hearth synth first.")
        try:
            scope = parse_scope(la, options["scope"])
        except ScopeError as error:
            raise _bad(str(error)) from None
        results = compute(la, as_of, scope)
        if options["json"]:
            self.stdout.write(json.dumps([r.as_dict() for r in results], indent=2))
            return
        self.stdout.write(f"{la.name}, {scope.label}, as of {as_of.isoformat()}")
        width = max(len(r.measure.name) for r in results)
        for r in results:
            value = "-" if r.value is None else f"{r.value:,}"
            shown = (f"{r.numerator:,} / {r.denominator:,}" if r.denominator is not None
                     else "")
            self.stdout.write(f"  {r.measure.name:<{width}}  {value:>10}  {shown}")

    def _as_of(self, raw: str | None) -> dt.date:
        today = clock.today()
        if raw is None:
            return today
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            raise _bad(f"--as-of must be a date as YYYY-MM-DD, not {raw!r}") from None
        if day > today:
            raise _bad(f"--as-of {day.isoformat()} is in the future: measures need records "
                       "up to the date.")
        if not EARLIEST_YEAR <= day.year <= LAST_YEAR:
            raise _bad(f"--as-of {day.isoformat()} is outside the working-day calendar the "
                       f"measures need ({EARLIEST_YEAR} to {LAST_YEAR})")
        return day
