"""The Returns page (issue 5): access by role, a 903 generated end to end, progress, failure,
the validation summary, audited downloads, bad input, and a constant query count.

Tasks run at once in test mode (the immediate backend), after the request's commit; each test
that generates wraps the request in ``django_capture_on_commit_callbacks(execute=True)`` so
that commit happens. ``test_worker.py`` runs the database backend and its worker.
"""

from __future__ import annotations

import datetime as dt
import json
import stat
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse
from lxml import etree
from openpyxl import load_workbook
from tests.factories import ChildFactory, LocalAuthorityFactory
from tests.returns.conftest import Council
from tests.returns.page_helpers import install_fake_validator, make_user, validator_output

from hearth.access.models import AccessEvent, AccessVerb, Role, User
from hearth.organisation.models import LocalAuthority
from hearth.returns import forms, services
from hearth.returns.base import Generated, GeneratedFile, Period, PeriodKind, ReturnType
from hearth.returns.cin import validate as cin_validate
from hearth.returns.models import ReturnFile, ReturnRun, RunStatus
from hearth.returns.registry import RETURNS
from hearth.returns.ssda903.page import NO_RULES_FOR_YEAR
from hearth.returns.validation import _MARKER

HOME = "/returns/"
ALLOWED = (Role.PERFORMANCE, Role.DIRECTOR)
REFUSED = tuple(r for r in Role if r not in ALLOWED)

#: A URLconf with a child record page, as the child-record issue will add one.
urlpatterns = [
    path("", include("hearth.config.urls")),
    path("children/<int:child_id>/", lambda request, child_id: None, name="child"),
]
child_record_urls = ([urlpatterns[1]], "people")
urlpatterns[1] = path("", include(child_record_urls))


@pytest.fixture
def analyst(council: Council) -> User:
    return make_user(council.la, Role.PERFORMANCE, "ana.lyst")


@pytest.fixture
def analyst_client(client: Client, analyst: User) -> Client:
    client.force_login(analyst)
    return client


@pytest.fixture
def validator(settings: Any, tmp_path: Path, council: Council) -> Path:
    """A fake 903 validator finding errors for two of the council's children and one unknown."""
    settings.VAR_DIR = tmp_path
    return install_fake_validator(tmp_path, validator_output({
        "218": ["TWICE", "SAMEDAY", "NOSUCHCHILD"],
        "SW17STG2": ["MISSING"],
    }))


def generate(client: Client, capture: Callable[..., Any], *, return_name: str = "ssda903",
             year: str = "2026", **extra: str) -> Any:
    with capture(execute=True):
        return client.post(HOME, {"return_name": return_name, "year": year, **extra})


def other_council() -> LocalAuthority:
    return LocalAuthorityFactory(name="Suffolk", dfe_number="935", ons_code="E10000029")


def events(user: User, verb: AccessVerb) -> list[AccessEvent]:
    return list(AccessEvent.objects.filter(actor=user, verb=verb).order_by("id"))


# --- access by role -------------------------------------------------------------------------

