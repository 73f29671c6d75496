"""Fail when an installed dependency has a known vulnerability (pip-audit), and say what it saw.

    .venv/bin/python scripts/audit_dependencies.py        (make audit; .ci/run runs it)

pip-audit checks every package installed in this virtualenv (Hearth itself, installed editable,
is skipped) against the Python Packaging Advisory Database, through PyPI's JSON API. Exit 1 if
any package has a known vulnerability, or if pip-audit itself fails. A package pip-audit could
not look up (no network, or a package index that serves no advisory data) is not a pass: the
summary says how many were audited, and with HEARTH_AUDIT_REQUIRE_ALL=1 any such package fails
the run too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

VULNERABLE = 1
OK = 0


def summarise(report: dict[str, Any], *, require_all: bool) -> tuple[list[str], int]:
    """Lines to print and the exit status for a pip-audit JSON report."""
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if "skip_reason" in d]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    lines = []
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            lines.append(f"VULNERABLE {dependency['name']} {dependency['version']}: "
                         f"{vuln['id']} (fixed in {fixed})")
    audited = len(dependencies) - len(skipped)
    lines.append(f"pip-audit: {audited} of {len(dependencies)} installed packages audited, "
                 f"{sum(len(d['vulns']) for d in vulnerable)} known vulnerabilities")
    if skipped:
        lines.append(f"WARNING: {len(skipped)} packages could not be audited, e.g. "
                     f"{skipped[0]['skip_reason']}")
    status = OK
    if vulnerable or (require_all and skipped):
        status = VULNERABLE
    return lines, status


def main() -> int:
    venv_bin = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "audit.json"
        result = subprocess.run(  # noqa: S603 - our own venv's pip-audit, fixed arguments
            [str(venv_bin / "pip-audit"), "--skip-editable", "--progress-spinner", "off",
             "--format", "json", "--output", str(out)],
            capture_output=True, text=True, check=False,
        )
        if result.returncode not in {0, 1} or not out.exists():
            print(f"pip-audit failed (exit {result.returncode}):\n{result.stderr}",
                  file=sys.stderr)
            return 2
        report = json.loads(out.read_text())
    lines, status = summarise(report,
                              require_all=os.environ.get("HEARTH_AUDIT_REQUIRE_ALL") == "1")
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
