"""Load a CIN census XML file into Hearth, all or nothing (``hearth import cin FILE.xml``).

The reverse of ``extract -> derive -> render``: each ``Child`` becomes a child with its
disabilities, each ``CINdetails`` a CIN episode with its assessments (and factors), CIN plans,
section 47 enquiries (each with the strategy discussion that started it and its ICPC) and CP
plans (with their review conferences). Element names and codes are those of the DfE's CIN
census XSD (shared/reference/cin-census.md).

The whole file is read and checked before anything is written: a malformed or inconsistent file
gives one message per problem naming the child, the element path and the reason, and nothing is
written. The census of one year, imported into an empty Hearth and exported again for that year,
gives the same file: what the census cannot say is inferred the way ``derive`` reads it back (an
enquiry that found no conference was needed ended the day it started, or on 1 April when it
started in the year before; one whose ICPC was held ended on that day; an earlier CP plan
that is not in the file is counted in ``CPPlan.previous_plans_unrecorded``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.db import IntegrityError, transaction
from lxml import etree

from hearth.assessment.models import Assessment, AssessmentFactorRecord
from hearth.cin.models import CINEpisode, CINPlan
from hearth.core import codes
from hearth.organisation.models import LocalAuthority
from hearth.people.models import Child, ChildDisability
from hearth.protection.models import ICPC, CPPlan, CPReview, S47Enquiry, StrategyDiscussion
from hearth.returns.cin.case import (
    AssessmentRecord,
    ChildRecord,
    CPPlanRecord,
    EpisodeRecord,
    PlanRecord,
    S47Record,
)
from hearth.returns.cin.derive import NO_DISABILITY

_YES = frozenset({"true", "1"})
_NO = frozenset({"false", "0"})
_GENDER_CURRENT = {"1": "M", "2": "F", "0": "U", "9": "U"}
_UPN = r"^[A-Z][0-9]{11}[0-9A-Z]$"
_Code = TypeVar("_Code")


class ImportRefused(Exception):
    """The file cannot be imported; ``problems`` says where and why. Nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class _Reader:
    """Reads values out of one child's elements, noting each problem with its path."""

    child_id: str
    #: 1 April of the census year: an enquiry the census shows ended is taken to end in it.
    year_start: dt.date
    problems: list[str] = field(default_factory=list)

    def problem(self, path: str, reason: str) -> None:
        self.problems.append(f"Child {self.child_id}: {path}: {reason}")

    def text(self, parent: etree._Element, path: str, tag: str, *,
             required: bool = False) -> str:
        value = (parent.findtext(tag) or "").strip()
        if required and not value:
            self.problem(f"{path}/{tag}", "is missing")
        return value

    def date(self, parent: etree._Element, path: str, tag: str, *,
             required: bool = False) -> dt.date | None:
        value = self.text(parent, path, tag, required=required)
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.problem(f"{path}/{tag}", f"{value!r} is not a date (YYYY-MM-DD)")
            return None

    def code(self, parent: etree._Element, path: str, tag: str, allowed: Iterable[str], *,
             required: bool = False) -> str:
        value = self.text(parent, path, tag, required=required)
        if value and value not in set(allowed):
            self.problem(f"{path}/{tag}", f"{value!r} is not a valid code")
            return ""
        return value

    def yes_no(self, parent: etree._Element, path: str, tag: str) -> bool:
        value = self.text(parent, path, tag, required=True).lower()
        if value and value not in _YES | _NO:
            self.problem(f"{path}/{tag}", f"{value!r} is not true/false/1/0")
        return value in _YES

    def ordered(self, path: str, start: dt.date | None, end: dt.date | None,
                what: str) -> None:
        if start is not None and end is not None and end < start:
            self.problem(path, f"{what} {end} is before its start {start}")


def _indexed(parent: etree._Element, tag: str, path: str) -> list[tuple[str, etree._Element]]:
    return [(f"{path}/{tag}[{i}]" if path else f"{tag}[{i}]", element)
            for i, element in enumerate(parent.findall(tag), start=1)]


def _assessment(r: _Reader, node: etree._Element, path: str) -> AssessmentRecord:
    start = r.date(node, path, "AssessmentActualStartDate", required=True)
    authorised = r.date(node, path, "AssessmentAuthorisationDate")
    r.ordered(f"{path}/AssessmentAuthorisationDate", start, authorised, "authorisation")
    factors = tuple((f.text or "").strip()
                    for f in node.iterfind("FactorsIdentifiedAtAssessment/AssessmentFactors"))
    for factor in factors:
        if factor not in codes.AssessmentFactor.values:
            r.problem(f"{path}/FactorsIdentifiedAtAssessment/AssessmentFactors",
                      f"{factor!r} is not a valid code")
    if len(set(factors)) != len(factors):
        r.problem(f"{path}/FactorsIdentifiedAtAssessment", "a factor is given twice")
    return AssessmentRecord(start=start or dt.date.min, authorised=authorised,
                            internal_review=r.date(node, path, "AssessmentInternalReviewDate"),
                            factors=factors)


