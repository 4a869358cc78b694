"""Upper bounds on the best possible grouping: the certificate behind "within X %".

Three bounds, each valid for every feasible grouping; :func:`upper_bound` returns the
smallest. Everything but the Lagrangian steps is independent of the search, so
:func:`plan_bound` computes it before the search starts (inside the caller's time
limit) and :func:`finish_bound` takes the Lagrangian steps until a deadline.

Row bound
    Member i shares a group with between ``lo - 1`` and ``hi - 1`` others, so the
    sum of its scores with them is at most ``r_i = max over m in [lo-1, hi-1] of
    (sum of the m largest s_ij)``. Every within-group pair is counted twice over
    the members, so ``optimum <= sum_i r_i / 2``.
Pair bound
    A grouping has between ``P_min`` and ``P_max`` within-group pairs (fixed by the
    size bounds; found by a small dynamic programme over the groups), so
    ``optimum <= max over P in [P_min, P_max] of (sum of the P largest s_ij)``.

Lagrangian bound
    The row bound strengthened by multipliers on the symmetry of "who picks whom"
    (:mod:`natverk.matching._lagrange`), over each member's best partners.

Forbidden pairs and pairs sharing an ``apart`` label are left out on dense scores (they
never share a group); the feature path keeps them, which leaves its bound valid. With
hopes, the bound adds ``hope_weight`` for every member whose hopes someone in the
problem meets (at most ``hope_target`` of them). With fairness ``f > 0`` the bound adds
``f * n / 2 * min_i (best mean of member i)``, since nobody's utility can exceed the mean
of their own best partners. The bounds are weak when scores are all alike (e.g. RanReal),
tight when a few partners stand out per member; the result's ``gap`` is therefore a
guarantee, not an estimate of the true distance.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from natverk.matching._lagrange import candidate_pairs, lagrangian_bound, top_per_row
from natverk.matching.problem import PreparedProblem

__all__ = [
    "BoundPlan",
    "candidate_count",
    "finish_bound",
    "pair_bound",
    "pair_count_range",
    "plan_bound",
    "row_bound",
    "upper_bound",
]

#: The pair bound sorts all n^2/2 scores: only up to this many members.
PAIR_BOUND_LIMIT = 4000
#: Rows of the streamed score matrix computed at a time (feature scores).
BLOCK = 512


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
    """The dense scores with the pairs kept apart (forbidden or sharing a label) and the
    diagonal at -inf (never chosen)."""
    assert prep.dense is not None
    d = prep.dense.copy()
    if len(prep.kept_apart):
        pairs = prep.kept_apart.pairs()
        a, b = pairs[:, 0], pairs[:, 1]
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


@dataclass(frozen=True)
class BoundPlan:
    """What the bound needs that does not depend on the search (see :func:`plan_bound`).

    ``fixed`` is the smallest bound known before any Lagrangian step (row and pair
    bounds); ``extra`` is the part the fairness and hope terms add; ``top_val`` and
    ``top_idx`` hold each member's best scores and partners for the Lagrangian.
    """

    fixed: float
    extra: float
    top_val: NDArray[np.float64] | None
    top_idx: NDArray[np.int64] | None
    m_lo: int
    m_hi: int


def _top_rows(prep: PreparedProblem, c: int) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Each member's ``c`` best scores (largest first) and partners, without forbidden
    pairs for dense scores; streamed over blocks of rows for feature scores."""
    if prep.dense is not None:
        found: tuple[NDArray[np.float64], NDArray[np.int64]] = top_per_row(
            _without_forbidden(prep), c, 0
        )
        return found
    f = prep.features
    assert f is not None
    a = np.hstack([f.left, f.right]).astype(np.float32)
    b = np.hstack([f.right, f.left]).astype(np.float32)
    top_val = np.empty((prep.n, c))
    top_idx = np.empty((prep.n, c), dtype=np.int64)
    for s in range(0, prep.n, BLOCK):
        e = min(prep.n, s + BLOCK)
        rows = a[s:e] @ b.T + np.float32(f.bias)
        top_val[s:e], top_idx[s:e] = top_per_row(rows.astype(np.float64), c, s)
    return top_val, top_idx


