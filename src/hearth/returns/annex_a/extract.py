"""Read what Annex A needs for one as-of date from the database, as plain ``records``.

Each list's records are read with one query filtered to the period it covers (``window``), and
the facts about the children in them (identity, disability, UASC, who holds the case) with one
more query over the union of those children. Everything is set-based: the number of queries is
fixed (31) whatever the size of the council, never one per child. Nothing dated after the as-of
date is read, except end dates, which ``derive`` treats as not yet known.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import DateField, Exists, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone

from hearth.adoption.models import Adopter as AdopterModel
from hearth.adoption.models import AdoptionDecision as AdoptionDecisionModel
from hearth.adoption.models import AdoptionMatch
from hearth.assessment.models import Assessment as AssessmentModel
from hearth.care.models import CarePeriod as CarePeriodModel
from hearth.care.models import CLAReview, HealthCheck, LegalStatusRecord
from hearth.care.models import MissingEpisode as MissingEpisodeModel
from hearth.care.models import Placement as PlacementModel
from hearth.cin.models import CINEpisode as CINEpisodeModel
from hearth.cin.models import CINPlan
from hearth.earlyhelp.models import EarlyHelpAssessment as EarlyHelpAssessmentModel
from hearth.earlyhelp.models import EarlyHelpEpisode as EarlyHelpEpisodeModel
from hearth.frontdoor.models import Contact as ContactModel
from hearth.leavingcare.models import AdviserContact, CareLeaverStatus, PathwayPlan
from hearth.leavingcare.models import CareLeaver as CareLeaverModel
from hearth.organisation.models import Allocation, LocalAuthority
from hearth.people.models import Child, ChildDisability, UASCStatus
from hearth.practice.models import Visit
from hearth.protection.models import ICPC
from hearth.protection.models import CPPlan as CPPlanModel
from hearth.protection.models import S47Enquiry as S47EnquiryModel
from hearth.returns.annex_a.records import (
    Adopter,
    AdoptionDecision,
    AnnexAData,
    Assessment,
    CareLeaver,
    CarePeriod,
    ChildFacts,
    CINEpisode,
    Contact,
    CPPlan,
    EarlyHelpAssessment,
    EarlyHelpEpisode,
    FamilyMatch,
    LeaverStatus,
    LegalStatus,
    MissingEpisode,
    Placement,
    Referral,
    S47Enquiry,
)
from hearth.returns.annex_a.window import Window
from hearth.timescales.rules import LONDON

#: Legal statuses that mean an emergency protection order or police protection (list 7).
EMERGENCY_STATUSES = ("L1", "L2")
PLACED_FOR_ADOPTION = ("A3", "A4", "A5", "A6")
FOSTERING_FOR_ADOPTION = ("U2", "U5")
ADOPTED = ("E11", "E12")
#: Visits whose latest date list 8 reports: the social worker's statutory visit and the IRO's.
CARE_VISITS = ("cla", "iro")
HEALTH_ASSESSMENTS = ("iha", "rha")
DENTAL = "dental"


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=LONDON)


def _local(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment, LONDON).date()


def _grouped(rows: Iterable[tuple[Any, ...]]) -> defaultdict[Any, list[Any]]:
    grouped: defaultdict[Any, list[Any]] = defaultdict(list)
    for key, *rest in rows:
        grouped[key].append(rest[0] if len(rest) == 1 else tuple(rest))
    return grouped


def _open_at(day: dt.date, start: str = "start_date", end: str = "end_date") -> Q:
    return Q(**{f"{start}__lte": day}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": day}))


def _open_since(first: dt.date, last: dt.date, start: str = "start_date",
                end: str = "end_date") -> Q:
    """Started by ``last`` and not ended before ``first``: open at some time from one to the
    other (ending on ``first`` counts, as an event in the period)."""
    return Q(**{f"{start}__lte": last}) & (Q(**{f"{end}__isnull": True})
                                           | Q(**{f"{end}__gte": first}))


class _Queries:
    """The querysets of one extract; ``children`` is the union of the children they name."""

    def __init__(self, la: LocalAuthority, window: Window) -> None:
        w, six, twelve = window.as_of, window.six_months_start, window.twelve_months_start
        self.contacts = ContactModel.objects.filter(
            la=la, received_at__gte=_midnight(six),
            received_at__lt=_midnight(w + dt.timedelta(days=1)))
        self.eh_open = EarlyHelpEpisodeModel.objects.filter(_open_at(w), la=la)
        self.eh_assessments = EarlyHelpAssessmentModel.objects.filter(
            _open_since(six, w, end="completion_date") | Q(episode__in=self.eh_open),
            la=la, start_date__lte=w)
        self.referrals = CINEpisodeModel.objects.filter(
            la=la, referral_date__gte=twelve, referral_date__lte=w)
        self.assessments = AssessmentModel.objects.filter(
            _open_since(six, w, end="authorised_date"), la=la)
        self.s47s = S47EnquiryModel.objects.filter(
            _open_since(six, w) | Q(start_date__gte=twelve), la=la, start_date__lte=w)
        self.icpcs = ICPC.objects.filter(la=la, held_on__gte=twelve, held_on__lte=w)
        self.cin = CINEpisodeModel.objects.filter(
            _open_since(six, w, start="referral_date", end="closure_date"), la=la,
            referral_nfa=False)
        self.cp = CPPlanModel.objects.filter(_open_since(six, w), la=la)
        self.care = CarePeriodModel.objects.filter(_open_since(twelve, w), la=la)
        self.leavers = CareLeaverModel.objects.filter(_open_at(w), la=la)
        self.decisions = AdoptionDecisionModel.objects.filter(
            Q(ceased_date__isnull=True) | Q(ceased_date__gte=twelve), la=la,
            decision_date__lte=w)
        started = Q(stage1_start__lte=w) | Q(application_date__lte=w)
        self.adopters = AdopterModel.objects.filter(
            started, Q(left_process_date__isnull=True) | Q(left_process_date__gte=twelve), la=la)
        # One UNION of the lists' children: OR-ing eleven IN (subquery) conditions makes
        # PostgreSQL test every child of the council against each of them.
        first, *rest = (qs.values_list("episode__child_id" if qs.model is EarlyHelpAssessmentModel
                                       else "child_id").order_by()
                        for qs in (self.contacts, self.eh_assessments, self.eh_open,
                                   self.referrals, self.assessments, self.s47s, self.cin,
                                   self.cp, self.care, self.leavers, self.decisions))
        self.children: QuerySet[Child] = Child.objects.filter(id__in=first.union(*rest), la=la)


def _children(q: _Queries, window: Window) -> dict[int, ChildFacts]:
    """Identity, disability, UASC and the case holder (current or last) of every listed child,
    in one query over the union of the lists' children."""
    w = window.as_of
    allocation = (Allocation.objects.filter(child=OuterRef("pk"), start_date__lte=w)
                  .order_by("-start_date", "-id"))
    uasc = UASCStatus.objects.filter(child=OuterRef("pk"), start_date__lte=w)
    rows = q.children.annotate(
        disabled=Exists(ChildDisability.objects.filter(child=OuterRef("pk"))),
        team=Subquery(allocation.values("team__name")[:1]),
        worker=Subquery(allocation.annotate(
            name=Concat("worker__first_name", Value(" "), "worker__last_name"))
            .values("name")[:1]),
        uasc_12=Exists(uasc.filter(Q(end_date__isnull=True)
                                   | Q(end_date__gte=window.twelve_months_start))),
        uasc_ever=Exists(uasc),
    ).values_list("id", "la_child_id", "sex", "ethnicity", "date_of_birth", "disabled", "team",
                  "worker", "uasc_12", "uasc_ever")
    return {pk: ChildFacts(child_id, sex, ethnicity, dob, disabled, team or "", worker or "",
                           uasc_12, uasc_ever)
            for pk, child_id, sex, ethnicity, dob, disabled, team, worker, uasc_12, uasc_ever
            in rows}


