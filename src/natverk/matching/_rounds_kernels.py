# mypy: disable-error-code="no-untyped-def"
"""Compiled schedule search for breakout rounds: tabu search over swaps within a round.

State: one structure, :class:`Schedule`: ``room[r, i]`` (room of person i in round r,
-1 when absent), the members of each room and the meeting count ``c[i, j]`` over all
rounds; :class:`Costs` holds the history weight ``h[i, j]`` and the repeat penalty.
Random choices draw from the search's own stream (:mod:`natverk.matching._rng`). The cost of a
schedule is the sum over pairs of the weight of every meeting beyond what is free:
``h[i, j] * c[i, j] + big * max(0, c[i, j] - 1)`` (repeats), plus a large penalty for
keep-apart pairs meeting. Swapping two people of different rooms in one round changes
only their pairs, so the delta costs O(room size). After Dotú & Van Hentenryck (2005):
pick a person in a conflicting pair, try swaps with everyone in other rooms of that
round, take the best non-tabu swap.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

from natverk.matching._rng import randint

__all__ = [
    "Costs",
    "Schedule",
    "cheapest_rooms",
    "greedy_round",
    "join",
    "pair_cost",
    "tabu_all",
    "tabu_rounds",
]


class Schedule(NamedTuple):
    """Rooms of every round and the meeting counts they make (kept by :func:`join`)."""

    room: NDArray[np.int64]  # (rounds, n): room of person i in round r, -1 when absent
    members: NDArray[np.int64]  # (rounds, rooms, n): members[r, k, :size[r, k]]
    size: NDArray[np.int64]  # (rounds, rooms)
    pos: NDArray[np.int64]  # (rounds, n): index of person i in their room's list
    c: NDArray[np.int64]  # (n, n): meetings of i and j over all rounds


class Costs(NamedTuple):
    """What a meeting costs: the history weight of each pair and the repeat penalty."""

    h: NDArray[np.float64]
    repeat: float


@njit(cache=True)
def pair_cost(count, weight, repeat_penalty):
    """Cost of a pair that has met ``count`` times: history weight for every meeting,
    and the repeat penalty for every meeting after the first."""
    extra = count - 1 if count > 1 else 0
    return weight * count + repeat_penalty * extra


@njit(cache=True)
def _meet(co, c, i, j, more):
    """Cost change when i and j meet ``more`` (+1 or -1) times more than ``c[i, j]``."""
    return pair_cost(c[i, j] + more, co.h[i, j], co.repeat) - pair_cost(
        c[i, j], co.h[i, j], co.repeat
    )


@njit(cache=True)
def _delta_leave_join(sc, co, r, i, old, new, skip):
    """Cost change when i leaves room ``old`` and joins ``new`` in round r (``skip`` is
    a person not counted in ``new``, the one i swaps with)."""
    d = 0.0
    for k in range(sc.size[r, old]):
        j = sc.members[r, old, k]
        if j != i:
            d += _meet(co, sc.c, i, j, -1)
    for k in range(sc.size[r, new]):
        j = sc.members[r, new, k]
        if j != skip:
            d += _meet(co, sc.c, i, j, 1)
    return d


@njit(cache=True)
def _swap_delta(sc, co, r, i, j):
    """Cost change when i and j (in different rooms of round r) swap rooms."""
    a = sc.room[r, i]
    b = sc.room[r, j]
    return _delta_leave_join(sc, co, r, i, a, b, j) + _delta_leave_join(sc, co, r, j, b, a, i)


@njit(cache=True)
def _move(sc, r, i, new):
    """Move person i to room ``new`` in round r, keeping the meeting counts."""
    old = sc.room[r, i]
    for k in range(sc.size[r, old]):
        j = sc.members[r, old, k]
        if j != i:
            sc.c[i, j] -= 1
            sc.c[j, i] -= 1
    # Remove i from the old room's member list.
    p = sc.pos[r, i]
    last = sc.members[r, old, sc.size[r, old] - 1]
    sc.members[r, old, p] = last
    sc.pos[r, last] = p
    sc.size[r, old] -= 1
    join(sc, r, i, new)


@njit(cache=True)
def join(sc, r, i, new):
    """Put person i (in no room of round r) into room ``new``, counting the meetings."""
    for k in range(sc.size[r, new]):
        j = sc.members[r, new, k]
        sc.c[i, j] += 1
        sc.c[j, i] += 1
    sc.members[r, new, sc.size[r, new]] = i
    sc.pos[r, i] = sc.size[r, new]
    sc.size[r, new] += 1
    sc.room[r, i] = new


@njit(cache=True)
def _swap(sc, r, i, j):
    a = sc.room[r, i]
    b = sc.room[r, j]
    _move(sc, r, i, b)
    _move(sc, r, j, a)


@njit(cache=True)
def _total_cost(sc, co):
    n = sc.c.shape[0]
    cost = 0.0
    for i in range(n):
        for j in range(i + 1, n):
            cost += pair_cost(sc.c[i, j], co.h[i, j], co.repeat)
    return cost


@njit(cache=True)
def _in_conflict(sc, co, r, i):
    """Whether person i shares a room in round r with someone met before or with history."""
    a = sc.room[r, i]
    if a < 0:
        return False
    for k in range(sc.size[r, a]):
        j = sc.members[r, a, k]
        if j != i and (sc.c[i, j] > 1 or co.h[i, j] > 0):
            return True
    return False


@njit(cache=True)
def _restore(sc, rounds, best_room):
    """Put everyone back into their room of ``best_room`` in the given rounds."""
    n = sc.room.shape[1]
    for r in rounds:
        for i in range(n):
            if sc.room[r, i] != best_room[r, i] and best_room[r, i] >= 0:
                _move(sc, r, i, best_room[r, i])


@njit(cache=True)
def _kick(sc, rounds, kicks, rng):
    """``kicks`` random swaps of two people in different rooms of a random round."""
    n = sc.room.shape[1]
    for _ in range(kicks):
        r = rounds[randint(rng, rounds.size)]
        x = randint(rng, n)
        y = randint(rng, n)
        if sc.room[r, x] < 0 or sc.room[r, y] < 0 or sc.room[r, x] == sc.room[r, y]:
            continue
        _swap(sc, r, x, y)


@njit(cache=True)
def tabu_rounds(sc, co, rounds, n_iters, tenure, target, rng):
    """Improve the schedule in place by swaps in ``rounds`` (one random round per
    iteration, a per-person tabu: tables stay O(n x rounds) for large groups).

    Returns the best cost reached; ``sc`` holds the best schedule at the end.
    """
    n_rounds, n = sc.room.shape
    tabu = np.zeros((n_rounds, n), dtype=np.int64)
    cost = _total_cost(sc, co)
    best = cost
    best_room = sc.room.copy()
    if rounds.size == 0:
        return best
    stall = 0
    flag = np.zeros(n, dtype=np.bool_)
    for it in range(n_iters):
        if best <= target:
            break
        r = rounds[randint(rng, rounds.size)]
        any_flag = False
        for i in range(n):
            flag[i] = _in_conflict(sc, co, r, i)
            any_flag = any_flag or flag[i]
        if not any_flag:
            continue
        bd = 1e300
        bi, bj, ties = -1, -1, 0
        for i in range(n):
            if not flag[i]:
                continue
            a = sc.room[r, i]
            for j in range(n):
                b = sc.room[r, j]
                if b < 0 or b == a:
                    continue
                d = _swap_delta(sc, co, r, i, j)
                if (tabu[r, i] > it or tabu[r, j] > it) and cost + d >= best - 1e-9:
                    continue
                if d < bd - 1e-9:
                    bd, bi, bj, ties = d, i, j, 1
                elif d < bd + 1e-9:
                    ties += 1
                    if randint(rng, ties) == 0:
                        bi, bj = i, j
        if bi < 0:
            continue
        _swap(sc, r, bi, bj)
        cost += bd
        tabu[r, bi] = it + tenure + randint(rng, tenure + 1)
        tabu[r, bj] = it + tenure + randint(rng, tenure + 1)
        if cost < best - 1e-9:
            best = cost
            best_room[:, :] = sc.room
            stall = 0
        else:
            stall += 1
        if stall > 2000:
            _kick(sc, rounds, 3, rng)
            cost = _total_cost(sc, co)
            stall = 0
    _restore(sc, rounds, best_room)
    return best


@njit(cache=True)
def cheapest_rooms(sc, co, r, order, cap):
    """Fill round r person by person (in ``order``), each into the open room where they
    add the least cost; ``cap[k]`` is room k's size. The start for large groups."""
    for i in order:
        best_k = -1
        best_cost = np.inf
        for k in range(cap.size):
            if sc.size[r, k] >= cap[k]:
                continue
            cost = 0.0
            for x in range(sc.size[r, k]):
                cost += _meet(co, sc.c, i, sc.members[r, k, x], 1)
            if cost < best_cost:
                best_k = k
                best_cost = cost
        join(sc, r, i, best_k)


