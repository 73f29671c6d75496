"""``hearth import cin``: a CIN census loaded all or nothing, and the round trip."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from lxml import etree
from tests.factories import ChildFactory, LocalAuthorityFactory
from tests.returns.synthetic_council import LATEST_COMPLETE_YEAR, SyntheticCouncil

from hearth.assessment.models import Assessment
from hearth.cin.models import CINEpisode, CINPlan
from hearth.people.models import Child
from hearth.protection.models import CPPlan, S47Enquiry
from hearth.returns.cin.derive import derive
from hearth.returns.cin.extract import extract
from hearth.returns.cin.importer import ImportRefused, import_census
from hearth.returns.cin.render import census_xml
from hearth.returns.ssda903.cohorts import CollectionYear

D = dt.date
YEAR = CollectionYear(2026)
AT = dt.datetime(2026, 5, 1, 9, 30)  # noqa: DTZ001 - the census states local time

PROTECTED = """
<Child>
  <ChildIdentifiers><LAchildID>CP1</LAchildID><UPN>A881200012044</UPN>
    <PersonBirthDate>2019-02-02</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
  <ChildCharacteristics><Ethnicity>WBRI</Ethnicity>
    <Disabilities><Disability>AUT</Disability><Disability>LD</Disability></Disabilities>
  </ChildCharacteristics>
  <CINdetails>
    <CINreferralDate>2025-05-06</CINreferralDate><ReferralSource>6</ReferralSource>
    <PrimaryNeedCode>N1</PrimaryNeedCode>
    <Assessments><AssessmentActualStartDate>2025-05-07</AssessmentActualStartDate>
      <AssessmentAuthorisationDate>2025-06-20</AssessmentAuthorisationDate>
      <FactorsIdentifiedAtAssessment><AssessmentFactors>3B</AssessmentFactors>
        <AssessmentFactors>16A</AssessmentFactors></FactorsIdentifiedAtAssessment>
    </Assessments>
    <CINPlanDates><CINPlanStartDate>2026-02-21</CINPlanStartDate></CINPlanDates>
    <Section47><S47ActualStartDate>2025-05-07</S47ActualStartDate>
      <InitialCPCtarget>2025-05-29</InitialCPCtarget><DateOfInitialCPC>2025-05-28</DateOfInitialCPC>
      <ICPCnotRequired>0</ICPCnotRequired></Section47>
    <ReferralNFA>0</ReferralNFA>
    <ChildProtectionPlans><CPPstartDate>2025-05-28</CPPstartDate>
      <CPPendDate>2026-02-20</CPPendDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
      <LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse><NumberOfPreviousCPP>2</NumberOfPreviousCPP>
      <Reviews><CPPreviewDate>2025-08-20</CPPreviewDate></Reviews>
      <Reviews><CPPreviewDate>2026-02-20</CPPreviewDate></Reviews>
    </ChildProtectionPlans>
  </CINdetails>
</Child>"""
NFA = """
<Child>
  <ChildIdentifiers><LAchildID>NFA1</LAchildID><UPNunknown>UN7</UPNunknown>
    <ExpectedPersonBirthDate>2026-06-01</ExpectedPersonBirthDate><Sex>U</Sex>
  </ChildIdentifiers>
  <ChildCharacteristics><Ethnicity>NOBT</Ethnicity>
    <Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>
  <CINdetails><CINreferralDate>2025-09-01</CINreferralDate><ReferralSource>3B</ReferralSource>
    <CINclosureDate>2025-09-01</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure>
    <Section47><S47ActualStartDate>2025-09-01</S47ActualStartDate>
      <InitialCPCtarget>2025-09-22</InitialCPCtarget>
      <ICPCnotRequired>1</ICPCnotRequired></Section47>
    <ReferralNFA>1</ReferralNFA></CINdetails>
