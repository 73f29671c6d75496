# ruff: noqa: N999 - Django names the command after its module: `hearth import`.
"""``hearth import``: load a statutory return into Hearth, all or nothing.

- ``hearth import cin FILE.xml`` loads a CIN census (``hearth.returns.cin.importer``).

Each return's importer brings its own arguments and its ``run``; a refused file prints one
line per problem (child, element path, reason), writes nothing and exits 1; a bad path exits 2.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.returns.cin import importer as cin_importer


class Command(BaseCommand):
    help = "Load a statutory return into Hearth (CIN census), all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="{cin}")
        cin_importer.add_arguments(kinds.add_parser("cin", help="load a CIN census XML file"))

    def handle(self, *args: Any, **options: Any) -> None:
        status = cin_importer.run(options, self.stdout.write, self.stderr.write)
        if status:
            raise CommandError("nothing was imported", returncode=status)
