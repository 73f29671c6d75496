"""``hearth benchmarks load``: good files load; every kind of bad file is refused, naming the row
and column, with nothing written; bad arguments exit with status 2."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from tests.factories import LocalAuthorityFactory

from hearth.organisation.models import LocalAuthority
from hearth.performance.benchmarks import parse_year
from hearth.performance.models import Benchmark, Comparator

DATA = Path(__file__).resolve().parents[2] / "src" / "hearth" / "performance" / "data"
HEADER = "measure_id,comparator,year,value,source\n"


def load(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("benchmarks", "load", str(path), *args, stdout=out)
    return out.getvalue()


def write(tmp_path: Path, text: str, name: str = "bench.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refusal(path: Path) -> str:
    with pytest.raises(CommandError) as raised:
        load(path)
    assert raised.value.returncode == 1
    return str(raised.value)


def test_the_shipped_england_file_loads_every_row(council: LocalAuthority) -> None:
    shown = load(DATA / "england-2024-25.csv")
    assert "Loaded 8 benchmark values" in shown
    assert "8 new, 0 replaced" in shown
    cla = Benchmark.objects.get(measure_id="cla_per_10k", comparator=Comparator.ENGLAND)
    assert (cla.la, cla.year, cla.value, cla.period) == (council, 2025, Decimal(67), "2024-25")
    assert Benchmark.objects.get(measure_id="cp_per_10k").value == Decimal("40.5")


def test_the_illustrative_neighbours_file_says_so_in_every_row() -> None:
    load(DATA / "statistical-neighbours-ILLUSTRATIVE.csv")
    rows = Benchmark.objects.filter(comparator=Comparator.STATISTICAL_NEIGHBOURS)
    assert rows.count() == 15
    assert all(r.source.startswith("ILLUSTRATIVE") for r in rows)
    assert "MADE-UP FIGURES" in (DATA / "statistical-neighbours-ILLUSTRATIVE.csv").read_text()


def test_loading_again_replaces_the_values_instead_of_adding_rows(tmp_path: Path) -> None:
    load(DATA / "england-2024-25.csv")
    changed = write(tmp_path, HEADER + "cla_per_10k,england,2024-25,70,DfE revised\n")
    assert "0 new, 1 replaced" in load(changed)
    assert Benchmark.objects.count() == 8
    assert Benchmark.objects.get(measure_id="cla_per_10k").value == Decimal(70)


def test_a_dfe_shaped_file_with_its_own_column_names(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "time_period,time_identifier,geographic_level,country_code,region_name,la_name,"
        "measure_id,value,source\n"
        "202425,Reporting year,National,E92000001,,,cla_per_10k,67,DfE CLA\n"
        "202425,Reporting year,Regional,E92000001,East of England,,cla_per_10k,52,DfE CLA\n"
        "202425,Reporting year,Local authority,E92000001,East of England,Kent,cla_per_10k,"
        "\"1,234.5\",DfE CLA\n"
        "202324,Reporting year,Local authority,E92000001,East of England,Kent,cla_per_10k,c,"
        "DfE CLA\n"
    ))
    shown = load(path)
    assert "Loaded 3 benchmark values" in shown
    assert "Skipped 1 row(s) marked as not published" in shown
    assert "Ignored columns: time_identifier, country_code." in shown
    by_who = {(b.comparator, b.comparator_name): b.value for b in Benchmark.objects.all()}
    assert by_who == {(Comparator.ENGLAND, ""): Decimal(67),
                      (Comparator.REGION, "East of England"): Decimal(52),
                      (Comparator.LOCAL_AUTHORITY, "Kent"): Decimal("1234.5")}


@pytest.mark.parametrize(("body", "expected"), [
    ("not_a_measure,england,2024-25,1,DfE\n",
     "row 3, column measure_id: 'not_a_measure' is not a measure id"),
    ("cla_per_10k,county,2024-25,1,DfE\n",
     "row 3, column comparator: 'county' is not one of england"),
    ("cla_per_10k,england,2025,1,DfE\n",
     "row 3, column year: '2025' is not a reporting year"),
    ("cla_per_10k,england,2024-26,1,DfE\n",
     "row 3, column year: '2024-26' is not a reporting year"),
    ("cla_per_10k,england,2024-25,many,DfE\n",
     "row 3, column value: 'many' is not a number"),
    ("cla_per_10k,england,2024-25,,DfE\n", "row 3, column value: empty"),
    ("cla_per_10k,england,2024-25,1,\n", "row 3, column source: empty"),
    ("cla_per_10k,region,2024-25,1,DfE\n",
     "row 3, column comparator_name or region_name: a region benchmark needs the name"),
    ("cla_per_10k,england,2024-25,1,DfE\ncla_per_10k,England,202425,2,DfE\n",
     "row 4: the same measure, comparator and year as row 3"),
])
def test_a_bad_row_refuses_the_whole_file(tmp_path: Path, body: str, expected: str) -> None:
    good = "cp_per_10k,england,2024-25,40.5,DfE\n"
    path = write(tmp_path, HEADER + good + body)  # the good row is row 2
    message = refusal(path)
    assert expected in message
    assert "nothing loaded" in message
    assert not Benchmark.objects.exists()


def test_every_problem_is_listed_and_nothing_already_loaded_changes(tmp_path: Path) -> None:
    load(DATA / "england-2024-25.csv")
    path = write(tmp_path, HEADER + "cla_per_10k,england,2024-25,99,DfE\n"
                 "cla_per_10k,england,2023-24,oops,DfE\nnope,england,2023-24,1,\n")
    message = refusal(path)
    assert "(3 problems)" in message
    assert "row 3, column value" in message
    assert "row 4, column measure_id" in message
    assert "row 4, column source" in message
    assert Benchmark.objects.get(measure_id="cla_per_10k").value == Decimal(67)


@pytest.mark.parametrize(("text", "expected"), [
    ("measure_id,comparator,value,source\ncla_per_10k,england,1,DfE\n",
     "row 1 (header): no column year or time_period"),
    ("", "no header row and no data"),
    ("# only a comment\n", "no header row and no data"),
    (HEADER, "a header but no values to load"),
])
def test_a_file_without_the_columns_or_values_is_refused(
        tmp_path: Path, text: str, expected: str) -> None:
    assert expected in refusal(write(tmp_path, text))
    assert not Benchmark.objects.exists()


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "cla_per_10k,england,2024-25,1,Caf\xe9\n").encode("latin-1"))
    assert "not UTF-8 text" in refusal(path)
    assert not Benchmark.objects.exists()


def test_bad_arguments_exit_with_status_2(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no file") as raised:
        load(tmp_path / "missing.csv")
    assert raised.value.returncode == 2
    with pytest.raises(CommandError, match="no council with DfE number '999'") as raised:
        load(DATA / "england-2024-25.csv", "--la", "999")
    assert raised.value.returncode == 2
    assert not Benchmark.objects.exists()


def test_la_chooses_the_council(tmp_path: Path) -> None:
    other = LocalAuthorityFactory(name="Elsewhere", dfe_number="882", ons_code="E10000099")
    load(DATA / "england-2024-25.csv", "--la", "882")
    assert set(Benchmark.objects.values_list("la", flat=True)) == {other.pk}


def test_the_console_command_exits_2_without_a_file() -> None:
    ran = subprocess.run([sys.executable, "-m", "hearth.cli", "benchmarks", "load"],
                         capture_output=True, text=True, check=False,
                         env={"HEARTH_MODE": "test", "PATH": "/usr/bin:/bin"})
    assert ran.returncode == 2
    assert "file" in ran.stderr


def test_reporting_years() -> None:
    assert parse_year("2024-25") == 2025
    assert parse_year("2024/25") == 2025
    assert parse_year("202425") == 2025
    assert parse_year("1999-00") == 2000
    assert parse_year("2024-24") is None
    assert parse_year("25") is None
