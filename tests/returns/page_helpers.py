"""Users, a fake validator and fake returns for the Returns page tests.

The fake validator is a shell script standing where the validator's virtualenv would be
(``VAR_DIR/validators/903/bin/python``), with the marker that says it is installed, so the
page's 903 step runs the project's own ``ensure_validator`` and ``run_validator`` unchanged
without installing the real validator (as ``test_validate.py`` does).
"""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

from hearth.access.models import Role, User
from hearth.organisation.models import LocalAuthority
from hearth.returns.ssda903.validate import REQUIREMENT
from hearth.returns.validation import _MARKER

PASSWORD = "a-long-synthetic-passphrase"


def make_user(la: LocalAuthority | None, role: Role, username: str | None = None) -> User:
    return User.objects.create_user(
        username=username or f"{role.value}.user", password=PASSWORD, role=role, la=la,
        first_name=role.label.split()[0], last_name="Synthetic",
    )


def validator_output(children: dict[str, list[str]]) -> dict[str, Any]:
    """The runner's JSON: rule code -> children affected (one error per child)."""
    return {
        "rules": [{"code": code, "description": f"Rule {code} checks something.",
                   "fields": [], "count": len(kids), "children": kids}
                  for code, kids in children.items()],
        "could_not_run": ["231"], "upload_error": "",
    }


def install_fake_validator(var_dir: Path, output: dict[str, Any]) -> Path:
    """A fake validator in ``var_dir`` that prints ``output`` and records its arguments."""
    venv = var_dir / "validators" / "903"
    python = venv / "bin" / "python"
    python.parent.mkdir(parents=True)
    (venv / _MARKER).write_text(REQUIREMENT + "\n")
    args = var_dir / "validator-args.txt"
    python.write_text(f"#!/bin/sh\necho \"$@\" > '{args}'\n"
                      f"ls \"$7\" >> '{args}'\n"
                      f"echo '{json.dumps(output)}'\n")
    python.chmod(python.stat().st_mode | stat.S_IEXEC)
    return args


