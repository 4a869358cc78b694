"""Periodic work of the live app: reminders before events, evaluations after them."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from natverk.jobs.registry import periodic
from natverk.live.actions.evaluation import send_evaluations
from natverk.live.actions.events import send_reminders


@periodic("live.event_reminders", every=dt.timedelta(minutes=10))
@task()
def event_reminders() -> int:
    """Send the day-before and hour-before reminders that are due (each once)."""
    return send_reminders()


@periodic("live.event_evaluations", every=dt.timedelta(minutes=30))
@task()
def event_evaluations() -> int:
    """Ask everyone at events that have ended for a short evaluation (each once)."""
    return send_evaluations()
