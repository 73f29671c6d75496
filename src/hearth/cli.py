"""The ``hearth`` console command: Django management commands with Hearth's settings.

``hearth migrate``, ``hearth synth --children 5000 --years 3 --seed 1``, ``hearth summary --json``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["hearth", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
