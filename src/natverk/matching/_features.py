# mypy: disable-error-code="no-untyped-def"
"""The scale path: grouping tens of thousands of members with feature-based scores.

With ``s_ij = L_i . R_j + L_j . R_i + b`` the score of member i with a whole group g
is ``L_i . SR_g + R_i . SL_g + b |g|`` where ``SL_g``, ``SR_g`` are the group's
feature sums. Keeping those sums up to date makes every move or swap delta O(k)
and memory O((n + groups) k): no ``n x n`` matrix is ever built (the upper bound
streams the score matrix in blocks of rows, :func:`natverk.matching.bounds.plan_bound`).

Local search: for each member (random order) score all groups (one matrix product
per batch of ``BATCH`` members, with the group sums at the start of the batch), then
try moving the member to, or swapping it with any member of, the ``TOP`` most
promising groups; repeat sweeps until no move improves, then perturb and repeat,
keeping the best (iterated local search). Supports fixed members, forbidden pairs,
``apart`` labels (checked as the sets of :class:`~natverk.matching.problem.KeptApart`,
never expanded into pairs) and availability masks; pinned pairs, hopes as pairs and
fairness are handled on the dense path only (at most ``DENSE_FEATURE_LIMIT`` members).

Hopes given as topics (``GroupingProblem.topic_hopes``) are searched in a second phase,
after ``SCORES_SHARE`` of the time: :func:`_hope_sweep`, the sweep scored with the hopes
term (a reward per member whose hopes a group-mate meets, up to the target), which also
tries, for a member still waiting, the groups where someone offers one of their hopes.
It is :func:`_sweep` again rather than one kernel for both: passing the hopes' state
through the scores-only sweep made it 20-25 % slower (their plain-Python twin is one,
``tests/matching/reference.FeatureTwin``). Its helpers are inlined (``inline="always"``):
called, each copied the ``Hopes`` structure, and a hope sweep took 19 % longer.

The kernels share three structures: :class:`Members` (features, constraints: fixed
during a search), :class:`Sums` (the grouping and its feature sums, kept by
:func:`_apply`) and :class:`Hopes` (topic counts per group and who is met, kept by
:func:`_apply_hopes`). Random choices draw from the search's own stream (:mod:`._rng`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

from natverk.matching._rng import randint, stream
from natverk.matching._start import feasible_start, random_start
from natverk.matching.problem import ALL_SLOTS, PreparedProblem

__all__ = [
    "Hopes",
    "Members",
    "Sums",
    "feature_objective",
    "hope_sweep",
    "hopes_of",
    "solve_features",
]

BATCH = 256
TOP = 6
#: Share of the members swapped at random in one perturbation of the local search.
KICK_SHARE = 0.005
#: Share of the time the scores alone are searched when hopes are given as topics; the
#: hope phase (the scores and the hopes term) has the rest.
SCORES_SHARE = 0.4
ALL = np.uint64(0xFFFFFFFFFFFFFFFF)


class Members(NamedTuple):
    """What the search does not change: features, constraints and bounds."""

    L: NDArray[np.float64]  # (n, k) left features
    R: NDArray[np.float64]  # (n, k) right features
    bias: float
    mask: NDArray[np.uint64]  # (n,) availability
    has_mask: bool
    movable: NDArray[np.bool_]  # (n,) False for fixed members
    own_start: NDArray[np.int64]  # sets member i is in: own_sets[own_start[i]:own_start[i+1]]
    own_sets: NDArray[np.int64]
    set_start: NDArray[np.int64]  # members of set c: set_members[set_start[c]:set_start[c+1]]
    set_members: NDArray[np.int64]  # (prep.kept_apart: no two of a set share a group)
    lower: NDArray[np.int64]
    upper: NDArray[np.int64]
    eps: float


class Sums(NamedTuple):
    """The grouping and its running sums (kept exact by :func:`_apply`)."""

    of: NDArray[np.int64]  # (n,) group of each member
    SL: NDArray[np.float64]  # (g, k) sum of the left features of each group
    SR: NDArray[np.float64]  # (g, k) sum of the right features
    size: NDArray[np.int64]
    members: NDArray[np.int64]  # members[g, :size[g]]
    common: NDArray[np.uint64]  # availability common to the group


class Hopes(NamedTuple):
    """Hopes as topics during the hope phase (kept exact by :func:`_apply_hopes`)."""

    hope_ptr: NDArray[np.int64]  # member i hopes for hope_idx[hope_ptr[i]:hope_ptr[i+1]]
    hope_idx: NDArray[np.int64]
    offer_ptr: NDArray[np.int64]  # ... and offers offer_idx[offer_ptr[i]:offer_ptr[i+1]]
    offer_idx: NDArray[np.int64]
    can: NDArray[np.bool_]  # (n,) someone else offers one of i's hopes
    weight: float  # earned per member whose hopes are met ...
    target: int  # ... by at most this many members
    C: NDArray[np.int64]  # (g, topics) members of each group offering each topic
    met: NDArray[np.bool_]  # (n,) i's hopes are met in its group now
    met_count: NDArray[np.int64]  # (1,) members whose hopes are met now


@njit(cache=True)
def _dot(a, b):
    s = 0.0
    for t in range(a.shape[0]):
        s += a[t] * b[t]
    return s


@njit(cache=True)
def _pair(m, i, j):
    """Score of members i and j."""
    return _dot(m.L[i], m.R[j]) + _dot(m.L[j], m.R[i]) + m.bias


@njit(cache=True)
def _gain(m, s, i, g):
    """Score of member i with the members of group g (i itself counted if in g)."""
    return _dot(m.L[i], s.SR[g]) + _dot(m.R[i], s.SL[g]) + m.bias * s.size[g]


@njit(cache=True)
def _own(m, s, i):
    """Score of member i with the rest of its group."""
    a = s.of[i]
    t = 0.0
    for k in range(m.L.shape[1]):
        t += m.L[i, k] * (s.SR[a, k] - m.R[i, k]) + m.R[i, k] * (s.SL[a, k] - m.L[i, k])
    return t + m.bias * (s.size[a] - 1)


@njit(cache=True)
def _common_without(m, s, g, skip):
    c = ALL
    for k in range(s.size[g]):
        v = s.members[g, k]
        if v != skip:
            c &= m.mask[v]
    return c


@njit(cache=True)
def _forbidden_in(m, s, i, g, skip):
    """Whether a member that may not share a group with i (other than ``skip``) is in
    group g: one that shares a set of ``prep.kept_apart`` with i (i is never in g)."""
    for p in range(m.own_start[i], m.own_start[i + 1]):
        c = m.own_sets[p]
        for q in range(m.set_start[c], m.set_start[c + 1]):
            j = m.set_members[q]
            if j != skip and j != i and s.of[j] == g:
                return True
    return False


@njit(cache=True)
def _fits(m, s, i, b, j):
    """Whether member i can join group b (in exchange for member j of b, or -1): both
    movable, sizes within bounds, no forbidden partner, a common slot in both groups."""
    a = s.of[i]
    if not m.movable[i] or (j >= 0 and not m.movable[j]):
        return False
    if j < 0 and (s.size[a] - 1 < m.lower[a] or s.size[b] + 1 > m.upper[b]):
        return False
    if _forbidden_in(m, s, i, b, j) or (j >= 0 and _forbidden_in(m, s, j, a, i)):
        return False
    if m.has_mask:
        if j < 0:
            return (s.common[b] & m.mask[i]) != 0
        if (_common_without(m, s, a, i) & m.mask[j]) == 0:
            return False
        return (_common_without(m, s, b, j) & m.mask[i]) != 0
    return True


@njit(cache=True)
def _delta(m, s, i, b, j):
    """Change in the total when member i joins group b (and member j of b, or -1,
    goes to i's group)."""
    if j < 0:
        return _gain(m, s, i, b) - _own(m, s, i)
    p = _pair(m, i, j)
    a = s.of[i]
    return (_gain(m, s, i, b) - p - _own(m, s, i)) + (_gain(m, s, j, a) - p - _own(m, s, j))


@njit(cache=True)
def _apply(m, s, i, b):
    """Move member i to group b, keeping the sums exact."""
    a = s.of[i]
    for t in range(m.L.shape[1]):
        s.SL[a, t] -= m.L[i, t]
        s.SR[a, t] -= m.R[i, t]
        s.SL[b, t] += m.L[i, t]
        s.SR[b, t] += m.R[i, t]
    for k in range(s.size[a]):
        if s.members[a, k] == i:
            s.members[a, k] = s.members[a, s.size[a] - 1]
            break
    s.size[a] -= 1
    s.members[b, s.size[b]] = i
    s.size[b] += 1
    s.of[i] = b
    s.common[a] = _common_without(m, s, a, -1)
    s.common[b] &= m.mask[i]


@njit(cache=True)
def _rebuild(m, s):
    """Recompute every sum of ``s`` from ``s.of``."""
    s.SL[:, :] = 0.0
    s.SR[:, :] = 0.0
    s.size[:] = 0
    s.common[:] = ALL
    for i in range(s.of.shape[0]):
        g = s.of[i]
        for t in range(m.L.shape[1]):
            s.SL[g, t] += m.L[i, t]
            s.SR[g, t] += m.R[i, t]
        s.members[g, s.size[g]] = i
        s.size[g] += 1
        s.common[g] &= m.mask[i]


@njit(cache=True)
def _top_groups(values, top):
    """Indices of the ``top`` largest values, largest first (-1 padded)."""
    k_top = min(top, values.shape[0])
    idx = np.full(k_top, -1, dtype=np.int64)
    val = np.full(k_top, -np.inf)
    for q in range(values.shape[0]):
        v = values[q]
        if v > val[k_top - 1]:
            p = k_top - 1
            while p > 0 and val[p - 1] < v:
                val[p] = val[p - 1]
                idx[p] = idx[p - 1]
                p -= 1
            val[p] = v
            idx[p] = q
    return idx


@njit(cache=True)
def _sweep(m, s, order, stale, evict, top):
    """For each member of ``order``: the best move to, or swap with a member of, the
    ``top`` groups ranked best by ``stale`` (gains at the start of the batch) minus
    ``evict`` (what a full group's average member has there). Returns the gain."""
    n_groups = m.lower.shape[0]
    gained = 0.0
    rank = np.empty(n_groups)
    for r in range(order.shape[0]):
        i = order[r]
        if not m.movable[i]:
            continue
        a = s.of[i]
        for g in range(n_groups):
            rank[g] = stale[r, g] + m.bias * s.size[g] - evict[g]
        rank[a] = -np.inf
        best = m.eps
        tb, tj = -1, -1
        for b in _top_groups(rank, top):
            if b < 0 or b == a:
                continue
            if _fits(m, s, i, b, -1):
                delta = _delta(m, s, i, b, -1)
                if delta > best:
                    best, tb, tj = delta, b, -1
            for k in range(s.size[b]):
                j = s.members[b, k]
                if not m.movable[j]:
                    continue
                delta = _delta(m, s, i, b, j)
                if delta > best and _fits(m, s, i, b, j):
                    best, tb, tj = delta, b, j
        if tb >= 0:
            _apply(m, s, i, tb)
            if tj >= 0:
                _apply(m, s, tj, a)
            gained += best
    return gained


@njit(cache=True)
def _perturb(m, s, count, touched, rng):
    """``count`` random feasible swaps; the members swapped go to ``touched``.
    Returns (change in the total, number of members touched)."""
    n = s.of.shape[0]
    delta = 0.0
    done = 0
    tries = 0
    while done < count and tries < 20 * count + 20:
        tries += 1
        i = randint(rng, n)
        j = randint(rng, n)
        a = s.of[i]
        b = s.of[j]
        if a == b or not _fits(m, s, i, b, j):
            continue
        delta += _delta(m, s, i, b, j)
        _apply(m, s, i, b)
        _apply(m, s, j, a)
        touched[2 * done] = i
        touched[2 * done + 1] = j
        done += 1
    return delta, 2 * done


@njit(cache=True, inline="always")
def _offers(h, y, t):
    """Whether member y offers topic t (a loop: numba compiles no generator)."""
    for p in range(h.offer_ptr[y], h.offer_ptr[y + 1]):  # noqa: SIM110
        if h.offer_idx[p] == t:
            return True
    return False


@njit(cache=True, inline="always")
def _met_in(h, x, g, plus, minus):
    """Whether member x's hopes are met in group g once member ``plus`` (or -1) has
    joined it and member ``minus`` (or -1) has left it; x is in g afterwards."""
    for p in range(h.hope_ptr[x], h.hope_ptr[x + 1]):
        t = h.hope_idx[p]
        c = h.C[g, t]
        if minus >= 0 and _offers(h, minus, t):
            c -= 1
        if x != plus:  # x is counted in C[g]: not its own helper; plus is not yet
            if _offers(h, x, t):
                c -= 1
            if plus >= 0 and _offers(h, plus, t):
                c += 1
        if c > 0:
            return True
    return False


@njit(cache=True, inline="always")
def _hope_change(s, h, i, b, j):
    """Change in the number of members whose hopes are met when member i joins group b
    (and member j of b, or -1, goes to i's group)."""
    a = s.of[i]
    change = 0
    for k in range(s.size[a]):
        x = s.members[a, k]
        after = _met_in(h, x, a, j, i) if x != i else _met_in(h, i, b, i, j)
        change += int(after) - int(h.met[x])
    for k in range(s.size[b]):
        x = s.members[b, k]
        after = _met_in(h, x, b, i, j) if x != j else _met_in(h, j, a, j, i)
        change += int(after) - int(h.met[x])
    return change


@njit(cache=True, inline="always")
def _hope_value(h, change):
    """The change of the hopes term (``weight`` per member met, up to ``target``)."""
    now = h.met_count[0]
    return h.weight * (min(now + change, h.target) - min(now, h.target))


@njit(cache=True, inline="always")
def _apply_hopes(m, s, h, i, b):
    """Move member i to group b (:func:`_apply`), keeping the topic counts and the
    members' hope status exact."""
    a = s.of[i]
    for p in range(h.offer_ptr[i], h.offer_ptr[i + 1]):
        h.C[a, h.offer_idx[p]] -= 1
        h.C[b, h.offer_idx[p]] += 1
    _apply(m, s, i, b)
    for g in (a, b):
        for k in range(s.size[g]):
            x = s.members[g, k]
            now = _met_in(h, x, g, -1, -1)
            h.met_count[0] += int(now) - int(h.met[x])
            h.met[x] = now


@njit(cache=True, inline="always")
def _helps(h, i, g):
    """Whether someone in group g offers one of member i's hopes (i is not in g)."""
    for p in range(h.hope_ptr[i], h.hope_ptr[i + 1]):  # noqa: SIM110
        if h.C[g, h.hope_idx[p]] > 0:
            return True
    return False


@njit(cache=True)
def _hope_sweep(m, s, h, order, stale, evict, top):
    """:func:`_sweep` with the hopes term: each member's best move or swap among the
    ``top`` groups ranked best and, for a member whose hopes are not met, the ``top``
    best-ranked groups where someone offers one of them. Returns the gain."""
    n_groups = m.lower.shape[0]
    gained = 0.0
    rank = np.empty(n_groups)
    helping = np.empty(n_groups)
    for r in range(order.shape[0]):
        i = order[r]
        if not m.movable[i]:
            continue
        a = s.of[i]
        for g in range(n_groups):
            rank[g] = stale[r, g] + m.bias * s.size[g] - evict[g]
        rank[a] = -np.inf
        candidates = _top_groups(rank, top)
        if h.can[i] and not h.met[i]:
            for g in range(n_groups):
                helping[g] = rank[g] if _helps(h, i, g) else -np.inf
            candidates = np.concatenate((candidates, _top_groups(helping, top)))
        best = m.eps
        tb, tj = -1, -1
        for b in candidates:
            if b < 0 or b == a or rank[b] == -np.inf:
                continue
            if _fits(m, s, i, b, -1):
                delta = _delta(m, s, i, b, -1) + _hope_value(h, _hope_change(s, h, i, b, -1))
                if delta > best:
                    best, tb, tj = delta, b, -1
            for k in range(s.size[b]):
                j = s.members[b, k]
                if not m.movable[j]:
                    continue
                delta = _delta(m, s, i, b, j) + _hope_value(h, _hope_change(s, h, i, b, j))
                if delta > best and _fits(m, s, i, b, j):
                    best, tb, tj = delta, b, j
        if tb >= 0:
            _apply_hopes(m, s, h, i, tb)
            if tj >= 0:
                _apply_hopes(m, s, h, tj, a)
            gained += best
    return gained


def _group_sums(
    left: NDArray[np.float32], right: NDArray[np.float32], assignment: NDArray[np.int64], g: int
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.int64]]:
    sl = np.zeros((g, left.shape[1]))
    sr = np.zeros((g, left.shape[1]))
    np.add.at(sl, assignment, left.astype(np.float64))
    np.add.at(sr, assignment, right.astype(np.float64))
    return sl, sr, np.bincount(assignment, minlength=g).astype(np.int64)


