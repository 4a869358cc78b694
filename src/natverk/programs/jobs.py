"""Periodic work of programs: the daily digest of new board posts."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from natverk.jobs.registry import periodic
from natverk.programs import board


@periodic("programs.board_digest", every=dt.timedelta(days=1))
@task()
def board_digest() -> int:
    """Send the day's posts to members who chose a daily digest (idempotent per day)."""
    return board.send_digests()
