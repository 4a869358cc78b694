"""Hopes and offers as topics, for cohorts too large for a list of pairs.

A member's hopes are met in a group where another member offers one of the topics they
hope for. With a few hundred people offering a popular topic, the pairs (i hopes, j
offers) grow with the square of the cohort; the topics per member do not. The feature
search of large cohorts counts, per group, how many members offer each topic
(:mod:`natverk.matching._features`), and these helpers answer the same questions for
whole groupings. Pure numpy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["PreparedTopics", "TopicHopes", "prepare_topics"]


@dataclass(frozen=True)
class TopicHopes:
    """Topic ids (>= 0) each member hopes for and offers, one sequence per member."""

    hopes: Sequence[Sequence[int]]
    offers: Sequence[Sequence[int]]


@dataclass(frozen=True)
class PreparedTopics:
    """The topics as CSR arrays: member i hopes for ``hope_idx[hope_ptr[i]:hope_ptr[i+1]]``
    and offers ``offer_idx[offer_ptr[i]:offer_ptr[i+1]]`` (each sorted, unique)."""

    hope_ptr: NDArray[np.int64]
    hope_idx: NDArray[np.int64]
    offer_ptr: NDArray[np.int64]
    offer_idx: NDArray[np.int64]
    topics: int
    can: NDArray[np.bool_]  # (n,) someone else in the cohort offers one of i's hopes

    @property
    def hoping(self) -> NDArray[np.int64]:
        """Members with a hope that someone else in the cohort offers."""
        return np.flatnonzero(self.can)

    def offered(self, assignment: NDArray[np.int64], groups: int) -> NDArray[np.int64]:
        """``(groups, topics)``: how many members of each group offer each topic."""
        counts = np.zeros((groups, self.topics), dtype=np.int64)
        owner = np.repeat(np.arange(len(self.offer_ptr) - 1), np.diff(self.offer_ptr))
        np.add.at(counts, (assignment[owner], self.offer_idx), 1)
        return counts

    def met(self, assignment: NDArray[np.int64], groups: int) -> NDArray[np.bool_]:
        """Whether each member has a group-mate who offers one of their hopes."""
        counts = self.offered(assignment, groups)
        n = len(self.hope_ptr) - 1
        owner = np.repeat(np.arange(n), np.diff(self.hope_ptr))
        others = counts[assignment[owner], self.hope_idx] - self._own_offers(owner)
        met = np.zeros(n, dtype=bool)
        np.logical_or.at(met, owner, others > 0)
        return met

    def pairs(self) -> NDArray[np.int64]:
        """Every (i, j): j offers a topic that i hopes for (for a small cohort's dense
        search, which takes hopes as pairs)."""
        n = len(self.hope_ptr) - 1
        by_topic: list[list[int]] = [[] for _ in range(self.topics)]
        for j in range(n):
            for t in self.offer_idx[self.offer_ptr[j] : self.offer_ptr[j + 1]]:
                by_topic[int(t)].append(j)
        found = {
            (i, j)
            for i in range(n)
            for t in self.hope_idx[self.hope_ptr[i] : self.hope_ptr[i + 1]]
            for j in by_topic[int(t)]
            if j != i
        }
        return np.array(sorted(found), dtype=np.int64).reshape(-1, 2)

    def _own_offers(self, owner: NDArray[np.int64]) -> NDArray[np.int64]:
        """1 where the hoping member of each (owner, hope) entry offers that topic too."""
        offerer = np.repeat(np.arange(len(self.offer_ptr) - 1), np.diff(self.offer_ptr))
        keys = offerer * self.topics + self.offer_idx
        return np.isin(owner * self.topics + self.hope_idx, keys).astype(np.int64)


def _csr(rows: Sequence[Sequence[int]], n: int, name: str) -> tuple[NDArray[np.int64], ...]:
    """Rows of topic ids as (ptr, idx), each row sorted and unique; ValueError names a
    malformed one."""
    if len(rows) != n:
        raise ValueError(f"topic {name} need one entry per member ({n}); got {len(rows)}")
    ptr = np.zeros(n + 1, dtype=np.int64)
    parts: list[NDArray[np.int64]] = []
    for i, row in enumerate(rows):
        ids = np.unique(np.asarray(list(row), dtype=np.int64))
        if ids.size and ids[0] < 0:
            raise ValueError(f"topic {name} of member {i} include {int(ids[0])}: ids are >= 0")
        parts.append(ids)
        ptr[i + 1] = ptr[i] + ids.size
    idx = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    return ptr, idx.astype(np.int64)


def prepare_topics(given: TopicHopes, n: int) -> PreparedTopics:
    """Check and index ``given`` for ``n`` members (ValueError names what is wrong)."""
    hope_ptr, hope_idx = _csr(given.hopes, n, "hopes")
    offer_ptr, offer_idx = _csr(given.offers, n, "offers")
    topics = int(max(hope_idx.max(initial=-1), offer_idx.max(initial=-1))) + 1
    offered_by = np.bincount(offer_idx, minlength=topics)
    owner = np.repeat(np.arange(n), np.diff(hope_ptr))
    prepared = PreparedTopics(
        hope_ptr, hope_idx, offer_ptr, offer_idx, topics, np.zeros(n, dtype=bool)
    )
    others = offered_by[hope_idx] - prepared._own_offers(owner)
    np.logical_or.at(prepared.can, owner, others > 0)
    return prepared
