"""``hearth returns``: produce and validate statutory returns.

- ``hearth returns 903 --year 2026 --out DIR`` writes the SSDA903 CSV files for the year ending
  31 March 2026 (1 April 2025 to 31 March 2026) into DIR.
- ``hearth returns annex-a --as-of 2026-06-30 --out annex-a.xlsx`` writes Ofsted's Annex A
  workbook (lists 1 to 11) for an inspection on that date.
- ``hearth returns cin --year 2026 --out FILE.xml`` writes the CIN census XML for the same year.
- ``hearth returns validate 903 DIR --year 2026`` and ``hearth returns validate cin FILE.xml
  --year 2026`` run Data to Insight's validator for the return on it (in its own virtualenv,
  created on first use), print each failing rule with its count and the children affected, and
  end with ``errors: N``; they exit 1 when N > 0 (DfE queries, codes ending in Q, are listed but
  are not errors).

Bad arguments give a message and exit status 2.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from lxml import etree

from hearth.core import clock
from hearth.organisation.models import LocalAuthority
from hearth.returns import validation
from hearth.returns.annex_a.columns import LISTS
from hearth.returns.annex_a.extract import extract as extract_annex_a
from hearth.returns.annex_a.lists import build_lists
from hearth.returns.annex_a.render import write_workbook
from hearth.returns.batch import without_gc_pauses
from hearth.returns.cin import validate as cin_validate
from hearth.returns.cin.derive import derive as derive_census
from hearth.returns.cin.extract import extract as extract_census
from hearth.returns.cin.page import FIRST_YEAR as CIN_FIRST_YEAR
from hearth.returns.cin.render import write_census
from hearth.returns.ssda903 import validate
from hearth.returns.ssda903.cohorts import CollectionYear
from hearth.returns.ssda903.columns import tables_for
from hearth.returns.ssda903.extract import extract
from hearth.returns.ssda903.page import FIRST_YEAR
from hearth.returns.ssda903.render import write_return
from hearth.returns.ssda903.tables import build_return


def _bad(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def _council(dfe_number: str | None) -> LocalAuthority:
    number = dfe_number or settings.HEARTH_LA_DFE_NUMBER
    la = LocalAuthority.objects.filter(dfe_number=number).first()
    if la is None:
        raise _bad(f"no council with DfE number {number!r} in this database")
    return la


def _as_of(raw: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise _bad(f"--as-of must be a date such as 2026-06-30, not {raw!r}") from None
    if day > clock.today():
        raise _bad(f"--as-of {day} is in the future: Annex A lists what has happened by a date")
    return day


def _workbook_path(raw: str) -> Path:
    out = Path(raw)
    if out.suffix.lower() != ".xlsx":
        raise _bad(f"--out must be an .xlsx file, not {raw!r}")
    if out.is_dir():
        raise _bad(f"--out {out} is a directory; give the workbook's file name")
    if not out.parent.is_dir():
        raise _bad(f"--out {out}: the directory {out.parent} does not exist")
    return out


def _year(raw: str, allowed: range) -> int:
    try:
        year = int(raw)
    except ValueError:
        raise _bad(f"--year must be a year such as 2026 (the year ending 31 March), "
                   f"not {raw!r}") from None
    if year not in allowed:
        raise _bad(f"--year must be from {allowed.start} to {allowed.stop - 1}, not {year}")
    return year


class Command(BaseCommand):
    help = "Produce and validate statutory returns (SSDA903, CIN census, Ofsted Annex A)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True,
                                        metavar="{903,cin,annex-a,validate}")
        produce = actions.add_parser("903", help="write the SSDA903 CSV files for a year")
        produce.add_argument("--year", required=True,
                             help="the year the return ends, e.g. 2026 for 2025-26")
        produce.add_argument("--out", required=True, help="directory to write the CSV files to")
        produce.add_argument("--la", default=None,
                             help="DfE number of the council (default: HEARTH_LA_DFE_NUMBER)")
        census = actions.add_parser("cin", help="write the CIN census XML for a year")
        census.add_argument("--year", required=True,
                            help="the year the census ends, e.g. 2026 for 2025-26")
        census.add_argument("--out", required=True, help="the XML file to write")
        census.add_argument("--la", default=None,
                            help="DfE number of the council (default: HEARTH_LA_DFE_NUMBER)")
        census.add_argument("--timestamp", default=None,
                            help="the header's DateTime, YYYY-MM-DDTHH:MM:SS in England "
                                 "(default: now), to make the same file again")
        annex = actions.add_parser("annex-a", help="write Ofsted's Annex A workbook")
        annex.add_argument("--as-of", required=True,
                           help="the date the lists are drawn up to (inspection), YYYY-MM-DD")
        annex.add_argument("--out", required=True, help="the .xlsx file to write")
        annex.add_argument("--la", default=None,
                           help="DfE number of the council (default: HEARTH_LA_DFE_NUMBER)")
        check = actions.add_parser("validate", help="validate a return's files")
        check.add_argument("return_name", choices=["903", "cin"], metavar="{903,cin}",
                           help="the return (903 or cin)")
        check.add_argument("directory", metavar="PATH",
                           help="directory of the 903's CSV files, or the CIN census XML file")
        check.add_argument("--year", required=True, help="the year the return ends, e.g. 2026")
        check.add_argument("--previous", default=None,
                           help="directory of last year's return (enables year-on-year rules)")
        check.add_argument("--max-children", type=int, default=20,
                           help="children to list per rule (0: all)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "903":
            self._produce(options)
        elif options["action"] == "cin":
            self._produce_cin(options)
        elif options["action"] == "annex-a":
            self._annex_a(options)
        elif options["return_name"] == "cin":
            self._validate_cin(options)
        else:
            self._validate(options)

    def _produce(self, options: dict[str, Any]) -> None:
        year = CollectionYear(_year(options["year"], range(FIRST_YEAR, clock.today().year + 2)))
        out = Path(options["out"])
        if out.exists() and not out.is_dir():
            raise _bad(f"--out {out} exists and is not a directory")
        la = _council(options["la"])
        began = time.perf_counter()
        result = build_return(extract(la, year), year)
        written = write_return(result, out)
        elapsed = time.perf_counter() - began
        for table, path in zip(tables_for(year.year), written, strict=True):
            self.stdout.write(f"{path.name}: {len(result.tables[table.name])} rows")
        for message, count in sorted(result.warnings.items()):
            self.stderr.write(f"warning: {count} {message}")
        self.stdout.write(self.style.SUCCESS(
            f"SSDA903 {year.label} for {la.name}: {result.children()} children, "
            f"{len(written)} files in {out} ({elapsed:.1f}s)."))

    def _annex_a(self, options: dict[str, Any]) -> None:
        as_of = _as_of(options["as_of"])
        out = _workbook_path(options["out"])
        la = _council(options["la"])
        began = time.perf_counter()
        rows = build_lists(extract_annex_a(la, as_of))
        # Written beside the target and renamed into place: a failure leaves no partial file.
        handle, partial = tempfile.mkstemp(suffix=".xlsx", dir=out.parent)
        os.close(handle)
        try:
            write_workbook(rows, Path(partial))
            Path(partial).replace(out)
        finally:
            Path(partial).unlink(missing_ok=True)
        elapsed = time.perf_counter() - began
        for annex_list in LISTS:
            self.stdout.write(f"{annex_list.sheet} ({annex_list.title}): "
                              f"{len(rows[annex_list.number])} rows")
        self.stdout.write(self.style.SUCCESS(
            f"Annex A at {as_of} for {la.name}: {len(LISTS)} lists in {out} ({elapsed:.1f}s)."))

    def _produce_cin(self, options: dict[str, Any]) -> None:
        year = CollectionYear(_year(options["year"],
                                    range(CIN_FIRST_YEAR, clock.today().year + 2)))
        out = Path(options["out"])
        if out.is_dir():
            raise _bad(f"--out {out} is a directory; give the XML file to write")
        if out.suffix.lower() != ".xml":
            raise _bad(f"--out {out} must name an .xml file")
        generated_at = clock.now()
        if options["timestamp"]:
            try:
                generated_at = dt.datetime.fromisoformat(options["timestamp"])
            except ValueError:
                raise _bad(f"--timestamp must be YYYY-MM-DDTHH:MM:SS, "
                           f"not {options['timestamp']!r}") from None
        la = _council(options["la"])
        began = time.perf_counter()
        with without_gc_pauses():
            census = derive_census(extract_census(la, year), year, la.dfe_number)
            write_census(census, out, generated_at)
        elapsed = time.perf_counter() - began
        episodes = sum(len(c.episodes) for c in census.children)
        self.stdout.write(self.style.SUCCESS(
            f"CIN census {year.label} for {la.name}: {len(census.children)} children, "
            f"{episodes} CIN episodes, written to {out} ({elapsed:.1f}s)."))

    def _validate_cin(self, options: dict[str, Any]) -> None:
        year = _year(options["year"], cin_validate.VALIDATOR_YEARS)
        path = Path(options["directory"])
        if not path.is_file():
            raise _bad(f"{path} is not a CIN census XML file")
        stated = census_year(path)
        if stated != str(year):
            raise _bad(f"{path} is the CIN census for {stated or 'no stated year'} "
                       f"(Header/CollectionDetails/Year), not {year}")
        try:
            python = cin_validate.ensure_validator(cin_validate.default_venv(),
                                                   self.stderr.write)
            report = cin_validate.run_validator(python, path, year=year)
        except validation.ValidatorUnavailable as error:
            raise CommandError(str(error), returncode=3) from error
        self._report(report, options)

    def _report(self, report: validation.ValidationReport, options: dict[str, Any]) -> None:
        for line in validation.format_report(report, max_children=options["max_children"]):
            self.stdout.write(line)
        if report.errors:
            raise SystemExit(1)

    def _validate(self, options: dict[str, Any]) -> None:
        year = _year(options["year"], validate.VALIDATOR_YEARS)
        directory = Path(options["directory"])
        if not directory.is_dir() or not any(directory.glob("*.csv")):
            raise _bad(f"{directory} is not a directory of CSV files")
        previous = Path(options["previous"]) if options["previous"] else None
        if previous is not None and not previous.is_dir():
            raise _bad(f"--previous {previous} is not a directory")
        try:
            python = validate.ensure_validator(validate.default_venv(), self.stderr.write)
            report = validate.run_validator(python, directory, year=year,
                                            la_ons_code=settings.HEARTH_LA_ONS_CODE,
                                            previous=previous)
        except validate.ValidatorUnavailable as error:
            raise CommandError(str(error), returncode=3) from error
        self._report(report, options)


def census_year(path: Path) -> str:
    """The year a CIN census file says it is for, refusing a file that is not XML."""
    try:
        root = etree.parse(str(path)).getroot()
    except etree.XMLSyntaxError as error:
        raise _bad(f"{path} is not well-formed XML: {error}") from None
    if root.tag != "Message":
        raise _bad(f"{path} is not a CIN census: its root element is <{root.tag}>, "
                   "not <Message>")
    return (root.findtext("Header/CollectionDetails/Year") or "").strip()
