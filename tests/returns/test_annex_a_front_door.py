"""Annex A lists 1-5 (contacts, early help, referrals, assessments, s47 enquiries) from records
built with factories: who is in each list's six months, and one row per event."""

from __future__ import annotations

import pytest
from tests.factories import (
    AllocationFactory,
    AssessmentFactory,
    ChildFactory,
    CINEpisodeFactory,
    ContactFactory,
    ICPCFactory,
    LocalAuthorityFactory,
    S47EnquiryFactory,
    StrategyDiscussionFactory,
    TeamFactory,
    WorkerFactory,
)
from tests.returns.annex_a_helpers import AS_OF, D, annex_list, at, ids

from hearth.earlyhelp.models import EarlyHelpAssessment, EarlyHelpEpisode
from hearth.organisation.models import LocalAuthority

pytestmark = pytest.mark.django_db


@pytest.fixture
def la() -> LocalAuthority:
    return LocalAuthorityFactory()


def test_list_1_has_one_row_per_contact_received_in_the_six_months(la: LocalAuthority) -> None:
    twice = ChildFactory(la=la, la_child_id="TWICE", date_of_birth=D(2015, 6, 1))
    ContactFactory(child=twice, received_at=at(D(2025, 10, 1), 0, 30), source="2A")
    ContactFactory(child=twice, received_at=at(AS_OF, 23, 59), source="6")
    early = ChildFactory(la=la, la_child_id="EARLY")
    ContactFactory(child=early, received_at=at(D(2025, 9, 30), 23, 30))
    late = ChildFactory(la=la, la_child_id="LATE")
    ContactFactory(child=late, received_at=at(D(2026, 4, 1), 0, 1))

    rows = annex_list(la, 1)

    assert [tuple(r.values()) for r in rows] == [
        ("TWICE", "b) Female", "a) WBRI", D(2015, 6, 1), 10, D(2025, 10, 1), "e) 2A: Schools"),
        ("TWICE", "b) Female", "a) WBRI", D(2015, 6, 1), 10, AS_OF, "q) 6: Police"),
    ]


def test_list_2_has_assessments_open_in_the_six_months_and_current_interventions(
        la: LocalAuthority) -> None:
    def episode(code: str, start: D, end: D | None = None) -> EarlyHelpEpisode:
        child = ChildFactory(la=la, la_child_id=code)
        return EarlyHelpEpisode.objects.create(la=la, child=child, start_date=start,
                                               end_date=end, organisation="Family Hub North")

    recent = episode("RECENT", D(2025, 10, 20), D(2026, 2, 1))
    EarlyHelpAssessment.objects.create(la=la, episode=recent, start_date=D(2025, 11, 1),
                                       completion_date=D(2025, 11, 20), organisation="School")
    old = episode("OLD", D(2025, 1, 1), D(2025, 9, 15))
    EarlyHelpAssessment.objects.create(la=la, episode=old, start_date=D(2025, 1, 2),
                                       completion_date=D(2025, 9, 30), organisation="School")
    current = episode("CURRENT", D(2024, 5, 1))
    EarlyHelpAssessment.objects.create(la=la, episode=current, start_date=D(2024, 5, 2),
                                       completion_date=D(2024, 6, 1), organisation="Health")
    episode("NEW", D(2026, 3, 30))
    episode("ENDED", D(2025, 1, 1), AS_OF)

    rows = annex_list(la, 2)

    assert [(r["Child Unique ID"], r["Assessment start date"], r["Assessment completion date"],
             r["Organisation completing assessment"]) for r in rows] == [
        ("CURRENT", D(2024, 5, 2), D(2024, 6, 1), "Health"),
        ("NEW", None, None, "Family Hub North"),
        ("RECENT", D(2025, 11, 1), D(2025, 11, 20), "School"),
    ]