def plan_bound(prep: PreparedProblem) -> BoundPlan:
    """The row bound, the pair bound (dense, n <= PAIR_BOUND_LIMIT), the fairness and
    hope terms, and each member's best partners for the Lagrangian steps."""
    n = prep.n
    m_lo = max(int(prep.lower.min()) - 1, 0)
    m_hi = min(int(prep.upper.max()) - 1, n - 1)
    extra = prep.hope_weight * prep.hope_target
    if m_hi <= 0 or n <= 2:
        fixed = row_bound(prep) if prep.dense is not None else 0.0
        return BoundPlan(fixed, extra + _fairness_term(prep, None, m_lo, m_hi), None, None, 0, 0)
    top_val, top_idx = _top_rows(prep, candidate_count(n, m_hi) + 1)
    prefix = np.zeros((n, m_hi + 1))
    prefix[:, 1:] = np.cumsum(top_val[:, :m_hi], axis=1)
    best_sum, _ = row_terms(prefix, m_lo, m_hi)
    fixed = float(best_sum.sum() / 2.0)
    if prep.dense is not None and n <= PAIR_BOUND_LIMIT:
        fixed = min(fixed, pair_bound(prep))
    extra += _fairness_term(prep, prefix, m_lo, m_hi)
    if prep.dense is None:  # float32 feature rows: allow for their rounding
        extra += 1e-6 * (float(np.abs(top_val[np.isfinite(top_val)]).sum()) + 1.0)
    return BoundPlan(fixed, extra, top_val, top_idx, m_lo, m_hi)


def _fairness_term(
    prep: PreparedProblem, prefix: NDArray[np.float64] | None, m_lo: int, m_hi: int
) -> float:
    """``fairness * n / 2`` times the best mean the worst-placed member could reach."""
    if prep.fairness <= 0:
        return 0.0
    if prefix is None:
        if prep.dense is None:
            return 0.0
        prefix = _row_prefix(_without_forbidden(prep), m_hi)
    _, best_mean = row_terms(prefix, m_lo, m_hi)
    worst = float(best_mean.min())
    if m_lo == 0:
        worst = max(worst, 0.0)
    return prep.fairness * prep.n / 2.0 * worst


def finish_bound(
    plan: BoundPlan,
    n: int,
    objective: float | None = None,
    deadline: float = float("inf"),
) -> float:
    """The bound: Lagrangian steps from the plan until ``deadline`` (``time.monotonic``),
    guided by ``objective`` (the best known total of pairs), plus the fixed extras."""
    bound = plan.fixed
    if plan.top_val is not None and plan.top_idx is not None and n > 2:
        c = plan.top_val.shape[1] - 1
        a, b, sc = candidate_pairs(plan.top_idx[:, :c], plan.top_val[:, :c])
        cap = plan.top_val[:, c] if c < n - 1 else np.full(n, -np.inf)
        target = objective if objective is not None else bound - abs(bound) / 2.0 - 1.0
        lagrange = lagrangian_bound(
            n, a, b, sc, cap, plan.m_lo, plan.m_hi, target, deadline=deadline
        )
        bound = min(bound, lagrange)
    return bound + plan.extra


def upper_bound(prep: PreparedProblem, objective: float | None = None) -> float:
    """An upper bound on the objective of every feasible grouping of ``prep``.

    The smallest of the row bound, its Lagrangian strengthening and (dense scores,
    n <= PAIR_BOUND_LIMIT) the pair bound, plus the fairness and hope terms.
    ``objective`` (the best known total of pairs) guides the Lagrangian steps.
    """
    return finish_bound(plan_bound(prep), prep.n, objective)
