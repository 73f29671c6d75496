"""``hearth import 903``: a return exported by Hearth comes back byte for byte; a bad one is
refused with messages naming file, row and column, and nothing is written."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import override_settings
from tests.returns.conftest import Council
from tests.returns.synthetic_council import LATEST_COMPLETE_YEAR, SyntheticCouncil

from hearth.care.models import CarePeriod, LegalStatusRecord, Placement
from hearth.organisation.models import LocalAuthority
from hearth.people.models import Child
from hearth.returns.ssda903 import importer
from hearth.returns.ssda903.cohorts import CollectionYear
from hearth.returns.ssda903.read import MAX_PROBLEMS

YEAR = CollectionYear(2026)
#: A second council in the same test database, for importing what the fixture council exported.
OTHER = importer.Council(dfe_number="999", name="Imported council", ons_code="E99999999")


def export(directory: Path, la: str | None = None) -> Path:
    call_command("returns", "903", "--year", "2026", "--out", str(directory),
                 *(("--la", la) if la else ()), stdout=StringIO(), stderr=StringIO())
    return directory


def files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.glob("*.csv"))}


def row_counts() -> dict[str, int]:
    """Rows in every table: 'nothing was written' means none of these changed."""
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


# -- round trips -------------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_hand_built_council_comes_back_byte_for_byte(council: Council,
                                                         tmp_path: Path) -> None:
    """Two periods of care in a year (TWICE), a legal status and placement changing the same
    day with the same carers (SAMEDAY, RNE U), an adoption (ADOPTED, AD1), a missing spell
    across 31 March (MISSING) and a care leaver (LEAVER, OC3)."""
    first = export(tmp_path / "first")
    done = importer.import_903(first, YEAR, OTHER)
    assert done.children == 5
    second = export(tmp_path / "second", la=OTHER.dfe_number)
    assert files(second) == files(first)
    episodes = (first / "episodes.csv").read_text()
    assert ",U,C2," in episodes  # the cases named are really in the return
    assert ",E11," in episodes

    imported = LocalAuthority.objects.get(dfe_number="999")
    twice = Child.objects.get(la=imported, la_child_id="TWICE")
    assert twice.first_name == "[not in 903]"
    assert [(p.start_date, p.end_date, p.reason_ceased) for p in
            CarePeriod.objects.filter(child=twice).order_by("start_date")] == [
        (p.start_date, p.end_date, p.reason_ceased)
        for p in council.twice.care_periods.order_by("start_date")]
    same_day = Child.objects.get(la=imported, la_child_id="SAMEDAY")
    assert list(LegalStatusRecord.objects.filter(child=same_day).order_by("start_date")
                .values_list("code", "start_date", "end_date")) == list(
        council.same_day.legal_statuses.order_by("start_date")
        .values_list("code", "start_date", "end_date"))
    carers = set(Placement.objects.filter(child=same_day).values_list("carer_ref", flat=True))
    assert len(carers) == 1  # RNE U: the same carers before and after the change


@pytest.mark.parametrize("year", [LATEST_COMPLETE_YEAR, 2024])
def test_the_synthetic_councils_903_comes_back_byte_for_byte(
        synthetic_council: SyntheticCouncil, tmp_path: Path, year: int) -> None:
    """Issue 5: export the 50,000-child council's 903, import it into a new empty database,
    export again: every file is byte-identical. 2023-24 has SEX 1/2 and older placement codes."""
    first = tmp_path / "first"
    synthetic_council.hearth("returns", "903", "--year", str(year), "--out", str(first))
    empty = SyntheticCouncil(tmp_path / "imported.sqlite3")
    empty.hearth("migrate", "--noinput")
    done = empty.hearth("import", "903", str(first), "--year", str(year))
    header_rows = len((first / "header.csv").read_text().splitlines()) - 1
    assert header_rows > 500
    assert f"{header_rows} children imported" in done.stdout
    second = tmp_path / "second"
    empty.hearth("returns", "903", "--year", str(year), "--out", str(second))
    assert files(second) == files(first)
    again = empty.hearth("import", "903", str(first), "--year", str(year), check=False)
    assert again.returncode == 1
    assert "already holds" in again.stderr


# -- refusals ----------------------------------------------------------------------------------

Rows = list[list[str]]


def edit(directory: Path, name: str, change: Callable[[Rows], Rows]) -> None:
    path = directory / name
    with path.open(newline="") as f:
        rows = list(csv.reader(f))
    with path.open("w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(change(rows))


def set_value(child: str, column: str, value: str, nth: int = 0) -> Callable[[Rows], Rows]:
    """Set ``column`` of the ``nth`` row of ``child`` to ``value``."""
    def change(rows: Rows) -> Rows:
        i = rows[0].index(column)
        mine = [r for r in rows[1:] if r[0] == child]
        mine[nth][i] = value
        return rows
    return change


def line_of(directory: Path, name: str, child: str, nth: int = 0) -> int:
    rows = (directory / name).read_text().splitlines()
    return [n for n, r in enumerate(rows, start=1) if r.startswith(child + ",")][nth]


@pytest.fixture
def exported(council: Council, tmp_path: Path) -> Path:
    return export(tmp_path / "return")


def refused(directory: Path) -> list[str]:
    """Import into the other council; assert it is refused and nothing written."""
    before = row_counts()
    with pytest.raises(importer.ImportRefused) as error:
        importer.import_903(directory, YEAR, OTHER)
    assert row_counts() == before
    return [str(p) for p in error.value.problems]


@pytest.mark.django_db
def test_a_missing_file_is_refused(exported: Path) -> None:
    (exported / "reviews.csv").unlink()
    assert refused(exported) == [
        "reviews.csv: is missing: the 2025-26 return has the Reviews table"]


@pytest.mark.django_db
def test_a_missing_or_unknown_column_is_refused(exported: Path) -> None:
    edit(exported, "episodes.csv", lambda rows: [r[:-1] for r in rows])
    edit(exported, "reviews.csv", lambda rows: [[*r, "X"] for r in rows])
    assert refused(exported) == [
        "episodes.csv, row 1, column URN: column is missing",
        "reviews.csv, row 1, column X: is not a column of the Reviews table "
        "(expected CHILD, DOB, REVIEW, REVIEW_CODE)"]


@pytest.mark.django_db
def test_bad_dates_codes_and_blanks_are_all_reported(exported: Path) -> None:
    edit(exported, "episodes.csv", set_value("TWICE", "DECOM", "31/02/2025"))
    edit(exported, "episodes.csv", set_value("SAMEDAY", "LS", "Z9"))
    edit(exported, "header.csv", set_value("LEAVER", "ETHNIC", ""))
    assert refused(exported) == [
        f"header.csv, row {line_of(exported, 'header.csv', 'LEAVER')}, column ETHNIC: "
        "is blank",
        f"episodes.csv, row {line_of(exported, 'episodes.csv', 'SAMEDAY')}, column LS: "
        "'Z9' is not a valid LS code",
        f"episodes.csv, row {line_of(exported, 'episodes.csv', 'TWICE')}, column DECOM: "
        "'31/02/2025' is not a date dd/mm/yyyy"]


@pytest.mark.django_db
def test_overlapping_episodes_are_refused(exported: Path) -> None:
    # TWICE's first period ended 01/08/2025; the second now begins before that.
    edit(exported, "episodes.csv", set_value("TWICE", "DECOM", "01/07/2025", nth=1))
    row = line_of(exported, "episodes.csv", "TWICE", nth=1)
    assert refused(exported) == [
        f"episodes.csv, row {row}, column DECOM: begins before the previous episode (row "
        f"{row - 1}) ceased on 01/08/2025: episodes overlap"]


@pytest.mark.django_db
def test_an_rne_that_does_not_match_the_change_is_refused(exported: Path) -> None:
    # SAMEDAY's second episode changed legal status and placement (U); L says status only.
    edit(exported, "episodes.csv", set_value("SAMEDAY", "RNE", "L", nth=1))
    row = line_of(exported, "episodes.csv", "SAMEDAY", nth=1)
    assert refused(exported) == [
        f"episodes.csv, row {row}, column RNE: is L (legal status only), but PLACE, "
        f"PLACE_PROVIDER, PL_POST or URN changed too"]


@pytest.mark.django_db
def test_a_row_for_a_child_not_in_the_header_is_refused(exported: Path) -> None:
    edit(exported, "reviews.csv", lambda rows: [*rows, ["NOBODY", "01/01/2010", "01/09/2025",
                                                        "PN1"]])
    row = len((exported / "reviews.csv").read_text().splitlines())
    assert refused(exported) == [
        f"reviews.csv, row {row}, column CHILD: child NOBODY is not in header.csv"]


@pytest.mark.django_db
def test_a_duplicate_key_is_refused(exported: Path) -> None:
    edit(exported, "header.csv", lambda rows: [*rows, rows[1]])
    edit(exported, "missing.csv", lambda rows: [*rows, rows[1]])
    header_rows = len((exported / "header.csv").read_text().splitlines())
    missing_rows = len((exported / "missing.csv").read_text().splitlines())
    assert refused(exported) == [
        f"header.csv, row {header_rows}, column CHILD: child ADOPTED is in the header twice",
        f"missing.csv, row {missing_rows}, column CHILD, MIS_START: repeats row 2 (CHILD "
        f"MISSING, MIS_START 30/03/2026)"]


@pytest.mark.django_db
def test_a_row_hearth_would_not_give_back_is_refused(exported: Path) -> None:
    """A review dated while the child was not looked after: Hearth's 903 would not have it."""
    edit(exported, "reviews.csv", lambda rows: [*rows, ["TWICE", "03/03/2012", "01/10/2025",
                                                        "PN1"]])
    row = len((exported / "reviews.csv").read_text().splitlines())
    assert refused(exported) == [
        f"reviews.csv, row {row}: Hearth cannot hold this row for child TWICE: its own "
        f"Reviews table for the year would not have it, as the review was not held in the year "
        f"while the child was looked after (other than on short breaks)"]