def _s47(r: _Reader, node: etree._Element, path: str) -> S47Record:
    start = r.date(node, path, "S47ActualStartDate", required=True) or dt.date.min
    icpc = r.date(node, path, "DateOfInitialCPC")
    not_required = r.yes_no(node, path, "ICPCnotRequired")
    r.ordered(f"{path}/DateOfInitialCPC", start, icpc, "ICPC date")
    if icpc is not None and not_required:
        r.problem(path, "has an ICPC date and says no ICPC was required")
    if icpc is not None:
        return S47Record(start=start, end=icpc, icpc_required=True, icpc_date=icpc)
    if not_required:
        return S47Record(start=start, end=max(start, r.year_start), icpc_required=False)
    return S47Record(start=start)


def _cp_plan(r: _Reader, node: etree._Element, path: str) -> tuple[CPPlanRecord, int]:
    start = r.date(node, path, "CPPstartDate", required=True) or dt.date.min
    end = r.date(node, path, "CPPendDate")
    r.ordered(f"{path}/CPPendDate", start, end, "end")
    categories = codes.CategoryOfAbuse.values
    previous_text = r.text(node, path, "NumberOfPreviousCPP", required=True)
    previous = int(previous_text) if previous_text.isdigit() else 0
    if previous_text and not previous_text.isdigit():
        r.problem(f"{path}/NumberOfPreviousCPP", f"{previous_text!r} is not a whole number")
    reviews = []
    for review_path, review in _indexed(node, "Reviews", path):
        for day in review.iterfind("CPPreviewDate"):
            try:
                reviews.append(dt.date.fromisoformat((day.text or "").strip()))
            except ValueError:
                r.problem(f"{review_path}/CPPreviewDate",
                          f"{day.text!r} is not a date (YYYY-MM-DD)")
    if len(set(reviews)) != len(reviews):
        r.problem(path, "a review date is given twice")
    return CPPlanRecord(
        start=start, end=end,
        initial_category=r.code(node, path, "InitialCategoryOfAbuse", categories, required=True),
        latest_category=r.code(node, path, "LatestCategoryOfAbuse", categories, required=True),
        reviews=tuple(reviews)), previous


def _episode(r: _Reader, node: etree._Element, path: str,
             cp_previous: list[tuple[CPPlanRecord, int, str]]) -> EpisodeRecord:
    referred = r.date(node, path, "CINreferralDate", required=True) or dt.date.min
    closed = r.date(node, path, "CINclosureDate")
    reason = r.code(node, path, "ReasonForClosure", codes.CINClosureReason.values)
    nfa = r.yes_no(node, path, "ReferralNFA")
    r.ordered(f"{path}/CINclosureDate", referred, closed, "closure")
    if (closed is None) != (reason == ""):
        r.problem(path, "a closure date and a reason for closure go together")
    if nfa and closed != referred:
        r.problem(path, "a referral with no further action closes on its referral date")
    if node.find("DateOfInitialCPC") is not None:
        r.problem(f"{path}/DateOfInitialCPC",
                  "Hearth reads the ICPC date from Section47 only (DfE rule 2884)")
    plans = []
    for plan_path, plan in _indexed(node, "CINPlanDates", path):
        start = r.date(plan, plan_path, "CINPlanStartDate", required=True) or dt.date.min
        end = r.date(plan, plan_path, "CINPlanEndDate")
        r.ordered(f"{plan_path}/CINPlanEndDate", start, end, "end")
        plans.append(PlanRecord(start, end))
    cp_plans = []
    for plan_path, plan in _indexed(node, "ChildProtectionPlans", path):
        record, previous = _cp_plan(r, plan, plan_path)
        cp_plans.append(record)
        cp_previous.append((record, previous, plan_path))
    return EpisodeRecord(
        referral_date=referred,
        referral_source=r.code(node, path, "ReferralSource", codes.ReferralSource.values,
                               required=True),
        referral_nfa=nfa,
        primary_need=r.code(node, path, "PrimaryNeedCode", codes.PrimaryNeed.values),
        closure_date=closed, closure_reason=reason,
        assessments=tuple(_assessment(r, a, p)
                          for p, a in _indexed(node, "Assessments", path)),
        cin_plans=tuple(plans),
        s47s=tuple(_s47(r, s, p) for p, s in _indexed(node, "Section47", path)),
        cp_plans=tuple(cp_plans))


