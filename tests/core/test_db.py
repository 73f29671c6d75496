"""``NoOverlap``: the migration operation that makes the database refuse overlapping date ranges.

It writes an exclusion constraint on PostgreSQL and a pair of triggers on SQLite, and must undo
exactly what it did so the migrations that use it can be reversed.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.loader import MigrationLoader
from tests.factories import CarePeriodFactory, CINEpisodeFactory, PlacementFactory

from hearth.care.models import CarePeriod, Placement
from hearth.core.db import NoOverlap, ReinstallNoOverlap

PLACEMENTS = NoOverlap(table="care_placement", name="placement_no_overlap")
CIN_EPISODES = NoOverlap(table="cin_cinepisode", name="cin_episode_no_overlap",
                         start="referral_date", end="closure_date")


def _migration_operations() -> list[NoOverlap]:
    """Every NoOverlap the project's migrations apply, found by reading the migrations."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return [
        operation
        for _key, migration in sorted(loader.disk_migrations.items())
        for operation in migration.operations
        if isinstance(operation, NoOverlap)
    ]


# The SQL each vendor gets


def test_postgresql_forward_sql_adds_a_gist_exclusion_over_half_open_dateranges() -> None:
    extension, constraint = PLACEMENTS.forward_sql("postgresql")

    assert extension == "CREATE EXTENSION IF NOT EXISTS btree_gist"
    assert constraint == (
        "ALTER TABLE care_placement ADD CONSTRAINT placement_no_overlap EXCLUDE USING gist "
        "(child_id WITH =, daterange(start_date, CASE WHEN end_date = start_date THEN "
        "start_date + 1 ELSE end_date END, '[)') WITH &&)"
    )


def test_postgresql_backward_sql_drops_the_constraint_it_added() -> None:
    assert PLACEMENTS.backward_sql("postgresql") == [
        "ALTER TABLE care_placement DROP CONSTRAINT IF EXISTS placement_no_overlap"
    ]


def test_sqlite_forward_sql_adds_insert_and_update_triggers_that_abort() -> None:
    insert, update = PLACEMENTS.forward_sql("sqlite")

    assert insert.startswith(
        "CREATE TRIGGER placement_no_overlap_insert BEFORE INSERT ON care_placement WHEN "
    )
    assert update.startswith(
        "CREATE TRIGGER placement_no_overlap_update BEFORE UPDATE ON care_placement WHEN "
    )
    for sql in (insert, update):
        assert "o.child_id = NEW.child_id" in sql
        assert sql.endswith(
            "BEGIN SELECT RAISE(ABORT, 'placement_no_overlap: dates overlap another record for "
            "the same child_id'); END"
        )
    # An update compares the row with the others, never with its own old dates.
    assert "o.id <> NEW.id" in update
    assert "o.id <> NEW.id" not in insert


def test_sqlite_backward_sql_drops_both_triggers() -> None:
    assert PLACEMENTS.backward_sql("sqlite") == [
        "DROP TRIGGER IF EXISTS placement_no_overlap_insert",
        "DROP TRIGGER IF EXISTS placement_no_overlap_update",
    ]


def test_sql_uses_the_columns_it_is_given() -> None:
    pg = " ".join(CIN_EPISODES.forward_sql("postgresql"))
    sqlite = " ".join(CIN_EPISODES.forward_sql("sqlite"))

    assert "daterange(referral_date, CASE WHEN closure_date = referral_date" in pg
    assert "COALESCE(NEW.closure_date, '9999-12-31')" in sqlite
    assert "o.referral_date < (CASE WHEN NEW.closure_date = NEW.referral_date" in sqlite
    assert "start_date" not in pg + sqlite


@pytest.mark.parametrize("vendor", ["mysql", "oracle", "microsoft"])
def test_unknown_vendor_has_no_forward_sql(vendor: str) -> None:
    with pytest.raises(NotImplementedError, match=vendor):
        PLACEMENTS.forward_sql(vendor)


def test_unknown_vendor_has_no_backward_sql() -> None:
    with pytest.raises(NotImplementedError):
        PLACEMENTS.backward_sql("oracle")


