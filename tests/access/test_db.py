"""The database itself refuses to change or delete access-audit rows, on SQLite and PostgreSQL.

``AppendOnly`` installs the triggers (migration ``access.0004``); these tests read its SQL, then
go round the model with raw SQL and Django's own internal bypasses, and check the operator's
insert-only grants on PostgreSQL.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, ProgrammingError, connection, transaction
from django.db.migrations.loader import MigrationLoader
from tests.access.conftest import Council, Users

from hearth.access.db import (
    APPEND_ONLY_TABLES,
    AppendOnly,
    insert_only_checks_sql,
    insert_only_grants_sql,
)
from hearth.access.models import AccessEvent, AccessVerb
from hearth.access.services import record_access

AUDIT = AppendOnly(table="access_accessevent", name="access_event_append_only")


# The SQL each vendor gets


def test_postgresql_forward_sql_installs_a_trigger_function_for_update_and_delete() -> None:
    function, trigger = AUDIT.forward_sql("postgresql")

    assert function.startswith(
        "CREATE OR REPLACE FUNCTION access_event_append_only() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION USING MESSAGE = "
    )
    assert "ERRCODE = 'restrict_violation'" in function
    assert "%" not in function  # a driver would read it as a placeholder
    assert trigger == (
        "CREATE TRIGGER access_event_append_only BEFORE UPDATE OR DELETE ON access_accessevent "
        "FOR EACH ROW EXECUTE FUNCTION access_event_append_only()"
    )


def test_sqlite_forward_sql_installs_update_and_delete_triggers_that_abort() -> None:
    assert AUDIT.forward_sql("sqlite") == [
        "CREATE TRIGGER access_event_append_only_update BEFORE UPDATE ON access_accessevent "
        "BEGIN SELECT RAISE(ABORT, 'access_event_append_only: access_accessevent is "
        "append-only; UPDATE refused'); END",
        "CREATE TRIGGER access_event_append_only_delete BEFORE DELETE ON access_accessevent "
        "BEGIN SELECT RAISE(ABORT, 'access_event_append_only: access_accessevent is "
        "append-only; DELETE refused'); END",
    ]


def test_backward_sql_removes_what_forward_sql_added() -> None:
    assert AUDIT.backward_sql("postgresql") == [
        "DROP TRIGGER IF EXISTS access_event_append_only ON access_accessevent",
        "DROP FUNCTION IF EXISTS access_event_append_only()",
    ]
    assert AUDIT.backward_sql("sqlite") == [
        "DROP TRIGGER IF EXISTS access_event_append_only_update",
        "DROP TRIGGER IF EXISTS access_event_append_only_delete",
    ]


@pytest.mark.parametrize("vendor", ["mysql", "oracle"])
def test_unknown_vendor_has_no_sql(vendor: str) -> None:
    with pytest.raises(NotImplementedError, match=vendor):
        AUDIT.forward_sql(vendor)
    with pytest.raises(NotImplementedError, match=vendor):
        AUDIT.backward_sql(vendor)


def test_operation_deconstructs_to_the_arguments_that_rebuild_it() -> None:
    name, args, kwargs = AUDIT.deconstruct()
    rebuilt = AppendOnly(*args, **kwargs)

    assert name == "AppendOnly"
    assert rebuilt.forward_sql("sqlite") == AUDIT.forward_sql("sqlite")
    assert AUDIT.describe() == "Refuse UPDATE and DELETE on access_accessevent"
    assert AUDIT.reversible


def test_a_migration_makes_every_append_only_table_append_only() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    installed = {
        operation.table
        for migration in loader.disk_migrations.values()
        for operation in migration.operations
        if isinstance(operation, AppendOnly)
    }

    assert installed == set(APPEND_ONLY_TABLES)


# The live database: raw SQL and Django's internal bypasses are refused


@pytest.fixture
def event(council: Council, users: Users) -> AccessEvent:
    return record_access(actor=users.ann, verb=AccessVerb.VIEW_CHILD, child=council.ann_child,
                         reason="Home visit today")


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


RAW_CHANGES = {
    "UPDATE": ("UPDATE access_accessevent SET reason = %s WHERE id = %s", ["edited"]),
    "DELETE": ("DELETE FROM access_accessevent WHERE id = %s", []),
}


@pytest.mark.django_db
@pytest.mark.parametrize("operation", RAW_CHANGES)
def test_raw_sql_cannot_change_or_delete_a_row(event: AccessEvent, operation: str) -> None:
    sql, params = RAW_CHANGES[operation]

    with pytest.raises(IntegrityError, match=f"append-only; {operation} refused"), \
            transaction.atomic():
        _raw(sql, [*params, event.pk])

    stored = AccessEvent.objects.get(pk=event.pk)
    assert stored.reason == "Home visit today"


@pytest.mark.django_db
def test_raw_sql_cannot_empty_the_table(event: AccessEvent) -> None:
    with pytest.raises(IntegrityError, match="access_event_append_only"), transaction.atomic():
        _raw("DELETE FROM access_accessevent", [])

    assert AccessEvent.objects.count() == 1


@pytest.mark.django_db
def test_djangos_internal_bypasses_reach_the_database_and_are_refused(event: AccessEvent) -> None:
    """``_update`` and ``_raw_delete`` skip the queryset's public methods; the triggers hold."""
    rows = AccessEvent.objects.filter(pk=event.pk)

    with pytest.raises(IntegrityError, match="UPDATE refused"), transaction.atomic():
        rows._update([(AccessEvent._meta.get_field("reason"), None, "edited")])
    with pytest.raises(IntegrityError, match="DELETE refused"), transaction.atomic():
        rows._raw_delete(connection.alias)

    assert AccessEvent.objects.get(pk=event.pk).reason == "Home visit today"


