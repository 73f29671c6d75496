"""The database refuses practice records that would misstate oversight, visits or supervision."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from tests.factories import (
    ChildFactory,
    OversightDecisionFactory,
    OversightRequestFactory,
    VisitFactory,
    WorkerFactory,
)

from hearth.practice.models import CaseAudit, OversightDecision, Supervision, Visit

pytestmark = pytest.mark.django_db


def test_oversight_approved_without_comment_and_returned_with_comment_save() -> None:
    request = OversightRequestFactory()
    OversightDecisionFactory(request=request, outcome="returned",
                             comment="Please add the child's views on school.")
    OversightDecisionFactory(request=request, outcome="approved")

    assert list(request.decisions.order_by("pk").values_list("outcome", flat=True)) == [
        "returned", "approved"]
    assert request.subject.child == request.child


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        pytest.param({"outcome": "returned", "comment": ""}, "oversight_return_needs_comment",
                     id="returned-without-comment"),
        pytest.param({"outcome": "rejected", "comment": "No."}, "oversight_outcome_valid",
                     id="outcome-not-in-list"),
    ],
)
def test_oversight_decision_breaking_its_invariants_is_refused(fields: dict,
                                                               constraint: str) -> None:
    request = OversightRequestFactory()

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        OversightDecisionFactory(request=request, **fields)

    assert not OversightDecision.objects.exists()


def test_oversight_request_of_an_unknown_kind_is_refused() -> None:
    request = OversightRequestFactory()

    with pytest.raises(IntegrityError, match="oversight_kind_valid"), transaction.atomic():
        OversightRequestFactory(subject=request.subject, kind="promotion")

    assert request.child.oversight_requests.get() == request


def test_visit_seen_alone_requires_the_child_to_have_been_seen() -> None:
    child = ChildFactory()
    worker = WorkerFactory()
    VisitFactory(child=child, worker=worker, child_seen=True, seen_alone=True)
    VisitFactory(child=child, worker=worker, child_seen=False, seen_alone=None)

    with pytest.raises(IntegrityError, match="visit_seen_alone_only_if_seen"), transaction.atomic():
        VisitFactory(child=child, worker=worker, child_seen=False, seen_alone=True)
    with pytest.raises(IntegrityError, match="visit_kind_valid"), transaction.atomic():
        VisitFactory(child=child, worker=worker, kind="hv")

    assert Visit.objects.filter(child=child).count() == 2


def test_worker_supervising_themselves_is_refused() -> None:
    manager = WorkerFactory(role="team_manager")
    worker = WorkerFactory(team=manager.team, manager=manager)
    Supervision.objects.create(la=worker.la, worker=worker, supervisor=manager,
                               held_on=dt.date(2024, 2, 1))

    with pytest.raises(IntegrityError, match="supervision_not_self"), transaction.atomic():
        Supervision.objects.create(la=worker.la, worker=worker, supervisor=worker,
                                   held_on=dt.date(2024, 2, 2))

    assert worker.supervisions.get().supervisor == manager


def test_case_audit_graded_outside_the_ofsted_scale_is_refused() -> None:
    child = ChildFactory()
    auditor = WorkerFactory(role="team_manager")
    CaseAudit.objects.create(la=child.la, child=child, auditor=auditor,
                             audit_date=dt.date(2024, 5, 1), theme="Neglect", grade="good")

    with pytest.raises(IntegrityError, match="audit_grade_valid"), transaction.atomic():
        CaseAudit.objects.create(la=child.la, child=child, auditor=auditor,
                                 audit_date=dt.date(2024, 5, 2), theme="Neglect",
                                 grade="adequate")
    with pytest.raises(IntegrityError, match="audit_moderated_grade_valid"), transaction.atomic():
        CaseAudit.objects.create(la=child.la, child=child, auditor=auditor,
                                 audit_date=dt.date(2024, 5, 3), theme="Neglect", grade="good",
                                 moderated_grade="excellent")

    assert child.audits.get().grade == "good"
