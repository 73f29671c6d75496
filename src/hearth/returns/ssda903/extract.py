"""Read what one year's 903 needs from the database, as plain ``case`` values.

The children are those looked after at some time in the year (1 April to 31 March) and those
old enough to have their 17th to 21st birthday in it who were ever looked after (the possible
OC3 care leavers); ``tables`` then decides who is in the return. Everything is read with a fixed
number of queries whatever the size of the council (one per kind of record, each filtered by
a subquery on that cohort), never one per child.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from hearth.adoption.models import AdoptionDecision as AdoptionDecisionModel
from hearth.adoption.models import AdoptionMatch as AdoptionMatchModel
from hearth.care.models import (
    CarePeriod,
    CLAReview,
    DeprivationOfLibertyOrder,
    LegalStatusRecord,
    MissingEpisode,
    PreviousPermanenceRecord,
    SDQAssessment,
    WellbeingRecord,
)
from hearth.care.models import HealthCheck as HealthCheckModel
from hearth.care.models import Placement as PlacementModel
from hearth.core.calendar import add_years
from hearth.leavingcare.models import CareLeaverStatus
from hearth.organisation.models import Allocation as AllocationModel
from hearth.organisation.models import LocalAuthority
from hearth.people.models import Address as AddressModel
from hearth.people.models import Child, Relationship, UASCStatus
from hearth.returns.ssda903.case import (
    SDQ,
    Address,
    AdoptionDecision,
    AdoptionMatch,
    Allocation,
    CareHistory,
    ChildCase,
    HealthCheck,
    LeaverStatus,
    MissingSpell,
    PreviousPermanence,
    Review,
    Span,
    Wellbeing,
)
from hearth.returns.ssda903.cohorts import OC3_AGES, OC3_WINDOW, CollectionYear
from hearth.returns.ssda903.derive import LegalStatus, Period, Placement

_Grouped = defaultdict[int, list[Any]]


def cohort(la: LocalAuthority, year: CollectionYear) -> QuerySet[Child]:
    """Children looked after in the year, and those ever looked after who could be in OC3."""
    periods = CarePeriod.objects.filter(la=la)
    in_year = periods.filter(Q(end_date__isnull=True) | Q(end_date__gte=year.start),
                             start_date__lte=year.end)
    leavers = periods.filter(
        child__date_of_birth__gte=add_years(year.start, -max(OC3_AGES)),
        child__date_of_birth__lte=add_years(year.end, -min(OC3_AGES)),
    )
    return Child.objects.filter(la=la).filter(
        Q(id__in=in_year.values("child_id")) | Q(id__in=leavers.values("child_id")))


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    return None if moment is None else timezone.localtime(moment).date()


def _group(rows: Iterable[tuple[Any, ...]]) -> _Grouped:
    """Rows keyed by their first value (a child or parent id), the rest kept in order."""
    grouped: _Grouped = defaultdict(list)
    for key, *rest in rows:
        grouped[key].append(rest[0] if len(rest) == 1 else tuple(rest))
    return grouped


def _care(children: QuerySet[Child]) -> _Grouped:
    """Each child's periods of care with their legal statuses and placements (3 queries)."""
    statuses = _group(
        LegalStatusRecord.objects.filter(child__in=children).order_by("start_date", "id")
        .values_list("period_id", "code", "start_date", "end_date"))
    placements = _group(
        PlacementModel.objects.filter(child__in=children).order_by("start_date", "id")
        .values_list("period_id", "placement_type", "provider", "carer_ref", "postcode", "urn",
                     "start_date", "end_date", "end_reason"))
    care: _Grouped = defaultdict(list)
    for child_id, period_id, start, end, reason, need in (
            CarePeriod.objects.filter(child__in=children).order_by("start_date")
            .values_list("child_id", "id", "start_date", "end_date", "reason_ceased",
                         "category_of_need")):
        care[child_id].append(CareHistory(
            period=Period(start=start, end=end, reason_ceased=reason, category_of_need=need),
            statuses=tuple(LegalStatus(*s) for s in statuses[period_id]),
            placements=tuple(Placement(*p) for p in placements[period_id]),
        ))
    return care


def _adoption(children: QuerySet[Child]) -> _Grouped:
    """Each child's adoption decisions with their matches (2 queries)."""
    matches = _group(
        AdoptionMatchModel.objects.filter(child__in=children).order_by("matched_on")
        .values_list("decision_id", "matched_on", "family__number_of_adopters",
                     "family__adopters_sex", "family__adopters_legal_status",
                     "family__former_foster_carers"))
    decisions: _Grouped = defaultdict(list)
    for child_id, decision_id, decided, ceased, reason in (
            AdoptionDecisionModel.objects.filter(child__in=children).order_by("decision_date")
            .values_list("child_id", "id", "decision_date", "ceased_date", "ceased_reason")):
        decisions[child_id].append(AdoptionDecision(
            decided_on=decided, ceased_on=ceased, ceased_reason=reason,
            matches=tuple(AdoptionMatch(*m) for m in matches[decision_id])))
    return decisions