def test_operation_deconstructs_to_the_arguments_that_rebuild_it() -> None:
    name, args, kwargs = CIN_EPISODES.deconstruct()
    rebuilt = NoOverlap(*args, **kwargs)

    assert name == "NoOverlap"
    assert kwargs == {"table": "cin_cinepisode", "name": "cin_episode_no_overlap",
                      "partition": "child_id", "start": "referral_date", "end": "closure_date"}
    for vendor in ("postgresql", "sqlite"):
        assert rebuilt.forward_sql(vendor) == CIN_EPISODES.forward_sql(vendor)
        assert rebuilt.backward_sql(vendor) == CIN_EPISODES.backward_sql(vendor)
    assert CIN_EPISODES.reversible
    assert CIN_EPISODES.describe() == (
        "Refuse overlapping referral_date..closure_date in cin_cinepisode per child_id"
    )


def test_migrations_guard_every_dated_series_of_a_child() -> None:
    guarded = {(op.table, op.start, op.end) for op in _migration_operations()}

    assert guarded == {
        ("care_careperiod", "start_date", "end_date"),
        ("care_legalstatusrecord", "start_date", "end_date"),
        ("care_placement", "start_date", "end_date"),
        ("cin_cinepisode", "referral_date", "closure_date"),
        ("cin_cinplan", "start_date", "end_date"),
        ("leavingcare_careleaver", "start_date", "end_date"),
        ("protection_cpplan", "start_date", "end_date"),
    }


# The live database


def _installed_guards() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT conname FROM pg_constraint WHERE contype = 'x'")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()}


def _run(statements: list[str]) -> None:
    """Run DDL inside the test's transaction.

    PostgreSQL will not alter a table with deferred foreign-key checks pending, so they are
    checked first and deferred again afterwards.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for sql in statements:
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _expected_guards(operation: NoOverlap) -> set[str]:
    if connection.vendor == "postgresql":
        return {operation.name}
    return {f"{operation.name}_insert", f"{operation.name}_update"}


@pytest.mark.django_db
def test_migrated_database_holds_every_guard() -> None:
    installed = _installed_guards()

    for operation in _migration_operations():
        assert _expected_guards(operation) <= installed, operation.name


@pytest.mark.django_db
@pytest.mark.parametrize("operation", _migration_operations(), ids=lambda op: op.name)
def test_every_guard_can_be_removed_and_restored(operation: NoOverlap) -> None:
    vendor = connection.vendor

    _run(operation.backward_sql(vendor))
    assert not _expected_guards(operation) & _installed_guards()

    _run(operation.forward_sql(vendor))
    assert _expected_guards(operation) <= _installed_guards()


@pytest.mark.django_db
def test_overlaps_are_accepted_after_reversing_and_refused_after_reapplying() -> None:
    vendor = connection.vendor
    episode = CINEpisodeFactory(referral_date=dt.date(2023, 12, 1))
    period: CarePeriod = CarePeriodFactory(episode=episode, start_date=dt.date(2024, 1, 1))
    PlacementFactory(period=period, start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 3, 1),
                     end_reason="CARPL")

    _run(PLACEMENTS.backward_sql(vendor))
    overlapping = PlacementFactory(period=period, start_date=dt.date(2024, 2, 1))
    assert period.placements.count() == 2

    overlapping.delete()
    _run(PLACEMENTS.forward_sql(vendor))
    with pytest.raises(IntegrityError, match="placement_no_overlap"), transaction.atomic():
        PlacementFactory(period=period, start_date=dt.date(2024, 2, 1))
    assert Placement.objects.filter(period=period).count() == 1


@pytest.mark.django_db
def test_reinstalling_a_guard_puts_back_what_a_table_rebuild_dropped() -> None:
    reinstall = ReinstallNoOverlap(table="protection_cpplan", name="cp_plan_no_overlap")
    vendor = connection.vendor
    guards = {"cp_plan_no_overlap"} if vendor == "postgresql" else {
        "cp_plan_no_overlap_insert", "cp_plan_no_overlap_update"}
    assert reinstall.describe().startswith("Reinstall: Refuse overlapping start_date..end_date")

    _run(reinstall.rule.backward_sql(vendor))  # what SQLite's table rebuild does
    assert not guards & _installed_guards()
    _run(reinstall.forward_sql(vendor))
    assert guards <= _installed_guards()
    _run(reinstall.backward_sql(vendor))  # installing twice is harmless
    assert guards <= _installed_guards()