@pytest.mark.django_db
def test_inserts_and_reads_still_work_at_the_database(event: AccessEvent) -> None:
    _raw(
        "INSERT INTO access_accessevent (at, actor_id, actor_username, actor_role, verb, "
        "child_la_child_id, detail, reason, path, user_agent) "
        "SELECT at, actor_id, actor_username, actor_role, 'search', '', 'Smith', '', '', '' "
        "FROM access_accessevent WHERE id = %s", [event.pk],
    )

    assert AccessEvent.objects.filter(verb=AccessVerb.SEARCH, detail="Smith").count() == 1


def _installed_triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()}


def _expected_triggers() -> set[str]:
    if connection.vendor == "postgresql":
        return {AUDIT.name}
    return {f"{AUDIT.name}_update", f"{AUDIT.name}_delete"}


def _run(statements: list[str]) -> None:
    """DDL inside the test's transaction (PostgreSQL wants pending FK checks done first)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for sql in statements:
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@pytest.mark.django_db
def test_the_migration_installed_the_triggers_and_they_can_be_reversed(
    event: AccessEvent,
) -> None:
    assert _expected_triggers() <= _installed_triggers()

    _run(AUDIT.backward_sql(connection.vendor))
    assert not _expected_triggers() & _installed_triggers()
    _raw("UPDATE access_accessevent SET reason = %s WHERE id = %s", ["unguarded", event.pk])

    _run(AUDIT.forward_sql(connection.vendor))
    assert _expected_triggers() <= _installed_triggers()
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw("UPDATE access_accessevent SET reason = %s WHERE id = %s", ["again", event.pk])
    assert AccessEvent.objects.get(pk=event.pk).reason == "unguarded"


# The operator's grants (PostgreSQL)


def test_grants_make_the_role_insert_and_select_only() -> None:
    assert insert_only_grants_sql("hearth_app") == [
        "REVOKE ALL ON TABLE access_accessevent FROM PUBLIC",
        "REVOKE ALL ON TABLE access_accessevent FROM hearth_app",
        "GRANT SELECT, INSERT ON TABLE access_accessevent TO hearth_app",
    ]


@pytest.mark.parametrize("role", ["hearth_app; DROP TABLE x", "Hearth", "", "a b", "x'--"])
def test_grants_refuse_a_role_name_that_is_not_plain(role: str) -> None:
    with pytest.raises(ValueError, match="not a plain PostgreSQL role name"):
        insert_only_grants_sql(role)
    with pytest.raises(ValueError, match="not a plain PostgreSQL role name"):
        insert_only_checks_sql(role)


@pytest.fixture
def insert_only_role(event: AccessEvent) -> str:
    """The test's own database role made insert-only by the printed grants, inside the test's
    transaction (a table owner may revoke its own privileges; all is rolled back after)."""
    if connection.vendor != "postgresql":
        pytest.skip("table privileges are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        role = cursor.fetchone()[0]
        for sql in insert_only_grants_sql(role):
            cursor.execute(sql)
        # Identity columns need no sequence privilege: prove it by taking it away too.
        cursor.execute(f"REVOKE ALL ON SEQUENCE access_accessevent_id_seq FROM {role}")
    return role


PRIVILEGED = {
    "UPDATE": "UPDATE access_accessevent SET reason = 'edited'",
    "DELETE": "DELETE FROM access_accessevent",
    "TRUNCATE": "TRUNCATE access_accessevent",
}


@pytest.mark.django_db
@pytest.mark.parametrize("operation", PRIVILEGED)
def test_postgresql_denies_the_insert_only_role_before_any_trigger(
    insert_only_role: str, event: AccessEvent, operation: str
) -> None:
    with pytest.raises(ProgrammingError, match="permission denied"), transaction.atomic():
        _raw(PRIVILEGED[operation], [])


@pytest.mark.django_db
def test_postgresql_insert_only_role_can_still_record_and_read(
    insert_only_role: str, council: Council, users: Users
) -> None:
    record_access(actor=users.ned, verb=AccessVerb.SEARCH, detail="Smith")

    assert AccessEvent.objects.filter(actor=users.ned).count() == 1
    with connection.cursor() as cursor:
        cursor.execute(insert_only_checks_sql(insert_only_role)[0])
        assert cursor.fetchone()[2:] == (False, False, False)