@njit(cache=True)
def _freedom(sc, co, people):
    """free[a, b]: how many of the people present neither a nor b has met (history
    counts as met): pairs with more freedom keep the rounds to come open."""
    m = people.size
    nm = np.zeros((m, m))
    for a in range(m):
        for b in range(m):
            i = people[a]
            j = people[b]
            if a != b and sc.c[i, j] == 0 and co.h[i, j] <= 0:
                nm[a, b] = 1.0
    return nm @ nm.T


@njit(cache=True)
def _join_cost(sc, co, r, k, i):
    """Cost of person i joining room k of round r."""
    t = 0.0
    for x in range(sc.size[r, k]):
        t += _meet(co, sc.c, i, sc.members[r, k, x], 1)
    return t


@njit(cache=True)
def _best_pair(sc, co, r, k, people, placed, free, rng):
    """The two unplaced people who add the least cost to room k (most freedom on a
    tie, then at random)."""
    m = people.size
    bestc, bestf = 1e300, -1.0
    ba, bb, ties = -1, -1, 0
    for a in range(m):
        if placed[a]:
            continue
        i = people[a]
        ca = _join_cost(sc, co, r, k, i)
        if ca > bestc:
            continue
        for b in range(a + 1, m):
            if placed[b]:
                continue
            j = people[b]
            cb = ca + _meet(co, sc.c, i, j, 1)
            if cb > bestc:
                continue
            cb += _join_cost(sc, co, r, k, j)
            f = free[a, b]
            if cb < bestc - 1e-9 or (cb < bestc + 1e-9 and f > bestf):
                bestc, bestf, ba, bb, ties = cb, f, a, b, 1
            elif cb < bestc + 1e-9 and f == bestf:
                ties += 1
                if randint(rng, ties) == 0:
                    ba, bb = a, b
    return ba, bb


