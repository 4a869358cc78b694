"""Periodic work of accounts: old confirmation links are deleted."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from natverk.accounts import actions, ratelimit
from natverk.jobs.registry import periodic


@periodic("accounts.prune_confirmations", every=dt.timedelta(days=1))
@task()
def prune_confirmations() -> int:
    """Delete confirmation links a week past their expiry (idempotent)."""
    return actions.prune_confirmations()


@periodic("accounts.prune_rate_counters", every=dt.timedelta(hours=1))
@task()
def prune_rate_counters() -> int:
    """Delete the rate-limit counters of windows that have ended."""
    return ratelimit.prune()
