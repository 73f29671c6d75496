"""``hearth due RULE DATE``: when a statutory timescale falls due; ``hearth due --list``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.timescales.rules import LONDON, RULES, UnknownRule, rule


class Command(BaseCommand):
    help = "Print the due date of a statutory timescale, or list the rules with --list."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("rule", nargs="?", help="rule name, e.g. assessment")
        parser.add_argument("date", nargs="?",
                            help="trigger date YYYY-MM-DD (a date-time for hours-based rules)")
        parser.add_argument("--list", action="store_true", help="list the rules and sources")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            width = max(len(r.name) for r in RULES)
            for r in RULES:
                self.stdout.write(f"{r.name:<{width}}  {r.description}  [{r.source}]")
            return
        name, raw = options["rule"], options["date"]
        if not name or not raw:
            raise CommandError("give a rule and a date, e.g. hearth due assessment 2026-03-02 "
                               "(hearth due --list shows the rules)", returncode=2)
        try:
            found = rule(name)
        except UnknownRule as error:
            raise CommandError(str(error.args[0]), returncode=2) from None
        if found.timed:
            try:
                moment = dt.datetime.fromisoformat(raw)
            except ValueError:
                raise CommandError(f"{raw!r} is not a date-time (YYYY-MM-DDTHH:MM) or date",
                                   returncode=2) from None
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=LONDON)
            self.stdout.write(found.due_at(moment).isoformat())
            return
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            raise CommandError(f"{raw!r} is not a date (YYYY-MM-DD)", returncode=2) from None
        try:
            self.stdout.write(found.due(day).isoformat())
        except ValueError as error:
            raise CommandError(str(error), returncode=2) from None
