"""Background work of privacy on the database task queue: exports, erasures, retention."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from natverk.jobs.registry import periodic
from natverk.privacy import actions
from natverk.site import derived


@task()
def build_export(request_id: int) -> None:
    """Build a person's data export (the ZIP) for a queued request."""
    actions.run_export(request_id)


@task()
def erase_person(request_id: int) -> None:
    """Erase the person of a queued request, in one transaction."""
    actions.run_erasure(request_id)


@periodic("privacy.retention", every=dt.timedelta(days=1))
@task()
def run_retention() -> int:
    """Apply every organisation's retention rules (or only report, when it chose so)."""
    from natverk.privacy.retention import run_retention as run

    return len(run())


@periodic("privacy.expire_exports", every=dt.timedelta(hours=1))
@task()
def expire_exports() -> int:
    """Delete export files whose download period is over."""
    return actions.expire_exports()


@periodic("privacy.prune_derived_cache", every=dt.timedelta(hours=1))
@task()
def prune_derived_cache() -> int:
    """Delete derived-cache entries past their lifetime (they may hold deleted data)."""
    return derived.prune_expired()
