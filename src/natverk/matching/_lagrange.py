# mypy: disable-error-code="no-untyped-def"
"""Lagrangian strengthening of the row bound (see :mod:`natverk.matching.bounds`).

Relaxation: every member i picks between ``lo - 1`` and ``hi - 1`` partners
``x_ij`` on its own, maximising ``sum_j s_ij x_ij / 2``; a grouping is such a choice
with ``x`` symmetric. Adding ``mu_ij (x_ij - x_ji)`` for any ``mu`` changes nothing on
symmetric ``x``, so for every ``mu``

    L(mu) = sum_i max_{m in [lo-1, hi-1]} (sum of the m best of s_ij / 2 + mu_ij - mu_ji)

is an upper bound on the optimum (mu = 0 gives the row bound). Subgradient steps
(Polyak, towards the best known objective) lower it. ``mu`` lives only on candidate
pairs (j among the ``c`` best partners of i, or i among those of j); every other
entry of row i is at most ``cap_i`` (the ``c + 1``-th best score of row i), so the
row maximum also considers up to ``hi - 1`` entries of value ``cap_i / 2``. The
relaxation ignores that partners must also be partners of each other, so it cannot
close the gap on instances where groups matter beyond pairs; it does never exceed
the row bound and is valid for every ``mu``.
"""

from __future__ import annotations

import time

import numpy as np
from numba import njit
from numpy.typing import NDArray

__all__ = ["candidate_pairs", "lagrangian_bound", "top_per_row"]

#: Subgradient steps between two looks at the clock.
STEPS_PER_CHUNK = 10


@njit(cache=True)
def _evaluate(start, col, half, sign, pair, mu, cap, m_lo, m_hi, x):
    """L(mu) and the chosen arcs x (1 = chosen) for the current multipliers."""
    n = start.shape[0] - 1
    total = 0.0
    vals = np.empty(m_hi)
    arcs = np.empty(m_hi, dtype=np.int64)
    for i in range(n):
        for p in range(m_hi):
            vals[p] = -np.inf
            arcs[p] = -1
        for a in range(start[i], start[i + 1]):
            x[a] = 0
            v = half[a] + sign[a] * mu[pair[a]]
            if v > vals[m_hi - 1]:
                p = m_hi - 1
                while p > 0 and vals[p - 1] < v:
                    vals[p] = vals[p - 1]
                    arcs[p] = arcs[p - 1]
                    p -= 1
                vals[p] = v
                arcs[p] = a
        # merge with up to m_hi entries of value cap_i / 2 (non-candidate partners)
        c = cap[i] / 2.0
        best = 0.0 if m_lo == 0 else -np.inf
        best_q = 0
        run = 0.0
        q = 0
        for m in range(1, m_hi + 1):
            if q < m_hi and arcs[q] >= 0 and vals[q] >= c:
                run += vals[q]
                q += 1
            else:
                run += c
            if m >= m_lo and run > best:
                best = run
                best_q = q
        total += best
        for p in range(best_q):
            x[arcs[p]] = 1
    return total


@njit(cache=True)
def _steps(arcs, mu, x, g, cap, m_lo, m_hi, target, value, best, theta, stall, steps):
    """Up to ``steps`` Polyak subgradient steps from ``mu`` (changed in place); the step
    size ``theta`` halves after 4 steps without a new best. Returns (value, best, theta,
    stall, done) where done says that no further step can help."""
    start, col, half, sign, pair = arcs
    n_pairs = mu.shape[0]
    for _ in range(steps):
        g[:] = 0.0
        for a in range(half.shape[0]):
            g[pair[a]] += sign[a] * x[a]
        norm = 0.0
        for p in range(n_pairs):
            norm += g[p] * g[p]
        if norm == 0.0:
            return value, best, theta, stall, True
        step = theta * max(value - target, 1e-9 * (abs(value) + 1.0)) / norm
        for p in range(n_pairs):
            mu[p] -= step * g[p]
        value = _evaluate(start, col, half, sign, pair, mu, cap, m_lo, m_hi, x)
        if value < best:
            best = value
            stall = 0
        else:
            stall += 1
            if stall >= 4:
                theta /= 2.0
                stall = 0
                if theta < 1e-3:
                    return value, best, theta, stall, True
    return value, best, theta, stall, False


