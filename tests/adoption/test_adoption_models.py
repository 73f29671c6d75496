"""The database refuses adoption records the SSDA903 AD1 and PlacedAdoption tables could not hold.

Adopters are one or two people: a single adopter is M1/F1 with legal status L0, a couple is
MM/FF/MF with any status but L0.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from tests.factories import (
    AdopterFamilyFactory,
    AdoptionDecisionFactory,
    ChildFactory,
    LocalAuthorityFactory,
)

from hearth.adoption.models import AdopterFamily, AdoptionDecision

pytestmark = pytest.mark.django_db

CONSISTENT = "adopter_family_sex_matches_number"
CEASED_REASON = "adoption_decision_ceased_has_reason"
#: Both checks refuse an unknown sex code; either may be reported first.
SEX_INVALID = r"adopters_sex_valid|adopter_family_sex_matches_number"


@pytest.mark.parametrize(
    ("number", "sex", "status"),
    [(1, "F1", "L0"), (1, "M1", "L0"), (2, "MF", "L11"), (2, "FF", "L12"), (2, "MM", "L4")],
)
def test_adopter_family_consistent_in_number_sex_and_status_saves(number: int, sex: str,
                                                                  status: str) -> None:
    family = AdopterFamilyFactory(number_of_adopters=number, adopters_sex=sex,
                                  adopters_legal_status=status)

    assert AdopterFamily.objects.get(pk=family.pk).number_of_adopters == number


@pytest.mark.parametrize(
    ("number", "sex", "status", "constraint"),
    [
        pytest.param(2, "MF", "L0", CONSISTENT, id="two-adopters-as-single-adopter-L0"),
        pytest.param(1, "F1", "L11", CONSISTENT, id="single-adopter-as-married-couple"),
        pytest.param(1, "MF", "L0", CONSISTENT, id="single-adopter-with-couple-sex"),
        pytest.param(2, "F1", "L3", CONSISTENT, id="couple-with-single-sex"),
        pytest.param(3, "MF", "L3", "adopter_family_one_or_two", id="three-adopters"),
        pytest.param(0, "F1", "L0", "adopter_family_one_or_two", id="no-adopters"),
        pytest.param(2, "XY", "L3", SEX_INVALID, id="sex-not-a-code"),
        pytest.param(2, "MF", "L5", "adopters_legal_status_valid", id="status-not-a-code"),
    ],
)
def test_adopter_family_inconsistent_in_number_sex_or_status_is_refused(
    number: int, sex: str, status: str, constraint: str,
) -> None:
    la = LocalAuthorityFactory()

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        AdopterFamilyFactory(la=la, number_of_adopters=number, adopters_sex=sex,
                             adopters_legal_status=status)

    assert not AdopterFamily.objects.exists()


def test_adoption_decision_reversed_with_a_reason_saves() -> None:
    decision = AdoptionDecisionFactory(ceased_date=dt.date(2024, 10, 1), ceased_reason="RD2")

    assert AdoptionDecision.objects.get(pk=decision.pk).ceased_reason == "RD2"


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        pytest.param({"ceased_date": dt.date(2024, 10, 1)}, CEASED_REASON,
                     id="ceased-without-reason"),
        pytest.param({"ceased_reason": "RD1"}, CEASED_REASON, id="reason-without-ceasing"),
        pytest.param({"ceased_date": dt.date(2024, 10, 1), "ceased_reason": "RD5"},
                     "adoption_ceased_reason_valid", id="reason-not-a-code"),
        pytest.param({"ceased_date": dt.date(2024, 6, 1), "ceased_reason": "RD1"},
                     "adoption_decision_dates_ordered", id="ceased-before-decision"),
    ],
)
def test_adoption_decision_ceased_wrongly_is_refused(fields: dict, constraint: str) -> None:
    child = ChildFactory()

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        AdoptionDecisionFactory(child=child, decision_date=dt.date(2024, 7, 1), **fields)

    assert not AdoptionDecision.objects.exists()
