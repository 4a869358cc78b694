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

__all__ = ["greedy_round", "pair_cost", "seed_rng", "tabu_all", "tabu_rounds"]


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
    join(room, members, size, pos, c, r, i, new)


@njit(cache=True)
def join(room, members, size, pos, c, r, i, new):
    """Put person i (in no room of round r) into room ``new``, counting the meetings."""
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


@njit(cache=True)
def cheapest_rooms(r, order, cap, room, members, size, pos, c, h, rp):
    """Fill round r person by person (in ``order``), each into the open room where they
    add the least cost; ``cap[k]`` is room k's size. The start for large groups."""
    for i in order:
        best_k = -1
        best_cost = np.inf
        for k in range(cap.size):
            if size[r, k] >= cap[k]:
                continue
            cost = 0.0
            for x in range(size[r, k]):
                j = members[r, k, x]
                cost += pair_cost(c[i, j] + 1, h[i, j], rp) - pair_cost(c[i, j], h[i, j], rp)
            if cost < best_cost:
                best_k = k
                best_cost = cost
        join(room, members, size, pos, c, r, i, best_k)


@njit(cache=True)
def greedy_round(r, people, cap, room, members, size, pos, c, h, rp):
    """Fill round r with the people present, two at a time (Triska & Musliu 2012).

    Each step adds to the open room the pair that adds the least cost and, among those,
    has the most *freedom*: the number of people neither of them has met yet, so that
    the rounds to come keep the most options. ``cap[k]`` is room k's size.
    """
    m = people.size
    met = np.zeros((m, m), dtype=np.float64)
    for a in range(m):
        for b in range(m):
            if a != b:
                i = people[a]
                j = people[b]
                if c[i, j] > 0 or h[i, j] > 0:
                    met[a, b] = 1.0
    nm = 1.0 - met
    for a in range(m):
        nm[a, a] = 0.0
    free = nm @ nm.T
    placed = np.zeros(m, dtype=np.bool_)
    for k in range(cap.size):
        while size[r, k] < cap[k]:
            need = cap[k] - size[r, k]
            bestc = 1e300
            bestf = -1.0
            ba = -1
            bb = -1
            ties = 0
            if need >= 2:
                for a in range(m):
                    if placed[a]:
                        continue
                    i = people[a]
                    ca = 0.0
                    for t in range(size[r, k]):
                        q = members[r, k, t]
                        ca += pair_cost(c[i, q] + 1, h[i, q], rp) - pair_cost(c[i, q], h[i, q], rp)
                    if ca > bestc:
                        continue
                    for b in range(a + 1, m):
                        if placed[b]:
                            continue
                        j = people[b]
                        cb = (
                            ca
                            + pair_cost(c[i, j] + 1, h[i, j], rp)
                            - pair_cost(c[i, j], h[i, j], rp)
                        )
                        if cb > bestc:
                            continue
                        for t in range(size[r, k]):
                            q = members[r, k, t]
                            cb += pair_cost(c[j, q] + 1, h[j, q], rp) - pair_cost(
                                c[j, q], h[j, q], rp
                            )
                        f = free[a, b]
                        if cb < bestc - 1e-9 or (cb < bestc + 1e-9 and f > bestf):
                            bestc = cb
                            bestf = f
                            ba = a
                            bb = b
                            ties = 1
                        elif cb < bestc + 1e-9 and f == bestf:
                            ties += 1
                            if np.random.randint(ties) == 0:
                                ba = a
                                bb = b
            else:
                for a in range(m):
                    if placed[a]:
                        continue
                    i = people[a]
                    ca = 0.0
                    for t in range(size[r, k]):
                        q = members[r, k, t]
                        ca += pair_cost(c[i, q] + 1, h[i, q], rp) - pair_cost(c[i, q], h[i, q], rp)
                    f = free[a, a]
                    if ca < bestc - 1e-9 or (ca < bestc + 1e-9 and f > bestf):
                        bestc = ca
                        bestf = f
                        ba = a
                        ties = 1
                    elif ca < bestc + 1e-9 and f == bestf:
                        ties += 1
                        if np.random.randint(ties) == 0:
                            ba = a
            for a in (ba, bb):
                if a < 0:
                    continue
                placed[a] = True
                i = people[a]
                for t in range(size[r, k]):
                    q = members[r, k, t]
                    c[i, q] += 1
                    c[q, i] += 1
                members[r, k, size[r, k]] = i
                pos[r, i] = size[r, k]
                size[r, k] += 1
                room[r, i] = k


