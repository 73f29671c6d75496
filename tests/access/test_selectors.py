"""Who sees which child: the scope matrix for every role, restricted records, reasons that expire.

Issue 6, "Roles and scope": each role's scope is a queryset filter, so these tests read it the
way every page will, through ``children_visible_to`` and ``visible``.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.access.conftest import TODAY, Council, Users, make_user
from tests.factories import (
    AllocationFactory,
    AssessmentFactory,
    CarePeriodFactory,
    ChildFactory,
    CINEpisodeFactory,
    ContactFactory,
    CPPlanFactory,
    ICPCFactory,
    PartnerOrganisationFactory,
    StrategyDiscussionFactory,
    TeamFactory,
    WorkerFactory,
)

from hearth.access.models import AccessReason, RestrictedAccess, Role, User
from hearth.access.selectors import (
    FRONT_DOOR_RECENT_DAYS,
    children_known_to,
    children_visible_to,
    referrals_made_by,
    visible,
)
from hearth.access.services import (
    ACCESS_REASON_DURATION,
    access_reason_give,
    restricted_access_grant,
    restricted_access_revoke,
)
from hearth.assessment.models import AssessmentStatus
from hearth.care.models import CLAReview
from hearth.core import codes
from hearth.organisation.models import Allocation
from hearth.people.models import Child
from hearth.protection.models import CPReview

pytestmark = pytest.mark.django_db

REASON = "Covering Ann's duty visit while she is on leave."


def seen(user: User) -> set[Child]:
    return set(children_visible_to(user))


def names(children: set[Child]) -> set[str]:
    return {child.first_name for child in children}


def name_child_restricted(council: Council, user: User, by: User) -> RestrictedAccess:
    return restricted_access_grant(actor=by, child=council.restricted_child, user=user,
                                   reason="Needs the record for their work with the child.")


# The scope matrix: every role, the same council


EXPECTED = {
    "practitioner": {"Annie"},
    "team_manager": {"Annie", "Neddy"},
    "front_door": {"Contact"},
    "iro": {"Looked"},
    "head_of_service": {"Annie", "Neddy"},
    "director": {"Annie", "Neddy", "Susie", "Closed", "Contact", "Looked"},
    "performance": set(),
    "regional_viewer": set(),
    "partner_agency": set(),
    "administrator": set(),
}


def test_the_matrix_covers_every_role() -> None:
    assert set(EXPECTED) == set(Role.values)


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_exactly_its_scope(council: Council, users: Users, role: str) -> None:
    assert names(seen(users.by_role()[role])) == EXPECTED[role]


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_no_role_sees_a_restricted_child_unless_named_or_another_councils_child(
    council: Council, users: Users, role: str
) -> None:
    visible_children = seen(users.by_role()[role])

    assert council.restricted_child not in visible_children
    assert council.other_council_child not in visible_children


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_scope_is_one_query_whatever_the_role(council: Council, users: Users, role: str) -> None:
    user = users.by_role()[role]

    with CaptureQueriesContext(connection) as queries:
        list(children_visible_to(user))

    assert len(queries) <= 1  # none when the role sees nothing at all


def test_practitioners_in_one_team_see_only_their_own_caseloads(
    council: Council, users: Users
) -> None:
    assert names(seen(users.ned)) == {"Neddy"}
    assert names(seen(users.sue)) == {"Susie", "Looked"}


# Practitioners: what "own caseload" means


def test_an_ended_allocation_closes_the_record_to_its_worker(
    council: Council, users: Users
) -> None:
    assert council.closed_child not in seen(users.ann)


def test_an_allocation_ending_today_is_no_longer_open(council: Council, users: Users) -> None:
    Allocation.objects.filter(child=council.ann_child).update(end_date=TODAY)

    assert council.ann_child not in seen(users.ann)


def test_a_future_allocation_is_not_yet_open(council: Council, users: Users) -> None:
    future = AllocationFactory(child=ChildFactory(la=council.la), worker=council.ann,
                               start_date=TODAY + dt.timedelta(days=1)).child

    assert future not in seen(users.ann)


def test_a_worker_who_has_left_sees_nothing(council: Council, users: Users) -> None:
    council.ann.leave_date = TODAY
    council.ann.save()

    assert seen(users.ann) == set()


def test_an_inactive_user_sees_nothing(council: Council, users: Users) -> None:
    users.director.is_active = False
    users.director.save()

    assert seen(users.director) == set()


def test_a_user_with_no_council_sees_nothing(council: Council, users: Users) -> None:
    users.director.la = None
    users.director.save()

    assert seen(users.director) == set()


def test_an_anonymous_user_passed_by_mistake_sees_nothing(council: Council) -> None:
    anonymous = AnonymousUser()

    assert seen(anonymous) == set()  # type: ignore[arg-type]
    assert set(children_known_to(anonymous)) == set()  # type: ignore[arg-type]


def test_a_practitioner_with_no_worker_record_sees_nothing(council: Council) -> None:
    assert seen(make_user("no.worker", Role.PRACTITIONER, council.la)) == set()


def test_a_superuser_flag_opens_no_child_records(council: Council) -> None:
    superuser = User.objects.create_superuser(username="root", password=None,
                                              role=Role.ADMINISTRATOR, la=council.la)

    assert seen(superuser) == set()


# Team managers and heads of service


def test_a_team_manager_follows_a_worker_who_moved_team(council: Council, users: Users) -> None:
    """The allocation still names North; Ned now works in South. Both managers see the child."""
    council.ned.team = council.south
    council.ned.save()

    assert council.ned_child in seen(users.north_manager)
    assert council.ned_child in seen(users.south_manager)


def test_a_head_of_service_sees_only_their_area(council: Council, users: Users) -> None:
    assert council.sue_child not in seen(users.north_head)


def test_a_head_of_service_in_a_county_wide_team_sees_nothing(council: Council) -> None:
    head = WorkerFactory(team=council.mash, role=codes.WorkerRole.HEAD_OF_SERVICE)

    assert seen(make_user("county.hos", Role.HEAD_OF_SERVICE, council.la, head)) == set()


# Front door: contacts and referrals under decision


@pytest.mark.parametrize(("days_ago", "sees"), [(0, True), (FRONT_DOOR_RECENT_DAYS, True),
                                                (FRONT_DOOR_RECENT_DAYS + 1, False)])
def test_the_front_door_keeps_a_decided_contact_for_a_week(
    council: Council, users: Users, days_ago: int, sees: bool
) -> None:
    decided_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
    contact = ContactFactory(child=ChildFactory(la=council.la), decided_at=decided_at,
                             received_at=decided_at - dt.timedelta(hours=2),
                             decision=codes.ContactDecision.REFERRAL)

    assert (contact.child in seen(users.front_door)) is sees


def test_the_front_door_sees_a_recent_referral_until_its_assessment_is_authorised(
    council: Council, users: Users
) -> None:
    episode = CINEpisodeFactory(child=ChildFactory(la=council.la),
                                referral_date=TODAY - dt.timedelta(days=2))
    assessment = AssessmentFactory(episode=episode, worker=council.ann)
    assert episode.child in seen(users.front_door)

    assessment.status = AssessmentStatus.AUTHORISED
    assessment.completed_date = assessment.authorised_date = TODAY
    assessment.save()

    assert episode.child not in seen(users.front_door)


def test_the_front_door_does_not_see_an_old_referral(council: Council, users: Users) -> None:
    episode = CINEpisodeFactory(child=ChildFactory(la=council.la),
                                referral_date=TODAY - dt.timedelta(days=30))

    assert episode.child not in seen(users.front_door)


def test_the_front_door_sees_a_recent_strategy_discussion(
    council: Council, users: Users
) -> None:
    episode = CINEpisodeFactory(child=ChildFactory(la=council.la),
                                referral_date=TODAY - dt.timedelta(days=20))
    StrategyDiscussionFactory(episode=episode, held_on=TODAY - dt.timedelta(days=1))

    assert episode.child in seen(users.front_door)


# IROs


def test_an_iro_loses_sight_when_the_period_of_care_ends(council: Council, users: Users) -> None:
    review = CLAReview.objects.get(child=council.looked_after_child)
    period = review.period
    period.end_date = TODAY
    period.reason_ceased = codes.REASONS_CARE_ENDED[0]
    period.save()

    assert seen(users.iro) == set()


def test_an_iro_does_not_see_reviews_chaired_by_another(council: Council, users: Users) -> None:
    other_iro = WorkerFactory(team=council.iro.team, role=codes.WorkerRole.IRO)
    child = ChildFactory(la=council.la)
    period = CarePeriodFactory(episode__child=child)
    CLAReview.objects.create(la=council.la, child=child, period=period,
                             review_date=dt.date(2024, 4, 1),
                             participation=codes.ReviewParticipation.PN1, iro=other_iro)

    assert child not in seen(users.iro)


def test_a_cp_chair_sees_the_child_whose_icpc_they_chair_while_the_episode_is_open(
    council: Council, users: Users
) -> None:
    icpc = ICPCFactory(s47__strategy_discussion__episode__child__la=council.la,
                       chair=council.iro)
    child = icpc.child

    assert child in seen(users.iro)

    episode = icpc.s47.episode
    episode.closure_date = TODAY
    episode.closure_reason = codes.CINClosureReason.RC8
    episode.save()

    assert child not in seen(users.iro)


def test_a_cp_chair_sees_the_child_whose_cp_review_they_chair_while_the_plan_is_open(
    council: Council, users: Users
) -> None:
    plan = CPPlanFactory(episode__child__la=council.la)
    CPReview.objects.create(la=council.la, plan=plan, review_date=dt.date(2024, 5, 1),
                            chair=council.iro)

    assert plan.child in seen(users.iro)

    plan.end_date = TODAY
    plan.end_reason = "Plan no longer needed"
    plan.save()

    assert plan.child not in seen(users.iro)


def test_a_cp_chair_does_not_see_conferences_chaired_by_another(
    council: Council, users: Users
) -> None:
    other_chair = WorkerFactory(team=council.iro.team, role=codes.WorkerRole.IRO)
    icpc = ICPCFactory(s47__strategy_discussion__episode__child__la=council.la,
                       chair=other_chair)
    plan = CPPlanFactory(episode__child__la=council.la)
    CPReview.objects.create(la=council.la, plan=plan, review_date=dt.date(2024, 5, 1),
                            chair=other_chair)

    assert seen(users.iro) & {icpc.child, plan.child} == set()


# Partner agencies


def test_a_partner_sees_only_the_referrals_their_organisation_made_and_no_child_record(
    council: Council, users: Users
) -> None:
    school = PartnerOrganisationFactory(la=council.la)
    other_school = PartnerOrganisationFactory(la=council.la)
    users.partner.partner_organisation = school
    users.partner.save()
    ours = ContactFactory(child=council.ann_child, referrer_organisation=school)
    ContactFactory(child=council.sue_child, referrer_organisation=other_school)
    ContactFactory(child=council.ned_child)  # not from a partner at all

    assert list(referrals_made_by(users.partner)) == [ours]
    assert seen(users.partner) == set()


def test_a_partner_without_an_organisation_or_another_role_sees_no_referrals(
    council: Council, users: Users
) -> None:
    school = PartnerOrganisationFactory(la=council.la)
    ContactFactory(child=council.ann_child, referrer_organisation=school)
    users.front_door.partner_organisation = school  # a wrong link does not open it
    users.front_door.save()

    assert list(referrals_made_by(users.partner)) == []
    assert list(referrals_made_by(users.front_door)) == []


def test_a_partner_does_not_see_a_referral_about_a_restricted_child(
    council: Council, users: Users
) -> None:
    school = PartnerOrganisationFactory(la=council.la)
    users.partner.partner_organisation = school
    users.partner.save()
    ContactFactory(child=council.restricted_child, referrer_organisation=school)

    assert list(referrals_made_by(users.partner)) == []


# Restricted records


def test_a_named_user_sees_a_restricted_child_in_their_scope(
    council: Council, users: Users
) -> None:
    name_child_restricted(council, users.ann, by=users.director)

    assert names(seen(users.ann)) == {"Annie", "Restricted"}
    assert council.restricted_child not in seen(users.north_manager)


def test_naming_does_not_widen_a_role(council: Council, users: Users) -> None:
    for user in (users.admin, users.regional, users.sue):
        name_child_restricted(council, user, by=users.director)

    assert seen(users.admin) == seen(users.regional) == set()
    assert council.restricted_child not in seen(users.sue)


def test_a_revoked_name_closes_the_record_again(council: Council, users: Users) -> None:
    grant = name_child_restricted(council, users.ann, by=users.director)
    restricted_access_revoke(actor=users.director, grant=grant)

    assert council.restricted_child not in seen(users.ann)


def test_managers_know_a_restricted_child_exists_in_their_scope_without_opening_it(
    council: Council, users: Users
) -> None:
    known = {child.first_name: child.can_open for child in children_known_to(users.north_manager)}

    assert known == {"Annie": True, "Neddy": True, "Restricted": False}


def test_the_front_door_knows_of_every_restricted_child_in_the_council(
    council: Council, users: Users
) -> None:
    elsewhere = ChildFactory(la=council.other_council_child.la, restricted=True)

    known = {child.first_name: child.can_open for child in children_known_to(users.front_door)}

    assert known == {"Contact": True, "Restricted": False}
    assert elsewhere.first_name not in known


@pytest.mark.parametrize("role", ["practitioner", "iro", "performance", "administrator"])
def test_other_roles_are_not_told_a_restricted_child_exists(
    council: Council, users: Users, role: str
) -> None:
    user = users.by_role()[role]

    known = set(children_known_to(user))

    assert known == seen(user)
    assert all(child.can_open for child in children_known_to(user))


def test_a_named_manager_opens_the_restricted_child(council: Council, users: Users) -> None:
    name_child_restricted(council, users.north_manager, by=users.director)

    known = {child.first_name: child.can_open for child in children_known_to(users.north_manager)}

    assert known["Restricted"] is True


# Reasons: a limited-time widening, for practitioners (team) and analysts (council)


def test_a_reason_opens_a_team_child_to_a_practitioner_until_it_expires(
    council: Council, users: Users, clock_at: time_machine.Coordinates
) -> None:
    assert council.ann_child not in seen(users.ned)

    access_reason_give(actor=users.ned, child=council.ann_child, reason=REASON)
    assert council.ann_child in seen(users.ned)

    clock_at.shift(ACCESS_REASON_DURATION - dt.timedelta(seconds=1))
    assert council.ann_child in seen(users.ned)

    clock_at.shift(dt.timedelta(seconds=1))
    assert council.ann_child not in seen(users.ned)
    assert AccessReason.objects.filter(user=users.ned).count() == 1  # kept, just expired


def test_a_reason_does_not_open_a_child_that_left_the_team(council: Council, users: Users) -> None:
    access_reason_give(actor=users.ned, child=council.ann_child, reason=REASON)

    Allocation.objects.filter(child=council.ann_child).update(end_date=TODAY)

    assert council.ann_child not in seen(users.ned)


def test_a_reason_opens_any_council_child_to_an_analyst_until_it_expires(
    council: Council, users: Users, clock_at: time_machine.Coordinates
) -> None:
    access_reason_give(actor=users.analyst, child=council.sue_child,
                       reason="Checking the CIN census record for child C123.")

    assert seen(users.analyst) == {council.sue_child}

    clock_at.shift(ACCESS_REASON_DURATION)
    assert seen(users.analyst) == set()


def test_anothers_reason_opens_nothing(council: Council, users: Users) -> None:
    access_reason_give(actor=users.ned, child=council.ann_child, reason=REASON)

    assert council.ann_child not in seen(users.sue)


# visible(): the helper other apps' selectors wrap their querysets in


def test_visible_limits_another_apps_rows_to_the_users_children(
    council: Council, users: Users
) -> None:
    rows = visible(Allocation.objects.all(), users.north_manager)

    assert {row.child.first_name for row in rows} == {"Annie", "Neddy"}


def test_visible_follows_a_longer_path_to_the_child(council: Council, users: Users) -> None:
    reviews = visible(CLAReview.objects.all(), users.iro, child_field="period__child")

    assert [review.child for review in reviews] == [council.looked_after_child]
    assert not visible(CLAReview.objects.all(), users.ann, child_field="period__child").exists()


def test_visible_composes_with_other_filters(council: Council, users: Users) -> None:
    team = TeamFactory(area=council.north.area, name="North Assessment 2")
    AllocationFactory(child=council.ann_child, worker=WorkerFactory(team=team),
                      start_date=dt.date(2024, 5, 1))

    rows = visible(Allocation.objects.filter(team=team), users.ann)

    assert [row.child for row in rows] == [council.ann_child]
