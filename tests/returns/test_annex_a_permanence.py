"""Annex A lists 9-11 (care leavers, adoption, adopters) from records built with factories."""

from __future__ import annotations

import pytest
from tests.factories import (
    AdopterFamilyFactory,
    AdoptionDecisionFactory,
    CareLeaverFactory,
    CareLeaverStatusFactory,
    ChildFactory,
    LocalAuthorityFactory,
    WorkerFactory,
)
from tests.returns.annex_a_helpers import AS_OF, D, annex_list, ids
from tests.returns.conftest import care

from hearth.adoption.models import Adopter, AdopterFamily, AdoptionMatch
from hearth.core import codes
from hearth.organisation.models import LocalAuthority
from hearth.people.models import Child, UASCStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def la() -> LocalAuthority:
    return LocalAuthorityFactory()


def young_person(la: LocalAuthority, code: str) -> Child:
    return ChildFactory(la=la, la_child_id=code, date_of_birth=D(2006, 5, 1))


def test_list_9_has_care_leavers_entitled_at_the_as_of_date(la: LocalAuthority) -> None:
    leaver = young_person(la, "LEAVER")
    UASCStatus.objects.create(la=la, child=leaver, start_date=D(2021, 1, 1),
                              end_date=D(2024, 5, 1))
    adviser = WorkerFactory(la=la, team__area__la=la, first_name="Pat", last_name="Adviser",
                            role=codes.WorkerRole.PERSONAL_ADVISER)
    record = CareLeaverFactory(child=leaver, start_date=D(2024, 5, 1), personal_adviser=adviser)
    CareLeaverStatusFactory(care_leaver=record, recorded_on=D(2025, 5, 1), in_touch="NO",
                            activity="0", accommodation="", accommodation_suitable=None)
    CareLeaverStatusFactory(care_leaver=record, recorded_on=D(2026, 3, 1), activity="G5",
                            accommodation="U", accommodation_suitable=False)
    CareLeaverStatusFactory(care_leaver=record, recorded_on=D(2026, 4, 1), activity="F1")
    record.pathway_plans.create(la=la, plan_date=D(2026, 1, 15), is_review=True)
    record.contacts.create(la=la, contact_date=D(2026, 3, 30))
    record.contacts.create(la=la, contact_date=D(2026, 4, 3))
    CareLeaverFactory(child=young_person(la, "ENDED"), start_date=D(2024, 5, 1), end_date=AS_OF)
    CareLeaverFactory(child=young_person(la, "LATER"), start_date=D(2026, 4, 1))

    rows = annex_list(la, 9)

    assert ids(rows) == ["LEAVER"]
    assert list(rows[0].values())[5:] == [
        "b) No", None, None, "b) Former relevant child", "a) Yes", "U", "b) Unsuitable", "G5",
        "a) Yes", "Pat Adviser", D(2026, 1, 15), D(2026, 3, 30)]


MATCHED, PLACED = D(2024, 8, 1), D(2024, 9, 1)


def adopted_in(la: LocalAuthority, code: str, decided: D, ended: D | None, *,
               matched: D = MATCHED, placed: D = PLACED) -> Child:
    """A child placed for adoption (E1, A5) after a decision, and adopted on ``ended``."""
    child = ChildFactory(la=la, la_child_id=code, date_of_birth=D(2022, 1, 1))
    start = D(2023, 1, 1)
    care(child, start, ended, "E11" if ended else "",
         statuses=(("C1", start), ("E1", D(2024, 3, 1))),
         placements=(("U5", "FC", start), ("A5", "FC", placed)))
    decision = AdoptionDecisionFactory(child=child, decision_date=decided)
    AdoptionMatch.objects.create(la=la, child=child, decision=decision, matched_on=matched,
                                 family=AdopterFamilyFactory(la=la, family_ref=f"F-{code}"))
    return child


