# mypy: disable-error-code="no-untyped-def"
"""The scale path: grouping tens of thousands of members with feature-based scores.

With ``s_ij = L_i . R_j + L_j . R_i + b`` the score of member i with a whole group g
is ``L_i . SR_g + R_i . SL_g + b |g|`` where ``SL_g``, ``SR_g`` are the group's
feature sums. Keeping those sums up to date makes every move or swap delta O(k)
and memory O((n + groups) k): no ``n x n`` matrix is ever built (the upper bound
streams the score matrix in blocks of rows).

Local search: for each member (random order) score all groups (one matrix product
per batch of ``BATCH`` members, with the group sums at the start of the batch), then
try moving the member to, or
swapping it with any member of, the ``TOP`` most promising groups; repeat sweeps
until no move improves, then perturb and repeat, keeping the best (iterated local
search). Supports fixed members, forbidden pairs and availability masks; pinned
pairs and fairness are handled on the dense path only (at most
``DENSE_FEATURE_LIMIT`` members).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from numba import njit
from numpy.typing import NDArray

from natverk.matching.problem import ALL_SLOTS, PreparedProblem

__all__ = ["feature_objective", "feature_upper_bound", "solve_features"]

BATCH = 256
TOP = 6
#: Share of the members swapped at random in one perturbation of the local search.
KICK_SHARE = 0.005


@njit(cache=True)
def _dot(a, b):
    s = 0.0
    for t in range(a.shape[0]):
        s += a[t] * b[t]
    return s


@njit(cache=True)
def _pair(L, R, bias, i, j):
    return _dot(L[i], R[j]) + _dot(L[j], R[i]) + bias


@njit(cache=True)
def _gain(L, R, bias, SL, SR, gsize, i, g):
    return _dot(L[i], SR[g]) + _dot(R[i], SL[g]) + bias * gsize[g]


@njit(cache=True)
def _own(L, R, bias, SL, SR, gsize, grp, i):
    a = grp[i]
    s = 0.0
    for t in range(L.shape[1]):
        s += L[i, t] * (SR[a, t] - R[i, t]) + R[i, t] * (SL[a, t] - L[i, t])
    return s + bias * (gsize[a] - 1)


@njit(cache=True)
def _and_without(glist, gcount, masks, g, skip):
    m = np.uint64(0xFFFFFFFFFFFFFFFF)
    for k in range(gcount[g]):
        v = glist[g, k]
        if v != skip:
            m &= masks[v]
    return m


@njit(cache=True)
def _forbidden_in(fstart, fadj, grp, i, g, skip):
    for p in range(fstart[i], fstart[i + 1]):
        j = fadj[p]
        if j != skip and grp[j] == g:
            return True
    return False


@njit(cache=True)
def _move(L, R, SL, SR, gsize, glist, gcount, gand, masks, grp, i, b):
    a = grp[i]
    for t in range(L.shape[1]):
        SL[a, t] -= L[i, t]
        SR[a, t] -= R[i, t]
        SL[b, t] += L[i, t]
        SR[b, t] += R[i, t]
    for k in range(gcount[a]):
        if glist[a, k] == i:
            glist[a, k] = glist[a, gcount[a] - 1]
            break
    gcount[a] -= 1
    glist[b, gcount[b]] = i
    gcount[b] += 1
    gsize[a] -= 1
    gsize[b] += 1
    grp[i] = b
    gand[a] = _and_without(glist, gcount, masks, a, -1)
    gand[b] &= masks[i]


@njit(cache=True)
def _sweep(
    L,
    R,
    bias,
    SL,
    SR,
    gsize,
    glist,
    gcount,
    gand,
    masks,
    has_mask,
    grp,
    movable,
    fstart,
    fadj,
    lower,
    upper,
    order,
    stale,
    evict,
    top,
    eps,
):
    n_groups = lower.shape[0]
    gain_total = 0.0
    w = n_groups
    cand_g = np.arange(w)
    cand_v = np.empty(w)
    for r in range(order.shape[0]):
        i = order[r]
        if not movable[i]:
            continue
        a = grp[i]
        own_i = _own(L, R, bias, SL, SR, gsize, grp, i)
        for g in range(n_groups):
            cand_v[g] = stale[r, g] + bias * gsize[g] - evict[g]
        cand_v[a] = -np.inf
        best = eps
        kind = -1
        tb = -1
        tj = -1
        k_top = min(top, w)
        idx = np.full(k_top, -1, dtype=np.int64)
        val = np.full(k_top, -np.inf)
        for q in range(w):
            v = cand_v[q]
            if v > val[k_top - 1]:
                p = k_top - 1
                while p > 0 and val[p - 1] < v:
                    val[p] = val[p - 1]
                    idx[p] = idx[p - 1]
                    p -= 1
                val[p] = v
                idx[p] = q
        a_wo = np.uint64(0)
        if has_mask:
            a_wo = _and_without(glist, gcount, masks, a, i)
        for q in idx:
            if q < 0:
                continue
            b = cand_g[q]
            if b == a:
                continue
            gb = _gain(L, R, bias, SL, SR, gsize, i, b)
            # move
            if gsize[a] - 1 >= lower[a] and gsize[b] + 1 <= upper[b]:
                ok = not _forbidden_in(fstart, fadj, grp, i, b, -1)
                if ok and has_mask and (gand[b] & masks[i]) == 0:
                    ok = False
                if ok and gb - own_i > best:
                    best = gb - own_i
                    kind = 0
                    tb = b
            # swaps with members of b
            for kk in range(gcount[b]):
                j = glist[b, kk]
                if not movable[j]:
                    continue
                s_ij = _pair(L, R, bias, i, j)
                delta = (gb - s_ij - own_i) + (
                    _gain(L, R, bias, SL, SR, gsize, j, a)
                    - s_ij
                    - _own(L, R, bias, SL, SR, gsize, grp, j)
                )
                if delta <= best:
                    continue
                if _forbidden_in(fstart, fadj, grp, i, b, j):
                    continue
                if _forbidden_in(fstart, fadj, grp, j, a, i):
                    continue
                if has_mask:
                    if (a_wo & masks[j]) == 0:
                        continue
                    if (_and_without(glist, gcount, masks, b, j) & masks[i]) == 0:
                        continue
                best = delta
                kind = 1
                tb = b
                tj = j
        if kind == 0:
            _move(L, R, SL, SR, gsize, glist, gcount, gand, masks, grp, i, tb)
            gain_total += best
        elif kind == 1:
            _move(L, R, SL, SR, gsize, glist, gcount, gand, masks, grp, i, tb)
            _move(L, R, SL, SR, gsize, glist, gcount, gand, masks, grp, tj, a)
            gain_total += best
    return gain_total


@njit(cache=True)
def _perturb(
    L,
    R,
    bias,
    SL,
    SR,
    gsize,
    glist,
    gcount,
    gand,
    masks,
    has_mask,
    grp,
    movable,
    fstart,
    fadj,
    count,
    touched,
):
    n = grp.shape[0]
    delta = 0.0
    done = 0
    tries = 0
    while done < count and tries < 20 * count + 20:
        tries += 1
        i = np.random.randint(n)
        j = np.random.randint(n)
        a = grp[i]
        b = grp[j]
        if a == b or not movable[i] or not movable[j]:
            continue
        if _forbidden_in(fstart, fadj, grp, i, b, j) or _forbidden_in(fstart, fadj, grp, j, a, i):
            continue
        if has_mask:
            if (_and_without(glist, gcount, masks, a, i) & masks[j]) == 0:
                continue
            if (_and_without(glist, gcount, masks, b, j) & masks[i]) == 0:
                continue
        s_ij = _pair(L, R, bias, i, j)
        delta += (
            _gain(L, R, bias, SL, SR, gsize, i, b)
            - s_ij
            - _own(L, R, bias, SL, SR, gsize, grp, i)
            + _gain(L, R, bias, SL, SR, gsize, j, a)
            - s_ij
            - _own(L, R, bias, SL, SR, gsize, grp, j)
        )
        _move(L, R, SL, SR, gsize, glist, gcount, gand, masks, grp, i, b)
        _move(L, R, SL, SR, gsize, glist, gcount, gand, masks, grp, j, a)
        touched[2 * done] = i
        touched[2 * done + 1] = j
        done += 1
    return delta, 2 * done


@njit(cache=True)
def _seed(seed):
    np.random.seed(seed)


@njit(cache=True)
def _rebuild(L, R, masks, grp, SL, SR, gsize, glist, gcount, gand):
    SL[:, :] = 0.0
    SR[:, :] = 0.0
    gsize[:] = 0
    gcount[:] = 0
    gand[:] = np.uint64(0xFFFFFFFFFFFFFFFF)
    for i in range(grp.shape[0]):
        g = grp[i]
        for t in range(L.shape[1]):
            SL[g, t] += L[i, t]
            SR[g, t] += R[i, t]
        gsize[g] += 1
        glist[g, gcount[g]] = i
        gcount[g] += 1
        gand[g] &= masks[i]


@njit(cache=True)
def _row_top(rows, m, offset):
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


def feature_upper_bound(
    prep: PreparedProblem, block: int = 512, objective: float | None = None
) -> float:
    """Upper bound streamed over blocks of rows (no ``n x n`` matrix is kept).

    The row bound of :mod:`natverk.matching.bounds`, strengthened by the Lagrangian
    of :mod:`natverk.matching._lagrange` on each member's best partners. Forbidden
    pairs are ignored here (leaving them in only loosens the bound).
    """
    from natverk.matching.bounds import candidate_count, combine_row_bounds

    f = prep.features
    assert f is not None
    n = prep.n
    m_hi = min(int(prep.upper.max()) - 1, n - 1)
    c = candidate_count(n, m_hi)
    a = np.hstack([f.left, f.right]).astype(np.float32)
    b = np.hstack([f.right, f.left]).astype(np.float32)
    top_val = np.empty((n, c + 1))
    top_idx = np.empty((n, c + 1), dtype=np.int64)
    for s in range(0, n, block):
        e = min(n, s + block)
        rows = a[s:e] @ b.T + np.float32(f.bias)
        top_val[s:e], top_idx[s:e] = _row_top(rows, c + 1, s)
    # float32 rows: allow for their rounding
    slack = 1e-6 * (np.abs(top_val[np.isfinite(top_val)]).sum() + 1.0)
    return float(combine_row_bounds(prep, top_val, top_idx, objective) + slack)


def _random_start(prep: PreparedProblem, rng: np.random.Generator) -> NDArray[np.int64]:
    sizes = prep.lower.copy()
    rest = prep.n - int(sizes.sum())
    room = prep.upper - sizes
    while rest > 0:
        k = np.flatnonzero(room > 0)
        take = min(rest, k.size)
        pick = rng.choice(k, size=take, replace=False)
        sizes[pick] += 1
        room[pick] -= 1
        rest -= take
    labels = np.repeat(np.arange(prep.groups), sizes)
    return labels[rng.permutation(prep.n)].astype(np.int64)


def solve_features(
    prep: PreparedProblem,
    *,
    time_limit: float,
    seed: int,
    progress: Callable[[float, float], None] | None,
    max_rounds: int | None,
) -> NDArray[np.int64]:
    """Member -> group found by the feature-based local search."""
    from natverk.matching.grouping import _start

    f = prep.features
    assert f is not None
    if len(prep.units) < prep.n:
        raise ValueError(
            f"pinned pairs are supported for feature scores up to the dense limit only "
            f"(this problem has {prep.n} members); give a dense score matrix"
        )
    if prep.fairness > 0:
        raise ValueError("fairness is supported for feature scores up to the dense limit only")
    rng = np.random.default_rng(seed)
    started = time.perf_counter()
    # without pins every unit is one member, so the greedy start is per member
    grp = _start(prep, rng) if prep.has_constraints else _random_start(prep, rng)
    left = np.ascontiguousarray(f.left, dtype=np.float64)
    right = np.ascontiguousarray(f.right, dtype=np.float64)
    g = prep.groups
    masks = prep.masks
    has_mask = bool(np.any(masks != ALL_SLOTS))
    movable = prep.unit_group[prep.unit_of] < 0
    fadj_lists: list[list[int]] = [[] for _ in range(prep.n)]
    for a, b in prep.forbidden:
        fadj_lists[int(a)].append(int(b))
        fadj_lists[int(b)].append(int(a))
    fstart = np.zeros(prep.n + 1, dtype=np.int64)
    fstart[1:] = np.cumsum([len(x) for x in fadj_lists])
    fadj = np.array([j for x in fadj_lists for j in x], dtype=np.int64)
    sl = np.zeros((g, left.shape[1]))
    sr = np.zeros((g, left.shape[1]))
    gsize = np.zeros(g, dtype=np.int64)
    glist = np.zeros((g, int(prep.upper.max()) + 1), dtype=np.int64)
    gcount = np.zeros(g, dtype=np.int64)
    gand = np.zeros(g, dtype=np.uint64)
    _rebuild(left, right, masks, grp, sl, sr, gsize, glist, gcount, gand)
    _seed(int(rng.integers(2**31 - 1)))
    scale = float(np.abs(left).max(initial=0) * np.abs(right).max(initial=0)) * left.shape[1]
    eps = 1e-9 * max(1.0, scale + abs(f.bias))
    xs = np.hstack([f.left, f.right]).astype(np.float32)
    selfdot = np.einsum("ik,ik->i", left, right)
    current = feature_objective(prep, grp)[0]
    best = current
    best_grp = grp.copy()
    rounds = 0
    last = -1.0

    def expired() -> bool:
        if max_rounds is not None:
            return rounds >= max_rounds
        return time.perf_counter() - started >= time_limit

    def sweep(members: NDArray[np.int64]) -> float:
        gained = 0.0
        for s in range(0, members.size, BATCH):
            batch = members[s : s + BATCH]
            # group gains of the batch with the sums of now (they go stale within the
            # batch; they only pick candidate groups, every delta is exact)
            stale = xs[batch] @ np.hstack([sr, sl]).astype(np.float32).T
            # a full group can only be entered by evicting someone: rank it by the gain
            # minus what its average member has there, so that everyone does not chase
            # the same few strong groups
            inner = np.einsum("gk,gk->g", sl, sr) - np.bincount(grp, selfdot, g)
            inner += f.bias * gsize * (gsize - 1) / 2.0
            evict = np.where(gsize >= prep.upper, 2.0 * inner / np.maximum(gsize, 1), 0.0)
            gained += _sweep(
                left, right, f.bias, sl, sr, gsize, glist, gcount, gand, masks, has_mask, grp,
                movable, fstart, fadj, prep.lower, prep.upper, batch, stale, evict, TOP, eps,
            )  # fmt: skip
        return gained

    def tolerance() -> float:
        return 1e-9 * max(1.0, abs(current))

    descending = True
    touched = np.empty(2 * max(2, int(prep.n * KICK_SHARE)), dtype=np.int64)
    while not expired():
        rounds += 1
        if descending:
            gained = sweep(rng.permutation(prep.n))
            current += gained
            if gained <= 1e-6 * max(1.0, abs(current)):
                descending = False
                best, best_grp = current, grp.copy()
        else:
            # iterated local search: random swaps of KICK_SHARE of the members, then
            # sweeps over everyone (the touched groups attract members from anywhere);
            # keep the result if it is no worse than the best
            kick, k = _perturb(
                left, right, f.bias, sl, sr, gsize, glist, gcount, gand, masks, has_mask, grp,
                movable, fstart, fadj, touched.size // 2, touched,
            )  # fmt: skip
            current += kick
            for _ in range(5):
                gained = sweep(rng.permutation(prep.n))
                current += gained
                if gained <= 1e-6 * max(1.0, abs(current)) or expired():
                    break
            if current > best + tolerance():
                best, best_grp = current, grp.copy()
            elif current < best - tolerance():
                grp[:] = best_grp
                _rebuild(left, right, masks, grp, sl, sr, gsize, glist, gcount, gand)
                current = best
        now = time.perf_counter() - started
        if progress is not None and now - last >= 0.1:
            progress(min(1.0, now / time_limit) if time_limit > 0 else 1.0, max(best, current))
            last = now
    if descending or current >= best:
        best_grp = grp.copy()
    return best_grp
