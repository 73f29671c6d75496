"""Identifiers for synthetic children that look real to validators but are plainly not real.

The synthetic-council generator gives every child the identifiers a real case record carries:
a Unique Pupil Number (UPN), an NHS number and a local child id. Each has to pass the checks
that the statutory returns' validators run (so a generated CIN census or SSDA903 return is
clean), yet none may ever collide with a real person's:

* UPNs are built to the DfE's structure with the DfE check-letter algorithm. Uniqueness
  against real pupils cannot be guaranteed from the format alone, so the generator should
  keep them inside the synthetic council's own LA number and serial space.
* NHS numbers are drawn only from 999 000 0000 - 999 999 9999, the range NHS England keeps
  back for testing: no real patient is ever issued one.
* Local child ids carry a letters prefix ("SYN...") that no case management system issues.

Everything here is pure Python and deterministic: the same arguments give the same identifier.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "NHS_TEST_RANGE_PREFIX",
    "UPN_CHECK_LETTERS",
    "UPN_LA_NUMBERS",
    "is_valid_nhs_number",
    "is_valid_upn",
    "la_child_id",
    "nhs_check_digit",
    "nhs_number",
    "upn",
    "upn_check_letter",
]

# --------------------------------------------------------------------------------------------
# Unique Pupil Number
# --------------------------------------------------------------------------------------------

UPN_CHECK_LETTERS: Final = "ABCDEFGHJKLMNPQRTUVWXYZ"
"""Check letters for remainders 0..22: the alphabet less I, O and S (DfE UPN guide, table 1)."""

_UPN_LETTER_VALUES: Final[dict[str, int]] = {c: i for i, c in enumerate(UPN_CHECK_LETTERS)}
_UPN_WEIGHTS: Final = range(2, 14)  # characters 2..13 are weighted 2..13


def _la_number_ranges(*spans: tuple[int, int]) -> frozenset[str]:
    return frozenset(f"{n:03d}" for lo, hi in spans for n in range(lo, hi + 1))


UPN_LA_NUMBERS: Final[frozenset[str]] = _la_number_ranges(
    (1, 5), (201, 213), (301, 320), (330, 336), (340, 344), (350, 359), (370, 373), (380, 384),
    (390, 394), (420, 420), (660, 681), (701, 708), (800, 803), (805, 808), (810, 813),
    (815, 816), (820, 823), (825, 826), (830, 831), (835, 841), (845, 846), (850, 852),
    (855, 857), (860, 861), (865, 896), (908, 909), (916, 916), (919, 919), (921, 921),
    (925, 926), (928, 929), (931, 931), (933, 933), (935, 938), (940, 943),
)  # fmt: skip
"""Three-digit codes accepted in UPN characters 2-4.

