"""Periodic work of accounts: old confirmation links are deleted."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from natverk.accounts import actions
from natverk.jobs.registry import periodic


@periodic("accounts.prune_confirmations", every=dt.timedelta(days=1))
@task()
def prune_confirmations() -> int:
    """Delete confirmation links a week past their expiry (idempotent)."""
    return actions.prune_confirmations()
