"""Dashboard pages by role (issue 7): who may see which place, what each page shows, the lists
behind the figures, the charts and their tables, and a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.factories import AllocationFactory
from tests.performance.casefile import LONDON, in_care
from tests.performance.dashboard_council import Place, build
from tests.performance.test_queries import case_file

from hearth.access.models import AccessEvent, AccessVerb, Role
from hearth.organisation.models import Area, LocalAuthority, Team
from hearth.performance.measures import MEASURES, NOT_DRILLABLE

DATA = Path(__file__).resolve().parents[2] / "src" / "hearth" / "performance" / "data"
NOW = dt.datetime(2025, 3, 31, 12, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def place(council: LocalAuthority) -> Place:
    return build(council)


def url(place: Place, where: str, measure: str = "") -> str:
    """``council``, ``areas``, or ``north``, ``south``, ``north_team``, ``south_team``,
    ``ann``, ``sue``; with ``measure``, the drill-down of that measure there."""
    if where in ("council", "areas") and not measure:
        return reverse(f"performance:{where}")
    if where == "council":
        return reverse("performance:council_drill", kwargs={"measure_id": measure})
    record = getattr(place, where)
    kind = {"north": "area", "south": "area", "north_team": "team", "south_team": "team",
            "ann": "worker", "sue": "worker"}[where]
    if measure:
        return reverse("performance:place_drill",
                       kwargs={"kind": kind, "pk": record.pk, "measure_id": measure})
    return reverse("performance:place", kwargs={"kind": kind, "pk": record.pk})


def signed_in(client: Client, place: Place, role: str) -> Client:
    client.force_login(place.users[role])
    return client


PLACES = ("council", "areas", "north", "south", "north_team", "south_team", "ann", "sue")
ALLOWED = {
    "director": set(PLACES),
    "performance": set(PLACES),
    "head_of_service": {"north", "north_team", "ann"},
    "team_manager": {"north_team", "ann"},
    "practitioner": {"ann"},
}


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_who_may_see_which_dashboard(client: Client, place: Place, role: str) -> None:
    signed_in(client, place, role)
    allowed = ALLOWED.get(role, set())
    for where in PLACES:
        before = AccessEvent.objects.filter(verb=AccessVerb.DENIED).count()
        response = client.get(url(place, where))
        assert response.status_code == (200 if where in allowed else 403), (role, where)
        denied = AccessEvent.objects.filter(verb=AccessVerb.DENIED).count() - before
        assert denied == (0 if where in allowed else 1), (role, where)


@pytest.mark.parametrize("role", ["director", "head_of_service", "practitioner", "front_door"])
def test_drill_downs_follow_the_same_rule(client: Client, place: Place, role: str) -> None:
    signed_in(client, place, role)
    allowed = ALLOWED.get(role, set())
    for where in ("council", "north", "south", "ann", "sue"):
        response = client.get(url(place, where, "cla_count"))
        assert response.status_code == (200 if where in allowed else 403), (role, where)


def test_the_start_page_takes_each_role_to_its_own_dashboard(client: Client,
                                                             place: Place) -> None:
    expected = {"director": url(place, "council"), "performance": url(place, "council"),
                "head_of_service": url(place, "north"),
                "team_manager": url(place, "north_team"), "practitioner": url(place, "ann")}
    for role, target in expected.items():
        response = signed_in(client, place, role).get(reverse("performance:start"))
        assert response.status_code == 302, role
        assert response["Location"] == target, role
    refused = signed_in(client, place, "front_door").get(reverse("performance:start"))
    assert refused.status_code == 403
    event = AccessEvent.objects.get(verb=AccessVerb.DENIED)
    assert (event.actor, event.detail) == (place.users["front_door"], "performance dashboard")


def test_anonymous_users_are_sent_to_sign_in(client: Client, place: Place) -> None:
    for where in ("council", "north", "ann"):
        response = client.get(url(place, where))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_a_place_of_another_council_is_not_found(client: Client, place: Place) -> None:
    from tests.factories import AreaFactory, LocalAuthorityFactory

    other = AreaFactory(la=LocalAuthorityFactory(name="Elsewhere", dfe_number="882",
                                                 ons_code="E10000099"))
    response = signed_in(client, place, "director").get(
        reverse("performance:place", kwargs={"kind": "area", "pk": other.pk}))
    assert response.status_code == 404
    response = client.get(reverse("performance:place", kwargs={"kind": "shire", "pk": 1}))
    assert response.status_code == 404


def test_the_navigation_links_the_dashboards_for_their_roles(client: Client,
                                                           place: Place) -> None:
    link = f'href="{reverse("performance:start")}"'
    for role in Role:
        page = signed_in(client, place, role.value).get(reverse("home")).content.decode()
        assert (link in page) == (role.value in ALLOWED), role


def figure(page: str, measure_id: str) -> str:
    row = re.search(rf'id="measure-{measure_id}".*?</tr>', page, re.S)
    assert row is not None, measure_id
    return row.group(0)


def test_the_council_dashboard_shows_each_figure_with_its_parts_and_benchmarks(
        client: Client, place: Place) -> None:
    call_command("benchmarks", "load", str(DATA / "england-2024-25.csv"))
    call_command("benchmarks", "load", str(DATA / "statistical-neighbours-ILLUSTRATIVE.csv"))
    for number in range(2):
        case_file(number, place.ann)
    page = signed_in(client, place, "director").get(url(place, "council")).content.decode()
    # Two children looked after in a council of 20,000: 1.0 per 10,000; England 67.0 (2024-25).
    cla = figure(page, "cla_per_10k")
    assert "1.0 per 10,000" in cla
    assert "2 children looked after, of 20,000 children aged 0-17" in cla
    assert "67.0 per 10,000 (2024-25)" in cla
    assert "54.0 per 10,000 (2024-25)" in cla
    assert "Illustrative" in cla
    assert "Neither higher nor lower is better" in cla
    assessments = figure(page, "assessments_within_45wd_pct")
    assert "100.0%" in assessments
    assert "2 completed within 45 working days, of 2 assessments completed" in assessments
    assert "Higher is better" in assessments
    assert "illustrative: made up for this demonstration" in page
    for measure in MEASURES:
        row = figure(page, measure.id)
        if measure.id in NOT_DRILLABLE:
            assert "Not listed:" in row
            assert "<a " not in row
        else:
            assert url(place, "council", measure.id) in row


def test_a_target_from_settings_is_shown(client: Client, place: Place, settings: object) -> None:
    settings.HEARTH_KPI_TARGETS = {"assessments_within_45wd_pct": 85}  # type: ignore[attr-defined]
    page = signed_in(client, place, "director").get(url(place, "council")).content.decode()
    assert "85.0%" in figure(page, "assessments_within_45wd_pct")


def test_charts_are_svg_with_a_table_of_the_same_figures(client: Client, place: Place) -> None:
    in_care(dt.date(2024, 10, 15))
    page = signed_in(client, place, "director").get(url(place, "council")).content.decode()
    for slug in ("cin-count", "cp-plan-count", "cla-count", "referrals-count"):
        chart = re.search(rf'id="chart-{slug}".*?</figure>', page, re.S)
        assert chart is not None, slug
        assert '<svg role="img" aria-label="Line chart:' in chart.group(0)
        rows = re.findall(r'<th scope="row" class="govuk-table__header">([^<]+)</th>',
                          chart.group(0))
        assert len(rows) == 12, slug
        assert (rows[0], rows[-1]) == ("30 Apr 2024", "31 Mar 2025")
    looked_after = re.search(r'id="chart-cla-count-table".*?</table>', page, re.S)
    assert looked_after is not None
    cells = re.findall(r'govuk-table__cell--numeric">([^<]+)</td>\s*<td', looked_after.group(0))
    # Looked after from 15 October 2024: 0 at each month end before it, 1 from October.
    assert cells == ["0"] * 6 + ["1"] * 6


def test_the_areas_side_by_side(client: Client, place: Place) -> None:
    case_file(0, place.ann)
    case_file(1, place.sue)
    case_file(2, place.sue)
    page = signed_in(client, place, "director").get(url(place, "areas")).content.decode()
    header = re.search(r"<thead.*?</thead>", page, re.S)
    assert header is not None
    # (The case files' other records bring areas of their own, after North and South.)
    columns = [h.strip() for h in re.findall(r'numeric">([^<]+)</th>', header.group(0))]
    assert columns[:1] == ["The council"]
    north, south = columns.index("North"), columns.index("South")
    cla = re.findall(r">(\d+)<span", figure(page, "cla_count"))
    assert (cla[0], cla[north], cla[south]) == ("3", "1", "2")
    assert url(place, "south", "cla_count") in figure(page, "cla_count")
    assert "cla_per_10k" not in page


def test_a_drill_down_lists_the_children_the_figure_counts(client: Client,
                                                           place: Place) -> None:
    held = [in_care(dt.date(2024, 6, 1)) for _ in range(3)]
    for period in held:
        AllocationFactory(child=period.child, worker=place.ann, start_date=dt.date(2024, 6, 1))
    restricted = held[2].child
    restricted.restricted = True
    restricted.save()
    theirs = in_care(dt.date(2024, 6, 1))
    AllocationFactory(child=theirs.child, worker=place.sue, start_date=dt.date(2024, 6, 1))

    page = signed_in(client, place, "director").get(url(place, "council", "cla_count"))
    text = page.content.decode()
    assert '<span id="behind-count">4</span>' in text
    listed = set(re.findall(r"<td class=\"govuk-table__cell\">(C\d+)</td>", text))
    assert listed == {held[0].child.la_child_id, held[1].child.la_child_id,
                      theirs.child.la_child_id}
    assert "1 of the 4 records is not listed" in text
    event = AccessEvent.objects.filter(verb=AccessVerb.SEARCH).get()
    assert event.actor == place.users["director"]
    assert "Children looked after" in event.detail

    # A head of service sees the North area's list: Ann's two open children.
    text = signed_in(client, place, "head_of_service").get(
        url(place, "north", "cla_count")).content.decode()
    assert '<span id="behind-count">3</span>' in text
    assert set(re.findall(r"<td class=\"govuk-table__cell\">(C\d+)</td>", text)) == {
        held[0].child.la_child_id, held[1].child.la_child_id}

    # An analyst sees the figure but, without a reason given, none of the children.
    text = signed_in(client, place, "performance").get(
        url(place, "council", "cla_count")).content.decode()
    assert "4 of the 4 records are not listed" in text
    assert "after giving a reason" in text


def test_a_measure_that_cannot_be_listed_has_no_drill_down(client: Client,
                                                           place: Place) -> None:
    signed_in(client, place, "director")
    assert client.get(url(place, "council", "agency_worker_pct")).status_code == 404
    assert client.get(url(place, "council", "no_such_measure")).status_code == 404


def test_a_bad_date_is_refused_with_a_message(client: Client, place: Place) -> None:
    signed_in(client, place, "director")
    for bad in ("31-03-2025", "2025-02-30", "2025-04-01"):
        response = client.get(url(place, "council") + f"?on={bad}")
        assert response.status_code == 400, bad
        assert "YYYY-MM-DD" in response.content.decode()
    assert client.get(url(place, "council") + "?on=2024-03-31").status_code == 200


def queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def grow(place: Place, numbers: range) -> None:
    """Case files held by Ann; the teams their factories make up join the North area, so the
    council keeps its two areas (the areas page computes every measure once per area)."""
    for number in numbers:
        case_file(number, place.ann)
    Team.objects.filter(area__isnull=False).exclude(area__in=[place.north, place.south]).update(
        area=place.north)
    Area.objects.exclude(pk__in=[place.north.pk, place.south.pk]).delete()


@pytest.mark.parametrize("where", ["council", "north", "ann"])
def test_pages_take_a_fixed_number_of_queries_as_data_grows(
        client: Client, place: Place, where: str) -> None:
    signed_in(client, place, "director")
    grow(place, range(1))
    paths = [url(place, where), url(place, where, "cla_count"),
             url(place, where, "referrals_count")]
    if where == "council":
        paths.append(url(place, "areas"))
    small = [queries(client, p) for p in paths]
    grow(place, range(1, 6))
    assert Area.objects.count() == 2
    assert [queries(client, p) for p in paths] == small


def test_a_percentage_lists_the_rest_of_its_denominator_too(client: Client,
                                                            place: Place) -> None:
    reviewed = in_care(dt.date(2025, 3, 20))  # first review not due yet: in time
    overdue = in_care(dt.date(2024, 1, 5))  # no review since: out of time
    signed_in(client, place, "director")
    page = client.get(url(place, "council", "cla_reviews_in_time_pct")).content.decode()
    assert reviewed.child.la_child_id in page
    assert overdue.child.la_child_id not in page
    rest_link = re.search(r'href="([^"]+)" id="other-part"', page)
    assert rest_link is not None
    assert rest_link.group(1).endswith("?part=rest")
    rest = client.get(rest_link.group(1)).content.decode()
    assert '<span id="behind-count">1</span>' in rest
    assert overdue.child.la_child_id in rest
    assert reviewed.child.la_child_id not in rest
    # A count has no "rest" to list.
    assert 'id="other-part"' not in client.get(url(place, "council", "cla_count")).content.decode()