These are the post-April-1998 LA numbers and DfE 'pseudo LA' codes listed by CIN census
validation rule 1530 ("UPN invalid (characters 2-4 not a recognised LA code)") for 2023-24,
as implemented in Data to Insight's csc-validator-be-cin (cin_validator/rules/cin2023_24/
rule_1530.py), including 942 and 943 which that year's ruleset added. A UPN whose LA number
is missing here fails that rule even when its check letter is right.
"""


def _upn_char_value(char: str) -> int:
    """Value of a UPN character in the check-letter sum: digits as themselves, letters by table.

    Only character 13 of a *temporary* UPN may be a letter; the DfE guide values it by its
    position in the check-letter table (A=0 ... Z=22), as python-stdnum's stdnum.gb.upn does.
    """
    if char.isdigit():
        return int(char)
    return _UPN_LETTER_VALUES[char]


def upn_check_letter(digits12: str) -> str:
    """The check letter (UPN character 1) for the twelve characters that follow it.

    Algorithm from the DfE "Unique Pupil Numbers (UPNs): A guide for schools and local
    authorities" (v1.2, 2019), restated in CIN census validation rule 1510: multiply character
    2 by 2, character 3 by 3, ... character 13 by 13; sum; take the remainder on division by
    23; map 0..22 to "ABCDEFGHJKLMNPQRTUVWXYZ". Checked against Data to Insight's
    csc-validator-be-cin rule_1510.py and python-stdnum's stdnum/gb/upn.py, which agree.

    ``digits12`` is normally twelve digits; a temporary UPN's final letter is also accepted.
    """
    if len(digits12) != 12 or not digits12[:11].isdigit():
        raise ValueError(f"expected 11 digits then a digit or letter, got {digits12!r}")
    last = digits12[11]
    if not (last.isdigit() or last in _UPN_LETTER_VALUES):
        raise ValueError(f"character 13 must be a digit or a letter other than I, O, S: {last!r}")
    total = sum(_upn_char_value(c) * w for c, w in zip(digits12, _UPN_WEIGHTS, strict=True))
    return UPN_CHECK_LETTERS[total % 23]


def upn(la_number: str, establishment: int, serial: int, year: int = 2020) -> str:
    """A permanent 13-character UPN, laid out as the DfE specifies.

    Character 1 is the check letter; 2-4 the LA number of the allocating school; 5-8 its
    four-digit DfE establishment number; 9-10 the last two digits of the year of allocation;
    11-13 a three-digit serial unique within that school and year.

    ``year`` is the calendar year of allocation (normally the year the child started school);
    only its last two digits are used. It defaults to 2020 so three-argument calls work.

    The LA number must be one CIN validation rule 1530 recognises (:data:`UPN_LA_NUMBERS`), so
    that every UPN built here passes the CIN validator's format, LA-code and check-letter
    rules (1510, 1530, 1540, 1550).
    """
    if la_number not in UPN_LA_NUMBERS:
        raise ValueError(f"{la_number!r} is not an LA number recognised in UPNs (CIN rule 1530)")
    if not 0 <= establishment <= 9999:
        raise ValueError(f"establishment must be 0..9999, got {establishment}")
    if not 0 <= serial <= 999:
        raise ValueError(f"serial must be 0..999, got {serial}")
    if year < 0:
        raise ValueError(f"year must not be negative, got {year}")
    digits = f"{la_number}{establishment:04d}{year % 100:02d}{serial:03d}"
    return upn_check_letter(digits) + digits


def is_valid_upn(value: str, *, check_la: bool = True) -> bool:
    """Whether ``value`` is a well-formed UPN with the right check letter.

    Mirrors the CIN census rules: 13 characters (rule 1510 only checks those), characters 5-12
    numeric (1540), character 13 a digit or a letter other than I, O, S (1550), the check
    letter right (1510) and, unless ``check_la`` is false, characters 2-4 a recognised LA
    number (1530). ``check_la=False`` is for examples that exercise only the check letter.
    """
    if len(value) != 13 or value[0] not in _UPN_LETTER_VALUES:
        return False
    body = value[1:]
    if not body[:11].isdigit() or not (body[11].isdigit() or body[11] in _UPN_LETTER_VALUES):
        return False
    if check_la and body[:3] not in UPN_LA_NUMBERS:
        return False
    return upn_check_letter(body) == value[0]


# --------------------------------------------------------------------------------------------
# NHS number
# --------------------------------------------------------------------------------------------

NHS_TEST_RANGE_PREFIX: Final = "999"
"""NHS numbers 999 000 0000 - 999 999 9999 are reserved by NHS England for test data."""

_NHS_WEIGHTS: Final = range(10, 1, -1)  # digits 1..9 are weighted 10..2
_NHS_PREFIXES: Final = 100_000  # eight-digit stems 99900000..99999999
_NHS_PER_PREFIX: Final = 9  # every stem has at least nine ninth digits with a usable check


def nhs_check_digit(digits9: str) -> int | None:
    """The modulus-11 check digit for nine NHS number digits, or None if there is none.

    NHS Data Dictionary, "NHS Number": weight digits 1-9 by 10 down to 2, sum, take the
    remainder on division by 11 and subtract it from 11. A result of 11 becomes 0; a result of
    10 means the nine digits can never form a valid NHS number and are not issued.
    """
    if len(digits9) != 9 or not digits9.isdigit():
        raise ValueError(f"expected nine digits, got {digits9!r}")
    check = 11 - sum(int(c) * w for c, w in zip(digits9, _NHS_WEIGHTS, strict=True)) % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def nhs_number(serial: int) -> str:
    """The ``serial``-th valid NHS number in the 999 test range, as ten digits without spaces.

    About one nine-digit stem in eleven has check value 10 and is never valid, so stems cannot
    simply be numbered 0, 1, 2...; those are skipped. To keep the mapping O(1) and injective,
    serial ``n`` picks eight-digit stem ``99900000 + n // 9`` and, of the ninth digits 0-9 that
    give a usable check digit (at least nine of them, since at most one gives 10), the
    ``n % 9``-th. Numbers rise with the serial, and serials 0..899 999 are available.
    """
    if not 0 <= serial < _NHS_PREFIXES * _NHS_PER_PREFIX:
        raise ValueError(f"serial must be 0..{_NHS_PREFIXES * _NHS_PER_PREFIX - 1}, got {serial}")
    stem = f"{NHS_TEST_RANGE_PREFIX}{serial // _NHS_PER_PREFIX:05d}"
    wanted = serial % _NHS_PER_PREFIX
    # The stem's weighted sum once, then each ninth digit: the same arithmetic as
    # nhs_check_digit, done here without re-reading the stem (the generator calls this a lot).
    partial = sum(int(c) * w for c, w in zip(stem, _NHS_WEIGHTS[:8], strict=True))
    for ninth in range(10):
        check = 11 - (partial + ninth * _NHS_WEIGHTS[8]) % 11
        if check == 10:
            continue
        if wanted == 0:
            return f"{stem}{ninth}{0 if check == 11 else check}"
        wanted -= 1
    raise AssertionError("unreachable: at most one ninth digit lacks a check digit")


def is_valid_nhs_number(value: str) -> bool:
    """Whether ``value`` is ten digits whose last is the right modulus-11 check digit.

    Spaces are ignored, so the usual "943 476 5919" layout is accepted. This is the format
    check only: it does not ask whether the number has been issued.
    """
    digits = value.replace(" ", "")
    if len(digits) != 10 or not digits.isdigit():
        return False
    return nhs_check_digit(digits[:9]) == int(digits[9])


# --------------------------------------------------------------------------------------------
# Local child id
# --------------------------------------------------------------------------------------------


def la_child_id(prefix: str, n: int, width: int = 7) -> str:
    """A local child id such as ``SYN0000123``: an upper-case prefix and a zero-padded number.

    Real systems issue numeric or system-specific ids; a letters prefix like "SYN" makes a
    synthetic record recognisable at a glance in any extract, report or return. With the
    default width a three-letter prefix gives ten characters, short enough for the child-id
    fields of the statutory returns.
    """
    if not prefix or not (prefix.isascii() and prefix.isalpha() and prefix.isupper()):
        raise ValueError(f"prefix must be upper-case ASCII letters, got {prefix!r}")
    if not 0 <= n < 10**width:
        raise ValueError(f"n must be 0..{10**width - 1} for width {width}, got {n}")
    return f"{prefix}{n:0{width}d}"