def feature_objective(
    prep: PreparedProblem, assignment: NDArray[np.int64]
) -> tuple[float, NDArray[np.float64]]:
    """Total within-group score and each member's utility, in O(n k)."""
    f = prep.features
    assert f is not None
    left = f.left.astype(np.float64)
    right = f.right.astype(np.float64)
    sl, sr, size = _group_sums(f.left, f.right, assignment, prep.groups)
    selfdot = np.einsum("ij,ij->i", left, right)
    own = (
        np.einsum("ij,ij->i", left, sr[assignment])
        + np.einsum("ij,ij->i", right, sl[assignment])
        - 2.0 * selfdot
        + f.bias * (size[assignment] - 1)
    )
    total = float(own.sum() / 2.0)
    m = size[assignment] - 1
    util = np.where(m > 0, own / np.maximum(m, 1), 0.0)
    if prep.fairness > 0:
        total += prep.fairness * prep.n / 2.0 * float(util.min())
    return total, util


def members_of(prep: PreparedProblem) -> Members:
    """The fixed part of a feature search for ``prep``."""
    f = prep.features
    assert f is not None
    left = np.ascontiguousarray(f.left, dtype=np.float64)
    right = np.ascontiguousarray(f.right, dtype=np.float64)
    kept = prep.kept_apart
    scale = float(np.abs(left).max(initial=0) * np.abs(right).max(initial=0)) * left.shape[1]
    return Members(
        L=left,
        R=right,
        bias=float(f.bias),
        mask=prep.masks,
        has_mask=bool(np.any(prep.masks != ALL_SLOTS)),
        movable=prep.unit_group[prep.unit_of] < 0,
        own_start=kept.member_start,
        own_sets=kept.sets,
        set_start=kept.start,
        set_members=kept.members,
        lower=prep.lower,
        upper=prep.upper,
        eps=1e-9 * max(1.0, scale + abs(f.bias)),
    )


