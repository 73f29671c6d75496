"""A performance analyst generates a 903 and downloads a file, on pages that pass axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import LocalAuthorityFactory
from tests.returns.conftest import add_child_in_care
from tests.returns.page_helpers import (
    PASSWORD,
    install_fake_validator,
    make_user,
    validator_output,
)

from hearth.access.models import AccessEvent, AccessVerb, Role, User
from hearth.returns.models import ReturnRun, RunStatus

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("audit_cleared_after")]
#: The page offers every registered return (Annex A too), so the 903 is chosen first.
SSDA903 = "SSDA903: children looked after"


@pytest.fixture
def analyst(settings: Any, tmp_path: Path) -> User:
    settings.VAR_DIR = tmp_path
    install_fake_validator(tmp_path, validator_output({"218": ["X00001", "X00002"]}))
    la = LocalAuthorityFactory()
    for n in range(1, 4):
        add_child_in_care(la, n)
    return make_user(la, Role.PERFORMANCE, "ana.lyst")


def test_an_analyst_generates_a_903_and_downloads_it(page: Any, live_server: Any,
                                                      analyst: User) -> None:
    sign_in(page, live_server, analyst, PASSWORD)
    page.get_by_role("link", name="Returns").click()
    page.wait_for_url(f"{live_server.url}/returns/")
    assert_accessible(page)

    # A year that is not a year: the error summary names the field and takes focus.
    page.get_by_label(SSDA903).check()
    page.fill("input[name=year]", "twenty")
    page.keyboard.press("Enter")
    page.locator(".govuk-error-summary").wait_for()
    assert "must be 4 digits" in page.inner_text(".govuk-error-summary")
    assert_accessible(page)

    page.fill("input[name=year]", "2026")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/returns/runs/*/")
    page.locator("#run-files").wait_for()
    main = page.inner_text("main")
    assert "3 children in the return" in main
    assert "2 errors under 1 rule" in main
    assert "X00001, X00002" in page.inner_text("#rule-218")
    assert_accessible(page)

    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download header.csv").click()
    download = downloading.value
    assert download.suggested_filename == "header.csv"
    lines = Path(download.path()).read_text().splitlines()
    assert lines[0].startswith("CHILD,SEX,DOB")
    assert [line.split(",")[0] for line in lines[1:]] == ["X00001", "X00002", "X00003"]
    verbs = list(AccessEvent.objects.filter(actor=analyst).order_by("id")
                 .values_list("verb", flat=True))
    assert verbs == [AccessVerb.EXPORT, AccessVerb.DOWNLOAD]

    page.get_by_role("link", name="All returns").click()
    assert "Done" in page.inner_text("#runs")
    assert_accessible(page)


def test_the_run_page_follows_the_worker_without_a_reload(
        page: Any, live_server: Any, analyst: User, settings: Any) -> None:
    """The database backend as in production: the run waits, the worker carries it out, and
    htmx's polling brings the result into the open page.

    The page's polls are routed through this thread, so none reaches the server while the
    worker runs here (the test database is one connection, shared with the server thread).
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    sign_in(page, live_server, analyst, PASSWORD)
    page.route("**/status/", lambda route: route.continue_())
    page.goto(f"{live_server.url}/returns/")
    page.get_by_label(SSDA903).check()
    page.fill("input[name=year]", "2026")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/returns/runs/*/")
    assert "Queued" in page.inner_text("#run-status")
    page.evaluate("window.hearthNotReloaded = true")
    with page.expect_response("**/status/") as polled:
        pass
    assert polled.value.status == 200
    assert_accessible(page)

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    assert ReturnRun.objects.get().status == RunStatus.DONE

    page.locator("#run-files").wait_for()
    assert page.evaluate("window.hearthNotReloaded") is True
    assert "3 children in the return" in page.inner_text("#run-status")
    assert page.inner_text("#run-announcement") == (
        "The return is ready: 3 children, 2 validation errors.")
    assert_accessible(page)
