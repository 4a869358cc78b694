"""Names for what the "derived" cache keeps: models, calendar files, rendered fragments.

An entry is cached under a digest of the very data it is made from (a fragment with
``{% cache ... digest using="derived" %}``), so changed data gives another name and a
stale entry cannot be served; the code stamp in the cache's key prefix covers changed
code and templates.
"""

from __future__ import annotations

import hashlib


def digest_of(data: object) -> str:
    """A digest of ``data``'s ``repr`` (rows of plain values: strings, numbers, dates)."""
    return hashlib.sha256(repr(data).encode()).hexdigest()
