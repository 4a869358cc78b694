"""1:1 pairing across departments: coffee or lunch, round after round.

Pairs of two (one trio when the count is odd), preferring people from different
departments, never a pair that met recently while an unused pair exists, and leaving
out whoever opted out or paused. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["PairingError", "PairsPlan", "plan_pairs"]


class PairingError(ValueError):
    """The pairing cannot be made as asked; the message says why."""


@dataclass(frozen=True)
class PairsPlan:
    """Pairs (and at most one trio) of 0-based indices, and how many pairs repeat a
    recent pair or share a department."""

    pairs: list[list[int]]
    repeats: int
    same_department: int


def _cost(a: int, b: int, dept: Sequence[str], recent: set[tuple[int, int]]) -> int:
    key = (a, b) if a < b else (b, a)
    return 10 * (key in recent) + (bool(dept[a]) and dept[a] == dept[b])


def plan_pairs(
    departments: Sequence[str],
    *,
    recent: Sequence[tuple[int, int]] = (),
    excluded: Sequence[int] = (),
    seed: int | None = None,
    window: int = 64,
) -> PairsPlan:
    """Pair everyone not excluded.

    Parameters
    ----------
    departments
        Department of each person ("" = unknown).
    recent
        Pairs that met recently; avoided whenever another pairing exists.
    excluded
        People who opted out or paused this round.
    seed
        Seed; the same inputs and seed give the same pairs.
    window
        How many candidates a greedy step looks at (larger = slower, rarely better).

    Examples
    --------
    >>> plan_pairs(["HR", "HR", "IT", "IT"], seed=1).same_department
    0
    """
    n = len(departments)
    out = set(excluded)
    people = [p for p in range(n) if p not in out]
    if len(people) < 2:
        raise PairingError("at least two people are needed for a pairing round")
    rec = {(min(a, b), max(a, b)) for a, b in recent}
    rng = np.random.default_rng(seed)
    order = [int(p) for p in rng.permutation(people)]
    free = list(order)
    taken = set()
    pairs: list[list[int]] = []
    for k, a in enumerate(free):
        if a in taken:
            continue
        best, best_cost = -1, 99
        looked = 0
        for b in free[k + 1 :]:
            if b in taken:
                continue
            cost = _cost(a, b, departments, rec)
            if cost < best_cost:
                best, best_cost = b, cost
                if cost == 0:
                    break
            looked += 1
            if looked >= window and best_cost < 10:
                break
        if best < 0:
            # The odd one out joins the pair where they fit best: one trio.
            host = min(pairs, key=lambda p: sum(_cost(a, x, departments, rec) for x in p))
            host.append(a)
            taken.add(a)
            continue
        pairs.append([a, best])
        taken.update((a, best))

    # Repair: a repeated or same-department pair swaps partners with another pair.
    def pair_cost(p: list[int]) -> int:
        return sum(_cost(x, y, departments, rec) for i, x in enumerate(p) for y in p[i + 1 :])

    for _ in range(2):
        for i, p in enumerate(pairs):
            if pair_cost(p) == 0 or len(p) != 2:
                continue
            for j in rng.permutation(len(pairs))[: window * 4]:
                q = pairs[int(j)]
                if j == i or len(q) != 2:
                    continue
                before = pair_cost(p) + pair_cost(q)
                for new_p, new_q in (([p[0], q[0]], [p[1], q[1]]), ([p[0], q[1]], [p[1], q[0]])):
                    if pair_cost(new_p) + pair_cost(new_q) < before:
                        pairs[i], pairs[int(j)] = new_p, new_q
                        break
                if pair_cost(pairs[i]) == 0:
                    break
            p = pairs[i]
    repeats = sum(
        (min(x, y), max(x, y)) in rec for p in pairs for i, x in enumerate(p) for y in p[i + 1 :]
    )
    same = sum(
        bool(departments[x]) and departments[x] == departments[y]
        for p in pairs
        for i, x in enumerate(p)
        for y in p[i + 1 :]
    )
    return PairsPlan([sorted(p) for p in pairs], repeats, same)