@pytest.mark.django_db
def test_a_contradicting_value_is_refused(exported: Path) -> None:
    """SAMEDAY had a baby in December 2025: MOTHER 0 contradicts MC_DOB."""
    edit(exported, "header.csv", set_value("SAMEDAY", "MOTHER", "0"))
    row = line_of(exported, "header.csv", "SAMEDAY")
    assert refused(exported) == [
        f"header.csv, row {row}, column MOTHER: is 0, but from the child's other rows Hearth "
        f"would record 1: the row contradicts them or the 903 rules"]


@pytest.mark.django_db
def test_problems_stop_at_the_limit(exported: Path) -> None:
    edit(exported, "reviews.csv", lambda rows: [
        rows[0], *([["TWICE", "03/03/2012", "99/99/2025", "PN1"]] * (MAX_PROBLEMS + 50))])
    with pytest.raises(importer.ImportRefused) as error:
        importer.import_903(exported, YEAR, OTHER)
    assert len(error.value.problems) == MAX_PROBLEMS
    assert error.value.more


@pytest.mark.django_db
def test_a_council_that_already_has_children_is_refused(exported: Path) -> None:
    before = row_counts()
    with pytest.raises(importer.ImportRefused) as error:
        importer.import_903(exported, YEAR, importer.Council("881", "Essex", "E10000012"))
    assert row_counts() == before
    assert [str(p) for p in error.value.problems] == [
        "(database): the database already holds 5 children for Essex: a 903 import loads a "
        "council's history into an empty Hearth, and merging it into existing case records "
        "could duplicate or contradict them"]