def test_list_10_has_adoptions_reversals_and_waiting_children_of_the_twelve_months(
        la: LocalAuthority) -> None:
    adopted_in(la, "ADOPTED", D(2024, 1, 10), D(2025, 4, 1))
    adopted_in(la, "TOOEARLY", D(2024, 1, 10), D(2025, 3, 31))
    adopted_in(la, "WAITING", D(2024, 1, 10), None)
    reversed_child = ChildFactory(la=la, la_child_id="REVERSED", date_of_birth=D(2020, 1, 1))
    care(reversed_child, D(2024, 6, 1))
    AdoptionDecisionFactory(child=reversed_child, decision_date=D(2024, 7, 1),
                            ceased_date=D(2025, 5, 1), ceased_reason="RD3")
    reversed_long_ago = ChildFactory(la=la, la_child_id="OLDREVERSAL")
    care(reversed_long_ago, D(2023, 6, 1))
    AdoptionDecisionFactory(child=reversed_long_ago, decision_date=D(2023, 7, 1),
                            ceased_date=D(2024, 5, 1), ceased_reason="RD1")

    rows = annex_list(la, 10)

    assert [tuple(r.values()) for r in rows] == [
        ("ADOPTED", "F-ADOPTED", "b) Female", "a) WBRI", D(2022, 1, 1), 4, "b) No",
         D(2023, 1, 1), D(2024, 1, 10), D(2024, 3, 1), D(2024, 8, 1), D(2024, 9, 1),
         D(2025, 4, 1), None, None, D(2023, 1, 1)),
        ("REVERSED", None, "b) Female", "a) WBRI", D(2020, 1, 1), 6, "b) No", D(2024, 6, 1),
         D(2024, 7, 1), None, None, None, None, D(2025, 5, 1), "RD3", None),
        ("WAITING", "F-WAITING", "b) Female", "a) WBRI", D(2022, 1, 1), 4, "b) No",
         D(2023, 1, 1), D(2024, 1, 10), D(2024, 3, 1), D(2024, 8, 1), D(2024, 9, 1), None,
         None, None, D(2023, 1, 1)),
    ]


def adopter(family: AdopterFamily, ref: str, **dates: D | str) -> Adopter:
    return Adopter.objects.create(la=family.la, family=family, adopter_ref=ref, sex="F",
                                  ethnicity="WBRI", disabled=None, **dates)


def test_list_11_has_adopters_in_the_process_during_the_twelve_months(
        la: LocalAuthority) -> None:
    couple = AdopterFamilyFactory(la=la, family_ref="FAM1")
    adopter(couple, "A1", enquiry_date=D(2024, 12, 1), stage1_start=D(2025, 1, 10),
            stage1_end=D(2025, 3, 1), application_date=D(2025, 3, 5), approval_date=D(2025, 6, 1))
    adopter(couple, "A2", stage1_start=D(2025, 1, 10), approval_date=D(2026, 4, 2))
    child = adopted_in(la, "MATCHED", D(2024, 1, 10), D(2025, 9, 1), matched=D(2025, 7, 1),
                       placed=D(2025, 8, 1))
    AdoptionMatch.objects.filter(child=child).update(family=couple)
    enquiry_only = AdopterFamilyFactory(la=la, family_ref="FAM2", number_of_adopters=1,
                                        adopters_sex="F1", adopters_legal_status="L0")
    adopter(enquiry_only, "B1", enquiry_date=D(2025, 6, 1))
    withdrew = AdopterFamilyFactory(la=la, family_ref="FAM3", number_of_adopters=1,
                                    adopters_sex="F1", adopters_legal_status="L0")
    adopter(withdrew, "C1", stage1_start=D(2024, 6, 1), left_process_date=D(2025, 3, 31),
            left_process_reason="1 - Adopter withdrew from process")
    adopter(withdrew, "C2", stage1_start=D(2024, 6, 1), left_process_date=D(2025, 4, 1),
            left_process_reason="1 - Adopter withdrew from process")

    rows = annex_list(la, 11)

    assert [tuple(r.values()) for r in rows] == [
        ("A1", "FAM1", "b) Female", "a) WBRI", "c) Unknown", "b) No", D(2024, 12, 1),
         D(2025, 1, 10), D(2025, 3, 1), None, None, D(2025, 3, 5), D(2025, 6, 1),
         D(2025, 7, 1), D(2025, 8, 1), 1, D(2025, 9, 1), None, None),
        ("A2", "FAM1", "b) Female", "a) WBRI", "c) Unknown", "b) No", None, D(2025, 1, 10),
         None, None, None, None, None, D(2025, 7, 1), D(2025, 8, 1), 1, D(2025, 9, 1), None,
         None),
        ("C2", "FAM3", "b) Female", "a) WBRI", "c) Unknown", "b) No", None, D(2024, 6, 1),
         None, None, None, None, None, None, None, 0, None, D(2025, 4, 1),
         "1 - Adopter withdrew from process"),
    ]
