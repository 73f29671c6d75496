"""``hearth demo_users``: one demo user per role, with fresh passwords, printed once.

Run by ``make demo`` after ``hearth synth``. Exits with status 2 when it must not run (not a
demo, or no council yet) so scripts stop rather than serve a demo nobody can sign in to.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hearth.access.demo import DemoAccount, DemoSetupError, demo_users_reset

HEADINGS = ("username", "password", "role", "can see")


def format_table(accounts: list[DemoAccount]) -> str:
    """A plain-text table that reads well in a terminal and pastes into a ticket."""
    rows = [HEADINGS] + [(a.username, a.password, a.role.label, a.scope) for a in accounts]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADINGS) - 1)]
    lines = []
    for n, row in enumerate(rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]))
        if n == 0:
            lines.append("  ".join(["-" * width for width in widths] + ["-" * len(row[-1])]))
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Create or update one demo user per role (demo, dev and test modes only), give each a "
        "new random password and print them. Re-running resets the passwords."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            accounts = demo_users_reset()
        except DemoSetupError as error:
            raise CommandError(error.message, returncode=2) from error
        self.stdout.write(format_table(accounts))
        self.stdout.write(
            "\nThese passwords are shown once and stored nowhere else; run "
            "`hearth demo_users` again to reset them. Every record is synthetic."
        )
        if settings.DEMO:
            self.stdout.write("Demo users sign in with the password alone (demo mode only).")
        else:
            self.stdout.write("Outside demo mode, demo users must set up two-step verification "
                              "like anyone else.")
