"""Factories for a child's case file, from the front door to leaving care.

Each factory builds one valid, synthetic row with fixed dates, so a test changes only the field
it is about. Records that sit inside another (an assessment inside a CIN episode, a placement
inside a period of care) build their parent for the same child when none is given. A child has
at most one open CIN episode, period of care, placement and CP plan, so a test that adds a
second record for the same child passes the existing parent (``episode=``, ``period=``) rather
than letting the factory open another.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import factory
from factory.django import DjangoModelFactory
from tests.factories.organisation import LocalAuthorityFactory, WorkerFactory

from hearth.adoption.models import AdopterFamily, AdoptionDecision
from hearth.assessment.models import Assessment
from hearth.care.models import (
    CarePeriod,
    LegalStatusRecord,
    MissingEpisode,
    Placement,
    ReturnHomeInterview,
    SDQAssessment,
)
from hearth.cin.models import CINEpisode, CINPlan
from hearth.core import codes
from hearth.frontdoor.models import Contact
from hearth.leavingcare.models import CareLeaver, CareLeaverStatus
from hearth.organisation.models import Allocation
from hearth.people.models import Child
from hearth.practice.models import (
    OversightDecision,
    OversightKind,
    OversightOutcome,
    OversightRequest,
    Visit,
)
from hearth.protection.models import ICPC, CPPlan, S47Enquiry, StrategyDiscussion

LONDON = ZoneInfo("Europe/London")

REFERRAL_DATE = dt.date(2024, 1, 8)
CARE_START = dt.date(2024, 3, 1)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON)


CONTACT_RECEIVED_AT = _at(REFERRAL_DATE, 9)


class ChildFactory(DjangoModelFactory):
    class Meta:
        model = Child

    la = factory.SubFactory(LocalAuthorityFactory)
    la_child_id = factory.Sequence(lambda n: f"C{n:07d}")
    first_name = factory.Sequence(lambda n: f"Child{n}")
    last_name = "Synthetic"
    date_of_birth = dt.date(2015, 6, 1)
    sex = codes.Sex.FEMALE
    ethnicity = codes.Ethnicity.WBRI


class AllocationFactory(DjangoModelFactory):
    """A social worker holding the child's case from the referral date."""

    class Meta:
        model = Allocation

    child = factory.SubFactory(ChildFactory)
    la = factory.SelfAttribute("child.la")
    worker = factory.SubFactory(WorkerFactory)
    team = factory.SelfAttribute("worker.team")
    start_date = REFERRAL_DATE


class ContactFactory(DjangoModelFactory):
    """A contact still awaiting its front-door decision."""

    class Meta:
        model = Contact

    child = factory.SubFactory(ChildFactory)
    la = factory.SelfAttribute("child.la")
    received_at = CONTACT_RECEIVED_AT
    source = codes.ReferralSource.SCHOOLS
    reason = "Synthetic concern raised by school."


class CINEpisodeFactory(DjangoModelFactory):
    """An open CIN episode starting on ``REFERRAL_DATE``."""

    class Meta:
        model = CINEpisode

    child = factory.SubFactory(ChildFactory)
    la = factory.SelfAttribute("child.la")
    referral_date = REFERRAL_DATE
    referral_source = codes.ReferralSource.SCHOOLS
    primary_need = codes.PrimaryNeed.N1


class CINPlanFactory(DjangoModelFactory):
    class Meta:
        model = CINPlan

    episode = factory.SubFactory(CINEpisodeFactory)
    child = factory.SelfAttribute("episode.child")
    la = factory.SelfAttribute("episode.la")
    start_date = factory.LazyAttribute(lambda o: o.episode.referral_date + dt.timedelta(days=30))


class AssessmentFactory(DjangoModelFactory):
    """An assessment in progress, started on the referral date."""

    class Meta:
        model = Assessment

    episode = factory.SubFactory(CINEpisodeFactory)
    child = factory.SelfAttribute("episode.child")
    la = factory.SelfAttribute("episode.la")
    worker = factory.SubFactory(WorkerFactory)
    start_date = factory.SelfAttribute("episode.referral_date")


