"""The child record as each role meets it: opened and audited, sent to give a reason, or refused
and audited; restricted records; the summary, open work, relationships and chronology; and a
query count that does not grow with the chronology (issue 4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.access.conftest import NOW, Council, Users
from tests.factories import (
    AllocationFactory,
    AssessmentFactory,
    CareLeaverFactory,
    CarePeriodFactory,
    ChildFactory,
    CINEpisodeFactory,
    ContactFactory,
    CPPlanFactory,
    LegalStatusRecordFactory,
    MissingEpisodeFactory,
    PlacementFactory,
    ReturnHomeInterviewFactory,
    VisitFactory,
)

from hearth.access.models import AccessEvent, AccessReason, AccessVerb, User
from hearth.access.services import REASON_TOO_SHORT, restricted_access_grant
from hearth.care.models import CLAReview, HealthCheck
from hearth.core import codes
from hearth.leavingcare.models import AdviserContact, PathwayPlan
from hearth.people.models import Child, Person, Relationship
from hearth.people.selectors import CHRONOLOGY_PAGE_SIZE, MISSING_ALERT, RESTRICTED_ALERT
from hearth.practice.models import CaseNote, ChronologyEntry
from hearth.protection.models import CoreGroup, CPReview

pytestmark = pytest.mark.django_db

SignIn = Callable[[User], Client]


def url(child: Child, **query: object) -> str:
    base = reverse("people:child", args=[child.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def audit(**filters: object) -> list[tuple[str, str, str]]:
    return [(e.actor_username, e.verb, e.child_la_child_id)
            for e in AccessEvent.objects.filter(**filters).order_by("id")]


def chronicle(child: Child, n: int, *, kind: str = "visit", start: dt.datetime = NOW) -> None:
    ChronologyEntry.objects.bulk_create(
        ChronologyEntry(la=child.la, child=child, event_type=kind, summary=f"{kind} {i}",
                        occurred_at=start - dt.timedelta(days=i))
        for i in range(n)
    )


# -- by role --------------------------------------------------------------------------------

#: The record of a child held by Ann (North): what each role gets.
CHILD_RECORD = {
    "practitioner": 200,
    "team_manager": 200,
    "front_door": 403,
    "iro": 403,
    "head_of_service": 200,
    "director": 200,
    "performance": 302,  # sent to give a reason
    "regional_viewer": 403,
    "partner_agency": 403,
    "administrator": 403,
}


@pytest.mark.parametrize(("role", "status"), sorted(CHILD_RECORD.items()))
def test_child_record_by_role_is_audited_either_way(
    council: Council, users: Users, signed_in: SignIn, role: str, status: int
) -> None:
    user = users.by_role()[role]
    child = council.ann_child

    response = signed_in(user).get(url(child))

    assert response.status_code == status
    verb = AccessVerb.VIEW_CHILD if status == 200 else AccessVerb.DENIED
    assert audit(actor=user) == [(user.username, verb, child.la_child_id)]
    if status == 200:
        assert f"{child.first_name} {child.last_name}".encode() in response.content
    else:
        assert child.first_name.encode() not in response.content
    if status == 302:
        assert response["Location"] == reverse("people:child_reason", args=[child.pk])


def test_anonymous_is_sent_to_sign_in_and_nothing_is_audited(
    council: Council, client: Client
) -> None:
    response = client.get(url(council.ann_child))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert not AccessEvent.objects.exists()


def test_another_councils_child_or_no_child_is_the_same_refusal(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    client = signed_in(users.director)
    assert client.get(url(council.other_council_child)).status_code == 403
    assert client.get(reverse("people:child", args=[999_999])).status_code == 403
    details = list(AccessEvent.objects.filter(verb=AccessVerb.DENIED).values_list(
        "child_id", "detail"))
    assert details == [(None, f"child id {council.other_council_child.pk}; Viewed the child's "
                              "record"),
                       (None, "child id 999999; Viewed the child's record")]


def test_restricted_child_opens_only_for_named_users(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    child = council.restricted_child  # held by Ann, restricted
    assert signed_in(users.ann).get(url(child)).status_code == 403
    assert signed_in(users.director).get(url(child)).status_code == 403
    restricted_access_grant(actor=users.director, child=child, user=users.ann,
                            reason="Allocated worker of record.")

    response = signed_in(users.ann).get(url(child))

    assert response.status_code == 200
    assert RESTRICTED_ALERT.encode() in response.content
    assert audit(actor=users.ann) == [
        ("ann.sw", AccessVerb.DENIED, child.la_child_id),
        ("ann.sw", AccessVerb.VIEW_CHILD, child.la_child_id),
    ]


# -- give a reason ----------------------------------------------------------------------------


def test_a_team_colleague_gives_a_reason_then_opens_the_record(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    child = council.ann_child
    client = signed_in(users.ned)  # North, like Ann
    reason_url = reverse("people:child_reason", args=[child.pk])

    assert client.get(url(child))["Location"] == reason_url
    page = client.get(reason_url)
    assert page.status_code == 200
    assert b"Why do you need this record?" in page.content

    short = client.post(reason_url, {"reason": "cover"})
    assert short.status_code == 200
    assert REASON_TOO_SHORT.format(n=10).encode() in short.content
    assert not AccessReason.objects.exists()

    done = client.post(reason_url, {"reason": "Covering Ann's duty visit today."})
    assert done.status_code == 302
    assert done["Location"] == url(child)
    assert client.get(url(child)).status_code == 200
    assert audit(actor=users.ned) == [
        ("ned.sw", AccessVerb.DENIED, child.la_child_id),
        ("ned.sw", AccessVerb.GIVE_REASON, child.la_child_id),
        ("ned.sw", AccessVerb.VIEW_CHILD, child.la_child_id),
    ]
    assert AccessEvent.objects.get(verb=AccessVerb.GIVE_REASON).reason == (
        "Covering Ann's duty visit today.")


def test_no_reason_opens_a_child_outside_the_team_or_for_other_roles(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    reason_url = reverse("people:child_reason", args=[council.ann_child.pk])
    assert signed_in(users.sue).get(reason_url).status_code == 403  # South
    assert signed_in(users.front_door).get(reason_url).status_code == 403
    assert [verb for _, verb, _ in audit()] == [AccessVerb.DENIED, AccessVerb.DENIED]


def test_a_user_who_may_already_open_the_child_skips_the_reason(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    response = signed_in(users.ann).get(
        reverse("people:child_reason", args=[council.ann_child.pk]))
    assert response["Location"] == url(council.ann_child)


# -- what the record shows ------------------------------------------------------------------


def test_summary_of_a_looked_after_child_who_is_missing(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    child = council.looked_after_child  # held by Sue, in care since 1 March 2024
    period = child.care_periods.get()
    LegalStatusRecordFactory(period=period)
    PlacementFactory(period=period)
    MissingEpisodeFactory(child=child, started_at=NOW - dt.timedelta(hours=5), returned_at=None)

    response = signed_in(users.sue).get(url(child))

    summary = response.context["summary"]
    assert summary.plan_type == "Looked after (CLA)"
    assert summary.legal_status.code == codes.LegalStatus.C2
    assert summary.allocation.worker == council.sue
    content = response.content.decode()
    assert "Full care order (C2)" in content
    assert str(council.south_manager) in content
    assert MISSING_ALERT in content
    assert "Looked after since" in content


def test_open_work_shows_due_dates_from_the_timescales(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    child = council.ann_child
    # Contact Thursday 30 May, undecided: due Friday 31 May, so overdue on Monday 3 June.
    ContactFactory(child=child, received_at=NOW - dt.timedelta(days=4))
    # Referred Wednesday 1 May (6 and 27 May are bank holidays): assessment due 5 July.
    CINEpisodeFactory(child=child, referral_date=dt.date(2024, 5, 1))
    AssessmentFactory(episode=child.cin_episodes.get())

    response = signed_in(users.ann).get(url(child))

    work = [(i.rule_name, i.due, i.overdue) for i in response.context["work"]]
    assert work == [("referral-decision", dt.date(2024, 5, 31), True),
                    ("assessment", dt.date(2024, 7, 5), False)]
    assert b"31 May 2024" in response.content
    assert b"5 July 2024" in response.content


def test_relationships_hide_a_sibling_the_user_may_not_open(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    child = council.ann_child
    mother = Person.objects.create(la=council.la, first_name="Mara", last_name="Synthetic")
    Relationship.objects.create(la=council.la, child=child, person=mother,
                                relationship_type=codes.RelationshipType.MOTHER,
                                parental_responsibility=True)
    for sibling in (council.ned_child, council.restricted_child):
        Relationship.objects.create(la=council.la, child=child, other_child=sibling,
                                    relationship_type=codes.RelationshipType.SIBLING)

    content = signed_in(users.north_manager).get(url(child)).content.decode()

    assert "Mara Synthetic" in content
    assert f"{council.ned_child.first_name} {council.ned_child.last_name}" in content
    assert council.restricted_child.first_name not in content
    assert "A child whose record you cannot open" in content


# -- chronology ---------------------------------------------------------------------------


def test_chronology_pages_newest_first(council: Council, users: Users, signed_in: SignIn) -> None:
    child = council.ann_child
    chronicle(child, CHRONOLOGY_PAGE_SIZE + 5)
    client = signed_in(users.ann)

    first = client.get(url(child))
    second = client.get(url(child, page=2))

    assert [r["c_summary"] for r in first.context["rows"]][:2] == ["visit 0", "visit 1"]
    assert len(first.context["rows"]) == CHRONOLOGY_PAGE_SIZE
    assert [r["c_summary"] for r in second.context["rows"]] == [
        f"visit {i}" for i in range(CHRONOLOGY_PAGE_SIZE, CHRONOLOGY_PAGE_SIZE + 5)]
    assert b"page 2 of 2" in second.content
    assert client.get(url(child, page="x")).context["page"].number == 1


def test_chronology_holds_every_kind_of_record_once_and_filters_by_kind(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    child = council.looked_after_child
    chronicle(child, 3, kind="placement_change")
    CaseNote.objects.create(la=council.la, child=child, author=council.sue,
                            written_at=NOW - dt.timedelta(days=10), subject="Statutory visit",
                            body="Saw her alone.", childs_voice="I want my own room.")
    VisitFactory(child=child, worker=council.sue, kind=codes.VisitKind.CLA,
                 visit_date=dt.date(2024, 5, 1))
    # A visit already in the chronology appears once, as its chronology entry.
    seen = VisitFactory(child=child, worker=council.sue, visit_date=dt.date(2024, 4, 1))
    ChronologyEntry.objects.create(la=council.la, child=child, event_type="visit",
                                   summary="Statutory visit", occurred_at=NOW,
                                   subject_type=ContentType.objects.get_for_model(seen),
                                   subject_id=seen.pk)
    HealthCheck.objects.create(la=council.la, child=child, kind=codes.HealthCheckKind.DENTAL,
                               check_date=dt.date(2024, 4, 2))
    client = signed_in(users.sue)

    everything = client.get(url(child))
    kinds = [r["c_kind"] for r in everything.context["rows"]]

    # The fixture's CLA review (20 March 2024) has no chronology entry of its own.
    assert sorted(kinds) == sorted(["placement_change"] * 3 + ["case_note", "visit", "visit",
                                                               "health_check", "cla_review"])
    assert b"I want my own room." in everything.content
    assert b"Looked-after child statutory visit" in everything.content
    assert b"Dental check" in everything.content
    assert b"20 Mar 2024" in everything.content  # a dated record keeps its day
    assert everything.context["kinds"] == [
        ("case_note", "Case note"), ("health_check", "Health check"),
        ("cla_review", "Looked-after review"), ("placement_change", "Placement change"),
        ("visit", "Visit")]

    visits = client.get(url(child, type="visit"))
    assert [r["c_kind"] for r in visits.context["rows"]] == ["visit", "visit"]
    assert client.get(url(child, type="case_note")).context["page"].paginator.count == 1
    unknown = client.get(url(child, type="nonsense"))
    assert unknown.context["kind"] == ""
    assert unknown.context["page"].paginator.count == 8


def test_chronology_shows_protection_care_and_leaving_care_records(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    child = council.sue_child
    plan = CPPlanFactory(episode__child=child, start_date=dt.date(2024, 2, 1))
    CoreGroup.objects.create(la=council.la, plan=plan, held_on=dt.date(2024, 2, 12))
    CPReview.objects.create(la=council.la, plan=plan, review_date=dt.date(2024, 5, 1))
    ReturnHomeInterviewFactory(episode__child=child)  # held 4 May 2024
    leaver = CareLeaverFactory(child=child, personal_adviser=council.sue)
    PathwayPlan.objects.create(la=council.la, care_leaver=leaver, plan_date=dt.date(2024, 4, 20))
    AdviserContact.objects.create(la=council.la, care_leaver=leaver,
                                  contact_date=dt.date(2024, 5, 20))
    LegalStatusRecordFactory(period=council.looked_after_child.care_periods.get())

    response = signed_in(users.director).get(url(child))

    rows = [(r["c_at"].astimezone(NOW.tzinfo).date(), r["label"], r["detail"], r["c_worker"])
            for r in response.context["rows"]]
    assert rows == [
        (dt.date(2024, 5, 20), "Personal adviser contact", "Seen in person", str(council.sue)),
        (dt.date(2024, 5, 4), "Return home interview", "Return home interview held", ""),
        (dt.date(2024, 5, 1), "Child protection review", "Child protection review conference",
         ""),
        (dt.date(2024, 4, 20), "Pathway plan", "Pathway plan", ""),
        (dt.date(2024, 2, 12), "Core group", "Core group meeting", ""),
    ]
    other = signed_in(users.director).get(url(council.looked_after_child, type="legal_status"))
    assert [r["detail"] for r in other.context["rows"]] == ["Full care order (C2)"]


def test_htmx_asks_for_the_chronology_alone_and_is_audited_as_such(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    child = council.ann_child
    chronicle(child, CHRONOLOGY_PAGE_SIZE + 1)

    response = signed_in(users.ann).get(url(child, page=2), HTTP_HX_REQUEST="true")

    content = response.content.decode()
    assert content.lstrip().startswith("<div id=\"chronology\"")
    assert "Open work" not in content
    assert "visit 25" in content
    assert 'id="chronology-count" tabindex="-1" autofocus' in content  # focus follows the swap
    assert audit(actor=users.ann) == [("ann.sw", AccessVerb.VIEW_CHRONOLOGY, child.la_child_id)]
    assert "HX-Request" in response["Vary"]


def test_going_back_to_a_pushed_url_gets_the_whole_page(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    response = signed_in(users.ann).get(url(council.ann_child, page=1), HTTP_HX_REQUEST="true",
                                        HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert b"Open work" in response.content


# -- query count ----------------------------------------------------------------------------


def _queries(client: Client, child: Child) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url(child)).status_code == 200
    return len(captured)


def test_child_record_query_count_does_not_grow_with_the_chronology(
    council: Council, users: Users, signed_in: SignIn
) -> None:
    small, large = council.ann_child, ChildFactory(la=council.la)
    AllocationFactory(child=large, worker=council.ann)
    for child, n in ((small, 5), (large, 50)):
        chronicle(child, n)
        for i in range(n):
            VisitFactory(child=child, worker=council.ann,
                         visit_date=dt.date(2024, 1, 1) + dt.timedelta(days=i))
        period = CarePeriodFactory(episode__child=child, start_date=dt.date(2024, 2, 1))
        for i in range(min(n, 3)):
            CLAReview.objects.create(la=council.la, child=child, period=period,
                                     review_date=dt.date(2024, 2, 20) + dt.timedelta(days=i),
                                     participation=codes.ReviewParticipation.PN1)
    client = signed_in(users.ann)
    _queries(client, small)  # warm the content-type cache

    assert _queries(client, small) == _queries(client, large)


#: The give-a-reason page for a child held by Ann (North), as the access matrix will list it:
#: those who may open the record already go straight to it; the analyst is asked why.
REASON_PAGE = {
    "practitioner": 302,  # Ann holds the child
    "team_manager": 302,
    "front_door": 403,
    "iro": 403,
    "head_of_service": 302,
    "director": 302,
    "performance": 200,
    "regional_viewer": 403,
    "partner_agency": 403,
    "administrator": 403,
}


@pytest.mark.parametrize(("role", "status"), sorted(REASON_PAGE.items()))
def test_reason_page_by_role(
    council: Council, users: Users, signed_in: SignIn, role: str, status: int
) -> None:
    user = users.by_role()[role]
    child = council.ann_child

    response = signed_in(user).get(reverse("people:child_reason", args=[child.pk]))

    assert response.status_code == status
    if status == 302:
        assert response["Location"] == url(child)
    assert audit(actor=user) == ([(user.username, AccessVerb.DENIED, child.la_child_id)]
                                 if status == 403 else [])
