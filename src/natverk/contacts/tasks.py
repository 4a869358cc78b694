"""Background work of contacts: the weekly digest of who is due."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from natverk.contacts import digest
from natverk.jobs.registry import periodic


@periodic("contacts.weekly_digest", every=dt.timedelta(hours=6))
@task()
def send_weekly_digests() -> int:
    """Mail each member the contacts due this week (once per week; see digest.py)."""
    return digest.send_weekly_digests(timezone.localdate())
