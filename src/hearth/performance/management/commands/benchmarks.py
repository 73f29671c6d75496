"""``hearth benchmarks load FILE.csv [--la DFE_NUMBER]``: load benchmark values, all or nothing.

The accepted columns are described in ``hearth.performance.benchmarks``. Exit status 2 for bad
arguments (no such file, no such council), 1 for a file refused for its contents (every problem
is printed, by row and column, and nothing is written), 0 when loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.organisation.models import LocalAuthority
from hearth.performance.benchmarks import BenchmarkFileRefused, benchmarks_load


def _bad(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Benchmark values (England, statistical neighbours, regions, councils) for measures."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="ACTION",
                                        parser_class=type(parser))
        actions.required = True
        load = actions.add_parser("load", help="load a benchmark CSV file (all or nothing)",
                                  called_from_command_line=getattr(
                                      parser, "called_from_command_line", None))
        load.add_argument("file", help="the CSV file (see hearth.performance.benchmarks)")
        load.add_argument("--la", default=None,
                          help="the council's DfE number (default: this installation's)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise _bad(f"no file {path}")
        la = self._council(options["la"])
        try:
            report = benchmarks_load(la=la, path=path)
        except BenchmarkFileRefused as refused:
            raise CommandError(str(refused), returncode=1) from None
        self.stdout.write(
            f"Loaded {report.loaded} benchmark value{'s' if report.loaded != 1 else ''} from "
            f"{path} for {la.name} ({report.created} new, {report.replaced} replaced).")
        if report.not_published:
            self.stdout.write(f"Skipped {report.not_published} row(s) marked as not published "
                              "(DfE suppression symbols).")
        if report.ignored_columns:
            self.stdout.write(f"Ignored columns: {', '.join(report.ignored_columns)}.")

    def _council(self, dfe_number: str | None) -> LocalAuthority:
        if dfe_number is not None:
            found = LocalAuthority.objects.filter(dfe_number=dfe_number).first()
            if found is None:
                raise _bad(f"no council with DfE number {dfe_number!r} in this database")
            return found
        la = (LocalAuthority.objects.filter(dfe_number=settings.HEARTH_LA_DFE_NUMBER).first()
              or LocalAuthority.objects.order_by("pk").first())
        if la is None:
            raise _bad("No council in this database: run hearth synth first.")
        return la