def _one_open(r: _Reader, what: str, ends: Iterable[dt.date | None]) -> None:
    if sum(1 for end in ends if end is None) > 1:
        r.problem(what, "more than one is open (no end date); Hearth allows one at a time")


def _child(node: etree._Element, index: int,
           year_start: dt.date) -> tuple[ChildRecord, list[str]]:
    """One child's records and the problems found in them."""
    ids = node.find("ChildIdentifiers")
    child_id = ((ids.findtext("LAchildID") if ids is not None else "") or "").strip()
    r = _Reader(child_id or f"#{index} (no LAchildID)", year_start)
    if ids is None:
        r.problem("ChildIdentifiers", "is missing")
        return ChildRecord(child_id="", sex="", ethnicity=""), r.problems
    path = "ChildIdentifiers"
    if not child_id:
        r.problem(f"{path}/LAchildID", "is missing")
    elif len(child_id) > 20:
        r.problem(f"{path}/LAchildID", "is longer than 20 characters")
    sex = r.code(ids, path, "Sex", codes.Sex.values)
    if not sex:
        gender = r.code(ids, path, "GenderCurrent", _GENDER_CURRENT)
        sex = _GENDER_CURRENT.get(gender, "")
    if not sex:
        r.problem(path, "has neither Sex (M/F/U) nor GenderCurrent (1/2/0/9)")
    born = r.date(ids, path, "PersonBirthDate")
    expected = r.date(ids, path, "ExpectedPersonBirthDate")
    if born is None and expected is None:
        r.problem(path, "has neither PersonBirthDate nor ExpectedPersonBirthDate")
    upn = r.text(ids, path, "UPN").upper()
    upn_unknown = r.code(ids, path, "UPNunknown", codes.UPNUnknown.values)
    if upn and upn_unknown:
        r.problem(path, "has both a UPN and a reason the UPN is unknown")
    former_upn = r.text(ids, path, "FormerUPN").upper()
    for tag, value in (("UPN", upn), ("FormerUPN", former_upn)):
        if value and not re.match(_UPN, value):
            r.problem(f"{path}/{tag}", f"{value!r} is not a UPN (a letter and 12 characters)")
    death = r.date(ids, path, "PersonDeathDate")
    r.ordered(f"{path}/PersonDeathDate", born, death, "date of death")

    chars = node.find("ChildCharacteristics")
    if chars is None:
        r.problem("ChildCharacteristics", "is missing")
        chars = etree.Element("ChildCharacteristics")
    ethnicity = r.code(chars, "ChildCharacteristics", "Ethnicity", codes.Ethnicity.values,
                       required=True)
    disabilities = [(d.text or "").strip()
                    for d in chars.iterfind("Disabilities/Disability")]
    for code in disabilities:
        if code != NO_DISABILITY and code not in codes.Disability.values:
            r.problem("ChildCharacteristics/Disabilities/Disability",
                      f"{code!r} is not a valid code")
    if NO_DISABILITY in disabilities and len(disabilities) > 1:
        r.problem("ChildCharacteristics/Disabilities", "NONE given with other disabilities")

    cp_previous: list[tuple[CPPlanRecord, int, str]] = []
    episodes = [_episode(r, e, p, cp_previous) for p, e in _indexed(node, "CINdetails", "")]
    if not episodes:
        r.problem("CINdetails", "is missing: a child in the census has at least one episode")
    _one_open(r, "CINdetails", (e.closure_date for e in episodes))
    _one_open(r, "CINdetails/CINPlanDates", (p.end for e in episodes for p in e.cin_plans))
    _one_open(r, "CINdetails/ChildProtectionPlans",
              (p.end for e in episodes for p in e.cp_plans))

    # NumberOfPreviousCPP counts plans anywhere; those not in the file are kept as unrecorded.
    starts = [plan.start for plan, _, _ in cp_previous]
    unrecorded: list[int] = []
    for plan, previous, plan_path in cp_previous:
        recorded = sum(1 for s in starts if s < plan.start)
        if previous < recorded:
            r.problem(f"{plan_path}/NumberOfPreviousCPP",
                      f"is {previous} but the file has {recorded} earlier plans for the child")
        unrecorded.append(max(0, previous - recorded))
    counts = iter(unrecorded)
    episodes = [replace(e, cp_plans=tuple(replace(p, previous_unrecorded=next(counts))
                                          for p in e.cp_plans)) for e in episodes]
    record = ChildRecord(
        child_id=child_id, sex=sex, ethnicity=ethnicity, dob=born, expected_dob=expected,
        upn=upn, former_upn=former_upn, upn_unknown=upn_unknown, death=death,
        disabilities=tuple(d for d in disabilities if d != NO_DISABILITY),
        episodes=tuple(episodes))
    return record, r.problems


