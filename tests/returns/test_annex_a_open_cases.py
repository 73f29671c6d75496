"""Annex A lists 6-8 (children in need, child protection, children in care) from records built
with factories: one row per child for their latest episode, plan or period, open at the as-of
date or ended in the six months before it."""

from __future__ import annotations

import pytest
from tests.factories import (
    AssessmentFactory,
    ChildFactory,
    CINEpisodeFactory,
    CINPlanFactory,
    CPPlanFactory,
    LegalStatusRecordFactory,
    LocalAuthorityFactory,
    MissingEpisodeFactory,
    ReturnHomeInterviewFactory,
    VisitFactory,
)
from tests.returns.annex_a_helpers import D, annex_list, at, ids
from tests.returns.conftest import care

from hearth.care.models import CLAReview, HealthCheck
from hearth.organisation.models import LocalAuthority
from hearth.people.models import Child, ChildDisability, UASCStatus
from hearth.protection.models import CPReview

pytestmark = pytest.mark.django_db


@pytest.fixture
def la() -> LocalAuthority:
    return LocalAuthorityFactory()


def child(la: LocalAuthority, code: str) -> Child:
    return ChildFactory(la=la, la_child_id=code, date_of_birth=D(2012, 4, 1))


def test_list_6_has_each_child_in_need_once_with_their_case_status(la: LocalAuthority) -> None:
    planned = child(la, "CINPLAN")
    CINEpisodeFactory(child=planned, referral_date=D(2025, 2, 1), closure_date=D(2025, 11, 1),
                      closure_reason="RC7")
    latest = CINEpisodeFactory(child=planned, referral_date=D(2025, 12, 1), primary_need="N4")
    CINPlanFactory(episode=latest, start_date=D(2026, 1, 5))
    VisitFactory(child=planned, visit_date=D(2026, 3, 2), child_seen=True)
    VisitFactory(child=planned, visit_date=D(2026, 3, 20), child_seen=False, seen_alone=None)
    closed = child(la, "CLOSED")
    CINEpisodeFactory(child=closed, referral_date=D(2025, 6, 1), closure_date=D(2025, 10, 1),
                      closure_reason="RC7")
    gone = child(la, "GONE")
    CINEpisodeFactory(child=gone, referral_date=D(2025, 6, 1), closure_date=D(2025, 9, 30),
                      closure_reason="RC7")
    nfa = child(la, "NFA")
    CINEpisodeFactory(child=nfa, referral_date=D(2026, 1, 1), closure_date=D(2026, 1, 1),
                      closure_reason="RC8", referral_nfa=True)
    assessed = child(la, "ASSESSED")
    AssessmentFactory(episode=CINEpisodeFactory(child=assessed, referral_date=D(2026, 3, 1)))
    looked_after = child(la, "INCARE")
    care(looked_after, D(2025, 5, 1))
    ChildDisability.objects.create(la=la, child=looked_after, code="AUT")

    rows = annex_list(la, 6)

    assert [(r["Child Unique ID"], r["CIN Start Date"], r["Primary Need Code"],
             r["Date Child Was Last Seen"], r["CIN Closure Date"], r["Reason for Closure"],
             r["Case status"], r["Does the Child have a Disability"]) for r in rows] == [
        ("ASSESSED", D(2026, 3, 1), "N1 - Abuse or neglect", None, None, None,
         "d) Open assessment", "b) No"),
        ("CINPLAN", D(2025, 12, 1), "N4 - Family in acute stress", D(2026, 3, 2), None, None,
         "c) Child in need plan", "b) No"),
        ("CLOSED", D(2025, 6, 1), "N1 - Abuse or neglect", None, D(2025, 10, 1),
         "RC7 - Services ceased for any other reason, including child no longer in need",
         "e) Closed episode", "b) No"),
        ("INCARE", D(2025, 4, 1), "N1 - Abuse or neglect", None, None, None,
         "a) Looked after child", "a) Yes"),
    ]


def test_list_7_has_current_plans_and_plans_ended_in_the_six_months(la: LocalAuthority) -> None:
    current = child(la, "CURRENT")
    episode = CINEpisodeFactory(child=current, referral_date=D(2023, 1, 1))
    CPPlanFactory(episode=episode, start_date=D(2023, 2, 1), end_date=D(2023, 9, 1))
    plan = CPPlanFactory(episode=episode, start_date=D(2025, 6, 1), initial_category="PHY",
                         latest_category="MUL")
    CPReview.objects.create(la=la, plan=plan, review_date=D(2025, 9, 1))
    CPReview.objects.create(la=la, plan=plan, review_date=D(2026, 4, 1))
    VisitFactory(child=current, kind="cp", visit_date=D(2026, 3, 25), seen_alone=False)
    VisitFactory(child=current, kind="cp", visit_date=D(2026, 4, 2), seen_alone=True)
    ended = child(la, "ENDED")
    CPPlanFactory(episode=CINEpisodeFactory(child=ended, referral_date=D(2025, 1, 1)),
                  start_date=D(2025, 2, 1), end_date=D(2025, 10, 1))
    earlier = child(la, "EARLIER")
    CPPlanFactory(episode=CINEpisodeFactory(child=earlier, referral_date=D(2025, 1, 1)),
                  start_date=D(2025, 2, 1), end_date=D(2025, 9, 30))
    protected = child(la, "EPO")
    period = care(protected, D(2025, 12, 1), D(2025, 12, 20), "E4A",
                  statuses=(("L2", D(2025, 12, 1)),))
    CPPlanFactory(episode=period.episode, start_date=D(2026, 1, 10))
    LegalStatusRecordFactory(period=care(child(la, "OLDEPO"), D(2025, 1, 1), D(2025, 3, 1),
                                         "E4A", statuses=(("L2", D(2025, 1, 1)),)),
                             code="L1", start_date=D(2025, 3, 1), end_date=D(2025, 3, 1))

    rows = annex_list(la, 7)

    assert [tuple(r.values())[5:15] for r in rows] == [
        ("b) No", D(2025, 6, 1), "b) Physical abuse", "e) Multiple/not recommended",
         D(2026, 3, 25), "b) No", D(2025, 9, 1), None, "b) No", 1),
        ("b) No", D(2025, 2, 1), "a) Neglect", "a) Neglect", None, None, None, D(2025, 10, 1),
         "b) No", 0),
        ("b) No", D(2026, 1, 10), "a) Neglect", "a) Neglect", None, None, None, None, "a) Yes",
         0),
    ]
    assert ids(rows) == ["CURRENT", "ENDED", "EPO"]


