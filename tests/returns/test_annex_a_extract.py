"""Annex A's extract reads with a fixed number of queries, however many children there are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.factories import ContactFactory, CPPlanFactory, ICPCFactory, VisitFactory
from tests.returns.annex_a_helpers import AS_OF, D, at
from tests.returns.conftest import Council, add_child_in_care

from hearth.returns.annex_a.extract import extract


def queries(council: Council) -> int:
    with CaptureQueriesContext(connection) as captured:
        extract(council.la, AS_OF)
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_council(council: Council) -> None:
    before = queries(council)
    for n in range(5):
        child = add_child_in_care(council.la, n)
        ContactFactory(child=child, received_at=at(D(2026, 1, 5), 10))
        VisitFactory(child=child, kind="cla", visit_date=D(2026, 2, 1))
        plan = CPPlanFactory(episode=child.care_periods.get().episode, start_date=D(2023, 4, 1),
                             end_date=D(2023, 4, 20))
        ICPCFactory(s47__strategy_discussion__episode=plan.episode)
    data = extract(council.la, AS_OF)
    assert len([c for c in data.children.values() if c.child_id.startswith("X")]) == 5
    assert queries(council) == before