def extract(la: LocalAuthority, year: CollectionYear) -> list[ChildCase]:
    """Every child the 903 for ``year`` may include, with the records it needs (17 queries)."""
    children = cohort(la, year)
    ids = Q(child__in=children)

    def dated(field: str, window: dt.timedelta = dt.timedelta(0)) -> Q:
        return Q(**{f"{field}__gte": year.start - window, f"{field}__lte": year.end + window})

    care = _care(children)
    decisions = _adoption(children)
    addresses = _group(AddressModel.objects.filter(ids).order_by("start_date")
                       .values_list("child_id", "start_date", "end_date", "postcode"))
    uasc = _group(UASCStatus.objects.filter(ids).order_by("start_date")
                  .values_list("child_id", "start_date", "end_date"))
    own_children = _group(
        Relationship.objects.filter(ids, relationship_type="child",
                                    person__date_of_birth__isnull=False)
        .values_list("child_id", "person__date_of_birth"))
    reviews = _group(CLAReview.objects.filter(ids, dated("review_date"))
                     .values_list("child_id", "review_date", "participation"))
    missing = _group(MissingEpisode.objects.filter(ids).order_by("started_at")
                     .values_list("child_id", "kind", "started_at", "returned_at"))
    checks = _group(HealthCheckModel.objects.filter(ids, dated("check_date"))
                    .values_list("child_id", "kind", "check_date"))
    sdqs = _group(SDQAssessment.objects.filter(ids, dated("assessment_date"))
                  .values_list("child_id", "assessment_date", "score", "no_score_reason"))
    wellbeing = _group(WellbeingRecord.objects.filter(ids, dated("recorded_on"))
                       .values_list("child_id", "recorded_on", "convicted", "substance_misuse",
                                    "intervention_offered", "intervention_received"))
    leaver_statuses = _group(
        CareLeaverStatus.objects.filter(care_leaver__child__in=children,
                                        recorded_on__gte=year.start - OC3_WINDOW,
                                        recorded_on__lte=year.end + OC3_WINDOW)
        .values_list("care_leaver__child_id", "recorded_on", "in_touch", "activity",
                     "accommodation", "accommodation_suitable"))
    previous = {
        child_id: PreviousPermanence(option, la_code, order_date)
        for child_id, option, la_code, order_date in PreviousPermanenceRecord.objects
        .filter(ids).values_list("child_id", "option", "la_code", "order_date")}
    allocations = _group(AllocationModel.objects.filter(ids).order_by("start_date", "id")
                         .values_list("child_id", "start_date", "end_date", "worker__staff_id",
                                      "change_reason"))
    dolos = _group(DeprivationOfLibertyOrder.objects.filter(ids).order_by("start_date")
                   .values_list("child_id", "start_date", "end_date"))

    cases = []
    for child_id, la_child_id, sex, dob, ethnicity, upn, upn_unknown in (
            children.order_by("la_child_id").values_list(
                "id", "la_child_id", "sex", "date_of_birth", "ethnicity", "upn",
                "upn_unknown")):
        cases.append(ChildCase(
            child_id=la_child_id, sex=sex, dob=dob, ethnicity=ethnicity, upn=upn,
            upn_unknown=upn_unknown,
            care=tuple(care[child_id]),
            addresses=tuple(Address(s, e, p) for s, e, p in addresses[child_id]),
            uasc=tuple(Span(s, e) for s, e in uasc[child_id]),
            own_children_dobs=tuple(own_children[child_id]),
            reviews=tuple(Review(d, code) for d, code in reviews[child_id]),
            missing=tuple(MissingSpell(kind, timezone.localtime(start).date(), _local_date(end))
                          for kind, start, end in missing[child_id]),
            health_checks=tuple(HealthCheck(kind, on) for kind, on in checks[child_id]),
            sdqs=tuple(SDQ(*s) for s in sdqs[child_id]),
            wellbeing=tuple(Wellbeing(*w) for w in wellbeing[child_id]),
            leaver_statuses=tuple(LeaverStatus(*s) for s in leaver_statuses[child_id]),
            adoption_decisions=tuple(decisions[child_id]),
            previous_permanence=previous.get(child_id),
            allocations=tuple(Allocation(s, e, staff, reason)
                              for s, e, staff, reason in allocations[child_id]),
            dolos=tuple(Span(s, e) for s, e in dolos[child_id]),
        ))
    return cases

