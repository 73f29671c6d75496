"""Synthetic identifiers must pass the statutory validators' checks yet never look real."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hearth.synthetic.identifiers import (
    UPN_LA_NUMBERS,
    is_valid_nhs_number,
    is_valid_upn,
    la_child_id,
    nhs_check_digit,
    nhs_number,
    upn,
    upn_check_letter,
)

ESSEX = "881"


def _validator_check_letter(upn_value: str) -> str:
    """Independent oracle: CIN rule 1510 as Data to Insight's validator computes it.

    Each character's weighted value is reduced mod 23 before summing, then mapped through the
    23-letter table; written separately from the module so a shared mistake can't hide.
    """
    total = 0
    for i in range(1, 13):
        total = (total + int(upn_value[i]) * (i + 1)) % 23
    return "ABCDEFGHJKLMNPQRTUVWXYZ"[total]


# --- UPN ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "A950000178301",  # CIN validator rule 1510 test: passes
        "H243278544154",  # CIN validator rule 1510 test: passes
        "X845212818005",  # CIN validator rule 1510 test: passes
        "B801200005001",  # python-stdnum stdnum.gb.upn doctest: valid
    ],
)
def test_published_upns_have_the_right_check_letter(value: str) -> None:
    assert upn_check_letter(value[1:]) == value[0]
    assert is_valid_upn(value, check_la=False)


@pytest.mark.parametrize(
    "value",
    [
        "R247962919251",  # CIN validator rule 1510 test: wrong initial character
        "X428558133462",  # CIN validator rule 1510 test: wrong initial character
        "A801200005001",  # python-stdnum doctest: InvalidChecksum
    ],
)
def test_published_bad_check_letters_are_rejected(value: str) -> None:
    assert upn_check_letter(value[1:]) != value[0]
    assert not is_valid_upn(value, check_la=False)
    assert not is_valid_upn(value)


def test_la_number_must_be_one_the_cin_validator_recognises() -> None:
    # Right check letters, but LA codes 950 and 243 are not in CIN rule 1530's list.
    assert not is_valid_upn("A950000178301")
    assert not is_valid_upn("H243278544154")
    # 845 (East Sussex) and 801 (Bristol) are.
    assert is_valid_upn("X845212818005")
    assert is_valid_upn("B801200005001")
    # python-stdnum doctest: E000200005001 fails on its LA number.
    assert not is_valid_upn("E000200005001")


def test_la_number_list_matches_rule_1530_edges() -> None:
    assert {"001", "005", "201", "420", "681", "881", "896", "942", "943"} <= UPN_LA_NUMBERS
    assert not {"000", "006", "214", "804", "817", "824", "897", "944"} & UPN_LA_NUMBERS


def test_upn_layout() -> None:
    value = upn(ESSEX, 2045, 7, year=2019)
    assert len(value) == 13
    assert value[1:] == "881" + "2045" + "19" + "007"
    assert value[0] == _validator_check_letter(value)
    assert is_valid_upn(value)


def test_upn_refuses_what_would_fail_validation() -> None:
    with pytest.raises(ValueError, match="LA number"):
        upn("999", 1, 1)
    with pytest.raises(ValueError, match="establishment"):
        upn(ESSEX, 10_000, 1)
    with pytest.raises(ValueError, match="serial"):
        upn(ESSEX, 1, 1000)


def test_upn_shape_rules() -> None:
    good = upn(ESSEX, 1234, 56, year=2021)
    assert not is_valid_upn(good[:12])  # too short
    assert not is_valid_upn(good + "1")  # too long
    assert not is_valid_upn(good.lower())  # check letter must be upper case
    assert not is_valid_upn(good[:5] + "X" + good[6:])  # characters 5-12 numeric (rule 1540)
    assert not is_valid_upn(good[:12] + "I")  # character 13 not I, O or S (rule 1550)


def test_temporary_upn_with_final_letter() -> None:
    body = "88112342101A"
    value = upn_check_letter(body) + body
    assert is_valid_upn(value)
    assert not is_valid_upn(value[:12] + "B")


@given(
    la=st.sampled_from(sorted(UPN_LA_NUMBERS)),
    establishment=st.integers(0, 9999),
    serial=st.integers(0, 999),
    year=st.integers(1999, 2099),
)
def test_generated_upns_always_validate(
    la: str, establishment: int, serial: int, year: int
) -> None:
    value = upn(la, establishment, serial, year=year)
    assert is_valid_upn(value)
    assert value[0] == _validator_check_letter(value)


@given(
    establishment=st.integers(0, 9999),
    serial=st.integers(0, 999),
    position=st.integers(1, 12),
    shift=st.integers(1, 9),
)
def test_any_single_changed_digit_fails(
    establishment: int, serial: int, position: int, shift: int
) -> None:
    value = upn(ESSEX, establishment, serial, year=2020)
    changed = str((int(value[position]) + shift) % 10)
    assert not is_valid_upn(value[:position] + changed + value[position + 1 :])


# --- NHS number ---------------------------------------------------------------------------


def test_well_known_nhs_number_is_valid() -> None:
    assert is_valid_nhs_number("9434765919")
    assert is_valid_nhs_number("943 476 5919")
    assert not is_valid_nhs_number("9434765918")
    assert not is_valid_nhs_number("943476591")
    assert not is_valid_nhs_number("94347659I9")


def test_check_value_ten_has_no_valid_number() -> None:
    # 999000000: 9*10 + 9*9 + 9*8 = 243 = 22*11 + 1, so 11 - 1 = 10: never issued.
    assert nhs_check_digit("999000000") is None
    assert not any(is_valid_nhs_number(f"999000000{d}") for d in range(10))
    assert nhs_number(0) == "9990000018"


def test_nhs_serial_range_ends() -> None:
    assert nhs_number(899_999) == "9999999999"
    with pytest.raises(ValueError):
        nhs_number(900_000)
    with pytest.raises(ValueError):
        nhs_number(-1)


def test_first_few_thousand_are_distinct_rising_and_valid() -> None:
    numbers = [nhs_number(n) for n in range(5000)]
    assert numbers == sorted(set(numbers))
    assert all(is_valid_nhs_number(n) for n in numbers)


@given(st.integers(0, 899_999))
def test_generated_nhs_numbers_are_valid_test_range_numbers(serial: int) -> None:
    value = nhs_number(serial)
    assert len(value) == 10
    assert value.isdigit()
    assert value.startswith("999")
    assert is_valid_nhs_number(value)


@given(st.integers(0, 899_998))
def test_nhs_numbers_rise_with_serial(serial: int) -> None:
    assert nhs_number(serial) < nhs_number(serial + 1)


@given(serial=st.integers(0, 899_999), position=st.integers(0, 9), shift=st.integers(1, 9))
def test_nhs_single_changed_digit_fails(serial: int, position: int, shift: int) -> None:
    value = nhs_number(serial)
    changed = str((int(value[position]) + shift) % 10)
    assert not is_valid_nhs_number(value[:position] + changed + value[position + 1 :])


# --- Local child id -----------------------------------------------------------------------


def test_la_child_id() -> None:
    assert la_child_id("SYN", 123) == "SYN0000123"
    assert la_child_id("SYN", 0) == "SYN0000000"
    assert la_child_id("SYN", 9_999_999) == "SYN9999999"
    assert la_child_id("SYNX", 5, width=3) == "SYNX005"


@pytest.mark.parametrize(("prefix", "n"), [("syn", 1), ("", 1), ("SY1", 1), ("SYN", -1)])
def test_la_child_id_rejects_bad_input(prefix: str, n: int) -> None:
    with pytest.raises(ValueError):
        la_child_id(prefix, n)


def test_la_child_id_does_not_silently_overflow() -> None:
    with pytest.raises(ValueError):
        la_child_id("SYN", 10_000_000)
