"""Write the records ``rebuild`` made from a 903 return, in bulk, in one transaction.

Each kind of record is written with one ``bulk_create`` (in batches), parents before children,
so a council's return of tens of thousands of rows takes a few dozen statements, not one per
row. The caller holds the transaction: a database refusal (a constraint) undoes everything.
Placeholders for what the 903 does not carry are those ``importer`` documents.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.db import models

from hearth.adoption.models import AdopterFamily, AdoptionDecision, AdoptionMatch
from hearth.care.models import (
    CarePeriod,
    CLAReview,
    DeprivationOfLibertyOrder,
    HealthCheck,
    LegalStatusRecord,
    MissingEpisode,
    Placement,
    PreviousPermanenceRecord,
    SDQAssessment,
    WellbeingRecord,
)
from hearth.cin.models import CINEpisode
from hearth.core import codes
from hearth.core.calendar import add_years
from hearth.leavingcare.models import CareLeaver, CareLeaverStatus
from hearth.organisation.models import Allocation, LocalAuthority, Team, Worker
from hearth.people.models import Address, Child, Person, Relationship, UASCStatus
from hearth.practice.models import ChronologyEntry
from hearth.returns.ssda903.case import CareHistory, ChildCase
from hearth.returns.ssda903.cohorts import CollectionYear

NOT_IN_903 = "[not in 903]"
ADDRESS_NOT_IN_903 = "[not in 903: HOME_POST only]"
IMPORT_TEAM = "Imported from SSDA903"
CHRONOLOGY_EVENT = "imported_903"
BATCH = 2000
LONDON = ZoneInfo("Europe/London")
#: What a missing spell's date becomes: the 903 gives days, Hearth records moments.
MIDDAY = dt.time(12)
#: CIN census closure reason for the reason a period of care ceased (REC); others RC7.
CLOSURE_FOR_REC = {"E11": "RC1", "E12": "RC1", "E2": "RC2", "E41": "RC3", "E45": "RC4",
                   "E46": "RC4", "E47": "RC4", "E48": "RC4", "E3": "RC5", "E7": "RC6"}
OTHER_CLOSURE = "RC7"
#: A young person leaving care at 16 or 17 is a relevant child, from 18 a former relevant child
#: (Children (Leaving Care) Act 2000, s23A and s23C of the Children Act 1989).
ADULT_AGE = 18

_M = TypeVar("_M", bound=models.Model)


def _bulk(model: type[_M], objects: Sequence[_M], written: Counter[str]) -> Sequence[_M]:
    created: list[_M] = model._default_manager.bulk_create(objects, batch_size=BATCH)
    written[model._meta.label] += len(created)
    return created


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, MIDDAY, tzinfo=LONDON)


def _period_on(care: Sequence[tuple[CareHistory, CarePeriod]], day: dt.date) -> CarePeriod:
    """The period of care that holds ``day`` (end inclusive, as the 903's DEC is)."""
    for history, period in care:
        if history.period.start <= day and (history.period.end is None
                                            or day <= history.period.end):
            return period
    return min(care, key=lambda hp: abs((hp[0].period.start - day).days))[1]


def load(la: LocalAuthority, year: CollectionYear, cases: Sequence[ChildCase],
         source: str) -> Counter[str]:
    """Write every child's records; returns how many rows of each kind were written."""
    written: Counter[str] = Counter()
    children = _bulk(Child, [
        Child(la=la, la_child_id=c.child_id, first_name=NOT_IN_903, last_name=NOT_IN_903,
              date_of_birth=c.dob, sex=c.sex, ethnicity=c.ethnicity, upn=c.upn,
              upn_unknown=c.upn_unknown) for c in cases], written)
    pairs = list(zip(cases, children, strict=True))
    workers = _workers(la, cases, written)
    _people(la, pairs, written)
    care = _care(la, pairs, written)
    rest: dict[type[models.Model], list[Any]] = {m: [] for m in (
        CLAReview, HealthCheck, SDQAssessment, WellbeingRecord, MissingEpisode,
        PreviousPermanenceRecord, Allocation, DeprivationOfLibertyOrder, ChronologyEntry)}
    for case, child in pairs:
        common: dict[str, Any] = {"la": la, "child": child}
        for review in case.reviews:
            rest[CLAReview].append(CLAReview(**common, review_date=review.held_on,
                                             participation=review.participation,
                                             period=_period_on(care[child.pk],
                                                               review.held_on)))
        rest[HealthCheck] += [HealthCheck(**common, kind=h.kind, check_date=h.on)
                              for h in case.health_checks]
        rest[SDQAssessment] += [SDQAssessment(**common, assessment_date=s.on, score=s.score,
                                              no_score_reason=s.reason) for s in case.sdqs]
        rest[WellbeingRecord] += [
            WellbeingRecord(**common, recorded_on=w.on, convicted=w.convicted,
                            substance_misuse=w.substance_misuse,
                            intervention_offered=w.intervention_offered,
                            intervention_received=w.intervention_received)
            for w in case.wellbeing]
        rest[MissingEpisode] += [
            MissingEpisode(**common, kind=m.kind, started_at=_moment(m.start),
                           returned_at=None if m.end is None else _moment(m.end))
            for m in case.missing]
        if case.previous_permanence is not None:
            p = case.previous_permanence
            rest[PreviousPermanenceRecord].append(PreviousPermanenceRecord(
                **common, option=p.option, la_code=p.la_code, order_date=p.order_date))
        rest[Allocation] += [
            Allocation(**common, worker=workers[a.staff_id], team_id=workers[a.staff_id].team_id,
                       start_date=a.start, end_date=a.end, change_reason=a.reason)
            for a in case.allocations]
        rest[DeprivationOfLibertyOrder] += [
            DeprivationOfLibertyOrder(**common, start_date=d.start, end_date=d.end)
            for d in case.dolos]
        rest[ChronologyEntry].append(ChronologyEntry(
            **common, occurred_at=_moment(year.end + dt.timedelta(days=1)),
            event_type=CHRONOLOGY_EVENT,
            summary=f"Imported from the SSDA903 return for {year.label} ({source})"[:300]))
    for model, objects in rest.items():
        _bulk(model, objects, written)
    _adoption(la, pairs, written)
    _leavers(la, pairs, written)
    return written


def _workers(la: LocalAuthority, cases: Sequence[ChildCase],
             written: Counter[str]) -> dict[str, Worker]:
    """The council's workers by SW_ID, adding those it lacks (names not in the 903)."""
    first_day: dict[str, dt.date] = {}
    for case in cases:
        for a in case.allocations:
            first_day[a.staff_id] = min(a.start, first_day.get(a.staff_id, a.start))
    if not first_day:
        return {}
    known = {w.staff_id: w for w in Worker.objects.filter(la=la, staff_id__in=first_day)}
    missing = sorted(set(first_day) - set(known))
    if missing:
        team, _ = Team.objects.get_or_create(la=la, name=IMPORT_TEAM,
                                             defaults={"function": "children_in_care"})
        for worker in _bulk(Worker, [
                Worker(la=la, staff_id=staff_id, first_name=NOT_IN_903, last_name=NOT_IN_903,
                       role=codes.WorkerRole.SOCIAL_WORKER, team=team,
                       employment_type=codes.EmploymentType.PERMANENT, fte=Decimal(1),
                       start_date=first_day[staff_id]) for staff_id in missing], written):
            known[worker.staff_id] = worker
    return known


def _people(la: LocalAuthority, pairs: Sequence[tuple[ChildCase, Child]],
            written: Counter[str]) -> None:
    """Addresses, UASC status, and the young mothers' children (MC_DOB)."""
    _bulk(Address, [Address(la=la, child=child, line1=ADDRESS_NOT_IN_903, postcode=a.postcode,
                            start_date=a.start, end_date=a.end)
                    for case, child in pairs for a in case.addresses], written)
    _bulk(UASCStatus, [UASCStatus(la=la, child=child, start_date=s.start, end_date=s.end)
                       for case, child in pairs for s in case.uasc], written)
    mothers = [(child, dob) for case, child in pairs for dob in case.own_children_dobs]
    babies = _bulk(Person, [Person(la=la, first_name=NOT_IN_903, last_name=NOT_IN_903,
                                   date_of_birth=dob) for _, dob in mothers], written)
    _bulk(Relationship, [Relationship(la=la, child=child, person=baby,
                                      relationship_type=codes.RelationshipType.CHILD)
                         for (child, _), baby in zip(mothers, babies, strict=True)], written)


def _care(la: LocalAuthority, pairs: Sequence[tuple[ChildCase, Child]],
          written: Counter[str]) -> dict[int, list[tuple[CareHistory, CarePeriod]]]:
    """CIN episodes, periods of care, legal statuses and placements."""
    histories = [(child, h) for case, child in pairs for h in case.care]
    cin = _bulk(CINEpisode, [
        CINEpisode(la=la, child=child, referral_date=h.period.start,
                   referral_source=codes.ReferralSource.UNKNOWN,
                   closure_date=h.period.end,
                   closure_reason=("" if h.period.end is None else
                                   CLOSURE_FOR_REC.get(h.period.reason_ceased, OTHER_CLOSURE)))
        for child, h in histories], written)
    periods = _bulk(CarePeriod, [
        CarePeriod(la=la, child=child, episode=episode, start_date=h.period.start,
                   end_date=h.period.end, reason_ceased=h.period.reason_ceased,
                   category_of_need=h.period.category_of_need)
        for (child, h), episode in zip(histories, cin, strict=True)], written)
    by_child: dict[int, list[tuple[CareHistory, CarePeriod]]] = {}
    for (child, h), period in zip(histories, periods, strict=True):
        by_child.setdefault(child.pk, []).append((h, period))
    pairs_hp = [(child, h, p) for (child, h), p in zip(histories, periods, strict=True)]
    _bulk(LegalStatusRecord, [
        LegalStatusRecord(la=la, child=child, period=period, code=s.code, start_date=s.start,
                          end_date=s.end)
        for child, h, period in pairs_hp for s in h.statuses], written)
    _bulk(Placement, [
        Placement(la=la, child=child, period=period, placement_type=p.place,
                  provider=p.provider, carer_ref=p.carer_ref, postcode=p.postcode, urn=p.urn,
                  start_date=p.start, end_date=p.end, end_reason=p.end_reason)
        for child, h, period in pairs_hp for p in h.placements], written)
    return by_child


def _adoption(la: LocalAuthority, pairs: Sequence[tuple[ChildCase, Child]],
              written: Counter[str]) -> None:
    """Decisions to place for adoption, and the AD1 adopters as a family with a match."""
    decisions = [(child, d) for case, child in pairs for d in case.adoption_decisions]
    saved = _bulk(AdoptionDecision, [
        AdoptionDecision(la=la, child=child, decision_date=d.decided_on, ceased_date=d.ceased_on,
                         ceased_reason=d.ceased_reason) for child, d in decisions], written)
    matches = [(child, decision, m) for (child, d), decision in zip(decisions, saved, strict=True)
               for m in d.matches]
    families = _bulk(AdopterFamily, [
        AdopterFamily(la=la, family_ref=f"903-{child.pk}",
                      number_of_adopters=m.number_of_adopters, adopters_sex=m.adopters_sex,
                      adopters_legal_status=m.adopters_legal_status,
                      former_foster_carers=m.former_foster_carers)
        for child, _, m in matches], written)
    _bulk(AdoptionMatch, [
        AdoptionMatch(la=la, child=child, decision=decision, family=family,
                      matched_on=m.matched_on)
        for (child, decision, m), family in zip(matches, families, strict=True)], written)


def _leavers(la: LocalAuthority, pairs: Sequence[tuple[ChildCase, Child]],
             written: Counter[str]) -> None:
    """A care leaver from the end of their last period of care, with the OC3 status."""
    leavers = []
    for case, child in pairs:
        if not case.leaver_statuses or case.dob is None:
            continue
        ended = [h.period.end for h in case.care if h.period.end is not None]
        status = case.leaver_statuses[0]
        start = max(ended, default=status.on)
        adult = add_years(case.dob, ADULT_AGE) <= status.on
        leavers.append((case, CareLeaver(
            la=la, child=child, start_date=start,
            eligibility=(codes.CareLeaverEligibility.FORMER_RELEVANT if adult
                         else codes.CareLeaverEligibility.RELEVANT))))
    saved = _bulk(CareLeaver, [leaver for _, leaver in leavers], written)
    _bulk(CareLeaverStatus, [
        CareLeaverStatus(la=la, care_leaver=leaver, recorded_on=s.on, in_touch=s.in_touch,
                         activity=s.activity, accommodation=s.accommodation,
                         accommodation_suitable=s.accommodation_suitable)
        for (case, _), leaver in zip(leavers, saved, strict=True)
        for s in case.leaver_statuses], written)
