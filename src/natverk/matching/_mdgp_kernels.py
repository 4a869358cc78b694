# mypy: disable-error-code="no-untyped-def"
"""Compiled hot loops of the MDGP solver: iterated tabu search over moves and swaps.

The search state is one structure, :class:`Tabu`: ``a`` (group of each element),
``sz`` (group sizes), the gain matrix ``m[i, k] = sum of d[i, j] over elements j in
group k``, the best assignment, the tabu list, the running scores and counters, and
the search's random stream (:mod:`natverk.matching._rng`); the instance is
:class:`Instance`. Moving i from p to q changes
the objective by ``M[i, q] - M[i, p]``; swapping i (in p) with j (in q) by
``M[i, q] - M[i, p] + M[j, p] - M[j, q] - 2 d[i, j]``. Applying a move updates one
column pair of ``M`` in O(n). The pure-Python twins of these kernels live in
tests/matching/reference.py and the tests check them against each other.

References: Lai & Hao (2016), iterated maxima search for the MDGP; Yang et al.
(2022), TPSDP, whose tabu phase uses the same neighbourhoods and gain matrix.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

from natverk.matching._rng import randint, random, shuffle

__all__ = ["Instance", "Tabu", "gain_matrix", "objective", "random_start", "tabu_chunk"]


class Instance(NamedTuple):
    """An MDGP instance: scores, per-group size bounds, which elements may move."""

    d: NDArray[np.float64]
    lo: NDArray[np.int64]
    hi: NDArray[np.int64]
    movable: NDArray[np.bool_]


class Tabu(NamedTuple):
    """The state of one iterated tabu search (changed in place by :func:`tabu_chunk`)."""

    a: NDArray[np.int64]  # group of each element
    sz: NDArray[np.int64]  # group sizes
    m: NDArray[np.float64]  # (n, g) gain matrix
    best_a: NDArray[np.int64]
    tabu: NDArray[np.int64]  # (n, g): element i may not enter group k before tabu[i, k]
    score: NDArray[np.float64]  # [objective, best objective]
    clock: NDArray[np.int64]  # [iteration, iterations without a new best]
    rng: NDArray[np.uint64]  # the random stream


class Params(NamedTuple):
    """Tabu tenure (lowest, spread), restart depth and perturbation strength."""

    tenure_lo: int
    tenure_span: int
    depth: int
    strength: int


@njit(cache=True)
def gain_matrix(d, a, g):
    """M[i, k] = sum over j in group k of d[i, j]."""
    n = d.shape[0]
    m = np.zeros((n, g))
    for i in range(n):
        for j in range(n):
            m[i, a[j]] += d[i, j]
    return m


@njit(cache=True)
def objective(d, a):
    """Sum of d[i, j] over pairs i < j in the same group."""
    n = d.shape[0]
    f = 0.0
    for i in range(n):
        for j in range(i + 1, n):
            if a[i] == a[j]:
                f += d[i, j]
    return f


@njit(cache=True)
def random_start(n, lo, hi, fixed_a, movable, rng):
    """A random feasible assignment: fixed elements stay, groups get their minimum
    first, then the rest go to random groups with room."""
    g = lo.shape[0]
    a = np.empty(n, dtype=np.int64)
    sz = np.zeros(g, dtype=np.int64)
    for i in range(n):
        if not movable[i]:
            a[i] = fixed_a[i]
            sz[a[i]] += 1
    order = np.arange(n)
    shuffle(rng, order)
    pos = 0
    for k in range(g):
        while sz[k] < lo[k]:
            while pos < n and not movable[order[pos]]:
                pos += 1
            if pos >= n:
                break
            a[order[pos]] = k
            sz[k] += 1
            pos += 1
    while pos < n:
        i = order[pos]
        pos += 1
        if not movable[i]:
            continue
        room = 0
        for k in range(g):
            if sz[k] < hi[k]:
                room += 1
        pick = randint(rng, room)
        for k in range(g):
            if sz[k] < hi[k]:
                if pick == 0:
                    a[i] = k
                    sz[k] += 1
                    break
                pick -= 1
    return a


@njit(cache=True)
def _apply_move(d, a, sz, m, i, q):
    p = a[i]
    n = d.shape[0]
    for v in range(n):
        m[v, p] -= d[v, i]
        m[v, q] += d[v, i]
    a[i] = q
    sz[p] -= 1
    sz[q] += 1


@njit(cache=True)
def _member_lists(a, g, movable):
    """Movable members of each group: ``members[k, :mcount[k]]``; ``slot[i]`` is i's
    index in its group's list."""
    n = a.shape[0]
    members = np.empty((g, n), dtype=np.int64)
    mcount = np.zeros(g, dtype=np.int64)
    slot = np.zeros(n, dtype=np.int64)
    for i in range(n):
        if movable[i]:
            k = a[i]
            members[k, mcount[k]] = i
            slot[i] = mcount[k]
            mcount[k] += 1
    return members, mcount, slot


@njit(cache=True)
def _list_move(members, mcount, slot, i, p, q):
    """Move i from group p's member list to group q's."""
    last = members[p, mcount[p] - 1]
    members[p, slot[i]] = last
    slot[last] = slot[i]
    mcount[p] -= 1
    members[q, mcount[q]] = i
    slot[i] = mcount[q]
    mcount[q] += 1