def sums_of(m: Members, of: NDArray[np.int64], groups: int) -> Sums:
    """The running sums of the grouping ``of`` (member -> group)."""
    k = m.L.shape[1]
    s = Sums(
        of=of.astype(np.int64).copy(),
        SL=np.zeros((groups, k)),
        SR=np.zeros((groups, k)),
        size=np.zeros(groups, dtype=np.int64),
        members=np.zeros((groups, int(m.upper.max()) + 1), dtype=np.int64),
        common=np.zeros(groups, dtype=np.uint64),
    )
    _rebuild(m, s)
    return s


def hopes_of(prep: PreparedProblem, of: NDArray[np.int64]) -> Hopes:
    """The hope phase's state for the grouping ``of`` (prep must have topic hopes)."""
    t = prep.topics
    assert t is not None
    counts = t.offered(of, prep.groups)
    met = t.met_by(counts, of)
    return Hopes(
        hope_ptr=t.hope_ptr,
        hope_idx=t.hope_idx,
        offer_ptr=t.offer_ptr,
        offer_idx=t.offer_idx,
        can=t.can,
        weight=float(prep.hope_weight),
        target=int(prep.hope_target),
        C=counts,
        met=met,
        met_count=np.array([int(met.sum())], dtype=np.int64),
    )