class StrategyDiscussionFactory(DjangoModelFactory):
    class Meta:
        model = StrategyDiscussion

    episode = factory.SubFactory(CINEpisodeFactory)
    child = factory.SelfAttribute("episode.child")
    la = factory.SelfAttribute("episode.la")
    held_on = factory.LazyAttribute(lambda o: o.episode.referral_date + dt.timedelta(days=1))
    s47_required = True


class S47EnquiryFactory(DjangoModelFactory):
    """An open s47 enquiry started by its strategy discussion."""

    class Meta:
        model = S47Enquiry

    strategy_discussion = factory.SubFactory(StrategyDiscussionFactory)
    episode = factory.SelfAttribute("strategy_discussion.episode")
    child = factory.SelfAttribute("strategy_discussion.child")
    la = factory.SelfAttribute("strategy_discussion.la")
    start_date = factory.SelfAttribute("strategy_discussion.held_on")


class ICPCFactory(DjangoModelFactory):
    class Meta:
        model = ICPC

    s47 = factory.SubFactory(
        S47EnquiryFactory,
        end_date=factory.LazyAttribute(lambda o: o.start_date + dt.timedelta(days=10)),
        icpc_required=True,
    )
    child = factory.SelfAttribute("s47.child")
    la = factory.SelfAttribute("s47.la")
    held_on = factory.LazyAttribute(lambda o: o.s47.start_date + dt.timedelta(days=14))
    plan_required = True


class CPPlanFactory(DjangoModelFactory):
    """An open CP plan for neglect. No ICPC unless one is passed."""

    class Meta:
        model = CPPlan

    episode = factory.SubFactory(CINEpisodeFactory)
    child = factory.SelfAttribute("episode.child")
    la = factory.SelfAttribute("episode.la")
    start_date = factory.LazyAttribute(lambda o: o.episode.referral_date + dt.timedelta(days=20))
    initial_category = codes.CategoryOfAbuse.NEGLECT
    latest_category = codes.CategoryOfAbuse.NEGLECT


class CarePeriodFactory(DjangoModelFactory):
    """An open period of care from ``CARE_START``, inside a CIN episode for the same child."""

    class Meta:
        model = CarePeriod

    episode = factory.SubFactory(CINEpisodeFactory)
    child = factory.SelfAttribute("episode.child")
    la = factory.SelfAttribute("episode.la")
    start_date = CARE_START
    category_of_need = codes.PrimaryNeed.N1


class LegalStatusRecordFactory(DjangoModelFactory):
    """An open full care order from the start of its period of care."""

    class Meta:
        model = LegalStatusRecord

    period = factory.SubFactory(CarePeriodFactory)
    child = factory.SelfAttribute("period.child")
    la = factory.SelfAttribute("period.la")
    code = codes.LegalStatus.C2
    start_date = factory.SelfAttribute("period.start_date")


class PlacementFactory(DjangoModelFactory):
    """An open placement with an LA foster carer from the start of its period of care."""

    class Meta:
        model = Placement

    period = factory.SubFactory(CarePeriodFactory)
    child = factory.SelfAttribute("period.child")
    la = factory.SelfAttribute("period.la")
    placement_type = codes.PlacementType.U6
    provider = codes.PlacementProvider.PR1
    carer_ref = factory.Sequence(lambda n: f"FC{n:05d}")
    postcode = "CM1 1AA"
    start_date = factory.SelfAttribute("period.start_date")


class SDQAssessmentFactory(DjangoModelFactory):
    class Meta:
        model = SDQAssessment

    child = factory.SubFactory(ChildFactory)
    la = factory.SelfAttribute("child.la")
    assessment_date = dt.date(2024, 6, 1)
    score = 14


