"""Periodic work of programs: the daily digest of new board posts, the halfway goal prompt,
forms exports left unimported, the group editor's models kept built."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from natverk.jobs.registry import periodic
from natverk.programs import actions, board, goals, grouping


@periodic("programs.board_digest", every=dt.timedelta(days=1))
@task()
def board_digest() -> int:
    """Send the day's posts to members who chose a daily digest (idempotent per day)."""
    return board.send_digests()


@periodic("programs.goals_halfway", every=dt.timedelta(days=1))
@task()
def goals_halfway() -> int:
    """Ask members halfway through a program how their goals are going (once each)."""
    return goals.send_halfway_prompts()


@periodic("programs.forget_uploads", every=dt.timedelta(hours=1))
@task()
def forget_uploads() -> int:
    """Delete forms exports left unimported for a day (they hold others' answers)."""
    return actions.forget_application_files()


@periodic("programs.warm_cohorts", every=dt.timedelta(minutes=10))
@task()
def warm_cohorts() -> int:
    """Build the affinity models of programs with groups whose answers changed (first as
    soon as a worker meets the job, then every ten minutes)."""
    return grouping.warm_cohorts()
