"""Django's file cache, with its size kept in check every minute instead of every write.

``FileBasedCache`` lists its whole directory on every ``set`` to decide whether to cull;
with thousands of rendered fragments that listing cost more than the write. Here a
process culls at most once a minute: the cache may run over ``MAX_ENTRIES`` by what a
minute writes, and the periodic pruning of expired entries keeps the rest in bounds.
"""

from __future__ import annotations

import time

from django.core.cache.backends.filebased import FileBasedCache

#: Seconds between two culls in one process.
CULL_EVERY_SECONDS = 60.0


class DerivedFileCache(FileBasedCache):
    """A file cache that culls at most once a minute per process."""

    _last_cull = float("-inf")

    def _cull(self) -> None:
        now = time.monotonic()
        if now - self._last_cull < CULL_EVERY_SECONDS:
            return
        self._last_cull = now
        super()._cull()  # type: ignore[misc]
