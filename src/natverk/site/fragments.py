"""Names for rendered fragments kept in the "derived" cache.

A fragment is cached under a digest of the very data it shows (``{% cache ... digest
using="derived" %}``), so a changed row gives another name and a stale page cannot be
served; the code stamp in the cache's key prefix covers changed templates.
"""

from __future__ import annotations

import hashlib


def digest_of(data: object) -> str:
    """A digest of ``data``'s ``repr`` (rows of plain values: strings, numbers, dates)."""
    return hashlib.sha256(repr(data).encode()).hexdigest()