@njit(cache=True)
def _perturb(inst, st, strength):
    """Random swaps (and moves where sizes allow) that keep the solution feasible."""
    d, lo, hi, movable = inst
    a, sz, m, rng = st.a, st.sz, st.m, st.rng
    n = d.shape[0]
    g = lo.shape[0]
    delta = 0.0
    done = 0
    tries = 0
    while done < strength and tries < 50 * strength:
        tries += 1
        i = randint(rng, n)
        if not movable[i]:
            continue
        if random(rng) < 0.5:
            j = randint(rng, n)
            if not movable[j] or a[i] == a[j]:
                continue
            p = a[i]
            q = a[j]
            delta += m[i, q] - m[i, p] + m[j, p] - m[j, q] - 2.0 * d[i, j]
            _apply_move(d, a, sz, m, i, q)
            _apply_move(d, a, sz, m, j, p)
        else:
            q = randint(rng, g)
            p = a[i]
            if q == p or sz[p] <= lo[p] or sz[q] >= hi[q]:
                continue
            delta += m[i, q] - m[i, p]
            _apply_move(d, a, sz, m, i, q)
        done += 1
    return delta


@njit(cache=True)
def tabu_chunk(inst, st, params, n_iters):
    """Run ``n_iters`` iterations of iterated tabu search on ``st`` in place.

    Each iteration applies the best admissible one-move or swap (ties broken at
    random), even when it worsens the objective; moved elements are tabu for a random
    tenure (an element may not return to the group it left) unless the move gives a
    new best (aspiration). After ``params.depth`` iterations without a new best, the
    search restarts from the best solution with ``params.strength`` random
    perturbation moves.
    """
    d, lo, hi, movable = inst
    a, sz, m, best_a, tabu, rng = st.a, st.sz, st.m, st.best_a, st.tabu, st.rng
    f, best_f = st.score[0], st.score[1]
    it, stall = st.clock[0], st.clock[1]
    tenure_lo, tenure_span, depth, strength = params
    n = d.shape[0]
    g = lo.shape[0]
    # Swaps are pruned with a bound: swapping i (group p) with j (group q) gains
    # G[i, q] + G[j, p] - 2 d[i, j] <= G[i, q] + top[q, p] - 2 min(d), where
    # G[i, q] = m[i, q] - m[i, a[i]] and top[q, p] = max of G[j, p] over j in q. Most
    # (i, q) pairs fall below the best move found so far and their members are skipped.
    dmin = 0.0
    for i in range(n):
        for j in range(n):
            if i != j and d[i, j] < dmin:
                dmin = d[i, j]
    members, mcount, slot = _member_lists(a, g, movable)
    gain = np.empty((n, g))
    top = np.empty((g, g))
    for _ in range(n_iters):
        it += 1
        best_delta = -1e300
        bi = -1
        bj = -1
        bq = -1
        ties = 0
        top[:, :] = -1e300
        for i in range(n):
            p = a[i]
            mip = m[i, p]
            for q in range(g):
                gain[i, q] = m[i, q] - mip
                if movable[i] and gain[i, q] > top[p, q]:
                    top[p, q] = gain[i, q]
        for i in range(n):
            if not movable[i]:
                continue
            p = a[i]
            if sz[p] > lo[p]:
                for q in range(g):
                    if q == p or sz[q] >= hi[q]:
                        continue
                    delta = gain[i, q]
                    if tabu[i, q] > it and f + delta <= best_f + 1e-9:
                        continue
                    if delta > best_delta + 1e-12:
                        best_delta = delta
                        bi = i
                        bj = -1
                        bq = q
                        ties = 1
                    elif delta > best_delta - 1e-12:
                        ties += 1
                        if randint(rng, ties) == 0:
                            bi = i
                            bj = -1
                            bq = q
        for i in range(n):
            if not movable[i]:
                continue
            p = a[i]
            for q in range(p + 1, g):
                gi = gain[i, q]
                if gi + top[q, p] - 2.0 * dmin < best_delta - 1e-12:
                    continue
                for x in range(mcount[q]):
                    j = members[q, x]
                    delta = gi + gain[j, p] - 2.0 * d[i, j]
                    if delta < best_delta - 1e-12:
                        continue
                    if (tabu[i, q] > it or tabu[j, p] > it) and f + delta <= best_f + 1e-9:
                        continue
                    if delta > best_delta + 1e-12:
                        best_delta = delta
                        bi = i
                        bj = j
                        bq = q
                        ties = 1
                    else:
                        ties += 1
                        if randint(rng, ties) == 0:
                            bi = i
                            bj = j
                            bq = q
        if bi < 0:
            stall = depth + 1
        else:
            p = a[bi]
            _apply_move(d, a, sz, m, bi, bq)
            _list_move(members, mcount, slot, bi, p, bq)
            tabu[bi, p] = it + tenure_lo + randint(rng, tenure_span)
            if bj >= 0:
                _apply_move(d, a, sz, m, bj, p)
                _list_move(members, mcount, slot, bj, bq, p)
                tabu[bj, bq] = it + tenure_lo + randint(rng, tenure_span)
            f += best_delta
            if f > best_f + 1e-9:
                best_f = f
                best_a[:] = a
                stall = 0
            else:
                stall += 1
        if stall > depth:
            # Restart from the best solution, perturbed.
            for i in range(n):
                if a[i] != best_a[i]:
                    _apply_move(d, a, sz, m, i, best_a[i])
            f = best_f
            f += _perturb(inst, st, strength)
            members, mcount, slot = _member_lists(a, g, movable)
            tabu[:, :] = 0
            stall = 0
    st.score[0], st.score[1] = f, best_f
    st.clock[0], st.clock[1] = it, stall
