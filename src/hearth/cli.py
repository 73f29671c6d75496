"""The ``hearth`` console command: Django management commands with Hearth's settings.

``hearth migrate``, ``hearth synth --children 5000 --years 3 --seed 1``, ``hearth summary --json``.
"""

from __future__ import annotations

import os
import sys

HINT = ("For a local demo or development set HEARTH_MODE=demo (or dev, or test); in production "
        "set SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS. See README.md, Configuration.")


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Django would otherwise swallow a settings error and fail later with a puzzling one.
        settings.INSTALLED_APPS  # noqa: B018
    except ImproperlyConfigured as error:
        sys.stderr.write(f"hearth: the settings are incomplete: {error}\n{HINT}\n")
        raise SystemExit(2) from None
    from hearth.core.acting import command_context

    args = sys.argv[1:] if argv is None else argv
    # Changes a command makes are attributed to the system user and this command's name.
    with command_context(args[0] if args else ""):
        execute_from_command_line(["hearth", *args])


if __name__ == "__main__":
    main()