@njit(cache=True)
def _total_cost(c, h, rp):
    n = c.shape[0]
    cost = 0.0
    for i in range(n):
        for j in range(i + 1, n):
            cost += pair_cost(c[i, j], h[i, j], rp)
    return cost


@njit(cache=True)
def _swap(room, members, size, pos, c, r, i, j):
    a = room[r, i]
    b = room[r, j]
    _move(room, members, size, pos, c, r, i, b)
    _move(room, members, size, pos, c, r, j, a)


@njit(cache=True)
def tabu_all(
    room, members, size, pos, c, h, rp, free_rounds, n_iters, tmin, tmax, max_stable, kicks, target
):
    """Tabu search over the swaps of every free round at once (Dotú & Van Hentenryck).

    Each iteration takes the best swap, in any round in ``free_rounds``, of a person in
    a conflicting pair with someone in another room of that round; a swapped pair is
    tabu in that round for tmin..tmax iterations unless it gives a new best. After
    ``max_stable`` iterations without a new best the search goes back to the best
    schedule and makes ``kicks`` random swaps. The (rounds, n, n) tabu table limits this
    to small groups; :func:`tabu_rounds` serves large ones. Returns (best cost,
    iterations); the arrays hold the best schedule at the end.
    """
    n_rounds, n = room.shape
    tabu = np.zeros((n_rounds, n, n), dtype=np.int64)
    cost = _total_cost(c, h, rp)
    best = cost
    best_room = room.copy()
    stable = 0
    flag = np.zeros((n_rounds, n), dtype=np.bool_)
    it = 0
    while it < n_iters:
        it += 1
        if best <= target:
            break
        for r in free_rounds:
            for i in range(n):
                flag[r, i] = False
                a0 = room[r, i]
                if a0 < 0:
                    continue
                for k in range(size[r, a0]):
                    j = members[r, a0, k]
                    if j != i and (c[i, j] > 1 or h[i, j] > 0):
                        flag[r, i] = True
                        break
        bd = 1e300
        br = -1
        bi = -1
        bj = -1
        ties = 0
        for r in free_rounds:
            for i in range(n):
                if not flag[r, i]:
                    continue
                a = room[r, i]
                for j in range(n):
                    b = room[r, j]
                    if b < 0 or b == a:
                        continue
                    if flag[r, j] and j < i:
                        continue  # already tried from j's side
                    d = _delta_leave_join(room, members, size, c, h, rp, r, i, a, b, j)
                    d += _delta_leave_join(room, members, size, c, h, rp, r, j, b, a, i)
                    if tabu[r, i, j] > it and cost + d >= best - 1e-9:
                        continue
                    if d < bd - 1e-9:
                        bd = d
                        br = r
                        bi = i
                        bj = j
                        ties = 1
                    elif d < bd + 1e-9:
                        ties += 1
                        if np.random.randint(ties) == 0:
                            br = r
                            bi = i
                            bj = j
        if bi < 0:
            continue
        _swap(room, members, size, pos, c, br, bi, bj)
        cost += bd
        t = it + tmin + np.random.randint(tmax - tmin + 1)
        tabu[br, bi, bj] = t
        tabu[br, bj, bi] = t
        if cost < best - 1e-9:
            best = cost
            best_room[:, :] = room
            stable = 0
        else:
            stable += 1
        if stable > max_stable:
            for r in free_rounds:
                for i in range(n):
                    if room[r, i] != best_room[r, i] and best_room[r, i] >= 0:
                        _move(room, members, size, pos, c, r, i, best_room[r, i])
            for _ in range(kicks):
                r2 = free_rounds[np.random.randint(free_rounds.size)]
                x = np.random.randint(n)
                y = np.random.randint(n)
                if room[r2, x] < 0 or room[r2, y] < 0 or room[r2, x] == room[r2, y]:
                    continue
                _swap(room, members, size, pos, c, r2, x, y)
            cost = _total_cost(c, h, rp)
            stable = 0
    for r in free_rounds:
        for i in range(n):
            if room[r, i] != best_room[r, i] and best_room[r, i] >= 0:
                _move(room, members, size, pos, c, r, i, best_room[r, i])
    return best, it