@dataclass(frozen=True)
class ParsedCensus:
    year: int
    la_number: str
    children: tuple[ChildRecord, ...]


def parse(path: Path) -> ParsedCensus:
    """Read and check the whole file; raise ``ImportRefused`` listing every problem."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (OSError, etree.XMLSyntaxError) as error:
        raise ImportRefused([f"{path}: not a readable XML file: {error}"]) from None
    if root.tag != "Message":
        raise ImportRefused([f"{path}: the root element is <{root.tag}>, not <Message>"])
    problems = []
    year_text = (root.findtext("Header/CollectionDetails/Year") or "").strip()
    year = int(year_text) if year_text.isdigit() else 0
    if not 2000 <= year <= 2100:
        problems.append(f"Header/CollectionDetails/Year: {year_text!r} is not a year")
    year_start = dt.date(year - 1, 4, 1) if 2000 <= year <= 2100 else dt.date.min
    la_number = (root.findtext("Header/Source/LEA") or "").strip()
    if not (len(la_number) == 3 and la_number.isdigit()):
        problems.append(f"Header/Source/LEA: {la_number!r} is not a three-digit LA number")
    children = []
    seen: set[str] = set()
    child_nodes = root.findall("Children/Child")
    if not child_nodes:
        problems.append("Children: there is no Child in the file")
    for index, node in enumerate(child_nodes, start=1):
        record, found = _child(node, index, year_start)
        problems += found
        if record.child_id in seen:
            problems.append(f"Child {record.child_id}: ChildIdentifiers/LAchildID: "
                            "the same child appears twice in the file")
        seen.add(record.child_id)
        children.append(record)
    if problems:
        raise ImportRefused(problems)
    return ParsedCensus(year=year, la_number=la_number, children=tuple(children))


def _council(la_number: str) -> LocalAuthority:
    """The council the file is for: the one with its LA number, or this Hearth's own."""
    la = LocalAuthority.objects.filter(dfe_number=la_number).first()
    if la is not None:
        return la
    if la_number != settings.HEARTH_LA_DFE_NUMBER:
        raise ImportRefused([
            f"Header/Source/LEA: the file is for LA {la_number}, but this Hearth is for "
            f"LA {settings.HEARTH_LA_DFE_NUMBER} and has no council {la_number}"])
    return LocalAuthority.objects.create(
        name=settings.HEARTH_LA_NAME or f"LA {la_number}", dfe_number=la_number,
        ons_code=settings.HEARTH_LA_ONS_CODE, child_population=0)


@dataclass(frozen=True)
class Imported:
    children: int
    episodes: int


def _bulk(model: type[Any], rows: list[Any]) -> list[Any]:
    return list(model.objects.bulk_create(rows, batch_size=2000))


def write(census: ParsedCensus) -> Imported:
    """Write the census in one transaction; refuse when any of its children already exist."""
    with transaction.atomic():
        la = _council(census.la_number)
        ids = [c.child_id for c in census.children]
        clashes = sorted(Child.objects.filter(la=la, la_child_id__in=ids)
                         .values_list("la_child_id", flat=True))
        if clashes:
            raise ImportRefused([f"Child {c}: ChildIdentifiers/LAchildID: this child is "
                                 "already in Hearth (import into an empty Hearth)"
                                 for c in clashes])
        try:
            return _write(la, census)
        except IntegrityError as error:
            raise ImportRefused([f"the file breaks a rule of Hearth's records: {error}"]) from None