def _latest(qs: QuerySet[Any], key: str, field: str) -> dict[Any, dt.date]:
    return dict(qs.values(key).annotate(last=Max(field)).values_list(key, "last"))


def _front_door(q: _Queries, data: AnnexAData) -> None:
    """Lists 1-5: contacts, early help, referrals, assessments, s47 enquiries and ICPCs."""
    data.contacts = [Contact(child, _local(at), source) for child, at, source in
                     q.contacts.values_list("child_id", "received_at", "source")]
    data.early_help_open = [EarlyHelpEpisode(*row) for row in q.eh_open.values_list(
        "child_id", "id", "organisation")]
    data.early_help_assessments = [EarlyHelpAssessment(*row) for row in (
        q.eh_assessments.order_by("start_date", "id").values_list(
            "episode__child_id", "episode_id", "start_date", "completion_date", "organisation"))]
    data.referrals = [Referral(*row) for row in q.referrals.order_by("referral_date", "id")
                      .values_list("child_id", "referral_date", "referral_source",
                                   "referral_nfa")]
    data.assessments = [Assessment(*row) for row in q.assessments.order_by("start_date", "id")
                        .values_list("child_id", "start_date", "child_seen_date",
                                     "authorised_date", "child_in_need")]
    data.s47s = [S47Enquiry(*row) for row in q.s47s.order_by("start_date", "id").values_list(
        "child_id", "strategy_discussion__held_on", "start_date", "end_date", "icpc_required",
        "icpc__held_on", "icpc__plan_required")]
    data.icpc_dates = dict(_grouped(q.icpcs.values_list("child_id", "held_on")))


