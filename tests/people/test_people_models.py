"""The database refuses a child record the CIN census and SSDA903 could not accept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from tests.factories import ChildFactory, LocalAuthorityFactory

from hearth.people.models import Child, Person, Relationship

pytestmark = pytest.mark.django_db

SYNTHETIC_UPN = "A881100000012"
#: SQLite names the columns of a plain unique constraint, PostgreSQL names the constraint.
UNIQUE = r"(?i)unique"
BIRTH_DATE_REQUIRED = "child_has_birth_or_expected_date"


def test_child_with_a_date_of_birth_saves() -> None:
    child = ChildFactory(upn=SYNTHETIC_UPN, nhs_number="9990000018")

    assert Child.objects.get(pk=child.pk).upn == SYNTHETIC_UPN


def test_unborn_child_with_only_an_expected_date_of_birth_saves() -> None:
    child = ChildFactory(date_of_birth=None, expected_date_of_birth=dt.date(2024, 9, 1),
                         sex="U", upn_unknown="UN1")

    assert Child.objects.get(pk=child.pk).expected_date_of_birth == dt.date(2024, 9, 1)


def test_child_with_neither_date_of_birth_nor_expected_date_is_refused() -> None:
    la = LocalAuthorityFactory()

    with pytest.raises(IntegrityError, match=BIRTH_DATE_REQUIRED), transaction.atomic():
        ChildFactory(la=la, date_of_birth=None, expected_date_of_birth=None)

    assert not Child.objects.exists()


@pytest.mark.parametrize(
    "upn",
    [
        "1881100000012",  # must begin with a letter
        "A88110000001",  # twelve characters
        "a881100000012",  # lower case
        "A88110000X012",  # a letter among the eleven digits
    ],
)
def test_child_with_a_malformed_upn_is_refused(upn: str) -> None:
    la = LocalAuthorityFactory()

    with pytest.raises(IntegrityError, match="child_upn_format"), transaction.atomic():
        ChildFactory(la=la, upn=upn)

    assert not Child.objects.exists()


def test_child_with_both_a_upn_and_a_reason_it_is_unknown_is_refused() -> None:
    la = LocalAuthorityFactory()

    with pytest.raises(IntegrityError, match="child_upn_or_unknown_reason"), transaction.atomic():
        ChildFactory(la=la, upn=SYNTHETIC_UPN, upn_unknown="UN2")

    assert not Child.objects.exists()


@pytest.mark.parametrize("nhs_number", ["999000001", "99900000XX", "999 000 00"])
def test_child_with_a_malformed_nhs_number_is_refused(nhs_number: str) -> None:
    la = LocalAuthorityFactory()

    with pytest.raises(IntegrityError, match="child_nhs_number_format"), transaction.atomic():
        ChildFactory(la=la, nhs_number=nhs_number)

    assert not Child.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "constraint"),
    [
        ("sex", "X", "child_sex_valid"),  # CIN census and 903 accept M, F and U only
        ("sex", "", "child_sex_valid"),
        ("ethnicity", "WHIT", "child_ethnicity_valid"),  # not a DfE ethnicity code
        ("ethnicity", "", "child_ethnicity_valid"),
        ("upn_unknown", "UN9", "child_upn_unknown_valid"),
    ],
)
def test_child_with_a_code_outside_the_dfe_list_is_refused(field: str, value: str,
                                                           constraint: str) -> None:
    la = LocalAuthorityFactory()

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        ChildFactory(la=la, **{field: value})

    assert not Child.objects.exists()


def test_child_dying_before_birth_is_refused() -> None:
    la = LocalAuthorityFactory()

    with pytest.raises(IntegrityError, match="child_death_after_birth"), transaction.atomic():
        ChildFactory(la=la, date_of_birth=dt.date(2015, 6, 1), date_of_death=dt.date(2015, 5, 1))

    assert not Child.objects.exists()


def test_two_children_with_the_same_la_child_id_in_one_la_are_refused() -> None:
    first = ChildFactory(la_child_id="C0000001")
    other_la = LocalAuthorityFactory(dfe_number="882", ons_code="E06000033", name="Southend")
    ChildFactory(la=other_la, la_child_id="C0000001")  # another council may reuse the id

    with pytest.raises(IntegrityError, match=UNIQUE), transaction.atomic():
        ChildFactory(la=first.la, la_child_id="C0000001")

    assert Child.objects.filter(la_child_id="C0000001").count() == 2


def test_relationship_must_name_exactly_one_other_party() -> None:
    child, sibling = ChildFactory(), ChildFactory()
    mother = Person.objects.create(la=child.la, first_name="Parent", last_name="Synthetic")
    Relationship.objects.create(la=child.la, child=child, person=mother,
                                relationship_type="mother", parental_responsibility=True)
    Relationship.objects.create(la=child.la, child=child, other_child=sibling,
                                relationship_type="sibling")

    with pytest.raises(IntegrityError, match="relationship_one_party"), transaction.atomic():
        Relationship.objects.create(la=child.la, child=child, person=mother,
                                    other_child=sibling, relationship_type="mother")
    with pytest.raises(IntegrityError, match="relationship_one_party"), transaction.atomic():
        Relationship.objects.create(la=child.la, child=child, relationship_type="mother")
    with pytest.raises(IntegrityError, match="relationship_not_self"), transaction.atomic():
        Relationship.objects.create(la=child.la, child=child, other_child=child,
                                    relationship_type="sibling")

    assert child.relationships.count() == 2
