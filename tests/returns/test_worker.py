"""The production path of the Returns page: the task is queued in the database and run by
``hearth db_worker`` (django-tasks' database backend), not at once as in the other tests.

Transactional: the worker commits as it goes, as it does beside a real server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult
from tests.factories import LocalAuthorityFactory
from tests.returns.conftest import add_child_in_care
from tests.returns.page_helpers import (
    install_fake_validator,
    make_user,
    validator_output,
)

from hearth.access.models import Role
from hearth.returns.models import ReturnRun, RunStatus

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("audit_cleared_after")]

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_queued_run_waits_for_the_worker_which_then_carries_it_out(
        client: Client, settings: Any, tmp_path: Path) -> None:
    settings.TASKS = DATABASE_TASKS
    settings.VAR_DIR = tmp_path
    install_fake_validator(tmp_path, validator_output({"218": ["X00001"]}))
    la = LocalAuthorityFactory()
    for n in range(1, 3):
        add_child_in_care(la, n)
    client.force_login(make_user(la, Role.PERFORMANCE))

    response = client.post("/returns/", {"return_name": "ssda903", "year": "2026"})
    run = ReturnRun.objects.get()
    assert response["Location"] == f"/returns/runs/{run.pk}/"
    assert run.status == RunStatus.QUEUED
    [task] = DBTaskResult.objects.all()
    assert task.task_path == "hearth.returns.tasks.generate_return"
    assert task.args_kwargs == {"args": [run.pk], "kwargs": {}}
    page = client.get(response["Location"]).text
    assert "Queued" in page
    assert "hx-get" in page

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")

    run.refresh_from_db()
    task.refresh_from_db()
    assert (run.status, run.progress, run.summary["children"]) == (RunStatus.DONE, 100, 2)
    assert task.status == "SUCCESSFUL"
    assert client.get(f"/returns/runs/{run.pk}/status/").status_code == 286
    download = client.get(f"/returns/runs/{run.pk}/files/header.csv")
    assert download.content.splitlines()[1].startswith(b"X00001,")