def _open_cases(q: _Queries, data: AnnexAData, window: Window) -> None:
    """Lists 6-8: episodes of need, CP plans, periods of care and what they report."""
    w = window.as_of
    data.cin_episodes = [CINEpisode(*row) for row in q.cin.order_by("referral_date", "id")
                         .values_list("child_id", "referral_date", "primary_need",
                                      "closure_date", "closure_reason")]
    data.cin_plan_open = set(CINPlan.objects.filter(_open_at(w), child__in=q.cin.values(
        "child_id")).values_list("child_id", flat=True))
    data.last_seen = _latest(Visit.objects.filter(child__in=q.cin.values("child_id"),
                                                  child_seen=True, visit_date__lte=w),
                             "child_id", "visit_date")
    plan_end = Coalesce(OuterRef("end_date"), Value(w, output_field=DateField()))
    visits = Visit.objects.filter(child=OuterRef("child_id"), kind="cp", visit_date__lte=w,
                                  visit_date__gte=OuterRef("start_date"),
                                  ).filter(visit_date__lte=plan_end).order_by("-visit_date", "-id")
    data.cp_plans = [CPPlan(*row) for row in q.cp.order_by("start_date", "id").annotate(
        last_review=Max("reviews__review_date", filter=Q(reviews__review_date__lte=w)),
        last_visit=Subquery(visits.values("visit_date")[:1]),
        seen_alone=Subquery(visits.values("seen_alone")[:1]),
    ).values_list("child_id", "start_date", "end_date", "initial_category", "latest_category",
                  "last_review", "last_visit", "seen_alone")]
    data.cp_plan_starts = dict(_grouped(CPPlanModel.objects.filter(
        child__in=q.cp.values("child_id"), start_date__lte=w)
        .values_list("child_id", "start_date")))
    data.emergency_protection = set(LegalStatusRecord.objects.filter(
        _open_since(window.six_months_start, w), code__in=EMERGENCY_STATUSES,
        child__in=q.cp.values("child_id")).values_list("child_id", flat=True))

    reviews = _latest(CLAReview.objects.filter(period__in=q.care, review_date__lte=w),
                      "period_id", "review_date")
    data.care_periods = [
        CarePeriod(child, period, start, end, reason, need, plan, reviews.get(period))
        for child, period, start, end, reason, need, plan in q.care.order_by("start_date")
        .values_list("child_id", "id", "start_date", "end_date", "reason_ceased",
                     "category_of_need", "permanence_plan")]
    data.legal_statuses = [LegalStatus(*row) for row in LegalStatusRecord.objects.filter(
        period__in=q.care, start_date__lte=w).order_by("start_date", "id")
        .values_list("period_id", "code", "start_date")]
    care_children = q.care.values("child_id")
    data.placements = [Placement(*row) for row in PlacementModel.objects.filter(
        _open_since(window.twelve_months_start, w), child__in=care_children)
        .order_by("start_date", "id").values_list(
            "child_id", "period_id", "placement_type", "start_date", "end_date", "provider",
            "postcode", "urn", "location_la")]
    data.last_visits = {(child, kind): day for child, kind, day in Visit.objects.filter(
        child__in=care_children, kind__in=CARE_VISITS, visit_date__lte=w)
        .values("child_id", "kind").annotate(last=Max("visit_date"))
        .values_list("child_id", "kind", "last")}
    data.last_health_checks = {(child, kind): day for child, kind, day in HealthCheck.objects
                               .filter(child__in=care_children, check_date__lte=w,
                                       kind__in=(*HEALTH_ASSESSMENTS, DENTAL))
                               .values("child_id", "kind").annotate(last=Max("check_date"))
                               .values_list("child_id", "kind", "last")}
    data.missing = [
        MissingEpisode(child, kind, _local(started), offered is not None, accepted)
        for child, kind, started, offered, accepted in MissingEpisodeModel.objects.filter(
            child__in=care_children, started_at__gte=_midnight(window.twelve_months_start),
            started_at__lt=_midnight(w + dt.timedelta(days=1)))
        .order_by("started_at", "id").values_list(
            "child_id", "kind", "started_at", "return_interview__offered_at",
            "return_interview__accepted")]