class MissingEpisodeFactory(DjangoModelFactory):
    class Meta:
        model = MissingEpisode

    child = factory.SubFactory(ChildFactory)
    la = factory.SelfAttribute("child.la")
    kind = codes.MissingType.MISSING
    started_at = _at(dt.date(2024, 5, 3), 18)
    returned_at = _at(dt.date(2024, 5, 4), 8)


class ReturnHomeInterviewFactory(DjangoModelFactory):
    """An interview offered the morning after return, accepted and held that afternoon."""

    class Meta:
        model = ReturnHomeInterview

    episode = factory.SubFactory(MissingEpisodeFactory)
    la = factory.SelfAttribute("episode.la")
    offered_at = factory.LazyAttribute(lambda o: o.episode.returned_at + dt.timedelta(hours=2))
    accepted = True
    held_at = factory.LazyAttribute(lambda o: o.offered_at + dt.timedelta(hours=4))


class AdoptionDecisionFactory(DjangoModelFactory):
    class Meta:
        model = AdoptionDecision

    child = factory.SubFactory(ChildFactory)
    la = factory.SelfAttribute("child.la")
    decision_date = dt.date(2024, 7, 1)


class AdopterFamilyFactory(DjangoModelFactory):
    """A married different-gender couple."""

    class Meta:
        model = AdopterFamily

    la = factory.SubFactory(LocalAuthorityFactory)
    family_ref = factory.Sequence(lambda n: f"AF{n:05d}")
    number_of_adopters = 2
    adopters_sex = codes.AdoptersSex.MF
    adopters_legal_status = codes.AdoptersLegalStatus.L11


class CareLeaverFactory(DjangoModelFactory):
    """A former relevant young person from their 18th birthday, with a personal adviser."""

    class Meta:
        model = CareLeaver

    child = factory.SubFactory(ChildFactory, date_of_birth=dt.date(2006, 4, 2))
    la = factory.SelfAttribute("child.la")
    eligibility = codes.CareLeaverEligibility.FORMER_RELEVANT
    start_date = dt.date(2024, 4, 2)
    personal_adviser = factory.SubFactory(WorkerFactory, role=codes.WorkerRole.PERSONAL_ADVISER)


class CareLeaverStatusFactory(DjangoModelFactory):
    class Meta:
        model = CareLeaverStatus

    care_leaver = factory.SubFactory(CareLeaverFactory)
    la = factory.SelfAttribute("care_leaver.la")
    recorded_on = dt.date(2025, 4, 2)
    in_touch = codes.CareLeaverInTouch.YES
    activity = codes.CareLeaverActivity.F2
    accommodation = codes.CareLeaverAccommodation.E
    accommodation_suitable = True


class VisitFactory(DjangoModelFactory):
    class Meta:
        model = Visit

    child = factory.SubFactory(ChildFactory)
    la = factory.SelfAttribute("child.la")
    kind = codes.VisitKind.CIN
    visit_date = dt.date(2024, 2, 1)
    worker = factory.SubFactory(WorkerFactory)
    child_seen = True
    seen_alone = True


class OversightRequestFactory(DjangoModelFactory):
    """A worker asks their manager to authorise an assessment."""

    class Meta:
        model = OversightRequest

    subject = factory.SubFactory(AssessmentFactory)
    child = factory.SelfAttribute("subject.child")
    la = factory.SelfAttribute("subject.la")
    kind = OversightKind.ASSESSMENT_COMPLETION
    requested_by = factory.SubFactory(WorkerFactory)
    requested_at = _at(dt.date(2024, 2, 20))


class OversightDecisionFactory(DjangoModelFactory):
    class Meta:
        model = OversightDecision

    request = factory.SubFactory(OversightRequestFactory)
    la = factory.SelfAttribute("request.la")
    outcome = OversightOutcome.APPROVED
    decided_by = factory.SubFactory(WorkerFactory, role=codes.WorkerRole.TEAM_MANAGER)
    decided_at = factory.LazyAttribute(lambda o: o.request.requested_at + dt.timedelta(days=1))