def test_list_3_has_one_row_per_referral_and_counts_the_twelve_months(
        la: LocalAuthority) -> None:
    child = ChildFactory(la=la, la_child_id="REFERRED")
    for day in (D(2025, 3, 31), D(2025, 4, 1), D(2025, 9, 30)):
        CINEpisodeFactory(child=child, referral_date=day, closure_date=day, closure_reason="RC8",
                          referral_nfa=True)
    CINEpisodeFactory(child=child, referral_date=D(2025, 10, 1), referral_source="1A",
                      closure_date=D(2025, 12, 1), closure_reason="RC7")
    CINEpisodeFactory(child=child, referral_date=AS_OF, referral_source="5D")
    CINEpisodeFactory(child=ChildFactory(la=la, la_child_id="AFTER"),
                      referral_date=D(2026, 4, 1))
    team = TeamFactory(la=la, area__la=la, name="Assessment North")
    AllocationFactory(child=child, worker=WorkerFactory(team=team, first_name="Ada",
                                                        last_name="Lovelace"),
                      start_date=D(2025, 10, 1))
    AllocationFactory(child=child, start_date=D(2026, 4, 2))

    rows = annex_list(la, 3)

    assert [tuple(r.values())[5:] for r in rows] == [
        (D(2025, 10, 1), "a) 1A: Individual", "b) No", 4, "Assessment North", "Ada Lovelace"),
        (AS_OF, "p1) 5D: LA services", "b) No", 4, "Assessment North", "Ada Lovelace"),
    ]


def test_list_4_has_assessments_open_during_the_six_months(la: LocalAuthority) -> None:
    def assessment(code: str, start: D, authorised: D | None = None, **kwargs: object) -> None:
        episode = CINEpisodeFactory(child=ChildFactory(la=la, la_child_id=code),
                                    referral_date=start)
        AssessmentFactory(episode=episode, start_date=start, authorised_date=authorised,
                          completed_date=authorised,
                          status="authorised" if authorised else "in_progress", **kwargs)

    assessment("BEFORE", D(2025, 8, 1), D(2025, 9, 30), child_in_need=True)
    assessment("FIRSTDAY", D(2025, 8, 1), D(2025, 10, 1), child_in_need=True,
               child_seen_date=D(2025, 8, 5))
    assessment("OPEN", D(2026, 1, 10))
    assessment("AUTHLATER", D(2026, 3, 1), D(2026, 4, 5), child_in_need=False,
               child_seen_date=D(2026, 4, 2))
    assessment("STARTLATER", D(2026, 4, 1))

    rows = annex_list(la, 4)

    assert [(r["Child Unique ID"], r["Continuous Assessment Start Date"],
             r["Child Seen During Continuous Assessment"],
             r["Continuous Assessment Date of Authorisation"],
             r["Was the child assessed as requiring LA children\u2019s social care support"],
             r["Does the Child have a Disability"]) for r in rows] == [
        ("FIRSTDAY", D(2025, 8, 1), "a) Yes", D(2025, 10, 1), "a) Yes", "b) No"),
        ("OPEN", D(2026, 1, 10), "b) No", None, None, "b) No"),
        ("AUTHLATER", D(2026, 3, 1), "b) No", None, None, "b) No"),
    ]


def test_list_5_has_s47_enquiries_open_in_the_six_months_with_their_icpc(
        la: LocalAuthority) -> None:
    child = ChildFactory(la=la, la_child_id="S47")
    episode = CINEpisodeFactory(child=child, referral_date=D(2025, 5, 1))
    earlier = S47EnquiryFactory(strategy_discussion=StrategyDiscussionFactory(
        episode=episode, held_on=D(2025, 5, 2)), end_date=D(2025, 9, 1), icpc_required=False)
    conference = ICPCFactory(s47=S47EnquiryFactory(
        strategy_discussion=StrategyDiscussionFactory(episode=episode, held_on=D(2025, 11, 1)),
        end_date=D(2025, 11, 10), icpc_required=True), held_on=D(2025, 11, 20))
    open_child = ChildFactory(la=la, la_child_id="OPEN47")
    S47EnquiryFactory(strategy_discussion=StrategyDiscussionFactory(
        episode=CINEpisodeFactory(child=open_child, referral_date=D(2026, 3, 19)),
        held_on=D(2026, 3, 20)))
    ICPCFactory(s47=S47EnquiryFactory(strategy_discussion=StrategyDiscussionFactory(
        episode=CINEpisodeFactory(child=ChildFactory(la=la, la_child_id="LATE47"),
                                  referral_date=D(2026, 4, 1)), held_on=D(2026, 4, 2))))

    rows = annex_list(la, 5)

    assert earlier.start_date == D(2025, 5, 2)
    assert [tuple(r.values())[6:12] for r in rows] == [
        (D(2025, 11, 1), "b) No", conference.held_on, "a) Yes", 2, 1),
        (D(2026, 3, 20), None, None, None, 1, 0),
    ]
    assert ids(rows) == ["S47", "OPEN47"]
