"""Write a CIN census as the XML file the DfE's COLLECT and Data to Insight's validator read.

Elements, their order and cardinality follow the DfE's CIN census XSD (2023/2024) as set out in
shared/reference/cin-census.md: ``Message`` with a ``Header`` (collection, year, reference date
31 March, the council's DfE LA number) and ``Children``. Dates are ``YYYY-MM-DD``; yes/no values
are ``1``/``0``; optional elements with no value are left out. The root carries no namespace
(the validator cannot read one), and each CP review date goes in a ``Reviews`` element of its
own, because the validator reads only the first date of each.
"""

from __future__ import annotations

import datetime as dt
from importlib import metadata
from pathlib import Path
from zoneinfo import ZoneInfo

from lxml import etree

from hearth.returns.cin.derive import (
    Census,
    CensusAssessment,
    CensusChild,
    CensusCPPlan,
    CensusEpisode,
    CensusS47,
)

SOFTWARE_CODE = "Hearth"
SERIAL_NUMBER = "001"
#: ``DateTime`` in the header is the time in England when the file was made.
LONDON = ZoneInfo("Europe/London")
_Value = str | dt.date | bool | int | None


def _text(value: _Value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


_SubElement = etree.SubElement
_date = dt.date


def _add(parent: etree._Element, tag: str, value: _Value = None) -> etree._Element | None:
    """Append ``<tag>value</tag>``; leave an optional element out when it has no value.

    Hundreds of thousands of elements go through here, so strings and dates (nearly all of
    them) take a short path; anything else is written by ``_text``.
    """
    kind = type(value)
    if kind is str:
        if not value:
            return None
        text: str | None = value  # type: ignore[assignment]
    elif kind is _date:
        text = value.isoformat()  # type: ignore[union-attr]
    else:
        text = _text(value)
        if text is None:
            return None
    element = _SubElement(parent, tag)
    element.text = text
    return element


_node = _SubElement


def _header(root: etree._Element, census: Census, generated_at: dt.datetime) -> None:
    header = _node(root, "Header")
    details = _node(header, "CollectionDetails")
    _add(details, "Collection", "CIN")
    _add(details, "Year", str(census.year.year))
    _add(details, "ReferenceDate", census.year.end)
    source = _node(header, "Source")
    _add(source, "SourceLevel", "L")
    _add(source, "LEA", census.la_number)
    _add(source, "SoftwareCode", SOFTWARE_CODE)
    _add(source, "Release", metadata.version("hearth"))
    _add(source, "SerialNo", SERIAL_NUMBER)
    local = generated_at.astimezone(LONDON) if generated_at.tzinfo else generated_at
    _add(source, "DateTime", local.replace(microsecond=0, tzinfo=None).isoformat())


# Dates that every module has, yes/no values and counts are never left out: they are written
# directly rather than through ``_add``.


def _assessment(parent: etree._Element, assessment: CensusAssessment) -> None:
    node = _node(parent, "Assessments")
    _node(node, "AssessmentActualStartDate").text = assessment.start.isoformat()
    _add(node, "AssessmentInternalReviewDate", assessment.internal_review)
    _add(node, "AssessmentAuthorisationDate", assessment.authorised)
    if assessment.factors:
        factors = _node(node, "FactorsIdentifiedAtAssessment")
        for code in assessment.factors:
            _add(factors, "AssessmentFactors", code)


def _s47(parent: etree._Element, s47: CensusS47) -> None:
    node = _node(parent, "Section47")
    _node(node, "S47ActualStartDate").text = s47.start.isoformat()
    _node(node, "InitialCPCtarget").text = s47.icpc_target.isoformat()
    _add(node, "DateOfInitialCPC", s47.icpc_date)
    _node(node, "ICPCnotRequired").text = "1" if s47.icpc_not_required else "0"


def _cp_plan(parent: etree._Element, plan: CensusCPPlan) -> None:
    node = _node(parent, "ChildProtectionPlans")
    _node(node, "CPPstartDate").text = plan.start.isoformat()
    _add(node, "CPPendDate", plan.end)
    _add(node, "InitialCategoryOfAbuse", plan.initial_category)
    _add(node, "LatestCategoryOfAbuse", plan.latest_category)
    _node(node, "NumberOfPreviousCPP").text = str(plan.previous_plans)
    for day in plan.reviews:
        _node(_node(node, "Reviews"), "CPPreviewDate").text = day.isoformat()


def _episode(parent: etree._Element, episode: CensusEpisode) -> None:
    node = _node(parent, "CINdetails")
    _node(node, "CINreferralDate").text = episode.referral_date.isoformat()
    _add(node, "ReferralSource", episode.referral_source)
    _add(node, "PrimaryNeedCode", episode.primary_need)
    _add(node, "CINclosureDate", episode.closure_date)
    _add(node, "ReasonForClosure", episode.closure_reason)
    for assessment in episode.assessments:
        _assessment(node, assessment)
    for plan in episode.cin_plans:
        dates = _node(node, "CINPlanDates")
        _node(dates, "CINPlanStartDate").text = plan.start.isoformat()
        _add(dates, "CINPlanEndDate", plan.end)
    for s47 in episode.s47s:
        _s47(node, s47)
    _node(node, "ReferralNFA").text = "1" if episode.referral_nfa else "0"
    for cp_plan in episode.cp_plans:
        _cp_plan(node, cp_plan)


def _child(parent: etree._Element, child: CensusChild) -> None:
    node = _node(parent, "Child")
    ids = _node(node, "ChildIdentifiers")
    _add(ids, "LAchildID", child.child_id)
    _add(ids, "UPN", child.upn)
    _add(ids, "FormerUPN", child.former_upn)
    _add(ids, "UPNunknown", child.upn_unknown)
    _add(ids, "PersonBirthDate", child.birth_date)
    _add(ids, "ExpectedPersonBirthDate", child.expected_birth_date)
    _add(ids, child.sex_element, child.sex)
    _add(ids, "PersonDeathDate", child.death)
    characteristics = _node(node, "ChildCharacteristics")
    _add(characteristics, "Ethnicity", child.ethnicity)
    disabilities = _node(characteristics, "Disabilities")
    for code in child.disabilities:
        _add(disabilities, "Disability", code)
    for episode in child.episodes:
        _episode(node, episode)


def census_xml(census: Census, generated_at: dt.datetime) -> bytes:
    """The census as an XML document (UTF-8, indented)."""
    root = etree.Element("Message")
    _header(root, census, generated_at)
    children = _node(root, "Children")
    for child in census.children:
        _child(children, child)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def write_census(census: Census, path: Path, generated_at: dt.datetime) -> Path:
    """Write the census to ``path`` (its directory created if needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(census_xml(census, generated_at))
    return path
