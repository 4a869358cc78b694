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
    and offers ``offer_idx[offer_ptr[i]:offer_ptr[i+1]]`` (each sorted, unique), with what
    every count of a grouping needs, worked out once."""

    hope_ptr: NDArray[np.int64]
    hope_idx: NDArray[np.int64]
    offer_ptr: NDArray[np.int64]
    offer_idx: NDArray[np.int64]
    topics: int
    hope_owner: NDArray[np.int64]  # the member of each entry of hope_idx
    offer_owner: NDArray[np.int64]  # the member of each entry of offer_idx
    own: NDArray[np.int64]  # 1 where the member of a hope entry offers that topic too
    can: NDArray[np.bool_]  # (n,) someone else in the cohort offers one of i's hopes

    @property
    def hoping(self) -> NDArray[np.int64]:
        """Members with a hope that someone else in the cohort offers."""
        return np.flatnonzero(self.can)

    def offered(self, assignment: NDArray[np.int64], groups: int) -> NDArray[np.int64]:
        """``(groups, topics)``: how many members of each group offer each topic."""
        counts = np.zeros((groups, self.topics), dtype=np.int64)
        np.add.at(counts, (assignment[self.offer_owner], self.offer_idx), 1)
        return counts

    def met_by(self, counts: NDArray[np.int64], assignment: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Whether each member has a group-mate who offers one of their hopes, from the
        grouping's :meth:`offered` counts."""
        others = counts[assignment[self.hope_owner], self.hope_idx] - self.own
        return _any_of_member(others > 0, self.hope_owner, len(self.can))

    def met(self, assignment: NDArray[np.int64], groups: int) -> NDArray[np.bool_]:
        """Whether each member has a group-mate who offers one of their hopes."""
        return self.met_by(self.offered(assignment, groups), assignment)

    def pairs(self) -> NDArray[np.int64]:
        """Every (i, j): j offers a topic that i hopes for (for a small cohort's dense
        search, which takes hopes as pairs)."""
        by_topic: list[list[int]] = [[] for _ in range(self.topics)]
        for j, t in zip(self.offer_owner.tolist(), self.offer_idx.tolist(), strict=True):
            by_topic[t].append(j)
        found = {
            (i, j)
            for i, t in zip(self.hope_owner.tolist(), self.hope_idx.tolist(), strict=True)
            for j in by_topic[t]
            if j != i
        }
        return np.array(sorted(found), dtype=np.int64).reshape(-1, 2)


def _any_of_member(flags: NDArray[np.bool_], owner: NDArray[np.int64], n: int) -> NDArray[np.bool_]:
    """Per member: whether any of its entries is set."""
    found = np.zeros(n, dtype=bool)
    np.logical_or.at(found, owner, flags)
    return found


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
    hope_owner = np.repeat(np.arange(n, dtype=np.int64), np.diff(hope_ptr))
    offer_owner = np.repeat(np.arange(n, dtype=np.int64), np.diff(offer_ptr))
    offer_keys = offer_owner * topics + offer_idx
    own = np.isin(hope_owner * topics + hope_idx, offer_keys).astype(np.int64)
    others = np.bincount(offer_idx, minlength=topics)[hope_idx] - own
    return PreparedTopics(
        hope_ptr, hope_idx, offer_ptr, offer_idx, topics, hope_owner, offer_owner, own,
        can=_any_of_member(others > 0, hope_owner, n),
    )  # fmt: skip
