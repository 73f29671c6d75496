"""The CIN census read from hand-built case files and written as XML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree
from tests.factories import (
    AssessmentFactory,
    ChildFactory,
    CINEpisodeFactory,
    CINPlanFactory,
    CPPlanFactory,
    ICPCFactory,
    LocalAuthorityFactory,
    S47EnquiryFactory,
    StrategyDiscussionFactory,
)

from hearth.assessment.models import AssessmentFactorRecord
from hearth.organisation.models import LocalAuthority
from hearth.people.models import ChildDisability
from hearth.protection.models import CPReview
from hearth.returns.cin.derive import derive
from hearth.returns.cin.extract import extract
from hearth.returns.cin.render import census_xml, write_census
from hearth.returns.ssda903.cohorts import CollectionYear

D = dt.date
YEAR = CollectionYear(2026)
AT = dt.datetime(2026, 5, 1, 9, 30)  # noqa: DTZ001 - the census states local time


def protection_case(la: LocalAuthority) -> None:
    """Referred in the year: assessment, s47, ICPC on a weekday, CP plan with reviews."""
    child = ChildFactory(la=la, la_child_id="CP1", sex="M", date_of_birth=D(2019, 2, 2))
    ChildDisability.objects.create(la=la, child=child, code="LD")
    episode = CINEpisodeFactory(child=child, referral_date=D(2025, 5, 6),
                                referral_source="6", primary_need="N1")
    assessment = AssessmentFactory(episode=episode, start_date=D(2025, 5, 7),
                                   authorised_date=D(2025, 6, 20), status="authorised")
    for code in ("3B", "16A"):
        AssessmentFactorRecord.objects.create(la=la, assessment=assessment, code=code)
    discussion = StrategyDiscussionFactory(episode=episode, held_on=D(2025, 5, 7))
    s47 = S47EnquiryFactory(strategy_discussion=discussion, end_date=D(2025, 5, 20),
                            icpc_required=True)
    icpc = ICPCFactory(s47=s47, held_on=D(2025, 5, 28))
    plan = CPPlanFactory(episode=episode, icpc=icpc, start_date=D(2025, 5, 28),
                         end_date=D(2026, 2, 20), initial_category="NEG",
                         latest_category="EMO")
    for day in (D(2025, 8, 20), D(2026, 2, 20)):
        CPReview.objects.create(la=la, plan=plan, review_date=day)
    CINPlanFactory(episode=episode, start_date=D(2026, 2, 21))


def nfa_case(la: LocalAuthority) -> None:
    child = ChildFactory(la=la, la_child_id="NFA1", upn_unknown="UN7")
    CINEpisodeFactory(child=child, referral_date=D(2025, 9, 1), referral_nfa=True,
                      primary_need="N9", closure_date=D(2025, 9, 1), closure_reason="RC8")


def unborn_case(la: LocalAuthority) -> None:
    child = ChildFactory(la=la, la_child_id="UNBORN", date_of_birth=None,
                         expected_date_of_birth=D(2026, 6, 1), sex="U")
    CINEpisodeFactory(child=child, referral_date=D(2026, 1, 15), referral_source="3B")


@pytest.fixture
def la(db: None) -> LocalAuthority:
    la = LocalAuthorityFactory()
    protection_case(la)
    nfa_case(la)
    unborn_case(la)
    closed = ChildFactory(la=la, la_child_id="OLD")
    CINEpisodeFactory(child=closed, referral_date=D(2024, 1, 1), closure_date=D(2025, 3, 30),
                      closure_reason="RC7")
    return la


def child_xml(root: etree._Element, child_id: str) -> etree._Element:
    matches = root.xpath(f"Children/Child[ChildIdentifiers/LAchildID='{child_id}']")
    assert isinstance(matches, list)
    assert len(matches) == 1
    found = matches[0]
    assert isinstance(found, etree._Element)
    return found


def tags(element: etree._Element) -> list[str]:
    return [str(e.tag) for e in element]


def test_the_census_xml_has_each_childs_year(la: LocalAuthority) -> None:
    root = etree.fromstring(census_xml(derive(extract(la, YEAR), YEAR, la.dfe_number), AT))
    assert root.findtext("Header/CollectionDetails/Year") == "2026"
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == "2026-03-31"
    assert root.findtext("Header/Source/LEA") == "881"
    assert root.findtext("Header/Source/DateTime") == "2026-05-01T09:30:00"
    assert [c.findtext("ChildIdentifiers/LAchildID") for c in root.iter("Child")] == [
        "CP1", "NFA1", "UNBORN"]

    cp = child_xml(root, "CP1")
    assert tags(cp.find("ChildIdentifiers")) == ["LAchildID", "PersonBirthDate", "Sex"]
    assert cp.findtext("ChildIdentifiers/Sex") == "M"
    assert [d.text for d in cp.iter("Disability")] == ["LD"]
    details = cp.find("CINdetails")
    assert details is not None
    assert tags(details) == ["CINreferralDate", "ReferralSource", "PrimaryNeedCode",
                             "Assessments", "CINPlanDates", "Section47", "ReferralNFA",
                             "ChildProtectionPlans"]
    assert [f.text for f in details.iter("AssessmentFactors")] == ["3B", "16A"]
    assert details.findtext("Section47/DateOfInitialCPC") == "2025-05-28"
    assert details.findtext("Section47/ICPCnotRequired") == "0"
    assert details.find("DateOfInitialCPC") is None  # only in Section47 (rule 2884)
    plan = details.find("ChildProtectionPlans")
    assert plan is not None
    assert tags(plan) == ["CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse",
                          "LatestCategoryOfAbuse", "NumberOfPreviousCPP", "Reviews", "Reviews"]
    assert [r.findtext("CPPreviewDate") for r in plan.iter("Reviews")] == [
        "2025-08-20", "2026-02-20"]
    assert details.findtext("CINPlanDates/CINPlanStartDate") == "2026-02-21"
    assert details.find("CINPlanDates/CINPlanEndDate") is None

    nfa = child_xml(root, "NFA1")
    assert nfa.findtext("ChildIdentifiers/UPNunknown") == "UN7"
    assert nfa.findtext("CINdetails/ReferralNFA") == "1"
    assert nfa.findtext("CINdetails/ReasonForClosure") == "RC8"
    assert [d.text for d in nfa.iter("Disability")] == ["NONE"]

    unborn = child_xml(root, "UNBORN")
    assert tags(unborn.find("ChildIdentifiers")) == ["LAchildID", "ExpectedPersonBirthDate",
                                                     "Sex"]
    assert unborn.findtext("ChildIdentifiers/Sex") == "U"


def test_before_2024_25_sex_is_gender_current(la: LocalAuthority) -> None:
    year = CollectionYear(2024)
    child = ChildFactory(la=la, la_child_id="EARLY", sex="M")
    CINEpisodeFactory(child=child, referral_date=D(2023, 6, 1))
    root = etree.fromstring(census_xml(derive(extract(la, year), year, "881"), AT))
    early = child_xml(root, "EARLY")
    assert early.findtext("ChildIdentifiers/GenderCurrent") == "1"
    assert early.find("ChildIdentifiers/Sex") is None


def test_extract_reads_a_fixed_number_of_queries(la: LocalAuthority) -> None:
    with CaptureQueriesContext(connection) as few:
        extract(la, YEAR)
    for n in range(5):
        more_child = ChildFactory(la=la, la_child_id=f"MORE{n}")
        episode = CINEpisodeFactory(child=more_child, referral_date=D(2025, 7, 1))
        AssessmentFactory(episode=episode, start_date=D(2025, 7, 2))
        CPPlanFactory(episode=episode, start_date=D(2025, 7, 20))
    with CaptureQueriesContext(connection) as more:
        records = extract(la, YEAR)
    assert len(records) == 8  # OLD closed before the year
    assert len(more.captured_queries) == len(few.captured_queries) == 10


def test_another_councils_children_are_not_in_the_census(la: LocalAuthority) -> None:
    other = LocalAuthorityFactory(dfe_number="882", ons_code="E10000013", name="Other")
    CINEpisodeFactory(child=ChildFactory(la=other, la_child_id="ELSEWHERE"),
                      referral_date=D(2025, 6, 1))
    assert "ELSEWHERE" not in {r.child_id for r in extract(la, YEAR)}
    assert [r.child_id for r in extract(other, YEAR)] == ["ELSEWHERE"]


def test_write_census_writes_the_file(la: LocalAuthority, tmp_path: Path) -> None:
    path = write_census(derive(extract(la, YEAR), YEAR, "881"), tmp_path / "out" / "cin.xml",
                        AT)
    assert path.read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<Message>")
