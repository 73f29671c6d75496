"""Synthetic addresses use real postcodes that the 903 validator places in the right LA."""

from __future__ import annotations

import re
import string
import time

import pytest

from hearth.synthetic import postcodes
from hearth.synthetic.postcodes import (
    AREA_DISTRICTS,
    COUNTY_DISTRICTS,
    ESSEX_DISTRICTS,
    ESSEX_LA_CODE,
    ESSEX_LETTER_FILES,
    OUT_OF_COUNTY_DISTRICTS,
    area_postcodes,
    essex_postcodes,
    normalise_postcode,
    out_of_county_postcodes,
    postcode_district,
    postcode_la,
    upper_tier_la,
)

POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$")


def test_areas_partition_the_twelve_essex_districts() -> None:
    assigned = [district for districts in AREA_DISTRICTS.values() for district in districts]
    assert sorted(assigned) == sorted(ESSEX_DISTRICTS)
    assert len(assigned) == len(set(assigned)) == 12
    assert set(AREA_DISTRICTS) == {"North East", "Mid", "South", "West"}


@pytest.mark.parametrize("area", list(AREA_DISTRICTS))
def test_each_area_has_thousands_of_real_postcodes_in_its_own_districts(area: str) -> None:
    pcs = area_postcodes(area)
    assert len(pcs) > 5000
    assert list(pcs) == sorted(set(pcs))
    assert all(POSTCODE.match(pc) for pc in pcs)
    districts = set(AREA_DISTRICTS[area])
    assert {postcode_district(pc) for pc in pcs} == districts


def test_every_essex_postcode_is_in_essex_for_the_903_validator() -> None:
    pcs = essex_postcodes()
    assert len(pcs) == sum(len(area_postcodes(area)) for area in AREA_DISTRICTS)
    assert {postcode_la(pc) for pc in pcs} == {ESSEX_LA_CODE}


def test_areas_do_not_overlap() -> None:
    seen: set[str] = set()
    for area in AREA_DISTRICTS:
        pcs = set(area_postcodes(area))
        assert not pcs & seen
        seen |= pcs


def test_unknown_area_is_an_error() -> None:
    with pytest.raises(KeyError, match="North East"):
        area_postcodes("Nowhere")


def test_out_of_county_postcodes_are_real_and_not_essex() -> None:
    pairs = out_of_county_postcodes()
    assert 1000 <= len(pairs) <= 5000
    assert list(pairs) == sorted(set(pairs))
    essex = set(essex_postcodes())
    for pc, la in pairs:
        assert POSTCODE.match(pc)
        assert pc not in essex
        assert postcode_district(pc) in OUT_OF_COUNTY_DISTRICTS
        assert postcode_la(pc) == la
        assert la != ESSEX_LA_CODE
    # Every neighbour is represented, including Southend and Thurrock (unitaries inside
    # geographical Essex, but not Essex County Council).
    assert {postcode_district(pc) for pc, _ in pairs} == set(OUT_OF_COUNTY_DISTRICTS)
    assert {"E06000033", "E06000034", "E10000015", "E10000029", "E09000016"} <= {
        la for _, la in pairs
    }


def test_out_of_county_selection_is_deterministic() -> None:
    first = out_of_county_postcodes()
    out_of_county_postcodes.cache_clear()
    assert out_of_county_postcodes() == first


def test_out_of_county_upper_tiers_agree_with_the_county_table() -> None:
    for district, (_name, upper) in OUT_OF_COUNTY_DISTRICTS.items():
        assert upper_tier_la(district) == upper


def test_county_table() -> None:
    districts = [d for ds in COUNTY_DISTRICTS.values() for d in ds]
    assert len(districts) == len(set(districts))
    assert all(d.startswith("E07") for d in districts)
    assert all(c.startswith("E10") for c in COUNTY_DISTRICTS)
    assert set(COUNTY_DISTRICTS[ESSEX_LA_CODE]) == set(ESSEX_DISTRICTS)
    assert upper_tier_la("E07000070") == ESSEX_LA_CODE  # Chelmsford
    assert upper_tier_la("E07000242") == "E10000015"  # East Hertfordshire
    assert upper_tier_la("E07000245") == "E10000029"  # West Suffolk
    assert upper_tier_la("E06000034") == "E06000034"  # Thurrock is unitary
    assert upper_tier_la("S12000036") == "SCO"
    assert upper_tier_la("W06000015") == "WAL"
    assert upper_tier_la("N09000003") == "NIR"
    assert upper_tier_la("L99999999") is None  # Channel Islands pseudo-code


@pytest.mark.parametrize(
    ("postcode", "la"),
    [
        ("CM1 1JE", ESSEX_LA_CODE),  # County Hall, Chelmsford
        ("cm11je", ESSEX_LA_CODE),  # the validator upper-cases and ignores spaces
        ("CO1 1PJ", ESSEX_LA_CODE),  # Colchester
        ("SS2 6ER", "E06000033"),  # Southend-on-Sea civic centre: out of area
        ("RM1 3BD", "E09000016"),  # Havering town hall
        ("SG8 8AA", "E10000015"),  # North Hertfordshire
        ("SW1A 2AA", "E09000033"),  # Westminster
        ("EH99 1SP", "SCO"),
        ("CF99 1SN", "WAL"),
        ("ZZ99 9ZZ", None),  # pseudo-postcode, not in the data
        ("", None),
    ],
)
def test_postcode_la(postcode: str, la: str | None) -> None:
    assert postcode_la(postcode) == la


def test_normalise_postcode() -> None:
    assert normalise_postcode("CB101AA") == "CB10 1AA"
    assert normalise_postcode("E1  6AN") == "E1 6AN"
    assert normalise_postcode(" cm1 1je ") == "CM1 1JE"
    with pytest.raises(ValueError):
        normalise_postcode("CM1")


def test_only_the_listed_letter_files_hold_essex_postcodes() -> None:
    """Scans every letter file, so a data release that moves Essex postcodes is caught."""
    holding: set[str] = set()
    for letter in string.ascii_uppercase:
        _pcds, lauas, _eastings = postcodes._read_letter(letter)
        if any(laua in ESSEX_DISTRICTS for laua in lauas):
            holding.add(letter)
    assert holding == set(ESSEX_LETTER_FILES)


def test_cold_load_is_fast() -> None:
    postcodes._district_postcodes.cache_clear()
    area_postcodes.cache_clear()
    started = time.perf_counter()
    for area in AREA_DISTRICTS:
        area_postcodes(area)
    out_of_county_postcodes.cache_clear()
    out_of_county_postcodes()
    assert time.perf_counter() - started < 2.0
