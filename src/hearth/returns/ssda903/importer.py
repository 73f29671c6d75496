"""Import a council's SSDA903 return into an empty Hearth: the export run backwards.

``hearth import 903 DIR --year 2026`` reads the CSV files of one year's return (the tables and
exact headers of ``columns``; DfE SSDA903 guidance, validated by Data to Insight's
csc-validator-be-903), checks every value, turns the rows back into Hearth's records and writes
them in one transaction. It is how a council brings its history from its current system.

The steps, all but the last pure:

1. ``read.read_return`` opens each file of the year with the ``csv`` module and checks
   its columns and values: dates ``dd/mm/YYYY``, DfE codes, one row per key, every child in
   ``header.csv``, the same DOB everywhere. Each problem names file, row and column.
2. ``rebuild.rebuild`` turns each child's rows into the plain ``case.ChildCase`` that
   ``extract`` would read from the database: episodes become a period of care's legal statuses
   and placements (a new legal status on RNE L, B, U; a new placement on P, T, B, U).
3. ``verify.verify`` runs the export's own derivation (``tables.build_return``) on those
   cases and compares its rows with the file's. A row Hearth would not give back as it is
   (overlapping episodes, an RNE that does not match what changed, a review outside care ...)
   is refused: importing it would lose or change what the council recorded.
4. ``load.load`` writes the records with ``bulk_create``, inside ``transaction.atomic``.

Any problem in 1-3 refuses the whole import: up to ``MAX_PROBLEMS`` messages, nothing written.

What the 903 does not carry, and what the import puts in its place (all labelled):

- Names: children are ``[not in 903]`` ``[not in 903]``; so are the mothers' babies (MC_DOB)
  and the social workers (SW_ID) Hearth does not already have, who join a team ``Imported
  from SSDA903`` as permanent full-time social workers (a worker already recorded with that
  staff id is used as they are).
- Addresses: only HOME_POST; the first line reads ``[not in 903: HOME_POST only]`` and each
  address runs from the DECOM of the episode that first gives the postcode.
- Carers: the 903 does not identify carers, only whether a move kept them (RNE T, U); carer
  references are ``903-N``, one per change of carers.
- A period of care that began before the year: its episodes before the year are not in the
  return. Its start is recorded as the day before the first DECOM (91 days before, or the DOB,
  for a care leaver in OC3, whose eligibility counts days in care since 14), or as the child's
  first SW_DECOM when that is earlier (social worker episodes cover only time looked after),
  with no legal status or placement recorded before that DECOM, except that a first episode
  with RNE T or U (same carers) needs the carers' earlier placement: it is recorded with the
  same type and provider and no postcode or URN.
- Allocations: the 903 reports a worker only while the child was looked after (SW_DECOM no
  earlier than the start of care), so each social worker episode is an allocation from
  SW_DECOM, which may be later than when the worker took the case. It ends on SW_DEC; with SW_DEC
  blank (the child's latest episode, left open even after care ended, rule SW17) it ends with
  the period of care it began in, or stays open while that period is.
- A care leaver in OC3 whose care in the return does not make them one (not looked after in
  the year, or not 13 weeks since 14): a period of care of up to 91 days, ending the day
  before the earlier of their first period in the return and 1 April (reason E8, category of
  need N8), with no legal status or placement, stands for the care the return does not
  describe.
- CIN episodes (every period of care belongs to one): one per period, from its start to its
  end, referral source 10 (unknown), closed with the CIN census reason matching REC.
- Dates and times the 903 does not give: OC2 health checks (HEALTH_ASSESSMENT as a review
  health assessment), SDQ and wellbeing are dated 31 March of the year; an OC3 status is
  dated on the birthday; UASC status starts at the first DECOM; a missing spell starts and
  ends at midday; a worker starts work on their first SW_DECOM.
- A care leaver's eligibility: relevant at 17, former relevant from 18 (Children (Leaving
  Care) Act 2000).
- A new council (when the database has none with the DfE number): name, ONS code from the
  settings, child population 0, and ``records_from`` the day after the year: the imported
  records are migrated history.

The import refuses a database that already holds children for the council: merging a return
into existing case records could duplicate or contradict them, and nothing shows which record
is right. Import into an empty Hearth, once per council.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError, transaction

from hearth.organisation.models import LocalAuthority
from hearth.people.models import Child
from hearth.returns.ssda903 import load, rebuild, verify
from hearth.returns.ssda903.cohorts import CollectionYear
from hearth.returns.ssda903.read import (
    MAX_PROBLEMS,
    Problem,
    Problems,
    TooManyProblems,
    read_return,
)

#: Shown when the council already has children: the import is for an empty Hearth.
NOT_EMPTY = ("the database already holds {count} children for {la}: a 903 import loads a "
             "council's history into an empty Hearth, and merging it into existing case "
             "records could duplicate or contradict them")
DATABASE_REFUSED = "the database refused the records ({error})"


@dataclass(frozen=True)
class Council:
    """The council the return belongs to, created with these details if the database lacks it."""

    dfe_number: str
    name: str
    ons_code: str


@dataclass(frozen=True)
class Imported:
    """What an import wrote: children, rows of each kind, and how long it took."""

    children: int
    written: Counter[str]
    seconds: float


class ImportRefused(Exception):
    """The return cannot be imported; nothing was written. ``problems`` say why and where."""

    def __init__(self, problems: list[Problem], *, more: bool = False) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems
        self.more = more  # True when reading stopped at MAX_PROBLEMS


def check(directory: Path, year: CollectionYear) -> rebuild.Rebuilt:
    """Read, rebuild and verify the return (no database); raise ``ImportRefused`` if bad."""
    problems = Problems()
    try:
        source = read_return(directory, year, problems)
        if not problems:
            rebuilt = rebuild.rebuild(source, problems)
            verify.verify(source, rebuilt.cases, rebuilt.refused, problems)
    except TooManyProblems:
        raise ImportRefused(problems.items, more=True) from None
    if problems:
        raise ImportRefused(problems.items)
    return rebuilt


def import_903(directory: Path, year: CollectionYear, council: Council) -> Imported:
    """Import the 903 return for ``year`` in ``directory`` into an empty Hearth, or nothing."""
    began = time.perf_counter()
    rebuilt = check(directory, year)
    try:
        with transaction.atomic():
            la = LocalAuthority.objects.filter(dfe_number=council.dfe_number).first()
            if la is None:
                la = LocalAuthority.objects.create(
                    name=council.name, dfe_number=council.dfe_number, ons_code=council.ons_code,
                    child_population=0, records_from=year.end + dt.timedelta(days=1))
            existing = Child.objects.filter(la=la).count()
            if existing:
                raise ImportRefused([Problem("(database)", None, None,
                                             NOT_EMPTY.format(count=existing, la=la.name))])
            written = load.load(la, year, rebuilt.cases, source=str(directory))
    except DatabaseError as error:
        raise ImportRefused([Problem("(database)", None, None,
                                     DATABASE_REFUSED.format(error=error))]) from error
    return Imported(children=len(rebuilt.cases), written=written,
                    seconds=time.perf_counter() - began)


__all__ = ["MAX_PROBLEMS", "Council", "ImportRefused", "Imported", "check", "import_903"]
