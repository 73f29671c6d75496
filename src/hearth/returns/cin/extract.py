"""Read what one year's CIN census needs from the database, as plain ``case`` records.

The cohort is every child with a CIN episode referred by 31 March and not closed before
1 April. Everything is read with a fixed number of queries whatever the size of the council
(one per kind of record, each filtered by a subquery on the episodes of the year), never one
per child; ``derive`` then decides what of it the year reports.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet

from hearth.assessment.models import Assessment, AssessmentFactorRecord
from hearth.cin.models import CINEpisode, CINPlan
from hearth.organisation.models import LocalAuthority
from hearth.people.models import Child, ChildDisability
from hearth.protection.models import CPPlan, CPReview, S47Enquiry
from hearth.returns.cin.case import (
    AssessmentRecord,
    ChildRecord,
    CPPlanRecord,
    EpisodeRecord,
    PlanRecord,
    S47Record,
)
from hearth.returns.ssda903.cohorts import CollectionYear

_Grouped = defaultdict[int, list[Any]]


def episodes_in_year(la: LocalAuthority, year: CollectionYear) -> QuerySet[CINEpisode]:
    """The council's CIN episodes open at some time in the year."""
    return CINEpisode.objects.filter(la=la, referral_date__lte=year.end).filter(
        Q(closure_date__isnull=True) | Q(closure_date__gte=year.start))


def _grouped(rows: Any) -> _Grouped:
    grouped: _Grouped = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row[1:])
    return grouped


def extract(la: LocalAuthority, year: CollectionYear) -> list[ChildRecord]:
    """Every child with an episode open in ``year``, with its records (10 queries)."""
    episodes = episodes_in_year(la, year)
    children = Child.objects.filter(la=la, id__in=episodes.values("child_id"))
    in_episodes = Q(episode__in=episodes.values("id"))

    factors = _grouped(
        AssessmentFactorRecord.objects.filter(assessment__episode__in=episodes.values("id"))
        .order_by("code").values_list("assessment_id", "code"))
    assessments = _grouped(
        Assessment.objects.filter(in_episodes).order_by("start_date", "id")
        .values_list("episode_id", "id", "start_date", "authorised_date", "internal_review_date"))
    plans = _grouped(CINPlan.objects.filter(in_episodes).order_by("start_date", "id")
                     .values_list("episode_id", "start_date", "end_date"))
    enquiries = _grouped(
        S47Enquiry.objects.filter(in_episodes).order_by("start_date", "id")
        .values_list("episode_id", "start_date", "end_date", "icpc_required", "icpc__held_on"))
    reviews = _grouped(CPReview.objects.filter(plan__episode__in=episodes.values("id"))
                       .order_by("review_date").values_list("plan_id", "review_date"))
    cp_plans = _grouped(
        CPPlan.objects.filter(in_episodes).order_by("start_date", "id")
        .values_list("episode_id", "id", "start_date", "end_date", "initial_category",
                      "latest_category", "previous_plans_unrecorded"))
    cp_starts = _grouped(CPPlan.objects.filter(child__in=children.values("id"))
                         .values_list("child_id", "start_date"))
    disabilities = _grouped(ChildDisability.objects.filter(child__in=children.values("id"))
                            .values_list("child_id", "code"))

    # Most episodes have no S47 enquiry or CP plan (and many no assessment or plan): look each
    # kind up once and build nothing for an episode without it.
    no_rows: list[Any] = []
    child_episodes: _Grouped = defaultdict(list)
    for (episode_id, child_id, referred, source, nfa, need, closed, reason) in (
            episodes.order_by("referral_date", "id").values_list(
                "id", "child_id", "referral_date", "referral_source", "referral_nfa",
                "primary_need", "closure_date", "closure_reason")):
        its_assessments = assessments.get(episode_id, no_rows)
        its_plans = plans.get(episode_id, no_rows)
        its_enquiries = enquiries.get(episode_id, no_rows)
        its_cp_plans = cp_plans.get(episode_id, no_rows)
        child_episodes[child_id].append(EpisodeRecord(
            referral_date=referred, referral_source=source, referral_nfa=nfa,
            primary_need=need, closure_date=closed, closure_reason=reason,
            assessments=tuple(
                AssessmentRecord(start=start, authorised=authorised, internal_review=review,
                                 factors=tuple(code for (code,) in factors.get(assessment_id,
                                                                               no_rows)))
                for assessment_id, start, authorised, review in its_assessments
            ) if its_assessments else (),
            cin_plans=tuple(PlanRecord(start, end) for start, end in its_plans
                            ) if its_plans else (),
            s47s=tuple(S47Record(start=start, end=end, icpc_required=required, icpc_date=icpc)
                       for start, end, required, icpc in its_enquiries
                       ) if its_enquiries else (),
            cp_plans=tuple(
                CPPlanRecord(start=start, end=end, initial_category=initial,
                             latest_category=latest,
                             reviews=tuple(day for (day,) in reviews.get(plan_id, no_rows)),
                             previous_unrecorded=unrecorded)
                for plan_id, start, end, initial, latest, unrecorded in its_cp_plans
            ) if its_cp_plans else (),
        ))

    return [
        ChildRecord(
            child_id=la_child_id, sex=sex, ethnicity=ethnicity, dob=dob, expected_dob=expected,
            upn=upn, former_upn=former_upn, upn_unknown=upn_unknown, death=death,
            disabilities=tuple(code for (code,) in disabilities.get(child_id, no_rows)),
            episodes=tuple(child_episodes.get(child_id, no_rows)),
            cp_plan_starts=tuple(day for (day,) in cp_starts.get(child_id, no_rows)))
        for (child_id, la_child_id, sex, ethnicity, dob, expected, upn, former_upn, upn_unknown,
             death) in children.order_by("la_child_id").values_list(
                "id", "la_child_id", "sex", "ethnicity", "date_of_birth",
                "expected_date_of_birth", "upn", "former_upn", "upn_unknown", "date_of_death")]
