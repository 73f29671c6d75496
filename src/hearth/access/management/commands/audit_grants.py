"""``hearth audit_grants [--app-role NAME]``: print the SQL that makes the audit insert-only.

Issue 6: "the database user can be restricted to insert-only on that table in PostgreSQL". The
command only prints; an operator reviews the SQL and runs it as the role that owns the tables
(the one migrations run as), never as the application's role. See ``hearth.access.db``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.access.db import insert_only_checks_sql, insert_only_grants_sql

PREAMBLE = """\
-- Make the access audit insert-only for the application's database role (issue 6).
-- Run as the owner of the tables (the role migrations run as), not as {role}.
-- {role} must not own the tables: an owner can grant itself privileges back and drop
-- triggers. Migrate as the owner; serve the application as {role}.
-- The triggers installed by migration access.0004 refuse UPDATE and DELETE from any role;
-- these grants also take away UPDATE, DELETE and TRUNCATE, so PostgreSQL refuses them before
-- any trigger runs."""


class Command(BaseCommand):
    help = (
        "Print the PostgreSQL statements that restrict the application's database role to "
        "INSERT and SELECT on the access-audit table, and queries that check it worked."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--app-role", default="hearth_app",
                            help="the role the application connects as (default: hearth_app)")

    def handle(self, *args: Any, **options: Any) -> None:
        role = options["app_role"]
        try:
            grants = insert_only_grants_sql(role)
            checks = insert_only_checks_sql(role)
        except ValueError as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(PREAMBLE.format(role=role))
        self.stdout.write("BEGIN;")
        for sql in grants:
            self.stdout.write(f"{sql};")
        self.stdout.write("COMMIT;")
        self.stdout.write("\n-- Check: can_update, can_delete and can_truncate should all be f.")
        for sql in checks:
            self.stdout.write(f"{sql};")
