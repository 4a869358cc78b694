"""Rounds that run by themselves: the periodic job on the database task queue."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from natverk.jobs.registry import periodic
from natverk.pairing import rounds


@periodic("pairing.run_due_rounds", every=dt.timedelta(minutes=10))
@task()
def run_due_rounds() -> int:
    """Make every round that is due (each at most once) and ask for check-ins."""
    return rounds.run_due_rounds()