def hope_sweep(
    m: Members,
    s: Sums,
    h: Hopes,
    order: NDArray[np.int64],
    selfdot: NDArray[np.float64],
    deadline: float = float("inf"),
) -> float:
    """One pass of :func:`_hope_sweep` over ``order``, as :func:`sweep` does."""
    gained = 0.0
    for start in range(0, order.size, BATCH):
        if time.monotonic() >= deadline:
            break
        batch = order[start : start + BATCH]
        stale, evict = _ranking(m, s, batch, selfdot)
        gained += _hope_sweep(m, s, h, batch, stale, evict, TOP)
    return float(gained)


def _check_supported(prep: PreparedProblem) -> None:
    what = [
        name
        for name, present in (
            ("pinned pairs", len(prep.units) < prep.n),
            ("fairness", prep.fairness > 0),
            ("hopes as pairs", prep.hope_weight > 0 and prep.topics is None),
        )
        if present
    ]
    if what:
        raise ValueError(
            f"{' and '.join(what)} are supported for feature scores up to the dense limit "
            f"only (this problem has {prep.n} members); give a dense score matrix (hopes "
            "may be given as topics)"
        )


def _ranking(
    m: Members, s: Sums, batch: NDArray[np.int64], selfdot: NDArray[np.float64]
) -> tuple[NDArray[np.float32], NDArray[np.float64]]:
    """Gains of the batch with every group (the sums of now: they go stale within the
    batch, so they only pick candidate groups; every delta is exact) and, for full
    groups, what their average member has there (a full group is entered only by
    evicting someone, so that everyone does not chase the same few strong groups)."""
    xs = np.hstack([m.L[batch], m.R[batch]]).astype(np.float32)
    stale = xs @ np.hstack([s.SR, s.SL]).astype(np.float32).T
    inner = np.einsum("gk,gk->g", s.SL, s.SR) - np.bincount(s.of, selfdot, m.lower.size)
    inner += m.bias * s.size * (s.size - 1) / 2.0
    evict = np.where(s.size >= m.upper, 2.0 * inner / np.maximum(s.size, 1), 0.0)
    return stale, evict


