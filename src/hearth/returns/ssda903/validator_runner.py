"""Run Data to Insight's 903 validator on a directory of CSV files and print the result as JSON.

This script runs with the interpreter of the validator's own virtualenv
(csc-validator-be-903 0.1.17, which pins pandas<2), never inside Hearth: it imports nothing
from Hearth or Django. It calls the library as the validator's web front end does
(``LacValidator`` and ``Report``; shared/reference/validators.md) and prints one JSON object:

``{"rules": [{"code", "description", "fields", "count", "children"}], "could_not_run": [...],
"upload_error": ""}``

Rules that raise inside the package (231 and 233 in 0.1.17) are listed in ``could_not_run``.
The package logs and prints while it works; that goes to stderr so stdout holds only the JSON.
"""

import argparse
import contextlib
import json
import logging
import sys
from pathlib import Path
from typing import Any


def _files(directory: str, description: str) -> list[dict[str, Any]]:
    return [{"name": path.name, "description": description, "file_content": path.read_bytes()}
            for path in sorted(Path(directory).glob("*.csv"))]


def _validate(args: argparse.Namespace) -> dict[str, Any]:
    from lac_validator.lac_validator import LacValidator
    from lac_validator.report import Report
    from lac_validator.rules.ruleset_utils import get_year_ruleset
    from lac_validator.types import UploadError

    files = _files(args.directory, "This year")
    if args.previous:
        files += _files(args.previous, "Prev year")
    registry = get_year_ruleset(args.year)
    try:
        validator = LacValidator(
            metadata={"collectionYear": args.year, "localAuthority": args.la},
            files=files, registry=registry, selected_rules=None)
    except UploadError as error:
        return {"rules": [], "could_not_run": [], "upload_error": str(error)}
    report = Report(validator.ds_results, registry)
    table = report.report
    rules: list[dict[str, Any]] = []
    for _, row in report.error_report.iterrows():
        count = int(row["Count"])
        if count == 0:
            continue
        column = f"ERR_{row['Code']}"
        children = sorted({str(c) for c in table.loc[table[column] == True, "CHILD"].dropna()})  # noqa: E712
        rules.append({"code": str(row["Code"]), "description": str(row["Description"]),
                      "fields": [str(f) for f in row["Fields"]], "count": count,
                      "children": children})
    return {"rules": rules, "could_not_run": sorted(str(c) for c in validator.fails),
            "upload_error": ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--year", required=True, help="collection year, e.g. 2026")
    parser.add_argument("--la", required=True, help="ONS code of the local authority")
    parser.add_argument("--previous", default="", help="directory of last year's CSV files")
    parser.add_argument("directory")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)
    with contextlib.redirect_stdout(sys.stderr):
        result = _validate(args)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
