"""Periodic jobs are enqueued once per period, however many workers ask."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from natverk.jobs.models import PeriodicJob
from natverk.jobs.registry import jobs, run_due_jobs

pytestmark = pytest.mark.django_db


def test_every_job_is_enqueued_once_per_period() -> None:
    now = timezone.now()
    first = run_due_jobs(now)
    assert set(first) == {job.name for job in jobs()}
    assert run_due_jobs(now) == []
    assert run_due_jobs(now + dt.timedelta(seconds=1)) == []
    assert DBTaskResult.objects.count() == len(first)


def test_a_job_is_due_again_after_its_interval() -> None:
    now = timezone.now()
    run_due_jobs(now)
    job = jobs()[0]
    assert job.name in run_due_jobs(now + job.every)
    assert PeriodicJob.objects.get(name=job.name).runs == 2


def test_the_outbox_sweep_is_a_periodic_job() -> None:
    assert "outbox.deliver_due" in {job.name for job in jobs()}
