"""Upper bounds on the best possible grouping: the certificate behind "within X %".

Two bounds, both valid for every feasible grouping; :func:`upper_bound` returns the
smaller one.

Row bound
    Member i shares a group with between ``lo - 1`` and ``hi - 1`` others, so the
    sum of its scores with them is at most ``r_i = max over m in [lo-1, hi-1] of
    (sum of the m largest s_ij)``. Every within-group pair is counted twice over
    the members, so ``optimum <= sum_i r_i / 2``.
Pair bound
    A grouping has between ``P_min`` and ``P_max`` within-group pairs (fixed by the
    size bounds; found by a small dynamic programme over the groups), so
    ``optimum <= max over P in [P_min, P_max] of (sum of the P largest s_ij)``.

Forbidden pairs are left out of both (they never share a group). With fairness
``f > 0`` the bound adds ``f * n / 2 * min_i (best mean of member i)``, since nobody's
utility can exceed the mean of their own best partners. The bounds are weak when
scores are all alike (e.g. RanReal), tight when a few partners stand out per member;
the result's ``gap`` is therefore a guarantee, not an estimate of the true distance.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from natverk.matching.problem import PreparedProblem

__all__ = [
    "candidate_count",
    "combine_row_bounds",
    "pair_bound",
    "pair_count_range",
    "row_bound",
    "upper_bound",
]


def pair_count_range(lower: NDArray[np.int64], upper: NDArray[np.int64], n: int) -> tuple[int, int]:
    """Fewest and most within-group pairs any grouping of ``n`` members can have.

    Examples
    --------
    >>> pair_count_range(np.array([2, 2]), np.array([4, 4]), 6)
    (6, 7)
    """
    best_max = np.full(n + 1, -np.inf)
    best_min = np.full(n + 1, np.inf)
    best_max[0] = best_min[0] = 0.0
    for lo, hi in zip(lower.tolist(), upper.tolist(), strict=True):
        new_max = np.full(n + 1, -np.inf)
        new_min = np.full(n + 1, np.inf)
        for size in range(int(lo), min(int(hi), n) + 1):
            pairs = size * (size - 1) // 2
            new_max[size:] = np.maximum(new_max[size:], best_max[: n + 1 - size] + pairs)
            new_min[size:] = np.minimum(new_min[size:], best_min[: n + 1 - size] + pairs)
        best_max, best_min = new_max, new_min
    return int(best_min[n]), int(best_max[n])


def _without_forbidden(prep: PreparedProblem) -> NDArray[np.float64]:
    assert prep.dense is not None
    d = prep.dense.copy()
    if len(prep.forbidden):
        a, b = prep.forbidden[:, 0], prep.forbidden[:, 1]
        d[a, b] = -np.inf
        d[b, a] = -np.inf
    np.fill_diagonal(d, -np.inf)
    return d


def _row_prefix(rows: NDArray[np.float64], m_hi: int) -> NDArray[np.float64]:
    """Prefix sums of each row's ``m_hi`` largest values (column m = sum of m best)."""
    m_hi = min(m_hi, rows.shape[1])
    if m_hi == 0:
        return np.zeros((rows.shape[0], 1))
    part = -np.partition(-rows, m_hi - 1, axis=1)[:, :m_hi] if m_hi < rows.shape[1] else rows
    top = -np.sort(-part, axis=1)[:, :m_hi]
    prefix = np.zeros((rows.shape[0], m_hi + 1))
    prefix[:, 1:] = np.cumsum(top, axis=1)
    return prefix