@njit(cache=True)
def _best_one(sc, co, r, k, people, placed, free, rng):
    """The unplaced person who adds the least cost to room k (most freedom on a tie,
    then at random)."""
    bestc, bestf = 1e300, -1.0
    ba, ties = -1, 0
    for a in range(people.size):
        if placed[a]:
            continue
        ca = _join_cost(sc, co, r, k, people[a])
        f = free[a, a]
        if ca < bestc - 1e-9 or (ca < bestc + 1e-9 and f > bestf):
            bestc, bestf, ba, ties = ca, f, a, 1
        elif ca < bestc + 1e-9 and f == bestf:
            ties += 1
            if randint(rng, ties) == 0:
                ba = a
    return ba


@njit(cache=True)
def greedy_round(sc, co, r, people, cap, rng):
    """Fill round r with the people present, two at a time (Triska & Musliu 2012).

    Each step adds to the open room the pair that adds the least cost and, among those,
    has the most *freedom*: the number of people neither of them has met yet, so that
    the rounds to come keep the most options. ``cap[k]`` is room k's size.
    """
    free = _freedom(sc, co, people)
    placed = np.zeros(people.size, dtype=np.bool_)
    for k in range(cap.size):
        while sc.size[r, k] < cap[k]:
            if cap[k] - sc.size[r, k] >= 2:
                ba, bb = _best_pair(sc, co, r, k, people, placed, free, rng)
            else:
                ba, bb = _best_one(sc, co, r, k, people, placed, free, rng), -1
            for a in (ba, bb):
                if a >= 0:
                    placed[a] = True
                    join(sc, r, people[a], k)


@njit(cache=True)
def tabu_all(sc, co, rounds, n_iters, tmin, tmax, max_stable, kicks, target, rng):
    """Tabu search over the swaps of every round in ``rounds`` at once (Dotú & Van
    Hentenryck).

    Each iteration takes the best swap, in any of the rounds, of a person in a
    conflicting pair with someone in another room of that round; a swapped pair is
    tabu in that round for tmin..tmax iterations unless it gives a new best. After
    ``max_stable`` iterations without a new best the search goes back to the best
    schedule and makes ``kicks`` random swaps. The (rounds, n, n) tabu table limits this
    to small groups; :func:`tabu_rounds` serves large ones. Returns (best cost,
    iterations); ``sc`` holds the best schedule at the end.
    """
    n_rounds, n = sc.room.shape
    tabu = np.zeros((n_rounds, n, n), dtype=np.int64)
    cost = _total_cost(sc, co)
    best = cost
    best_room = sc.room.copy()
    stable = 0
    flag = np.zeros((n_rounds, n), dtype=np.bool_)
    it = 0
    while it < n_iters:
        it += 1
        if best <= target:
            break
        for r in rounds:
            for i in range(n):
                flag[r, i] = _in_conflict(sc, co, r, i)
        bd = 1e300
        br, bi, bj, ties = -1, -1, -1, 0
        for r in rounds:
            for i in range(n):
                if not flag[r, i]:
                    continue
                a = sc.room[r, i]
                for j in range(n):
                    b = sc.room[r, j]
                    if b < 0 or b == a:
                        continue
                    if flag[r, j] and j < i:
                        continue  # already tried from j's side
                    d = _swap_delta(sc, co, r, i, j)
                    if tabu[r, i, j] > it and cost + d >= best - 1e-9:
                        continue
                    if d < bd - 1e-9:
                        bd, br, bi, bj, ties = d, r, i, j, 1
                    elif d < bd + 1e-9:
                        ties += 1
                        if randint(rng, ties) == 0:
                            br, bi, bj = r, i, j
        if bi < 0:
            continue
        _swap(sc, br, bi, bj)
        cost += bd
        t = it + tmin + randint(rng, tmax - tmin + 1)
        tabu[br, bi, bj] = t
        tabu[br, bj, bi] = t
        if cost < best - 1e-9:
            best = cost
            best_room[:, :] = sc.room
            stable = 0
        else:
            stable += 1
        if stable > max_stable:
            _restore(sc, rounds, best_room)
            _kick(sc, rounds, kicks, rng)
            cost = _total_cost(sc, co)
            stable = 0
    _restore(sc, rounds, best_room)
    return best, it
