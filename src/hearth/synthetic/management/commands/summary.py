"""``hearth summary --json``: yearly flows and 31 March stocks of the council."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.organisation.models import LocalAuthority
from hearth.synthetic.summary import summary


class Command(BaseCommand):
    help = "Print the council's yearly contacts, referrals, assessments and 31 March stocks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        la = LocalAuthority.objects.order_by("pk").first()
        if la is None:
            raise CommandError("No council in this database: run hearth synth first.",
                               returncode=2)
        result = summary(la)
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
            return
        self.stdout.write(f"{la.name}: {result['children']:,} children")
        for year in result["years"]:
            self.stdout.write("  ".join(f"{k}={v}" for k, v in year.items()))
