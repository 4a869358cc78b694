# mypy: disable-error-code="no-untyped-def"
"""Compiled hot loops of the MDGP solver: iterated tabu search over moves and swaps.

State: ``a`` (group of each element), ``sz`` (group sizes) and the gain matrix
``M[i, k] = sum of d[i, j] over elements j in group k``. Moving i from p to q changes
the objective by ``M[i, q] - M[i, p]``; swapping i (in p) with j (in q) by
``M[i, q] - M[i, p] + M[j, p] - M[j, q] - 2 d[i, j]``. Applying a move updates one
column pair of ``M`` in O(n). The pure-Python twins of these kernels live in
tests/matching/reference.py and the tests check them against each other.

References: Lai & Hao (2016), iterated maxima search for the MDGP; Yang et al.
(2022), TPSDP, whose tabu phase uses the same neighbourhoods and gain matrix.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["gain_matrix", "objective", "random_start", "seed_rng", "tabu_chunk"]


@njit(cache=True)
def seed_rng(seed):
    """Seed numba's own generator (separate from NumPy's) for this process."""
    np.random.seed(seed)


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
def random_start(n, lo, hi, fixed_a, movable):
    """A random feasible assignment: fixed elements stay, groups get their minimum
    first, then the rest go to random groups with room."""
    g = lo.shape[0]
    a = np.empty(n, dtype=np.int64)
    sz = np.zeros(g, dtype=np.int64)
    for i in range(n):
        if not movable[i]:
            a[i] = fixed_a[i]
            sz[a[i]] += 1
    order = np.random.permutation(n)
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
        pick = np.random.randint(room)
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
def _perturb(d, a, sz, m, lo, hi, movable, strength):
    """Random swaps (and moves where sizes allow) that keep the solution feasible."""
    n = d.shape[0]
    g = lo.shape[0]
    delta = 0.0
    done = 0
    tries = 0
    while done < strength and tries < 50 * strength:
        tries += 1
        i = np.random.randint(n)
        if not movable[i]:
            continue
        if np.random.random() < 0.5:
            j = np.random.randint(n)
            if not movable[j] or a[i] == a[j]:
                continue
            p = a[i]
            q = a[j]
            delta += m[i, q] - m[i, p] + m[j, p] - m[j, q] - 2.0 * d[i, j]
            _apply_move(d, a, sz, m, i, q)
            _apply_move(d, a, sz, m, j, p)
        else:
            q = np.random.randint(g)
            p = a[i]
            if q == p or sz[p] <= lo[p] or sz[q] >= hi[q]:
                continue
            delta += m[i, q] - m[i, p]
            _apply_move(d, a, sz, m, i, q)
        done += 1
    return delta


@njit(cache=True)
def tabu_chunk(
    d,
    a,
    sz,
    m,
    lo,
    hi,
    movable,
    f,
    best_a,
    best_f,
    tabu,
    it,
    stall,
    n_iters,
    tenure_lo,
    tenure_span,
    depth,
    strength,
):
    """Run ``n_iters`` iterations of iterated tabu search in place.

    Each iteration applies the best admissible one-move or swap (ties broken at
    random), even when it worsens the objective; moved elements are tabu for a random
    tenure (an element may not return to the group it left) unless the move gives a
    new best (aspiration). After ``depth`` iterations
    without a new best, the search restarts from the best solution with
    ``strength`` random perturbation moves. Returns (f, best_f, it, stall).
    """
    n = d.shape[0]
    g = lo.shape[0]
    for _ in range(n_iters):
        it += 1
        best_delta = -1e300
        bi = -1
        bj = -1
        bq = -1
        ties = 0
        for i in range(n):
            if not movable[i]:
                continue
            p = a[i]
            mip = m[i, p]
            if sz[p] > lo[p]:
                for q in range(g):
                    if q == p or sz[q] >= hi[q]:
                        continue
                    delta = m[i, q] - mip
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
                        if np.random.randint(ties) == 0:
                            bi = i
                            bj = -1
                            bq = q
            for j in range(i + 1, n):
                q = a[j]
                if q == p or not movable[j]:
                    continue
                delta = m[i, q] - mip + m[j, p] - m[j, q] - 2.0 * d[i, j]
                if (tabu[i, q] > it or tabu[j, p] > it) and f + delta <= best_f + 1e-9:
                    continue
                if delta > best_delta + 1e-12:
                    best_delta = delta
                    bi = i
                    bj = j
                    bq = q
                    ties = 1
                elif delta > best_delta - 1e-12:
                    ties += 1
                    if np.random.randint(ties) == 0:
                        bi = i
                        bj = j
                        bq = q
        if bi < 0:
            stall = depth + 1
        else:
            p = a[bi]
            _apply_move(d, a, sz, m, bi, bq)
            tabu[bi, p] = it + tenure_lo + np.random.randint(tenure_span)
            if bj >= 0:
                _apply_move(d, a, sz, m, bj, p)
                tabu[bj, bq] = it + tenure_lo + np.random.randint(tenure_span)
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
            f += _perturb(d, a, sz, m, lo, hi, movable, strength)
            tabu[:, :] = 0
            stall = 0
    return f, best_f, it, stall