# -- the command -------------------------------------------------------------------------------

NEW_COUNCIL = {"HEARTH_LA_DFE_NUMBER": OTHER.dfe_number, "HEARTH_LA_NAME": OTHER.name,
               "HEARTH_LA_ONS_CODE": OTHER.ons_code}


@pytest.mark.django_db
def test_the_command_imports_and_reports(exported: Path) -> None:
    out = StringIO()
    with override_settings(**NEW_COUNCIL):
        call_command("import", "903", str(exported), "--year", "2026", stdout=out,
                     stderr=StringIO())
    imported = LocalAuthority.objects.get(dfe_number=OTHER.dfe_number)
    assert (imported.name, imported.ons_code) == (OTHER.name, OTHER.ons_code)
    assert imported.records_from == YEAR.end + dt.timedelta(days=1)
    assert "SSDA903 2025-26 from" in out.getvalue()
    assert "5 children imported" in out.getvalue()
    assert "people.Child: 5" in out.getvalue()


@pytest.mark.django_db
def test_the_command_prints_each_problem_and_exits_1(exported: Path) -> None:
    (exported / "oc2.csv").unlink()
    err = StringIO()
    before = row_counts()
    with override_settings(**NEW_COUNCIL), pytest.raises(CommandError) as error:
        call_command("import", "903", str(exported), "--year", "2026", stdout=StringIO(),
                     stderr=err)
    assert error.value.returncode == 1
    assert "refused: 1 problem. Nothing was imported." in str(error.value)
    assert "oc2.csv: is missing" in err.getvalue()
    assert row_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(("args", "message"), [
    (("903", ".", "--year", "twenty"), "--year must be a year such as 2026"),
    (("903", ".", "--year", "1999"), "--year must be from 2017"),
    (("903", "/nonexistent", "--year", "2026"), "/nonexistent is not a directory"),
    (("903", ".", "--year", "2026", "--la", "998"),
     "no council with DfE number '998' in this database"),
])
def test_bad_arguments_exit_2(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError) as error:
        call_command("import", *args, stdout=StringIO(), stderr=StringIO())
    assert message in str(error.value)
    assert error.value.returncode == 2