def test_anonymous_users_are_sent_to_sign_in(client: Client, db: None) -> None:
    for url in (HOME, "/returns/runs/1/", "/returns/runs/1/status/",
                "/returns/runs/1/files/header.csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("role", ALLOWED)
def test_analysts_and_the_director_may_use_the_page(client: Client, council: Council,
                                                    role: Role) -> None:
    client.force_login(make_user(council.la, role))
    response = client.get(HOME)
    assert response.status_code == 200
    assert "Which return?" in response.text
    assert "SSDA903: children looked after" in response.text
    assert f'href="{HOME}"' in response.text  # the navigation link


@pytest.mark.parametrize("role", REFUSED)
def test_every_other_role_is_refused_and_the_refusal_audited(client: Client, council: Council,
                                                             validator: Path, role: Role) -> None:
    analyst = make_user(council.la, Role.PERFORMANCE, "ana.lyst")
    run = services.return_run_request(actor=analyst, kind=RETURNS["ssda903"],
                                      period=Period.collection_year(2026))
    services.return_run_execute(run_id=run.pk)
    user = make_user(council.la, role)
    client.force_login(user)
    assert f'href="{HOME}"' not in client.get("/").text  # no navigation link
    urls = [HOME, f"/returns/runs/{run.pk}/", f"/returns/runs/{run.pk}/status/",
            f"/returns/runs/{run.pk}/files/header.csv"]
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert client.post(HOME, {"return_name": "ssda903", "year": "2026"}).status_code == 403
    refused = events(user, AccessVerb.DENIED)
    assert len(refused) == len(urls) + 1
    assert refused[3].detail == f"download header.csv of run {run.pk}"
    assert events(user, AccessVerb.DOWNLOAD) == []
    assert ReturnRun.objects.count() == 1


def test_heads_of_service_are_refused(client: Client, council: Council) -> None:
    """Their scope is their area's children; a return's files hold the whole council's."""
    client.force_login(make_user(council.la, Role.HEAD_OF_SERVICE))
    assert client.get(HOME).status_code == 403


def test_a_user_without_a_council_is_refused(client: Client, db: None) -> None:
    client.force_login(make_user(None, Role.PERFORMANCE))
    assert client.get(HOME).status_code == 403


# --- a 903 end to end -----------------------------------------------------------------------

def test_a_903_is_generated_validated_and_shown(
        analyst_client: Client, analyst: User, council: Council, validator: Path,
        django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    response = generate(analyst_client, django_capture_on_commit_callbacks)
    run = ReturnRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/returns/runs/{run.pk}/"
    assert (run.status, run.progress, run.requested_by, run.la) == (
        RunStatus.DONE, 100, analyst, council.la)
    assert run.period_end == dt.date(2026, 3, 31)
    assert run.started_at is not None
    assert run.finished_at is not None
    assert run.summary["children"] == 5  # TWICE, SAMEDAY, ADOPTED, MISSING and the leaver
    names = set(ReturnFile.objects.filter(run=run).values_list("name", flat=True))
    assert {"header.csv", "episodes.csv", "oc3.csv"} <= names
    header = ReturnFile.objects.get(run=run, name="header.csv")
    assert header.rows == 5
    assert bytes(header.content).startswith(b"CHILD,SEX,DOB")
    # The validator was given the year, the council's ONS code and the files written.
    args = validator.read_text()
    assert f"--year 2026 --la {council.la.ons_code}" in args
    assert "header.csv" in args

    page = analyst_client.get(response["Location"])
    assert page.status_code == 200
    text = page.text
    assert "Done" in text
    assert "5 children in the return" in text
    assert "4 errors under 2 rules" in text
    assert 'id="rule-218"' in text
    assert "Rule 218 checks something." in text
    # Children link to their record page (people:child); an id not in the council does not.
    assert f'<a class="govuk-link" href="/children/{council.twice.pk}/">TWICE</a>' in text
    assert ", NOSUCHCHILD" in text
    assert "Rules the validator could not run: 231." in text
    assert f'href="/returns/runs/{run.pk}/files/header.csv"' in text
    assert "hx-get" not in text  # over: nothing to poll
    [export] = events(analyst, AccessVerb.EXPORT)
    assert export.detail == f"generated SSDA903: children looked after 2025-26 (run {run.pk})"
    assert export.child is None
    assert export.la == council.la


@pytest.mark.urls(__name__)
def test_children_link_to_their_records_when_that_page_exists(
        analyst_client: Client, analyst: User, council: Council, validator: Path,
        django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    council.same_day.restricted = True
    council.same_day.save()
    generate(analyst_client, django_capture_on_commit_callbacks)
    text = analyst_client.get(f"/returns/runs/{ReturnRun.objects.get().pk}/").text
    assert f'<a class="govuk-link" href="/children/{council.twice.pk}/">TWICE</a>' in text
    assert f'href="/children/{council.missing.pk}/">MISSING</a>' in text
    # A restricted child the analyst is not named on, and an id not in the council: no link.
    assert ", SAMEDAY, NOSUCHCHILD" in text
    assert f"/children/{council.same_day.pk}/" not in text


@pytest.mark.urls(__name__)
def test_a_child_of_another_council_with_the_same_id_is_never_linked(
        analyst_client: Client, council: Council, validator: Path,
        django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    other = ChildFactory(la=other_council(), la_child_id="NOSUCHCHILD")
    generate(analyst_client, django_capture_on_commit_callbacks)
    text = analyst_client.get(f"/returns/runs/{ReturnRun.objects.get().pk}/").text
    assert f"/children/{other.pk}/" not in text


def test_a_year_without_validator_rules_still_gives_the_files(
        analyst_client: Client, council: Council, validator: Path,
        django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    generate(analyst_client, django_capture_on_commit_callbacks, year="2020")
    run = ReturnRun.objects.get()
    assert run.status == RunStatus.DONE
    assert run.validation is not None
    assert run.validation["unavailable"] == NO_RULES_FOR_YEAR.format(first=2023, last=2027)
    text = analyst_client.get(f"/returns/runs/{run.pk}/").text
    assert 'id="validation-unavailable"' in text
    assert "header.csv" in text
    assert not validator.exists()  # the validator was not started


# --- downloads ------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ALLOWED)
def test_a_download_is_the_file_and_is_audited(
        client: Client, council: Council, validator: Path, role: Role) -> None:
    analyst = make_user(council.la, Role.PERFORMANCE, "ana.lyst")
    run = services.return_run_request(actor=analyst, kind=RETURNS["ssda903"],
                                      period=Period.collection_year(2026))
    services.return_run_execute(run_id=run.pk)
    user = analyst if role == Role.PERFORMANCE else make_user(council.la, role)
    client.force_login(user)
    response = client.get(f"/returns/runs/{run.pk}/files/episodes.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="episodes.csv"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content == bytes(ReturnFile.objects.get(run=run, name="episodes.csv").content)
    [download] = events(user, AccessVerb.DOWNLOAD)
    assert download.detail == (
        f"episodes.csv of SSDA903: children looked after 2025-26 (run {run.pk})")
    assert download.path == f"/returns/runs/{run.pk}/files/episodes.csv"


def test_no_such_file_or_another_councils_run_is_not_found(
        analyst_client: Client, analyst: User, council: Council, validator: Path) -> None:
    run = services.return_run_request(actor=analyst, kind=RETURNS["ssda903"],
                                      period=Period.collection_year(2026))
    services.return_run_execute(run_id=run.pk)
    assert analyst_client.get(f"/returns/runs/{run.pk}/files/nothing.csv").status_code == 404
    elsewhere = make_user(other_council(), Role.PERFORMANCE, "other.analyst")
    analyst_client.force_login(elsewhere)
    assert analyst_client.get(f"/returns/runs/{run.pk}/").status_code == 404
    assert analyst_client.get(f"/returns/runs/{run.pk}/files/header.csv").status_code == 404
    assert events(analyst, AccessVerb.DOWNLOAD) == events(elsewhere, AccessVerb.DOWNLOAD) == []


# --- progress and failure, with returns added to the registry for the test -----------------

@pytest.fixture
def register(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., ReturnType]]:
    def add(key: str, generate: Any, kind: PeriodKind = PeriodKind.COLLECTION_YEAR,
            validate: Any = None) -> ReturnType:
        entry = ReturnType(key=key, title=f"Test return {key}", period_kind=kind,
                           generate=generate, validate=validate,
                           earliest=dt.date(2017, 3, 31))
        monkeypatch.setitem(RETURNS, key, entry)
        return entry

    return add


def one_file(children: int = 1) -> Generated:
    return Generated(files=(GeneratedFile("test.csv", b"A\n1\n", rows=1),), children=children)


def test_progress_is_shown_while_the_run_goes_and_polling_stops_when_done(
        analyst_client: Client, analyst: User, register: Callable[..., ReturnType]) -> None:
    seen: dict[str, Any] = {}

    def generate_slowly(la: LocalAuthority, period: Period, progress: Any) -> Generated:
        run = ReturnRun.objects.get()
        seen["page"] = analyst_client.get(f"/returns/runs/{run.pk}/").text
        progress(40, "Counting the children")
        seen["status"] = analyst_client.get(f"/returns/runs/{run.pk}/status/")
        return one_file()

    kind = register("slow", generate_slowly)
    run = services.return_run_request(actor=analyst, kind=kind,
                                      period=Period.collection_year(2025))
    queued = analyst_client.get(f"/returns/runs/{run.pk}/status/")
    assert queued.status_code == 200
    assert "Queued" in queued.text
    assert "Waiting for the background worker" in queued.text
    services.return_run_execute(run_id=run.pk)

    assert f'hx-get="/returns/runs/{run.pk}/status/"' in seen["page"]
    assert 'hx-trigger="every 2s"' in seen["page"]
    assert "/static/django_htmx/htmx-2.min.js" in seen["page"]
    running = seen["status"]
    assert running.status_code == 200
    assert "Running" in running.text
    assert "Counting the children" in running.text
    assert 'value="40"' in running.text
    assert "Progress: 40%" in running.text
    done = analyst_client.get(f"/returns/runs/{run.pk}/status/", headers={"HX-Request": "true"})
    assert done.status_code == 286  # htmx: stop polling, and show this
    assert "Download test.csv" in done.text
    assert "This return has no validator." in done.text
    # Screen readers hear the end of the run once, not the panel at every poll.
    assert "aria-live" not in seen["page"].split('id="run-status"')[1].split(">")[0]
    assert ('<p id="run-announcement" hx-swap-oob="innerHTML">The return is ready: 1 child.'
            in done.text)


def test_a_failed_generation_shows_its_error_and_keeps_no_files(
        analyst_client: Client, analyst: User, register: Callable[..., ReturnType],
        django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    def broken(la: LocalAuthority, period: Period, progress: Any) -> Generated:
        progress(30, "Reading")
        raise ValueError("Placement 17 ends before it starts")

    register("broken", broken)
    generate(analyst_client, django_capture_on_commit_callbacks, return_name="broken")
    run = ReturnRun.objects.get()
    assert run.status == RunStatus.FAILED
    assert run.error == "Placement 17 ends before it starts"
    assert run.finished_at is not None
    assert not run.files.exists()
    text = analyst_client.get(f"/returns/runs/{run.pk}/").text
    assert "The return could not be generated" in text
    assert "Placement 17 ends before it starts" in text
    assert "hx-get" not in text
    assert analyst_client.get(f"/returns/runs/{run.pk}/status/").status_code == 286
    assert "Failed" in analyst_client.get(HOME).text


def test_a_run_is_carried_out_once(analyst: User, register: Callable[..., ReturnType]) -> None:
    kind = register("once", lambda la, period, progress: one_file())
    run = services.return_run_request(actor=analyst, kind=kind,
                                      period=Period.collection_year(2025))
    services.return_run_execute(run_id=run.pk)
    with pytest.raises(services.InvalidTransition, match="already started"):
        services.return_run_execute(run_id=run.pk)
    assert ReturnFile.objects.filter(run=run).count() == 1


def test_an_as_of_date_return_asks_for_a_date(
        analyst_client: Client, register: Callable[..., ReturnType],
        django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    periods: list[Period] = []

    def annex(la: LocalAuthority, period: Period, progress: Any) -> Generated:
        periods.append(period)
        return one_file()

    register("annex", annex, PeriodKind.AS_OF_DATE)
    assert "Date the return is as at" in analyst_client.get(HOME).text
    bad = analyst_client.post(HOME, {"return_name": "annex", "as_of_day": "31",
                                     "as_of_month": "2", "as_of_year": "2026"})
    assert forms.REAL_DATE in bad.text
    with django_capture_on_commit_callbacks(execute=True):
        analyst_client.post(HOME, {"return_name": "annex", "as_of_day": "2",
                                   "as_of_month": "3", "as_of_year": "2026"})
    assert periods == [Period(PeriodKind.AS_OF_DATE, dt.date(2026, 3, 2))]
    assert "as at 2 March 2026" in analyst_client.get(HOME).text


# --- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "message"), [
    ({"return_name": "ssda904", "year": "2026"},
     forms.UNKNOWN_RETURN.format(value="ssda904")),
    ({"year": "2026"}, forms.CHOOSE_RETURN),
    ({"return_name": "ssda903", "year": ""}, forms.ENTER_YEAR.format(example=2027)),
    ({"return_name": "ssda903", "year": "20x6"}, forms.YEAR_DIGITS.format(example=2027)),
    ({"return_name": "ssda903", "year": "2025-26"}, forms.YEAR_DIGITS.format(example=2027)),
    ({"return_name": "ssda903", "year": "2016"}, forms.YEAR_RANGE.format(first=2017,
                                                                          last=2027)),
    ({"return_name": "ssda903", "year": "2099"}, forms.YEAR_RANGE.format(first=2017,
                                                                          last=2027)),
])
def test_bad_input_names_what_is_wrong_and_writes_nothing(
        analyst_client: Client, analyst: User, data: dict[str, str], message: str,
        time_machine: Any) -> None:
    time_machine.move_to(dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC))
    response = analyst_client.post(HOME, data)
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert response.text.count(message) == 2  # in the error summary and by the field
    assert "<title>Error: Returns" in response.text
    assert ReturnRun.objects.count() == 0
    assert events(analyst, AccessVerb.EXPORT) == []


# --- query counts ---------------------------------------------------------------------------

def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_page_runs_the_same_queries_however_many_runs(
        analyst_client: Client, analyst: User, register: Callable[..., ReturnType]) -> None:
    kind = register("count", lambda la, period, progress: one_file())

    def add_runs(n: int) -> None:
        for _ in range(n):
            run = services.return_run_request(actor=analyst, kind=kind,
                                              period=Period.collection_year(2025))
            services.return_run_execute(run_id=run.pk)

    add_runs(2)
    few = _queries(analyst_client, HOME)
    add_runs(10)
    director = make_user(analyst.la, Role.DIRECTOR)
    services.return_run_request(actor=director, kind=kind, period=Period.collection_year(2024))
    assert _queries(analyst_client, HOME) == few
    # 13 runs listed, and the return once among the choices.
    assert analyst_client.get(HOME).text.count("Test return count") == 14


def test_the_run_page_runs_the_same_queries_however_many_failures(
        analyst_client: Client, analyst: User, council: Council, settings: Any,
        tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path

    def run_with(children: dict[str, list[str]], where: Path) -> int:
        where.mkdir()
        settings.VAR_DIR = where
        install_fake_validator(where, validator_output(children))
        run = services.return_run_request(actor=analyst, kind=RETURNS["ssda903"],
                                          period=Period.collection_year(2026))
        services.return_run_execute(run_id=run.pk)
        return _queries(analyst_client, f"/returns/runs/{run.pk}/")

    few = run_with({"218": ["TWICE"]}, tmp_path / "few")
    many = run_with({str(code): ["TWICE", "SAMEDAY", "MISSING", "LEAVER"]
                     for code in range(100, 140)}, tmp_path / "many")
    assert many == few


# --- the CIN census -------------------------------------------------------------------------

def test_a_cin_census_is_generated_and_its_queries_are_not_errors(
        analyst_client: Client, analyst: User, council: Council, settings: Any, tmp_path: Path,
        django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    settings.VAR_DIR = tmp_path
    venv = tmp_path / "validators" / "cin"
    python = venv / "bin" / "python"
    python.parent.mkdir(parents=True)
    (venv / _MARKER).write_text(" ".join(cin_validate.REQUIREMENTS) + "\n")
    report = validator_output({"8500": ["TWICE"], "8825Q": ["SAMEDAY", "MISSING"]})
    python.write_text(f"#!/bin/sh\necho '{json.dumps(report)}'\n")
    python.chmod(python.stat().st_mode | stat.S_IEXEC)

    response = generate(analyst_client, django_capture_on_commit_callbacks, return_name="cin")
    run = ReturnRun.objects.get()
    assert (run.status, run.return_name) == (RunStatus.DONE, "cin")
    [xml_file] = ReturnFile.objects.filter(run=run)
    assert xml_file.name == "cin-census-2026.xml"
    root = etree.fromstring(bytes(xml_file.content))
    assert root.findtext("Header/CollectionDetails/Year") == "2026"
    assert xml_file.rows == len(root.findall("Children/Child")) == run.summary["children"] > 0
    assert run.validation["errors"] == 1  # 8500 only: 8825Q is a DfE query

    download = analyst_client.get(f"/returns/runs/{run.pk}/files/{xml_file.name}")
    assert download["Content-Type"] == "application/xml"
    text = analyst_client.get(response["Location"]).text
    assert 'id="rule-8825Q"' in text
    assert "Query" in text
    [export] = events(analyst, AccessVerb.EXPORT)
    assert export.detail == f"generated CIN census: children in need 2025-26 (run {run.pk})"
# --- Annex A end to end ---------------------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_annex_a_is_generated_downloaded_as_a_workbook_and_audited(
        analyst_client: Client, analyst: User, council: Council,
        django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    assert "Ofsted Annex A: child level data" in analyst_client.get(HOME).text
    with django_capture_on_commit_callbacks(execute=True):
        response = analyst_client.post(HOME, {"return_name": "annex_a", "as_of_day": "31",
                                              "as_of_month": "3", "as_of_year": "2026"})
    run = ReturnRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/returns/runs/{run.pk}/"
    assert (run.return_name, run.status, run.progress, run.period_end) == (
        "annex_a", RunStatus.DONE, 100, dt.date(2026, 3, 31))
    assert run.summary["children"] == 5  # the council's five children, each on some list
    assert run.validation is None
    [file] = ReturnFile.objects.filter(run=run)
    assert file.name == "annex-a-2026-03-31.xlsx"

    page = analyst_client.get(response["Location"]).text
    assert "5 children in the return" in page
    assert "This return has no validator." in page
    url = f"/returns/runs/{run.pk}/files/annex-a-2026-03-31.xlsx"
    assert f'href="{url}"' in page

    download = analyst_client.get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == XLSX
    assert download["Content-Disposition"] == 'attachment; filename="annex-a-2026-03-31.xlsx"'
    assert download.content == bytes(file.content)
    book = load_workbook(BytesIO(download.content))
    assert book.sheetnames == [f"List_{n}" for n in range(1, 12)]
    in_care = book["List_8"]
    assert [c.value for c in in_care[1][:4]] == [
        "Child Unique ID", "Gender", "Ethnicity", "Date of Birth"]
    children = {row[0].value: row for row in in_care.iter_rows(min_row=2)}
    # In care at 31 March 2026, or (ADOPTED) ceased in the six months before it.
    assert sorted(children) == ["ADOPTED", "MISSING", "SAMEDAY", "TWICE"]
    started = children["TWICE"][7]  # Date Started to be Looked After: the current period's
    assert (started.value.date(), started.number_format) == (dt.date(2025, 11, 3), "dd/mm/yyyy")
    assert [row[0].value for row in book["List_9"].iter_rows(min_row=2)] == ["LEAVER"]

    title = "Ofsted Annex A: child level data as at 31 March 2026"
    [export] = events(analyst, AccessVerb.EXPORT)
    assert export.detail == f"generated {title} (run {run.pk})"
    assert export.la == council.la
    [downloaded] = events(analyst, AccessVerb.DOWNLOAD)
    assert downloaded.detail == f"annex-a-2026-03-31.xlsx of {title} (run {run.pk})"
    assert downloaded.path == url
