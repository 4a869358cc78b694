"""Feasible starting groupings for the searches.

:func:`feasible_start` places the units (pinned chains) one by one, hardest first
(largest, fewest availability slots, most partners it may not share a group with), into
the group that most needs members among those where the unit keeps every hard
constraint (who may not share a group is asked of ``prep.kept_apart``); 30
randomised attempts, then a sentence naming the constraints that are too tight.
:func:`random_start` ignores everything but the sizes (the scale path without
constraints).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from natverk.matching.problem import ALL_SLOTS, InfeasibleProblemError, PreparedProblem

__all__ = ["feasible_start", "greedy_start", "popcount", "random_start"]


def popcount(masks: NDArray[np.uint64]) -> NDArray[np.int64]:
    """Number of set bits of each mask."""
    bits = np.unpackbits(np.ascontiguousarray(masks).view(np.uint8)).reshape(-1, 64)
    counts: NDArray[np.int64] = bits.sum(axis=1, dtype=np.int64)
    return counts


def greedy_start(
    prep: PreparedProblem, rng: np.random.Generator, attempt: int
) -> NDArray[np.int64] | None:
    """A random feasible grouping of the units, or None when this attempt got stuck."""
    units = prep.units
    n_units = len(units)
    g = prep.groups
    usize = np.array([len(u) for u in units], dtype=np.int64)
    umask = np.array([np.bitwise_and.reduce(prep.masks[list(u)]) for u in units], dtype=np.uint64)
    has_mask = bool(np.any(umask != ALL_SLOTS))
    kept = prep.kept_apart
    member_group = np.full(prep.n, -1, dtype=np.int64)
    ugroup = np.full(n_units, -1, dtype=np.int64)
    gsize = np.zeros(g, dtype=np.int64)
    gand = np.full(g, ALL_SLOTS, dtype=np.uint64)

    def place(u: int, k: int) -> None:
        ugroup[u] = k
        gsize[k] += usize[u]
        gand[k] &= umask[u]
        member_group[list(units[u])] = k

    for u in np.flatnonzero(prep.unit_group >= 0):
        place(int(u), int(prep.unit_group[u]))
    free = np.flatnonzero(prep.unit_group < 0)
    slots = popcount(umask[free])
    partners = kept.partner_counts()
    conflicts = np.array([int(partners[list(units[u])].sum()) for u in free], dtype=np.int64)
    noise = rng.random(free.size)
    if attempt % 2 == 0:
        order = free[np.lexsort((noise, -conflicts, slots, -usize[free]))]
    else:
        order = free[rng.permutation(free.size)]
    tie_break = rng.random(g) * 1e-3
    for u in order:
        su = int(usize[u])
        ok = gsize + su <= prep.upper
        if has_mask:
            ok &= (gand & umask[u]) != 0
        for i in units[u]:
            taken = member_group[kept.partners(i)]
            ok[taken[taken >= 0]] = False
        if not ok.any():
            return None
        deficit = np.maximum(prep.lower - gsize, 0).astype(np.float64)
        fill = gsize / np.maximum(prep.upper, 1)
        key = deficit * 1000.0 - fill + tie_break
        if has_mask:
            common = popcount(gand & umask[u]).astype(np.float64)
            key += common * (0.1 if attempt % 3 == 2 else 1e-2)
        key[~ok] = -np.inf
        place(int(u), int(np.argmax(key)))
    if np.any(gsize < prep.lower):
        return None
    return ugroup


def feasible_start(prep: PreparedProblem, rng: np.random.Generator) -> NDArray[np.int64]:
    """A random feasible grouping of the units (unit -> group), from up to 30 greedy
    attempts; refuses with a sentence naming the constraints when none succeeds."""
    for attempt in range(30):
        ugroup = greedy_start(prep, rng, attempt)
        if ugroup is not None:
            return ugroup
    what = []
    if len(prep.forbidden):
        what.append(f"{len(prep.forbidden)} forbidden pairs")
    if np.any(prep.apart >= 0):
        what.append("members with a shared label kept apart")
    if len(prep.units) < prep.n:
        what.append("pinned pairs")
    if np.any(prep.unit_group >= 0):
        what.append("fixed members")
    if np.any(prep.masks != ALL_SLOTS):
        what.append("a common availability slot per group")
    raise InfeasibleProblemError(
        "could not find any grouping that satisfies all constraints ("
        + ", ".join(what or ["group sizes"])
        + "); they are probably too tight for the group sizes"
    )


def random_start(prep: PreparedProblem, rng: np.random.Generator) -> NDArray[np.int64]:
    """Members in random groups of random feasible sizes (no constraint but the sizes)."""
    sizes = prep.lower.copy()
    rest = prep.n - int(sizes.sum())
    room = prep.upper - sizes
    while rest > 0:
        k = np.flatnonzero(room > 0)
        take = min(rest, k.size)
        pick = rng.choice(k, size=take, replace=False)
        sizes[pick] += 1
        room[pick] -= 1
        rest -= take
    labels = np.repeat(np.arange(prep.groups), sizes)
    return labels[rng.permutation(prep.n)].astype(np.int64)
