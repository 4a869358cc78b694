"""Schedules with a cyclic symmetry: search one base round, shift it to get the rest.

For breakout rounds without history (everyone new to each other, everyone present),
the classic designs that make everyone meet new people in every round have a cyclic
symmetry: round i is round 0 with each person moved i places along their orbit. Searching
for such a base round is a problem as many times smaller as there are rounds, and it
finds perfect schedules (no pair meets twice) in milliseconds where a search over whole
schedules stalls, e.g. the Social Golfer instances 6-4-7 and 7-4-9. Pure: no Django.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from natverk.matching import _cyclic_kernels as kernels
from natverk.matching._cyclic_kernels import Classes, base_state

__all__ = ["Orbits", "class_tables", "cyclic_schedule", "develop", "orbits_for"]

Schedule = list[list[list[int]]]


@dataclass(frozen=True)
class Orbits:
    """People as points on orbits of a cyclic shift by one place per round.

    ``lengths[u]`` is the length of orbit u (``shift`` for a full orbit, 1 for a person
    who keeps their place); points are numbered orbit by orbit.
    """

    shift: int
    lengths: tuple[int, ...]

    @property
    def n(self) -> int:
        return sum(self.lengths)

    def moved(self, point: int, steps: int) -> int:
        """The point ``point`` becomes after ``steps`` shifts."""
        start = 0
        for length in self.lengths:
            if point < start + length:
                return start + (point - start + steps) % length
            start += length
        raise IndexError(point)


def orbits_for(n: int, rounds: int, rooms: int) -> Orbits | None:
    """Orbits of length ``rounds`` plus fixed points for ``n`` people, or None when the
    structure cannot work (fewer than one orbit, or more fixed points than rooms: two
    fixed points in one room would meet every round)."""
    if rounds < 2 or n < rounds:
        return None
    full, fixed = divmod(n, rounds)
    if fixed > rooms:
        return None
    return Orbits(rounds, (rounds,) * full + (1,) * fixed)


def class_tables(
    orbits: Orbits, window: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """Pair classes (-1: may not share a room), anchors and class periods.

    Two pairs are in one class when shifting turns one into the other; the anchor says
    how many shifts after the class's first pair this pair comes. A pair whose orbit is
    shorter than ``window`` would meet twice within the rounds, so it is forbidden.
    """
    n, m = orbits.n, orbits.shift
    shifted = np.array([[orbits.moved(p, i) for i in range(m)] for p in range(n)])
    ids: dict[tuple[int, int], int] = {}
    periods: list[int] = []
    cls = np.full((n, n), -1, dtype=np.int64)
    anc = np.zeros((n, n), dtype=np.int64)
    for p in range(n):
        for q in range(p + 1, n):
            seq = [
                (int(min(a, b)), int(max(a, b)))
                for a, b in zip(shifted[p], shifted[q], strict=True)
            ]
            period = next((i for i in range(1, m) if seq[i] == seq[0]), m)
            if period < window:
                continue
            canon = min(seq[:period])
            if canon not in ids:
                ids[canon] = len(ids)
                periods.append(period)
            cls[p, q] = cls[q, p] = ids[canon]
            anc[p, q] = anc[q, p] = (-seq.index(canon)) % period
    return cls, anc, np.array(periods or [1], dtype=np.int64)


def develop(orbits: Orbits, base: list[list[int]], rounds: int) -> Schedule:
    """All rounds from the base round: round i shifts every point i places."""
    return [[sorted(orbits.moved(p, i) for p in room) for room in base] for i in range(rounds)]


def cyclic_schedule(
    n: int,
    rounds: int,
    sizes: list[int],
    *,
    seed: int,
    time_limit: float,
) -> Schedule | None:
    """A schedule of ``rounds`` rounds with rooms of ``sizes`` in which no pair meets
    twice, found as a shifted base round; None if none was found in ``time_limit``.

    >>> plan = cyclic_schedule(24, 7, [4] * 6, seed=1, time_limit=5)
    >>> plan is not None and len(plan) == 7
    True
    """
    start = time.perf_counter()
    orbits = orbits_for(n, rounds, len(sizes))
    if orbits is None or sum(sizes) != n:
        return None
    cls, anc, period = class_tables(orbits, rounds)
    rng = np.random.default_rng(seed)
    fixed = _fixed_points(orbits)
    moving = [int(p) for p in rng.permutation([p for p in range(n) if p not in set(fixed)])]
    g = len(sizes)
    members = np.full((1, g, max(sizes)), -1, dtype=np.int64)
    size_arr = np.array(sizes, dtype=np.int64)
    # Fixed points go to different rooms first; then the rest round-robin into free slots.
    slots = [(k, x) for x in range(max(sizes)) for k in range(g) if x < sizes[k]]
    for p, (k, x) in zip(fixed + moving, slots, strict=True):
        members[0, k, x] = p
    classes = Classes(cls, anc, period, rounds, size_arr)
    state = base_state(members, period, int(rng.integers(2**63 - 1)))
    it, chunk = 0, 200
    while True:
        t0 = time.perf_counter()
        best, it = kernels.cyclic_tabu(classes, state, chunk, it, 3, 10, 500, 3)
        if best == 0:
            base = [[int(p) for p in members[0, k, : sizes[k]]] for k in range(g)]
            return develop(orbits, base, rounds)
        now = time.perf_counter()
        left = time_limit - (now - start)
        if left <= 0:
            return None
        per_iteration = max(now - t0, 1e-6) / chunk
        chunk = int(max(50, min(chunk * 2, 100_000, left / per_iteration)))


def _fixed_points(orbits: Orbits) -> list[int]:
    """Points that keep their place (orbits of length 1)."""
    start, out = 0, []
    for length in orbits.lengths:
        if length == 1:
            out.append(start)
        start += length
    return out
