"""A web process's memo of derived objects (affinity models, prepared problems), bounded
by the memory they hold rather than by their number.

A count bound fitted neither end: sixteen entries thrashed when a leader's previews went
round ten programs (two entries each), and sixteen models of 4,000 applicants would hold
gigabytes. The values are immutable and keyed by a digest of what they were built from,
so an entry is never stale; the oldest used go first.
"""

from __future__ import annotations

import dataclasses
import sys
from collections import OrderedDict
from typing import Any

#: How deep :func:`approximate_bytes` follows containers and object fields.
_DEPTH = 6
#: Items of a longer container that it measures (evenly spread) and scales up.
_SAMPLED = 32


def approximate_bytes(value: Any, _depth: int = _DEPTH, _seen: set[int] | None = None) -> int:
    """About how many bytes ``value`` holds: arrays' buffers, strings, and what tuples,
    lists, dicts and objects' fields hold, each object counted once (long containers
    from a sample)."""
    seen = set() if _seen is None else _seen
    if id(value) in seen:
        return 0
    seen.add(id(value))
    nbytes = getattr(value, "nbytes", None)
    if isinstance(nbytes, int):  # numpy arrays: the buffer is what counts
        return nbytes + 112
    own = sys.getsizeof(value)
    if _depth == 0 or isinstance(value, (str, bytes, int, float, bool, type(None))):
        return own
    parts: list[Any]
    if isinstance(value, dict):
        parts = [*value.keys(), *value.values()]
    elif isinstance(value, (tuple, list, set, frozenset)):
        parts = list(value)
    elif dataclasses.is_dataclass(value):
        parts = [getattr(value, f.name) for f in dataclasses.fields(value)]
    elif hasattr(value, "__dict__"):
        parts = list(vars(value).values())
    else:
        parts = [getattr(value, slot, None) for slot in getattr(type(value), "__slots__", ())]
    if len(parts) <= _SAMPLED:
        return own + sum(approximate_bytes(part, _depth - 1, seen) for part in parts)
    # A long run of records (a cohort's applicants): a spread sample, scaled up, keeps a
    # miss from walking thousands of objects for a figure that only needs to be close.
    step = len(parts) / _SAMPLED
    sample = [parts[int(k * step)] for k in range(_SAMPLED)]
    sampled = sum(approximate_bytes(part, _depth - 1, seen) for part in sample)
    return own + int(sampled * len(parts) / _SAMPLED)


class SizedMemo:
    """Values by key, the least recently used dropped once they hold more than ``budget``
    bytes together; a value larger than the whole budget is not kept."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._entries: OrderedDict[str, tuple[Any, int]] = OrderedDict()
        self.held = 0

    def get(self, key: str) -> Any | None:
        """The value kept under ``key`` (now the most recently used), or None."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        self._entries.move_to_end(key)
        return entry[0]

    def put(self, key: str, value: Any) -> None:
        """Keep ``value`` under ``key``; the oldest entries go while over the budget."""
        old = self._entries.pop(key, None)
        if old is not None:
            self.held -= old[1]
        size = approximate_bytes(value)
        if size > self.budget:
            return
        self._entries[key] = (value, size)
        self.held += size
        while self.held > self.budget:
            _key, (_value, dropped) = self._entries.popitem(last=False)
            self.held -= dropped

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        """Forget everything (tests)."""
        self._entries.clear()
        self.held = 0