def sweep(
    m: Members,
    s: Sums,
    order: NDArray[np.int64],
    selfdot: NDArray[np.float64],
    deadline: float = float("inf"),
) -> float:
    """One pass of :func:`_sweep` over ``order``, batch by batch, stopping between
    batches at ``deadline`` (``time.monotonic``); returns the gain."""
    gained = 0.0
    for start in range(0, order.size, BATCH):
        if time.monotonic() >= deadline:
            break
        batch = order[start : start + BATCH]
        stale, evict = _ranking(m, s, batch, selfdot)
        gained += _sweep(m, s, batch, stale, evict, TOP)
    return float(gained)


def solve_features(
    prep: PreparedProblem,
    *,
    deadline: float,
    seed: int,
    progress: Callable[[float, float], None] | None,
    max_rounds: int | None,
) -> NDArray[np.int64]:
    """Member -> group found by the feature-based local search, searching until
    ``deadline`` (``time.monotonic``) or for ``max_rounds`` rounds."""
    _check_supported(prep)
    rng = np.random.default_rng(seed)
    started = time.monotonic()
    final = deadline
    if prep.topics is not None:  # the hope phase gets the rest
        deadline = started + SCORES_SHARE * (final - started)
    span = max(deadline - started, 1e-9)
    # without pins every unit is one member, so the greedy start is per member
    of = feasible_start(prep, rng) if prep.has_constraints else random_start(prep, rng)
    m = members_of(prep)
    s = sums_of(m, of, prep.groups)
    kicks = stream(int(rng.integers(2**63 - 1)))
    selfdot = np.einsum("ik,ik->i", m.L, m.R)
    current = feature_objective(prep, s.of)[0]
    best, best_of = current, s.of.copy()
    rounds = 0
    last = -1.0

    def expired() -> bool:
        if max_rounds is not None:
            return rounds >= max_rounds
        return time.monotonic() >= deadline

    stop = deadline if max_rounds is None else float("inf")

    def small(gain: float) -> bool:
        return gain <= 1e-6 * max(1.0, abs(current))

    descending = True
    touched = np.empty(2 * max(2, int(prep.n * KICK_SHARE)), dtype=np.int64)
    while not expired():
        rounds += 1
        if descending:
            gained = sweep(m, s, rng.permutation(prep.n), selfdot, stop)
            current += gained
            if small(gained):
                descending = False
                best, best_of = current, s.of.copy()
        else:
            # iterated local search: random swaps of KICK_SHARE of the members, then
            # sweeps over everyone (the touched groups attract members from anywhere);
            # keep the result if it is no worse than the best
            kick, _ = _perturb(m, s, touched.size // 2, touched, kicks)
            current += kick
            for _ in range(5):
                gained = sweep(m, s, rng.permutation(prep.n), selfdot, stop)
                current += gained
                if small(gained) or expired():
                    break
            tolerance = 1e-9 * max(1.0, abs(current))
            if current > best + tolerance:
                best, best_of = current, s.of.copy()
            elif current < best - tolerance:
                s.of[:] = best_of
                _rebuild(m, s)
                current = best
        now = time.monotonic() - started
        if progress is not None and now - last >= 0.1:
            progress(min(1.0, now / span), max(best, current))
            last = now
    if descending or current >= best:
        best_of = s.of.copy()
    if prep.topics is None:
        return best_of
    s.of[:] = best_of
    _rebuild(m, s)
    return _meet_hopes(prep, m, s, selfdot, rng, final if max_rounds is None else None)


def _meet_hopes(
    prep: PreparedProblem,
    m: Members,
    s: Sums,
    selfdot: NDArray[np.float64],
    rng: np.random.Generator,
    deadline: float | None,
) -> NDArray[np.int64]:
    """The hope phase: sweeps that weigh the hopes term with the scores, from the
    grouping in ``s``; then, until ``deadline`` (None: once), iterated local search
    as in :func:`solve_features`, keeping the best of scores and hopes together."""
    h = hopes_of(prep, s.of)
    stop = float("inf") if deadline is None else deadline
    _descend(m, s, h, selfdot, rng, stop, rounds=None)
    best_of = s.of.copy()
    best = feature_objective(prep, best_of)[0] + prep.hope_term(int(h.met_count[0]))
    kicks = stream(int(rng.integers(2**63 - 1)))
    touched = np.empty(2 * max(2, int(prep.n * KICK_SHARE)), dtype=np.int64)
    while deadline is not None and time.monotonic() < deadline:
        _perturb(m, s, touched.size // 2, touched, kicks)
        h = hopes_of(prep, s.of)
        _descend(m, s, h, selfdot, rng, stop, rounds=5)
        current = feature_objective(prep, s.of)[0] + prep.hope_term(int(h.met_count[0]))
        if current > best + 1e-9 * max(1.0, abs(best)):
            best, best_of = current, s.of.copy()
        else:
            s.of[:] = best_of
            _rebuild(m, s)
    return best_of


def _descend(
    m: Members,
    s: Sums,
    h: Hopes,
    selfdot: NDArray[np.float64],
    rng: np.random.Generator,
    deadline: float,
    rounds: int | None,
) -> None:
    """Hope sweeps until one gains (almost) nothing, ``rounds`` sweeps or ``deadline``."""
    done = 0
    while time.monotonic() < deadline and (rounds is None or done < rounds):
        if h.met_count[0] < h.target:  # those still waiting first: a short sweep
            waiting = np.flatnonzero(h.can & ~h.met)
            hope_sweep(m, s, h, rng.permutation(waiting), selfdot, deadline)
        gained = hope_sweep(m, s, h, rng.permutation(s.of.size), selfdot, deadline)
        done += 1
        if gained <= 1e-6 * max(1.0, h.weight * h.target):
            return
