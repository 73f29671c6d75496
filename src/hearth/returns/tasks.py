"""Background tasks of the returns app (django-tasks; the database backend, no broker).

A web request queues a task and answers at once; ``hearth db_worker`` runs it (``make demo``
starts one beside the web server). Tasks take ids, never model instances, because their
arguments are stored as JSON until a worker picks them up.
"""

from __future__ import annotations

from django_tasks import task

from hearth.returns.services import return_run_execute


@task()
def generate_return(run_id: int) -> None:
    """Generate, validate and store the files of one queued ``ReturnRun``."""
    return_run_execute(run_id=run_id)