def _leaving_and_adoption(q: _Queries, data: AnnexAData, window: Window) -> None:
    """Lists 9-11: care leavers, children with adoption decisions, adopters."""
    w = window.as_of
    statuses = _grouped(CareLeaverStatus.objects.filter(
        care_leaver__in=q.leavers, recorded_on__lte=w).order_by("recorded_on", "id")
        .values_list("care_leaver_id", "recorded_on", "in_touch", "activity", "accommodation",
                     "accommodation_suitable"))
    plans = _latest(PathwayPlan.objects.filter(care_leaver__in=q.leavers, plan_date__lte=w),
                    "care_leaver_id", "plan_date")
    contacts = _latest(AdviserContact.objects.filter(care_leaver__in=q.leavers,
                                                     contact_date__lte=w),
                       "care_leaver_id", "contact_date")
    data.care_leavers = [
        CareLeaver(child, eligibility, adviser or "",
                   tuple(LeaverStatus(*s) for s in statuses[pk]), plans.get(pk),
                   contacts.get(pk))
        for pk, child, eligibility, adviser in q.leavers.annotate(adviser=Concat(
            "personal_adviser__first_name", Value(" "), "personal_adviser__last_name"))
        .values_list("id", "child_id", "eligibility", "adviser")]

    matches = (AdoptionMatch.objects.filter(decision=OuterRef("pk"), matched_on__lte=w)
               .order_by("-matched_on", "-id"))
    data.adoption_decisions = [
        AdoptionDecision(child, decided, ceased, reason, matched, family or "")
        for child, decided, ceased, reason, matched, family in q.decisions.order_by(
            "decision_date", "id").annotate(
                matched=Subquery(matches.values("matched_on")[:1]),
                family=Subquery(matches.values("family__family_ref")[:1]),
        ).values_list("child_id", "decision_date", "ceased_date", "ceased_reason", "matched",
                      "family")]
    decided = q.decisions.values("child_id")
    data.adoption_periods = [CarePeriod(*row) for row in CarePeriodModel.objects.filter(
        child__in=decided, start_date__lte=w).order_by("start_date").values_list(
        "child_id", "id", "start_date", "end_date", "reason_ceased", "category_of_need")]
    data.placement_orders = [LegalStatus(*row) for row in LegalStatusRecord.objects.filter(
        child__in=decided, code="E1", start_date__lte=w).order_by("start_date")
        .values_list("period_id", "code", "start_date")]
    data.adoption_placements = [Placement(*row) for row in PlacementModel.objects.filter(
        child__in=decided, start_date__lte=w,
        placement_type__in=(*PLACED_FOR_ADOPTION, *FOSTERING_FOR_ADOPTION))
        .order_by("start_date").values_list("child_id", "period_id", "placement_type",
                                            "start_date")]

    data.adopters = [Adopter(*row) for row in q.adopters.order_by("family__family_ref",
                                                                 "adopter_ref").values_list(
        "adopter_ref", "family_id", "family__family_ref", "sex", "ethnicity", "disabled",
        "fostering_for_adoption", "enquiry_date", "stage1_start", "stage1_end", "stage2_start",
        "stage2_end", "application_date", "approval_date", "left_process_date",
        "left_process_reason")]
    placed = (PlacementModel.objects.filter(
        child=OuterRef("child_id"), placement_type__in=PLACED_FOR_ADOPTION,
        start_date__gte=OuterRef("matched_on"), start_date__lte=w).order_by("start_date"))
    adopted = (CarePeriodModel.objects.filter(
        child=OuterRef("child_id"), reason_ceased__in=ADOPTED,
        end_date__gte=OuterRef("matched_on"), end_date__lte=w).order_by("end_date"))
    data.family_matches = [FamilyMatch(*row) for row in AdoptionMatch.objects.filter(
        family__in=q.adopters.values("family_id"), matched_on__lte=w).annotate(
            placed_on=Subquery(placed.values("start_date")[:1]),
            adopted_on=Subquery(adopted.values("end_date")[:1]),
    ).order_by("matched_on").values_list("family_id", "child_id", "matched_on", "placed_on",
                                         "adopted_on")]


def extract(la: LocalAuthority, as_of: dt.date) -> AnnexAData:
    """Every record Annex A at ``as_of`` needs for the council ``la``."""
    window = Window(as_of)
    q = _Queries(la, window)
    data = AnnexAData(window=window, la_ons_code=la.ons_code)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The per-child subqueries make the planner's cost estimate large enough to trigger
            # JIT compilation, which takes longer (about 2s) than these index lookups do.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        data.children = _children(q, window)
        _front_door(q, data)
        _open_cases(q, data, window)
        _leaving_and_adoption(q, data, window)
    return data

