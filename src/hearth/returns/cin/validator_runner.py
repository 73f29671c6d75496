"""Run Data to Insight's CIN census validator on one XML file and print the result as JSON.

This script runs with the interpreter of the validator's own virtualenv
(csc-validator-be-cin 0.1.13, which pins pandas<2), never inside Hearth: it imports nothing
from Hearth or Django. It calls the library as the validator's web front end does
(``convert_data``, ``process_data`` and ``CinValidator`` from ``cin_validator.cin_validator``;
shared/reference/validators.md) and prints one JSON object:

``{"rules": [{"code", "description", "count", "children"}], "could_not_run": [...],
"upload_error": ""}``

A rule's count is the number of distinct records (child, table, row) it flagged; rules about
the return as a whole (``multichild_issues``) count once and name no child. The validator
catches a rule that raises and prints ``Error with rule CODE: ...``; those codes are listed in
``could_not_run``. Its printing goes to a buffer so stdout holds only the JSON.
"""

import argparse
import contextlib
import io
import json
import logging
import re
import sys
import xml.etree.ElementTree as ET
from typing import Any

_RAISED = re.compile(r"^Error with rule (\S+?):", re.MULTILINE)


def _validate(args: argparse.Namespace, printed: io.StringIO) -> dict[str, Any]:
    from cin_validator.cin_validator import CinValidator, convert_data, process_data
    from cin_validator.rules.ruleset_utils import get_year_ruleset

    try:
        root = ET.parse(args.file).getroot()  # noqa: S314 - our own file, no entities
        data = process_data(convert_data(root))
    except Exception as error:  # the validator cannot read the file at all
        return {"rules": [], "could_not_run": [],
                "upload_error": f"{type(error).__name__}: {error}"}
    registry = get_year_ruleset(args.year)
    validator = CinValidator(data, registry, selected_rules=None)
    descriptions = {str(code): str(rule.message) for code, rule in registry.items()}
    rules: list[dict[str, Any]] = []
    issues = validator.full_issue_df
    for code, group in issues.groupby("rule_code"):
        children = sorted({str(c) for c in group["child_id"].dropna()})
        records = group[["child_id", "tables_affected", "row_id"]].astype(str).drop_duplicates()
        rules.append({"code": str(code), "description": descriptions.get(str(code), ""),
                      "count": len(records), "children": children})
    for code in sorted({str(c) for c in validator.multichild_issues["rule_code"].dropna()}):
        rules.append({"code": code, "description": descriptions.get(code, ""), "count": 1,
                      "children": []})
    could_not_run = sorted(set(_RAISED.findall(printed.getvalue())))
    return {"rules": rules, "could_not_run": could_not_run, "upload_error": ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--year", required=True, help="collection year, e.g. 2026")
    parser.add_argument("file", help="the CIN census XML file")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        result = _validate(args, printed)
    sys.stderr.write(printed.getvalue())
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