def _write(la: LocalAuthority, census: ParsedCensus) -> Imported:
    children = _bulk(Child, [
        Child(la=la, la_child_id=c.child_id, first_name="", last_name="", sex=c.sex,
              ethnicity=c.ethnicity, date_of_birth=c.dob, expected_date_of_birth=c.expected_dob,
              upn=c.upn, former_upn=c.former_upn, upn_unknown=c.upn_unknown,
              date_of_death=c.death)
        for c in census.children])
    _bulk(ChildDisability, [ChildDisability(la=la, child=child, code=code)
                            for child, record in zip(children, census.children, strict=True)
                            for code in record.disabilities])
    pairs = [(child, e) for child, record in zip(children, census.children, strict=True)
             for e in record.episodes]
    episodes = _bulk(CINEpisode, [
        CINEpisode(la=la, child=child, referral_date=e.referral_date,
                   referral_source=e.referral_source, referral_nfa=e.referral_nfa,
                   primary_need=e.primary_need, closure_date=e.closure_date,
                   closure_reason=e.closure_reason) for child, e in pairs])
    inside = [(episode, child, record) for episode, (child, record) in zip(episodes, pairs,
                                                                           strict=True)]
    _write_assessments(la, inside)
    _bulk(CINPlan, [CINPlan(la=la, child=child, episode=episode, start_date=p.start,
                            end_date=p.end)
                    for episode, child, record in inside for p in record.cin_plans])
    _write_protection(la, inside)
    return Imported(children=len(children), episodes=len(episodes))


_Inside = list[tuple[CINEpisode, Child, EpisodeRecord]]


def _write_assessments(la: LocalAuthority, inside: _Inside) -> None:
    records = [(episode, child, a) for episode, child, e in inside for a in e.assessments]
    rows = _bulk(Assessment, [
        Assessment(la=la, child=child, episode=episode, start_date=a.start,
                   internal_review_date=a.internal_review, completed_date=a.authorised,
                   authorised_date=a.authorised,
                   status="authorised" if a.authorised else "in_progress")
        for episode, child, a in records])
    _bulk(AssessmentFactorRecord, [
        AssessmentFactorRecord(la=la, assessment=row, code=code)
        for row, (_, _, a) in zip(rows, records, strict=True) for code in a.factors])


def _write_protection(la: LocalAuthority, inside: _Inside) -> None:
    enquiries = [(episode, child, s, e) for episode, child, e in inside for s in e.s47s]
    discussions = _bulk(StrategyDiscussion, [
        StrategyDiscussion(la=la, child=child, episode=episode, held_on=s.start,
                           s47_required=True) for episode, child, s, _ in enquiries])
    s47s = _bulk(S47Enquiry, [
        S47Enquiry(la=la, child=child, episode=episode, strategy_discussion=discussion,
                   start_date=s.start, end_date=s.end, icpc_required=s.icpc_required)
        for discussion, (episode, child, s, _) in zip(discussions, enquiries, strict=True)])
    held = [(row, child, s.icpc_date, e)
            for row, (_, child, s, e) in zip(s47s, enquiries, strict=True)
            if s.icpc_date is not None]
    icpcs = _bulk(ICPC, [
        ICPC(la=la, child=child, s47=row, held_on=day,
             plan_required=any(p.start == day for p in e.cp_plans))
        for row, child, day, e in held])
    icpc_on: dict[tuple[int, dt.date], ICPC] = {}
    for icpc, (row, _, day, _) in zip(icpcs, held, strict=True):
        icpc_on.setdefault((row.episode_id, day), icpc)
    plans = [(episode, child, p) for episode, child, e in inside for p in e.cp_plans]
    rows = _bulk(CPPlan, [
        CPPlan(la=la, child=child, episode=episode, icpc=icpc_on.pop((episode.pk, p.start), None),
               start_date=p.start, end_date=p.end, initial_category=p.initial_category,
               latest_category=p.latest_category,
               previous_plans_unrecorded=p.previous_unrecorded)
        for episode, child, p in plans])
    _bulk(CPReview, [CPReview(la=la, plan=row, review_date=day)
                     for row, (_, _, p) in zip(rows, plans, strict=True) for day in p.reviews])


def import_census(path: Path) -> Imported:
    """Check and load the census in ``path``; ``ImportRefused`` when it cannot be loaded."""
    return write(parse(path))


# -- command-line wiring (called by ``hearth import``) ---------------------------------------
def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the CIN census XML file to load")


def run(options: dict[str, Any], out: Callable[[str], None], err: Callable[[str], None]) -> int:
    """Run ``hearth import cin``; returns the exit status (0 loaded, 1 refused, 2 bad path)."""
    path = Path(options["file"])
    if not path.is_file():
        err(f"{path} is not a file")
        return 2
    try:
        done = import_census(path)
    except ImportRefused as refused:
        for problem in refused.problems:
            err(problem)
        err(f"Nothing was imported: {len(refused.problems)} problem(s) in {path}.")
        return 1
    out(f"Imported {done.children} children and {done.episodes} CIN episodes from {path}.")
    return 0
