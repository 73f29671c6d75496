# ruff: noqa: N999  (the module is named for the command: `hearth import 903 ...`)
"""``hearth import``: load a council's statutory return into an empty Hearth (migration).

- ``hearth import 903 DIR --year 2026`` loads the SSDA903 CSV files for the year ending
  31 March 2026 in DIR (``hearth.returns.ssda903.importer`` says what is read and what is
  filled in, since the 903 lacks names, addresses and the like).
- ``hearth import cin FILE.xml`` loads a CIN census (``hearth.returns.cin.importer``): each
  problem is named by child, element path and reason.

Each return is one subcommand: a subparser with its arguments and one function that calls the
return's own importer module (another return, e.g. ``cin``, adds its pair to ``RETURNS``).
All or nothing: a refused file prints each problem (file, row, column, reason) on stderr and
exits 1 with nothing written; bad arguments exit 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.core import clock
from hearth.organisation.models import LocalAuthority
from hearth.returns.cin import importer as cin_importer
from hearth.returns.ssda903 import importer
from hearth.returns.ssda903.cohorts import CollectionYear

#: The earliest 903 year Hearth reads; the 903 has had its present tables since 2016-17.
FIRST_YEAR = 2017


def _bad(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def _year(raw: str) -> CollectionYear:
    allowed = range(FIRST_YEAR, clock.today().year + 2)
    try:
        year = int(raw)
    except ValueError:
        raise _bad(f"--year must be a year such as 2026 (the year ending 31 March), "
                   f"not {raw!r}") from None
    if year not in allowed:
        raise _bad(f"--year must be from {allowed.start} to {allowed.stop - 1}, not {year}")
    return CollectionYear(year)


def _directory(raw: str) -> Path:
    directory = Path(raw)
    if not directory.is_dir():
        raise _bad(f"{directory} is not a directory")
    return directory


def add_903(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", help="directory holding the return's CSV files")
    parser.add_argument("--year", required=True,
                        help="the year the return ends, e.g. 2026 for 2025-26")
    parser.add_argument("--la", default=None,
                        help="DfE number of the council (default: HEARTH_LA_DFE_NUMBER); a "
                             "council not in the database is created from the settings")


def import_903(command: BaseCommand, options: dict[str, Any]) -> None:
    year = _year(options["year"])
    directory = _directory(options["directory"])
    dfe_number = options["la"] or settings.HEARTH_LA_DFE_NUMBER
    if (dfe_number != settings.HEARTH_LA_DFE_NUMBER
            and not LocalAuthority.objects.filter(dfe_number=dfe_number).exists()):
        raise _bad(f"no council with DfE number {dfe_number!r} in this database: the import "
                   f"creates only the council of the settings (HEARTH_LA_DFE_NUMBER "
                   f"{settings.HEARTH_LA_DFE_NUMBER}, HEARTH_LA_NAME, HEARTH_LA_ONS_CODE)")
    council = importer.Council(dfe_number=dfe_number, name=settings.HEARTH_LA_NAME,
                               ons_code=settings.HEARTH_LA_ONS_CODE)
    try:
        done = importer.import_903(directory, year, council)
    except importer.ImportRefused as refused:
        for problem in refused.problems:
            command.stderr.write(str(problem))
        count = len(refused.problems)
        found = f"{count} problem{'' if count == 1 else 's'}"
        more = f" (stopped after the first {count})" if refused.more else ""
        raise CommandError(f"SSDA903 {year.label} in {directory} refused: "
                           f"{found}{more}. Nothing was imported.",
                           returncode=1) from None
    for kind, count in sorted(done.written.items()):
        command.stdout.write(f"{kind}: {count}")
    command.stdout.write(command.style.SUCCESS(
        f"SSDA903 {year.label} from {directory}: {done.children} children imported "
        f"({done.seconds:.1f}s)."))


def import_cin(command: BaseCommand, options: dict[str, Any]) -> None:
    status = cin_importer.run(options, command.stdout.write, command.stderr.write)
    if status:
        raise CommandError("nothing was imported", returncode=status)


#: Each return: how its subparser is built, and the function that imports it.
RETURNS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None],
                         Callable[[BaseCommand, dict[str, Any]], None]]] = {
    "903": ("load an SSDA903 return (the CSV files of one year)", add_903, import_903),
    "cin": ("load a CIN census XML file", cin_importer.add_arguments, import_cin),
}


class Command(BaseCommand):
    help = "Load a council's statutory return into an empty Hearth (SSDA903, CIN census)."

    def add_arguments(self, parser: CommandParser) -> None:
        returns = parser.add_subparsers(dest="return_name", required=True,
                                        metavar="{" + ",".join(RETURNS) + "}")
        for name, (summary, add, _) in RETURNS.items():
            add(returns.add_parser(name, help=summary))

    def handle(self, *args: Any, **options: Any) -> None:
        RETURNS[options["return_name"]][2](self, options)
