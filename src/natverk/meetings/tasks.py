"""Periodic work of meetings, on the database task queue."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from natverk.jobs.registry import periodic
from natverk.programs.models import Program


def start_running_programs(now: dt.datetime | None = None) -> int:
    """Published programs whose first meeting has begun are running."""
    moment = now or timezone.now()
    return Program.objects.filter(
        status=Program.Status.PUBLISHED,
        groups__meetings__starts_at__lte=moment,
        groups__meetings__cancelled_at__isnull=True,
    ).update(status=Program.Status.RUNNING)


@periodic("meetings.start_running_programs", every=dt.timedelta(minutes=15))
@task()
def advance_programs() -> int:
    """Move published programs to running once their meetings have begun."""
    return start_running_programs()