def row_terms(
    prefix: NDArray[np.float64], m_lo: int, m_hi: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Per member: best partner sum and best partner mean over group sizes m_lo..m_hi."""
    m_hi = min(m_hi, prefix.shape[1] - 1)
    m_lo = min(m_lo, m_hi)
    cols = prefix[:, m_lo : m_hi + 1]
    best_sum = cols.max(axis=1)
    ms = np.arange(max(m_lo, 1), m_hi + 1)
    best_mean = (prefix[:, ms] / ms).max(axis=1) if ms.size else np.zeros(prefix.shape[0])
    return best_sum, best_mean


def row_bound(prep: PreparedProblem) -> float:
    """The row bound (see the module text) of a dense problem, without fairness."""
    d = _without_forbidden(prep)
    m_lo = max(int(prep.lower.min()) - 1, 0)
    m_hi = int(prep.upper.max()) - 1
    prefix = _row_prefix(d, m_hi)
    best_sum, _ = row_terms(prefix, m_lo, m_hi)
    return float(best_sum.sum() / 2.0)


def pair_bound(prep: PreparedProblem) -> float:
    """The pair bound (see the module text) of a dense problem, without fairness."""
    d = _without_forbidden(prep)
    iu = np.triu_indices(prep.n, 1)
    vals = d[iu]
    vals = vals[np.isfinite(vals)]
    p_min, p_max = pair_count_range(prep.lower, prep.upper, prep.n)
    if p_max > vals.size:
        p_max = vals.size
    if p_min > vals.size:
        return float("inf")
    top = -np.sort(-vals)[:p_max]
    prefix = np.concatenate([[0.0], np.cumsum(top)])
    return float(prefix[p_min : p_max + 1].max())


def candidate_count(n: int, m_hi: int) -> int:
    """How many best partners per member the Lagrangian bound keeps multipliers for."""
    return max(1, min(n - 2, max(4 * m_hi, 24)))


def combine_row_bounds(
    prep: PreparedProblem,
    top_val: NDArray[np.float64],
    top_idx: NDArray[np.int64],
    objective: float | None,
) -> float:
    """Row bound, Lagrangian bound and fairness term from each member's best partners.

    ``top_val[i]`` holds member i's best scores (largest first, ``-inf`` padded) and
    ``top_idx[i]`` their partners; the last column is only used as the cap on every
    partner not listed before it.
    """
    from natverk.matching._lagrange import candidate_pairs, lagrangian_bound

    n = prep.n
    m_lo = max(int(prep.lower.min()) - 1, 0)
    m_hi = min(int(prep.upper.max()) - 1, n - 1)
    c = top_val.shape[1] - 1
    prefix = np.zeros((n, m_hi + 1))
    if m_hi > 0:
        prefix[:, 1:] = np.cumsum(top_val[:, :m_hi], axis=1)
    best_sum, best_mean = row_terms(prefix, m_lo, m_hi)
    bound = float(best_sum.sum() / 2.0)
    if m_hi > 0 and n > 2:
        a, b, sc = candidate_pairs(top_idx[:, :c], top_val[:, :c])
        cap = top_val[:, c] if c < n - 1 else np.full(n, -np.inf)
        target = objective if objective is not None else bound - abs(bound) / 2.0 - 1.0
        bound = min(bound, lagrangian_bound(n, a, b, sc, cap, m_lo, m_hi, target))
    if prep.fairness > 0:
        worst = float(best_mean.min())
        if m_lo == 0:
            worst = max(worst, 0.0)
        bound += prep.fairness * n / 2.0 * worst
    return bound


def upper_bound(prep: PreparedProblem, objective: float | None = None) -> float:
    """An upper bound on the objective of every feasible grouping of ``prep``.

    The smallest of the row bound, its Lagrangian strengthening and (n <= 4000) the
    pair bound, plus the fairness term bound when fairness > 0. ``objective`` (the
    best known total score, without the fairness term) guides the Lagrangian steps.
    """
    if prep.dense is None:
        from natverk.matching._features import feature_upper_bound

        return feature_upper_bound(prep, objective=objective)
    from natverk.matching._features import _row_top

    d = _without_forbidden(prep)
    m_hi = min(int(prep.upper.max()) - 1, prep.n - 1)
    if m_hi <= 0 or prep.n <= 2:
        bound = row_bound(prep)
    else:
        top_val, top_idx = _row_top(d, candidate_count(prep.n, m_hi) + 1, 0)
        bound = combine_row_bounds(prep, top_val, top_idx, objective)
        if prep.fairness > 0:
            bound -= prep.fairness * prep.n / 2.0 * _fairness_bound(prep)
    if prep.n <= 4000:
        bound = min(bound, pair_bound(prep))
    if prep.fairness > 0:
        bound += prep.fairness * prep.n / 2.0 * _fairness_bound(prep)
    return bound


def _fairness_bound(prep: PreparedProblem) -> float:
    d = _without_forbidden(prep)
    m_lo = max(int(prep.lower.min()) - 1, 0)
    m_hi = int(prep.upper.max()) - 1
    prefix = _row_prefix(d, m_hi)
    _, best_mean = row_terms(prefix, m_lo, m_hi)
    if m_lo == 0:
        best_mean = np.maximum(best_mean, 0.0)
    return float(best_mean.min())
