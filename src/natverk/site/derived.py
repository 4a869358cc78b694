"""Keeping the derived cache free of data that is gone from the database.

Entries of the derived cache are named by the data they show, so they are never read
once that data changes; but they hold names and answers, so what the database no longer
holds must not linger on disk either. Erasing a person empties the cache; a periodic
job deletes entries past the longest lifetime of any entry.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.cache import caches

#: No entry of the derived cache lives longer (the fragments' lifetime, in seconds).
LONGEST_SECONDS = 24 * 3600


def forget_everything() -> None:
    """Empty the derived cache (after an erasure: it may hold the person's data)."""
    caches["derived"].clear()


def prune_expired(now: float | None = None, longest: int = LONGEST_SECONDS) -> int:
    """Delete the entries written longer ago than any entry lives; returns how many."""
    location: str = settings.CACHES["derived"]["LOCATION"]  # type: ignore[index]
    directory = Path(location)
    cutoff = (time.time() if now is None else now) - longest
    deleted = 0
    for path in directory.glob("*.djcache"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                deleted += 1
        except FileNotFoundError:  # another process removed it first
            continue
    return deleted
