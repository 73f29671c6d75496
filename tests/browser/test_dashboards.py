"""A director signs in, opens the council dashboard, the areas side by side, and the list of
children behind one figure; every page passes an automated accessibility check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import AllocationFactory, LocalAuthorityFactory
from tests.performance.casefile import in_care
from tests.performance.dashboard_council import Place, build

from hearth.access.models import Role, User

PASSWORD = "a-long-synthetic-passphrase"
DATA = Path(__file__).resolve().parents[2] / "src" / "hearth" / "performance" / "data"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def council(audit_cleared_after: None) -> Place:
    place = build(LocalAuthorityFactory(child_population=20_000))
    director = place.users[Role.DIRECTOR]
    director.set_password(PASSWORD)
    director.save()
    for start in (dt.date(2024, 6, 1), dt.date(2025, 1, 15)):
        period = in_care(start)
        AllocationFactory(child=period.child, worker=place.ann, start_date=start)
    call_command("benchmarks", "load", str(DATA / "england-2024-25.csv"))
    call_command("benchmarks", "load", str(DATA / "statistical-neighbours-ILLUSTRATIVE.csv"))
    return place


def test_a_director_reads_the_dashboards_and_drills_into_a_figure(
        page: Any, live_server: Any, council: Place) -> None:
    director: User = council.users[Role.DIRECTOR]
    # Each dashboard computes every measure (and 12 month ends for the charts): allow for a
    # machine busy with other work.
    page.set_default_timeout(60_000)
    sign_in(page, live_server, director, PASSWORD)

    page.get_by_role("link", name="Performance").click()
    page.wait_for_url(f"{live_server.url}/performance/council/")
    assert page.locator("h1").inner_text() == "The council"
    assert page.locator("svg[role=img]").count() == 4
    looked_after = page.locator("#measure-cla_count")
    assert "2 children looked after" in looked_after.inner_text()
    assert "67.0 per 10,000 (2024-25)" in page.locator("#measure-cla_per_10k").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="The areas side by side").click()
    page.wait_for_url(f"{live_server.url}/performance/council/areas/")
    headers = page.locator("#areas-table thead th").all_inner_texts()
    assert headers[:4] == ["Measure", "The council", "North", "South"]
    assert_accessible(page)

    page.locator("#measure-cla_count a").nth(1).click()  # North's figure
    page.wait_for_url(f"{live_server.url}/performance/area/{council.north.pk}/measures/"
                      "cla_count/")
    assert page.locator("h1").inner_text() == "Children looked after"
    assert page.locator("#behind-count").inner_text() == "2"
    assert page.locator("#drill-records tbody tr").count() == 2
    assert_accessible(page)
