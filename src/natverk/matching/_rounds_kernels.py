# mypy: disable-error-code="no-untyped-def"
"""Compiled schedule search for breakout rounds: tabu search over swaps within a round.

State: ``room[r, i]`` (room of person i in round r, -1 when absent) and the meeting
count ``c[i, j]`` over all rounds plus the history weight ``h[i, j]``. The cost of a
schedule is the sum over pairs of the weight of every meeting beyond what is free:
``h[i, j] * c[i, j] + big * max(0, c[i, j] - 1)`` (repeats), plus a large penalty for
keep-apart pairs meeting. Swapping two people of different rooms in one round changes
only their pairs, so the delta costs O(room size). After Dotú & Van Hentenryck (2005):
pick a person in a conflicting pair, try swaps with everyone in other rooms of that
round, take the best non-tabu swap.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["pair_cost", "seed_rng", "tabu_rounds"]


@njit(cache=True)
def seed_rng(seed):
    """Seed numba's generator for this process."""
    np.random.seed(seed)


@njit(cache=True)
def pair_cost(count, weight, repeat_penalty):
    """Cost of a pair that has met ``count`` times: history weight for every meeting,
    and the repeat penalty for every meeting after the first."""
    extra = count - 1 if count > 1 else 0
    return weight * count + repeat_penalty * extra


@njit(cache=True)
def _delta_leave_join(room, members, size, c, h, rp, r, i, old, new, skip):
    """Cost change when i leaves room ``old`` and joins ``new`` in round r (``skip`` is
    a person not counted in ``new``, the one i swaps with)."""
    d = 0.0
    for k in range(size[r, old]):
        j = members[r, old, k]
        if j == i:
            continue
        d += pair_cost(c[i, j] - 1, h[i, j], rp) - pair_cost(c[i, j], h[i, j], rp)
    for k in range(size[r, new]):
        j = members[r, new, k]
        if j == skip:
            continue
        d += pair_cost(c[i, j] + 1, h[i, j], rp) - pair_cost(c[i, j], h[i, j], rp)
    return d


@njit(cache=True)
def _move(room, members, size, pos, c, r, i, new):
    old = room[r, i]
    for k in range(size[r, old]):
        j = members[r, old, k]
        if j != i:
            c[i, j] -= 1
            c[j, i] -= 1
    # Remove i from the old room's member list.
    p = pos[r, i]
    last = members[r, old, size[r, old] - 1]
    members[r, old, p] = last
    pos[r, last] = p
    size[r, old] -= 1
    for k in range(size[r, new]):
        j = members[r, new, k]
        c[i, j] += 1
        c[j, i] += 1
    members[r, new, size[r, new]] = i
    pos[r, i] = size[r, new]
    size[r, new] += 1
    room[r, i] = new


@njit(cache=True)
def tabu_rounds(room, members, size, pos, c, h, rp, free, n_iters, tenure, target):
    """Improve the schedule in place by swaps in the rounds where ``free[r]`` is True.

    Returns the best cost reached; the arrays hold the best schedule at the end.
    """
    n_rounds, n = room.shape
    tabu = np.zeros((n_rounds, n), dtype=np.int64)
    cost = 0.0
    for i in range(n):
        for j in range(i + 1, n):
            cost += pair_cost(c[i, j], h[i, j], rp)
    best = cost
    best_room = room.copy()
    free_rounds = np.flatnonzero(free)
    if free_rounds.size == 0:
        return best
    stall = 0
    flag = np.zeros(n, dtype=np.bool_)
    for it in range(n_iters):
        if best <= target:
            break
        r = free_rounds[np.random.randint(free_rounds.size)]
        # People of round r in a conflicting pair (met before, or history).
        any_flag = False
        for i in range(n):
            flag[i] = False
            a0 = room[r, i]
            if a0 < 0:
                continue
            for k in range(size[r, a0]):
                j = members[r, a0, k]
                if j != i and (c[i, j] > 1 or h[i, j] > 0):
                    flag[i] = True
                    any_flag = True
                    break
        if not any_flag:
            continue
        bd = 1e300
        bi = -1
        bj = -1
        ties = 0
        for i in range(n):
            if not flag[i]:
                continue
            a = room[r, i]
            for j in range(n):
                b = room[r, j]
                if b < 0 or b == a:
                    continue
                d = _delta_leave_join(room, members, size, c, h, rp, r, i, a, b, j)
                d += _delta_leave_join(room, members, size, c, h, rp, r, j, b, a, i)
                if (tabu[r, i] > it or tabu[r, j] > it) and cost + d >= best - 1e-9:
                    continue
                if d < bd - 1e-9:
                    bd = d
                    bi = i
                    bj = j
                    ties = 1
                elif d < bd + 1e-9:
                    ties += 1
                    if np.random.randint(ties) == 0:
                        bi = i
                        bj = j
        if bi < 0:
            continue
        a = room[r, bi]
        b = room[r, bj]
        _move(room, members, size, pos, c, r, bi, b)
        _move(room, members, size, pos, c, r, bj, a)
        cost += bd
        tabu[r, bi] = it + tenure + np.random.randint(tenure + 1)
        tabu[r, bj] = it + tenure + np.random.randint(tenure + 1)
        if cost < best - 1e-9:
            best = cost
            best_room[:, :] = room
            stall = 0
        else:
            stall += 1
        if stall > 2000:
            # Shake: a few random swaps in random rounds.
            for _ in range(3):
                r2 = free_rounds[np.random.randint(free_rounds.size)]
                x = np.random.randint(n)
                y = np.random.randint(n)
                if room[r2, x] < 0 or room[r2, y] < 0 or room[r2, x] == room[r2, y]:
                    continue
                ax = room[r2, x]
                ay = room[r2, y]
                cost += _delta_leave_join(room, members, size, c, h, rp, r2, x, ax, ay, y)
                cost += _delta_leave_join(room, members, size, c, h, rp, r2, y, ay, ax, x)
                _move(room, members, size, pos, c, r2, x, ay)
                _move(room, members, size, pos, c, r2, y, ax)
            stall = 0
    # Restore the best schedule.
    for r in range(n_rounds):
        if not free[r]:
            continue
        for i in range(n):
            if room[r, i] != best_room[r, i] and best_room[r, i] >= 0:
                _move(room, members, size, pos, c, r, i, best_room[r, i])
    return best
