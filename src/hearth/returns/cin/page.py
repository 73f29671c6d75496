"""CIN census for the Returns page: generate and validate as the registry's functions.

The same steps as ``hearth returns cin`` and ``hearth returns validate cin`` (extract, derive,
write the DfE's XML, run Data to Insight's validator in its own virtualenv), taking and giving
the plain values of ``returns.base``. The DfE's queries (codes ending in Q) are shown with the
errors but are not counted as errors.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hearth.core import clock
from hearth.organisation.models import LocalAuthority
from hearth.returns.base import (
    Generated,
    GeneratedFile,
    Period,
    Progress,
    RuleResult,
    ValidationSummary,
)
from hearth.returns.cin import validate as validator
from hearth.returns.cin.derive import derive
from hearth.returns.cin.extract import extract
from hearth.returns.cin.render import write_census
from hearth.returns.ssda903.cohorts import CollectionYear
from hearth.returns.validation import ValidatorUnavailable, rule_order

#: The earliest CIN census Hearth writes: the 2022-23 XSD added CINPlanDates.
FIRST_YEAR = 2023

NO_RULES_FOR_YEAR = (
    "Data to Insight's CIN census validator has rules for the years {first} to {last} only, so "
    "this census was not validated."
)
VALIDATOR_UNAVAILABLE = ("The CIN census validator could not run, so this census was not "
                         "validated: {}")


def file_name(period: Period) -> str:
    return f"cin-census-{period.year}.xml"


def generate(la: LocalAuthority, period: Period, progress: Progress) -> Generated:
    """The CIN census XML of ``la`` for the collection year ending ``period.end``."""
    year = CollectionYear(period.year)
    progress(5, "Reading the records of children in need")
    records = extract(la, year)
    progress(40, f"Building the census for {len(records):,} children")
    census = derive(records, year, la.dfe_number)
    progress(60, "Writing the XML file")
    with tempfile.TemporaryDirectory(prefix="hearth-cin-") as directory:
        path = write_census(census, Path(directory) / file_name(period), clock.now())
        content = path.read_bytes()
    return Generated(files=(GeneratedFile(name=path.name, content=content,
                                          rows=len(census.children)),),
                     children=len(census.children), warnings={})


def validate(la: LocalAuthority, generated: Generated, period: Period,
             progress: Progress) -> ValidationSummary:
    """Data to Insight's CIN census rules for the year, run on the generated XML."""
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
        with tempfile.TemporaryDirectory(prefix="hearth-cin-validate-") as directory:
            (xml_file,) = generated.files
            path = Path(directory) / xml_file.name
            path.write_bytes(xml_file.content)
            report = validator.run_validator(python, path, year=period.year)
    except ValidatorUnavailable as error:
        return ValidationSummary(unavailable=VALIDATOR_UNAVAILABLE.format(error))
    rules = sorted(report.failures, key=lambda f: rule_order(f.code))
    return ValidationSummary(
        rules=tuple(RuleResult(code=f.code, description=f.description, count=f.count,
                               children=f.children, query=f.is_query) for f in rules),
        could_not_run=tuple(sorted(report.could_not_run, key=rule_order)),
        upload_error=report.upload_error,
    )
