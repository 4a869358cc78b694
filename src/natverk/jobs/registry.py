"""Declare periodic tasks and enqueue the ones that are due, once per period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task

__all__ = ["Job", "periodic", "jobs", "run_due_jobs"]

T = TypeVar("T", bound=Task[Any, Any])


@dataclass(frozen=True)
class Job:
    """A task to enqueue every ``every``, first at the next multiple of it."""

    name: str
    every: dt.timedelta
    task: Task[Any, Any]


_JOBS: dict[str, Job] = {}


def periodic(name: str, *, every: dt.timedelta) -> Callable[[T], T]:
    """Run a task (with no arguments) every ``every``."""

    def decorate(task: T) -> T:
        _JOBS[name] = Job(name, every, task)
        return task

    return decorate


def jobs() -> list[Job]:
    """Every declared periodic job."""
    return list(_JOBS.values())


def _claim_and_enqueue(job: Job, now: dt.datetime) -> bool:
    from natverk.jobs.models import PeriodicJob

    with transaction.atomic():
        row, _ = PeriodicJob.objects.get_or_create(name=job.name, defaults={"next_run_at": now})
        row = PeriodicJob.objects.select_for_update().get(pk=row.pk)
        if row.next_run_at > now:
            return False
        row.last_run_at = now
        row.next_run_at = now + job.every
        row.runs += 1
        row.save(update_fields=["last_run_at", "next_run_at", "runs"])
        # The queue lives in the same database: the claim and the task commit together.
        job.task.enqueue()
    return True


def run_due_jobs(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every job that is due; returns their names."""
    moment = now or timezone.now()
    return [job.name for job in jobs() if _claim_and_enqueue(job, moment)]
