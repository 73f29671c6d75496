"""Every write the Returns page makes: request a run, carry it out, and hand out its files.

DESIGN.md: each write names its actor, checks its guards, runs in one ``transaction.atomic()``
and writes its audit row. Generating a return is an export of every child it covers, and each
download takes those records off the system, so both are written to the access audit
(``AccessVerb.EXPORT`` and ``AccessVerb.DOWNLOAD``, issue 6), as is every refusal.

``return_run_request`` queues the background task after the commit, so the worker never sees a
run its request has not yet committed. ``return_run_execute`` (the task's body) commits each
step on its own so the page can show progress while the run is going.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.http import HttpRequest

from hearth.access.models import AccessVerb, User
from hearth.access.services import deny, record_access
from hearth.core import clock
from hearth.core.errors import GuardFailed, InvalidTransition, NotPermitted
from hearth.returns.base import Period, ReturnType
from hearth.returns.models import ReturnFile, ReturnRun, RunStatus
from hearth.returns.registry import return_type
from hearth.returns.selectors import may_use_returns

logger = logging.getLogger(__name__)

NOT_PERMITTED = (
    "Only performance analysts and the director can generate statutory returns and download "
    "their files."
)
UNKNOWN_RETURN = "Hearth does not produce a return called {key!r}."
NOT_QUEUED = "This run has already started."
FAILED_WITHOUT_MESSAGE = "{kind} (no message)"
DETAIL_LENGTH = 500


def check_may_use_returns(*, actor: User, request: HttpRequest | None, detail: str) -> None:
    """Refuse, and record the refusal, unless ``actor`` may use the Returns page."""
    if not may_use_returns(actor):
        deny(actor=actor, request=request, detail=detail, message=NOT_PERMITTED)


def describe(run: ReturnRun) -> str:
    """The run in words, for the audit: ``SSDA903: children looked after 2025-26 (run 12)``."""
    kind = return_type(run.return_name)
    if kind is None:
        return f"{run.return_name} to {run.period_end:%d/%m/%Y} (run {run.pk})"
    return f"{kind.title} {kind.period(run.period_end).label} (run {run.pk})"


def return_run_request(*, actor: User, kind: ReturnType, period: Period,
                       request: HttpRequest | None = None) -> ReturnRun:
    """Queue ``kind`` for ``period`` in the actor's council, and audit the export."""
    check_may_use_returns(actor=actor, request=request, detail=f"generate {kind.title}")
    # Imported here: the task module imports this one.
    from hearth.returns.tasks import generate_return

    la_id = actor.la_id
    if la_id is None:  # refused above already; this tells the type checker
        raise NotPermitted(NOT_PERMITTED)
    with transaction.atomic():
        run = ReturnRun.objects.create(
            la_id=la_id, return_name=kind.key, period_end=period.end,
            requested_by=actor, requested_at=clock.now(), status=RunStatus.QUEUED,
            stage="Waiting for the background worker",
        )
        record_access(actor=actor, verb=AccessVerb.EXPORT, request=request,
                      detail=f"generated {describe(run)}"[:DETAIL_LENGTH])
        transaction.on_commit(lambda: generate_return.enqueue(run.pk))
    return run


def _claim(run_id: int) -> ReturnRun:
    """Move a queued run to running (the transition recipe: lock, check, change)."""
    with transaction.atomic():
        run = ReturnRun.objects.select_for_update().select_related("la").get(pk=run_id)
        if run.status != RunStatus.QUEUED:
            raise InvalidTransition(NOT_QUEUED, current=run.status, allowed=[RunStatus.QUEUED])
        run.status = RunStatus.RUNNING
        run.started_at = clock.now()
        run.progress = 0
        run.stage = "Starting"
        run.save(update_fields=["status", "started_at", "progress", "stage"])
    return run


def _progress(run_id: int, percent: int, stage: str) -> None:
    """Record how far a run has got; committed at once so the page can show it."""
    ReturnRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
        progress=max(0, min(percent, 99)), stage=stage[:200])


def _error_text(error: BaseException) -> str:
    text = str(error).strip()
    return text or FAILED_WITHOUT_MESSAGE.format(kind=type(error).__name__)


def return_run_execute(*, run_id: int) -> ReturnRun:
    """Generate and validate a queued run: the background task's body.

    Any error ends the run as failed with the error's message, and nothing of its files is
    kept; a run that is not queued (run twice by a retried task) is refused.
    """
    run = _claim(run_id)
    kind = return_type(run.return_name)
    try:
        if kind is None:
            raise GuardFailed(UNKNOWN_RETURN.format(key=run.return_name))
        period = kind.period(run.period_end)

        def progress(percent: int, stage: str) -> None:
            _progress(run.pk, percent, stage)

        generated = kind.generate(run.la, period, progress)
        validation = (kind.validate(run.la, generated, period, progress)
                      if kind.validate is not None else None)
        with transaction.atomic():
            ReturnFile.objects.bulk_create(
                ReturnFile(run=run, name=f.name, content=f.content, size=len(f.content),
                           rows=f.rows)
                for f in generated.files)
            run.status = RunStatus.DONE
            run.progress = 100
            run.stage = "Done"
            run.summary = generated.summary()
            run.validation = validation.to_json() if validation is not None else None
            run.finished_at = clock.now()
            run.save(update_fields=["status", "progress", "stage", "summary", "validation",
                                    "finished_at"])
    except Exception as error:
        logger.exception("Return run %s failed", run.pk)
        run.status = RunStatus.FAILED
        run.stage = "Failed"
        run.error = _error_text(error)
        run.finished_at = clock.now()
        run.save(update_fields=["status", "stage", "error", "finished_at"])
    return run


def return_file_download(*, actor: User, run: ReturnRun, name: str,
                         request: HttpRequest | None = None) -> ReturnFile | None:
    """The file ``name`` of ``run`` for ``actor``, with the download audited; ``None`` if the
    run has no such file. Refused (and audited) for roles that may not use returns."""
    check_may_use_returns(actor=actor, request=request,
                          detail=f"download {name} of run {run.pk}"[:DETAIL_LENGTH])
    file = run.files.filter(name=name).first()
    if file is None:
        return None
    record_access(actor=actor, verb=AccessVerb.DOWNLOAD, request=request,
                  detail=f"{name} of {describe(run)}"[:DETAIL_LENGTH])
    return file
