"""Periodic work of networks: the quarterly review reminder."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from natverk.jobs.registry import periodic
from natverk.networks.reminders import send_review_reminders


@periodic("networks.review_reminders", every=dt.timedelta(days=1))
@task()
def review_reminders() -> int:
    """Remind members to review their networks, once a quarter (idempotent)."""
    return send_review_reminders(timezone.localdate())