def test_list_8_has_children_in_care_and_those_who_left_in_the_six_months(
        la: LocalAuthority) -> None:
    twice = child(la, "TWICE")
    first = care(twice, D(2025, 2, 1), D(2025, 6, 1), "E4A")
    period = care(twice, D(2025, 8, 1), statuses=(("V2", D(2025, 8, 1)), ("C1", D(2025, 9, 9))),
                  placements=(("U6", "FC1", D(2025, 8, 1)), ("K2", "HOME1", D(2026, 2, 2))),
                  episode=first.episode)
    period.permanence_plan = "fostering"
    period.save()
    period.placements.filter(placement_type="K2").update(
        location_la="E10000012", urn="SC123456", postcode="CM2 0AA", provider="PR4")
    UASCStatus.objects.create(la=la, child=twice, start_date=D(2024, 1, 1),
                              end_date=D(2025, 4, 1))
    CLAReview.objects.create(la=la, child=twice, period=period, review_date=D(2025, 10, 1),
                             participation="PN1")
    VisitFactory(child=twice, kind="cla", visit_date=D(2026, 3, 3))
    VisitFactory(child=twice, kind="iro", visit_date=D(2026, 1, 4))
    for kind, day in (("iha", D(2025, 8, 20)), ("rha", D(2026, 2, 10)), ("dental", D(2025, 12, 1))):
        HealthCheck.objects.create(la=la, child=twice, kind=kind, check_date=day)
    MissingEpisodeFactory(child=twice, kind="A", started_at=at(D(2025, 11, 1), 21),
                          returned_at=at(D(2025, 11, 2), 1))
    ReturnHomeInterviewFactory(episode=MissingEpisodeFactory(
        child=twice, started_at=at(D(2025, 12, 1), 21), returned_at=at(D(2025, 12, 2), 1)),
        accepted=False, held_at=None)
    MissingEpisodeFactory(child=twice, started_at=at(D(2026, 1, 5), 21),
                          returned_at=at(D(2026, 1, 6), 1))
    left = child(la, "LEFT")
    care(left, D(2024, 1, 1), D(2025, 10, 1), "E13")
    care(child(la, "LEFTBEFORE"), D(2024, 1, 1), D(2025, 9, 30), "E13")
    care(child(la, "STARTSLATER"), D(2026, 4, 1))

    rows = {r["Child Unique ID"]: r for r in annex_list(la, 8)}

    assert sorted(rows) == ["LEFT", "TWICE"]
    assert list(rows["TWICE"].values())[5:] == [
        "a) Yes", "b) No", D(2025, 8, 1), "N1 - Abuse or neglect", "a) Yes", D(2025, 9, 9),
        "C1: ICO", D(2025, 10, 1), D(2026, 3, 3), "f) Long-term fostering", D(2026, 1, 4),
        D(2026, 2, 10), D(2025, 12, 1), 3, None, None, D(2026, 2, 2), "p) K2: Children's Homes",
        "e) PR4: Private provision", "CM2 0AA", "SC123456", "a) In", "E10000012", 2, 1,
        "b) No", None, None, None]
    assert list(rows["LEFT"].values())[5:25] == [
        "b) No", "b) No", D(2024, 1, 1), "N1 - Abuse or neglect", "b) No", D(2024, 1, 1),
        "C2: FCO", None, None, None, None, None, None, 1, D(2025, 10, 1),
        "g) E13: Parents, relatives or other with no parental responsibility", D(2024, 1, 1),
        "f) U6: Foster placement - not FFA", "b) PR1: Own provision", "CM1 1AA"]


def test_list_8_return_interview_after_the_last_missing_episode(la: LocalAuthority) -> None:
    runner = child(la, "RUNNER")
    care(runner, D(2025, 1, 1))
    MissingEpisodeFactory(child=runner, started_at=at(D(2025, 3, 1), 21),
                          returned_at=at(D(2025, 3, 2), 1))
    ReturnHomeInterviewFactory(episode=MissingEpisodeFactory(
        child=runner, started_at=at(D(2026, 2, 1), 21), returned_at=at(D(2026, 2, 2), 1)))
    row = annex_list(la, 8)[0]
    assert list(row.values())[-6:-2] == [1, 0, "a) Yes", "a) Yes"]