def candidate_pairs(
    top_idx: NDArray[np.int64], top_val: NDArray[np.float64]
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """Unique candidate pairs (i < j) and their scores from each row's best partners."""
    n, c = top_idx.shape
    rows = np.repeat(np.arange(n), c)
    cols = top_idx.ravel()
    vals = top_val.ravel()
    ok = (cols >= 0) & np.isfinite(vals)
    rows, cols, vals = rows[ok], cols[ok], vals[ok]
    a = np.minimum(rows, cols)
    b = np.maximum(rows, cols)
    key = a * n + b
    key_u, first = np.unique(key, return_index=True)
    return a[first], b[first], vals[first]


def lagrangian_bound(
    n: int,
    pair_a: NDArray[np.int64],
    pair_b: NDArray[np.int64],
    pair_s: NDArray[np.float64],
    cap: NDArray[np.float64],
    m_lo: int,
    m_hi: int,
    target: float,
    iterations: int = 150,
    deadline: float = float("inf"),
) -> float:
    """min over the subgradient path of L(mu); an upper bound on the optimum.

    Parameters
    ----------
    pair_a, pair_b, pair_s
        Candidate pairs (a < b) and their scores.
    cap
        Per member, an upper bound on its score with any non-candidate partner
        (``-inf`` when every partner is a candidate).
    m_lo, m_hi
        Fewest and most partners a member can have (group size bounds minus one).
    target
        Best known objective (the Polyak step aims at it).
    iterations, deadline
        At most this many steps, and none after ``deadline`` (``time.monotonic``); the
        bound is valid after any number of steps (it is the least value seen).
    """
    if m_hi <= 0:
        return 0.0
    n_pairs = pair_a.shape[0]
    rows = np.concatenate([pair_a, pair_b])
    cols = np.concatenate([pair_b, pair_a])
    half = np.concatenate([pair_s, pair_s]) / 2.0
    sign = np.concatenate([np.ones(n_pairs), -np.ones(n_pairs)])
    pair = np.concatenate([np.arange(n_pairs), np.arange(n_pairs)])
    order = np.argsort(rows, kind="stable")
    rows, cols, half, sign, pair = rows[order], cols[order], half[order], sign[order], pair[order]
    start = np.zeros(n + 1, dtype=np.int64)
    np.add.at(start, rows + 1, 1)
    start = np.cumsum(start)
    arcs = (start, cols.astype(np.int64), half, sign, pair.astype(np.int64))
    cap = cap.astype(np.float64)
    mu = np.zeros(n_pairs)
    x = np.zeros(half.shape[0], dtype=np.int64)
    value = float(_evaluate(*arcs, mu, cap, int(m_lo), int(m_hi), x))
    best, theta, stall, done = value, 1.0, 0, False
    left = int(iterations)
    while left > 0 and not done and time.monotonic() < deadline:
        steps = min(STEPS_PER_CHUNK, left)
        value, best, theta, stall, done = _steps(
            arcs, mu, x, np.zeros(n_pairs), cap, int(m_lo), int(m_hi), float(target),
            value, best, theta, stall, steps,
        )  # fmt: skip
        left -= steps
    return float(best)


@njit(cache=True)
def top_per_row(rows, m, offset):
    """The m largest values of each row (largest first) and their columns.

    Row r's own column ``offset + r`` is skipped (no score with oneself).
    """
    out = np.full((rows.shape[0], m), -np.inf)
    idx = np.full((rows.shape[0], m), -1, dtype=np.int64)
    for r in range(rows.shape[0]):
        val = out[r]
        ids = idx[r]
        for c in range(rows.shape[1]):
            if c == offset + r:
                continue
            v = rows[r, c]
            if v > val[m - 1]:
                p = m - 1
                while p > 0 and val[p - 1] < v:
                    val[p] = val[p - 1]
                    ids[p] = ids[p - 1]
                    p -= 1
                val[p] = v
                ids[p] = c
    return out, idx
