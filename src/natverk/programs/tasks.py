"""Background work of programs, on the database task queue (django-tasks)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from natverk.jobs.registry import periodic
from natverk.programs import runs


@task()
def run_matching(run_id: int) -> None:
    """Solve a matching run and store its groups; progress is saved as it goes."""
    runs.solve_run(run_id)


@periodic("programs.interrupt_stalled_runs", every=dt.timedelta(seconds=30))
@task()
def interrupt_stalled_runs() -> int:
    """Mark runs whose worker stopped, so the leader sees them and can retry."""
    return runs.interrupt_stalled_runs()