</Child>"""


def census(*children: str, year: int = 2026, lea: str = "881") -> str:
    return (f"<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>{year}"
            f"</Year><ReferenceDate>{year}-03-31</ReferenceDate></CollectionDetails><Source>"
            f"<SourceLevel>L</SourceLevel><LEA>{lea}</LEA></Source></Header><Children>"
            + "".join(children) + "</Children></Message>")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cin.xml"
    path.write_text(text)
    return path


@pytest.mark.django_db
def test_a_census_is_loaded_with_everything_in_it(tmp_path: Path) -> None:
    done = import_census(write(tmp_path, census(PROTECTED, NFA)))
    assert (done.children, done.episodes) == (2, 2)
    child = Child.objects.get(la_child_id="CP1")
    assert (child.sex, child.date_of_birth, child.upn) == ("M", D(2019, 2, 2), "A881200012044")
    assert sorted(child.disabilities.values_list("code", flat=True)) == ["AUT", "LD"]
    episode = CINEpisode.objects.get(child=child)
    assessment = Assessment.objects.get(episode=episode)
    assert (assessment.status, assessment.authorised_date) == ("authorised", D(2025, 6, 20))
    assert sorted(assessment.factors.values_list("code", flat=True)) == ["16A", "3B"]
    assert CINPlan.objects.get(episode=episode).end_date is None
    s47 = S47Enquiry.objects.get(episode=episode)
    assert (s47.start_date, s47.icpc_required, s47.icpc.held_on) == (
        D(2025, 5, 7), True, D(2025, 5, 28))
    plan = CPPlan.objects.get(episode=episode)
    assert plan.icpc == s47.icpc
    assert s47.icpc.plan_required
    assert (plan.latest_category, plan.previous_plans_unrecorded) == ("EMO", 2)
    assert sorted(plan.reviews.values_list("review_date", flat=True)) == [
        D(2025, 8, 20), D(2026, 2, 20)]
    unborn = Child.objects.get(la_child_id="NFA1")
    assert (unborn.date_of_birth, unborn.expected_date_of_birth, unborn.sex) == (
        None, D(2026, 6, 1), "U")
    assert not unborn.disabilities.exists()
    nfa = CINEpisode.objects.get(child=unborn)
    assert (nfa.referral_nfa, nfa.closure_reason) == (True, "RC8")
    assert S47Enquiry.objects.get(episode=nfa).icpc_required is False


def canonical(xml: bytes) -> bytes:
    parser = etree.XMLParser(remove_blank_text=True)
    return bytes(etree.tostring(etree.fromstring(xml, parser)))


@pytest.mark.django_db
def test_an_imported_census_exports_as_the_same_census(tmp_path: Path) -> None:
    header = census_xml(derive([], YEAR, "881"), AT).decode()  # the header as Hearth writes it
    original = header.replace("<Children/>", f"<Children>{PROTECTED}{NFA}</Children>").encode()
    import_census(write(tmp_path, original.decode()))
    la = Child.objects.get(la_child_id="CP1").la
    exported = census_xml(derive(extract(la, YEAR), YEAR, la.dfe_number), AT)
    assert canonical(exported) == canonical(original)


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "problem"), [
    ("<Message><Children>", "not a readable XML file"),
    ("<Return/>", "the root element is <Return>, not <Message>"),
    (census(PROTECTED, lea="88"), "Header/Source/LEA: '88' is not a three-digit LA number"),
    (census(PROTECTED, year=0), "Header/CollectionDetails/Year: '0' is not a year"),
    (census(PROTECTED.replace("2025-06-20", "2025-13-40")),
     "Child CP1: CINdetails[1]/Assessments[1]/AssessmentAuthorisationDate: '2025-13-40' is "
     "not a date (YYYY-MM-DD)"),
    (census(PROTECTED.replace(">NEG<", ">XXX<")),
     "Child CP1: CINdetails[1]/ChildProtectionPlans[1]/InitialCategoryOfAbuse: 'XXX' is not "
     "a valid code"),
    (census(PROTECTED.replace("<AssessmentFactors>3B", "<AssessmentFactors>99Z")),
     "Child CP1: CINdetails[1]/Assessments[1]/FactorsIdentifiedAtAssessment/AssessmentFactors:"
     " '99Z' is not a valid code"),
    (census(NFA.replace("<CINclosureDate>2025-09-01", "<CINclosureDate>2025-08-01")),
     "Child NFA1: CINdetails[1]/CINclosureDate: closure 2025-08-01 is before its start "
     "2025-09-01"),
    (census(NFA.replace("<ReasonForClosure>RC8</ReasonForClosure>", "")),
     "Child NFA1: CINdetails[1]: a closure date and a reason for closure go together"),
    (census(PROTECTED.replace("<ReferralSource>6</ReferralSource>", "")),
     "Child CP1: CINdetails[1]/ReferralSource: is missing"),
    (census(PROTECTED.replace("<NumberOfPreviousCPP>2", "<NumberOfPreviousCPP>two")),
     "Child CP1: CINdetails[1]/ChildProtectionPlans[1]/NumberOfPreviousCPP: 'two' is not a "
     "whole number"),
    (census(NFA.replace("<Sex>U</Sex>", "")),
     "Child NFA1: ChildIdentifiers: has neither Sex (M/F/U) nor GenderCurrent (1/2/0/9)"),
    (census(PROTECTED, PROTECTED),
     "Child CP1: ChildIdentifiers/LAchildID: the same child appears twice in the file"),
    (census(PROTECTED, lea="882"),
     "Header/Source/LEA: the file is for LA 882, but this Hearth is for LA 881"),
])
def test_a_bad_file_is_refused_and_nothing_is_written(tmp_path: Path, text: str,
                                                      problem: str) -> None:
    with pytest.raises(ImportRefused) as refused:
        import_census(write(tmp_path, text))
    assert any(problem in p for p in refused.value.problems), refused.value.problems
    assert not Child.objects.exists()
    assert not CINEpisode.objects.exists()


@pytest.mark.django_db
def test_a_child_already_in_hearth_is_refused(tmp_path: Path) -> None:
    ChildFactory(la=LocalAuthorityFactory(), la_child_id="NFA1")
    with pytest.raises(ImportRefused) as refused:
        import_census(write(tmp_path, census(PROTECTED, NFA)))
    assert refused.value.problems == [
        "Child NFA1: ChildIdentifiers/LAchildID: this child is already in Hearth "
        "(import into an empty Hearth)"]
    assert list(Child.objects.values_list("la_child_id", flat=True)) == ["NFA1"]
    assert not CINEpisode.objects.exists()


@pytest.mark.django_db
def test_the_command_prints_each_problem_and_exits_1(tmp_path: Path) -> None:
    path = write(tmp_path, census(NFA.replace("<Ethnicity>NOBT", "<Ethnicity>ZZZZ")))
    err = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import", "cin", str(path), stdout=StringIO(), stderr=err)
    assert error.value.returncode == 1
    assert err.getvalue().splitlines() == [
        "Child NFA1: ChildCharacteristics/Ethnicity: 'ZZZZ' is not a valid code",
        f"Nothing was imported: 1 problem(s) in {path}."]
    assert not Child.objects.exists()


@pytest.mark.django_db
def test_the_command_loads_a_file_and_refuses_a_missing_one(tmp_path: Path) -> None:
    out = StringIO()
    call_command("import", "cin", str(write(tmp_path, census(NFA))), stdout=out)
    assert out.getvalue().startswith("Imported 1 children and 1 CIN episodes from ")
    with pytest.raises(CommandError) as error:
        call_command("import", "cin", str(tmp_path / "missing.xml"), stderr=StringIO())
    assert error.value.returncode == 2


@pytest.mark.slow
def test_the_synthetic_councils_census_round_trips(synthetic_council: SyntheticCouncil,
                                                   tmp_path: Path) -> None:
    """Export, import into an empty Hearth, export again: the same file, byte for byte."""
    year, stamp = str(LATEST_COMPLETE_YEAR), "2026-05-01T09:00:00"
    first, second = tmp_path / "first.xml", tmp_path / "second.xml"
    synthetic_council.hearth("returns", "cin", "--year", year, "--out", str(first),
                             "--timestamp", stamp)
    empty = SyntheticCouncil(tmp_path / "empty.sqlite3")
    empty.hearth("migrate", "--noinput")
    loaded = empty.hearth("import", "cin", str(first))
    assert loaded.stdout.startswith("Imported ")
    empty.hearth("returns", "cin", "--year", year, "--out", str(second), "--timestamp", stamp)
    assert second.read_bytes() == first.read_bytes()
