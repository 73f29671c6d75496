"""SSDA903 for the Returns page: generate and validate as the registry's functions.

The same steps as ``hearth returns 903`` and ``hearth returns validate 903`` (extract, build,
write the DfE's CSV files, run Data to Insight's validator in its own virtualenv), taking and
giving the plain values of ``returns.base`` and reporting progress as they go.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hearth.organisation.models import LocalAuthority
from hearth.returns.base import (
    Generated,
    GeneratedFile,
    Period,
    Progress,
    ValidationSummary,
)
from hearth.returns.ssda903 import validate as validator
from hearth.returns.ssda903.cohorts import CollectionYear
from hearth.returns.ssda903.extract import extract
from hearth.returns.ssda903.render import write_return
from hearth.returns.ssda903.tables import build_return

#: The earliest 903 year Hearth writes; the 903 has had its present tables since 2016-17.
FIRST_YEAR = 2017

NO_RULES_FOR_YEAR = (
    "Data to Insight's 903 validator has rules for the years {first} to {last} only, so this "
    "return was not validated."
)
VALIDATOR_UNAVAILABLE = "The 903 validator could not run, so this return was not validated: {}"


def generate(la: LocalAuthority, period: Period, progress: Progress) -> Generated:
    """The 903 CSV files of ``la`` for the collection year ending ``period.end``."""
    year = CollectionYear(period.year)
    progress(5, "Reading the records of children looked after")
    cases = extract(la, year)
    progress(40, f"Building the return for {len(cases):,} children")
    result = build_return(cases, year)
    progress(60, "Writing the CSV files")
    with tempfile.TemporaryDirectory(prefix="hearth-903-") as directory:
        paths = write_return(result, Path(directory))
        files = tuple(
            GeneratedFile(name=path.name, content=path.read_bytes(),
                          rows=max(len(path.read_bytes().splitlines()) - 1, 0))
            for path in paths)
    return Generated(files=files, children=result.children(), warnings=dict(result.warnings))


def validate(la: LocalAuthority, generated: Generated, period: Period,
             progress: Progress) -> ValidationSummary:
    """Data to Insight's 903 rules for the year, run on the generated files of ``la``.

    The validator runs in its own virtualenv under ``VAR_DIR`` (installed on first use, which
    takes a minute). A year it has no rules for, or a validator that cannot be installed or
    run, gives a summary that says so instead of failing the run: the files are still good.
    """
    years = validator.VALIDATOR_YEARS
    if period.year not in years:
        return ValidationSummary(unavailable=NO_RULES_FOR_YEAR.format(
            first=years.start, last=years.stop - 1))
    progress(70, "Preparing the validator")
    try:
        python = validator.ensure_validator(
            validator.default_venv(),
            lambda _: progress(70, "Installing the validator (first use, about a minute)"))
        progress(75, "Validating against the DfE's rules")
        with tempfile.TemporaryDirectory(prefix="hearth-903-validate-") as directory:
            for file in generated.files:
                (Path(directory) / file.name).write_bytes(file.content)
            report = validator.run_validator(python, Path(directory), year=period.year,
                                             la_ons_code=la.ons_code)
    except validator.ValidatorUnavailable as error:
        return ValidationSummary(unavailable=VALIDATOR_UNAVAILABLE.format(error))
    return ValidationSummary.from_report(report)
