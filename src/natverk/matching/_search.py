# mypy: disable-error-code="no-untyped-def"
"""Iterated local search for grouping under hard constraints (dense scores, numba).

The search works on *units*: a pinned chain of members moves as one piece, so pins
are never broken. Fixed units never move. Forbidden pairs carry a large negative
score (the caller puts it into ``d``), and the availability condition (every group
keeps a common bit of its members' masks) is checked on every move, so each state
visited is feasible once the start is. Moves: move a unit to another group, swap two
units of different groups. ``W[i, g]`` (sum of ``d[i, j]`` over members ``j`` of
group ``g``) makes each delta O(unit size).

With ``fairness_c > 0`` the search maximises ``total + fairness_c * min_i u_i``
(``u_i`` = member i's mean score with the rest of its group): after every local
search on the total, a descent focused on the worst-off group improves that
objective, and solutions are compared by it.
"""

from __future__ import annotations

import numpy as np
from numba import njit
from numpy.typing import NDArray

__all__ = ["SearchState", "build_state", "fair_objective", "run_ils"]


@njit(cache=True)
def _rebuild(d, ustart, umem, usize, umask, ugroup, n_groups, gsize, glist, gcount, gand, W):
    n = d.shape[0]
    n_units = usize.shape[0]
    gsize[:] = 0
    gcount[:] = 0
    gand[:] = np.uint64(0xFFFFFFFFFFFFFFFF)
    W[:, :] = 0.0
    member_group = np.empty(n, dtype=np.int64)
    for u in range(n_units):
        g = ugroup[u]
        glist[g, gcount[g]] = u
        gcount[g] += 1
        gsize[g] += usize[u]
        gand[g] &= umask[u]
        for p in range(ustart[u], ustart[u + 1]):
            member_group[umem[p]] = g
    for i in range(n):
        for j in range(n):
            W[i, member_group[j]] += d[i, j]


@njit(cache=True)
def _total(d, ustart, umem, ugroup, W, uint):
    t = 0.0
    for u in range(ugroup.shape[0]):
        for p in range(ustart[u], ustart[u + 1]):
            t += W[umem[p], ugroup[u]]
    return t / 2.0


@njit(cache=True)
def _and_without(glist, gcount, umask, g, skip):
    m = np.uint64(0xFFFFFFFFFFFFFFFF)
    for k in range(gcount[g]):
        v = glist[g, k]
        if v != skip:
            m &= umask[v]
    return m


@njit(cache=True)
def _cross(d, ustart, umem, u, v):
    c = 0.0
    for p in range(ustart[u], ustart[u + 1]):
        for q in range(ustart[v], ustart[v + 1]):
            c += d[umem[p], umem[q]]
    return c


@njit(cache=True)
def _move(d, ustart, umem, usize, umask, ugroup, gsize, glist, gcount, gand, W, u, b):
    a = ugroup[u]
    n = d.shape[0]
    for p in range(ustart[u], ustart[u + 1]):
        i = umem[p]
        for j in range(n):
            W[j, a] -= d[j, i]
            W[j, b] += d[j, i]
    for k in range(gcount[a]):
        if glist[a, k] == u:
            glist[a, k] = glist[a, gcount[a] - 1]
            break
    gcount[a] -= 1
    glist[b, gcount[b]] = u
    gcount[b] += 1
    gsize[a] -= usize[u]
    gsize[b] += usize[u]
    ugroup[u] = b
    gand[a] = _and_without(glist, gcount, umask, a, -1)
    gand[b] &= umask[u]


@njit(cache=True)
def _sum_w(W, ustart, umem, u, g):
    s = 0.0
    for p in range(ustart[u], ustart[u + 1]):
        s += W[umem[p], g]
    return s


@njit(cache=True)
def _local_search(
    d,
    ustart,
    umem,
    usize,
    uint,
    ufixed,
    umask,
    has_mask,
    lower,
    upper,
    ugroup,
    gsize,
    glist,
    gcount,
    gand,
    W,
    eps,
):
    n_units = usize.shape[0]
    n_groups = lower.shape[0]
    su_g = np.empty(n_groups)
    gain = 0.0
    improved = True
    order = np.arange(n_units)
    while improved:
        improved = False
        np.random.shuffle(order)
        for u in order:
            if ufixed[u] >= 0:
                continue
            a = ugroup[u]
            su = usize[u]
            for g in range(n_groups):
                su_g[g] = _sum_w(W, ustart, umem, u, g)
            leave = su_g[a] - 2.0 * uint[u]
            best = eps
            kind = -1
            target = -1
            if gsize[a] - su >= lower[a]:
                for b in range(n_groups):
                    if b == a or gsize[b] + su > upper[b]:
                        continue
                    if has_mask and (gand[b] & umask[u]) == 0:
                        continue
                    delta = su_g[b] - leave
                    if delta > best:
                        best = delta
                        kind = 0
                        target = b
            a_wo = np.uint64(0)
            if has_mask:
                a_wo = _and_without(glist, gcount, umask, a, u)
            for v in range(n_units):
                b = ugroup[v]
                if b == a or ufixed[v] >= 0:
                    continue
                sv = usize[v]
                if sv != su:
                    na = gsize[a] - su + sv
                    nb = gsize[b] - sv + su
                    if na < lower[a] or na > upper[a] or nb < lower[b] or nb > upper[b]:
                        continue
                if has_mask:
                    if (a_wo & umask[v]) == 0:
                        continue
                    if (_and_without(glist, gcount, umask, b, v) & umask[u]) == 0:
                        continue
                if su == 1 and sv == 1:
                    i = umem[ustart[u]]
                    j = umem[ustart[v]]
                    c = d[i, j]
                    delta = (su_g[b] - c) - leave + (W[j, a] - c) - W[j, b]
                else:
                    c = _cross(d, ustart, umem, u, v)
                    sva = _sum_w(W, ustart, umem, v, a)
                    svb = _sum_w(W, ustart, umem, v, b)
                    delta = (su_g[b] - c) - leave + (sva - c) - (svb - 2.0 * uint[v])
                if delta > best:
                    best = delta
                    kind = 1
                    target = v
            if kind == 0:
                _move(
                    d, ustart, umem, usize, umask, ugroup, gsize, glist, gcount, gand, W, u, target
                )
                gain += best
                improved = True
            elif kind == 1:
                b = ugroup[target]
                _move(d, ustart, umem, usize, umask, ugroup, gsize, glist, gcount, gand, W, u, b)
                _move(
                    d, ustart, umem, usize, umask, ugroup, gsize, glist, gcount, gand, W, target, a
                )
                gain += best
                improved = True
    return gain


@njit(cache=True)
def _compound(
    d,
    ustart,
    umem,
    usize,
    uint,
    ufixed,
    umask,
    has_mask,
    lower,
    upper,
    ugroup,
    gsize,
    glist,
    gcount,
    gand,
    W,
    u,
    b,
):
    """Move unit u to group b, then random units of b back until both sizes fit.

    Lets a pinned chain trade places with several single members. Returns the change
    in the total, or NaN (and leaves the state unchanged) when it could not be made
    feasible.
    """
    a = ugroup[u]
    moved = np.empty(gcount[b] + 1, dtype=np.int64)
    origin = np.empty(gcount[b] + 1, dtype=np.int64)
    count = 0
    delta = _sum_w(W, ustart, umem, u, b) - (_sum_w(W, ustart, umem, u, a) - 2.0 * uint[u])
    _move(d, ustart, umem, usize, umask, ugroup, gsize, glist, gcount, gand, W, u, b)
    moved[count] = u
    origin[count] = a
    count += 1
    tries = 0
    while (gsize[b] > upper[b] or gsize[a] < lower[a]) and tries < 8 * gcount[b] + 8:
        tries += 1
        v = glist[b, np.random.randint(gcount[b])]
        if v == u or ufixed[v] >= 0 or gsize[a] + usize[v] > upper[a]:
            continue
        delta += _sum_w(W, ustart, umem, v, a) - (_sum_w(W, ustart, umem, v, b) - 2.0 * uint[v])
        _move(d, ustart, umem, usize, umask, ugroup, gsize, glist, gcount, gand, W, v, a)
        moved[count] = v
        origin[count] = b
        count += 1
    ok = lower[a] <= gsize[a] <= upper[a] and lower[b] <= gsize[b] <= upper[b]
    if ok and has_mask and (gand[a] == 0 or gand[b] == 0):
        ok = False
    if ok:
        return delta
    for k in range(count - 1, -1, -1):
        _move(
            d,
            ustart,
            umem,
            usize,
            umask,
            ugroup,
            gsize,
            glist,
            gcount,
            gand,
            W,
            moved[k],
            origin[k],
        )
    return np.nan


@njit(cache=True)
def _perturb(
    d,
    ustart,
    umem,
    usize,
    uint,
    ufixed,
    umask,
    has_mask,
    lower,
    upper,
    ugroup,
    gsize,
    glist,
    gcount,
    gand,
    W,
    strength,
):
    n_units = usize.shape[0]
    n_groups = lower.shape[0]
    delta = 0.0
    done = 0
    tries = 0
    while done < strength and tries < 50 * strength + 50:
        tries += 1
        u = np.random.randint(n_units)
        if ufixed[u] >= 0:
            continue
        a = ugroup[u]
        su = usize[u]
        if np.random.random() < 0.2:
            b = np.random.randint(n_groups)
            if b == a or gsize[a] - su < lower[a] or gsize[b] + su > upper[b]:
                continue
            if has_mask and (gand[b] & umask[u]) == 0:
                continue
            delta += _sum_w(W, ustart, umem, u, b) - (_sum_w(W, ustart, umem, u, a) - 2.0 * uint[u])
            _move(d, ustart, umem, usize, umask, ugroup, gsize, glist, gcount, gand, W, u, b)
            done += 1
            continue
        v = np.random.randint(n_units)
        b = ugroup[v]
        if b == a or ufixed[v] >= 0:
            continue
        sv = usize[v]
        if sv != su and np.random.random() < 0.5:
            step = _compound(
                d,
                ustart,
                umem,
                usize,
                uint,
                ufixed,
                umask,
                has_mask,
                lower,
                upper,
                ugroup,
                gsize,
                glist,
                gcount,
                gand,
                W,
                u,
                b,
            )
            if not np.isnan(step):
                delta += step
                done += 1
            continue
        na = gsize[a] - su + sv
        nb = gsize[b] - sv + su
        if na < lower[a] or na > upper[a] or nb < lower[b] or nb > upper[b]:
            continue
        if has_mask:
            if (_and_without(glist, gcount, umask, a, u) & umask[v]) == 0:
                continue
            if (_and_without(glist, gcount, umask, b, v) & umask[u]) == 0:
                continue
        c = _cross(d, ustart, umem, u, v)
        delta += (
            _sum_w(W, ustart, umem, u, b)
            - c
            - (_sum_w(W, ustart, umem, u, a) - 2.0 * uint[u])
            + _sum_w(W, ustart, umem, v, a)
            - c
            - (_sum_w(W, ustart, umem, v, b) - 2.0 * uint[v])
        )
        _move(d, ustart, umem, usize, umask, ugroup, gsize, glist, gcount, gand, W, u, b)
        _move(d, ustart, umem, usize, umask, ugroup, gsize, glist, gcount, gand, W, v, a)
        done += 1
    return delta


@njit(cache=True)
def _group_min_util(d, ustart, umem, glist, gcount, gsize, W, g, out_u, in_v):
    """Smallest member utility of group g after removing unit out_u and adding in_v."""
    size = gsize[g]
    if out_u >= 0:
        size -= ustart[out_u + 1] - ustart[out_u]
    if in_v >= 0:
        size += ustart[in_v + 1] - ustart[in_v]
    if size <= 1:
        return 0.0
    m = np.inf
    for k in range(gcount[g] + 1):
        if k < gcount[g]:
            w = glist[g, k]
            if w == out_u:
                continue
        else:
            w = in_v
            if w < 0:
                continue
        for p in range(ustart[w], ustart[w + 1]):
            i = umem[p]
            s = W[i, g]
            if out_u >= 0:
                for q in range(ustart[out_u], ustart[out_u + 1]):
                    s -= d[i, umem[q]]
            if in_v >= 0:
                for q in range(ustart[in_v], ustart[in_v + 1]):
                    s += d[i, umem[q]]
            val = s / (size - 1)
            if val < m:
                m = val
    return m


@njit(cache=True)
def _fair_min(d, ustart, umem, glist, gcount, gsize, W):
    n_groups = gsize.shape[0]
    gmin = np.empty(n_groups)
    for g in range(n_groups):
        gmin[g] = _group_min_util(d, ustart, umem, glist, gcount, gsize, W, g, -1, -1)
    return gmin


@njit(cache=True)
def _fair_descent(
    d,
    ustart,
    umem,
    usize,
    uint,
    ufixed,
    umask,
    has_mask,
    lower,
    upper,
    ugroup,
    gsize,
    glist,
    gcount,
    gand,
    W,
    total,
    c,
    eps,
):
    """Best-improvement descent on total + c * min utility, around the worst-off group."""
    n_units = usize.shape[0]
    n_groups = lower.shape[0]
    while True:
        gmin = _fair_min(d, ustart, umem, glist, gcount, gsize, W)
        order = np.argsort(gmin)
        cur = total + c * gmin[order[0]]
        w = order[0]
        best = cur + eps
        bu = -1
        bv = -1
        bb = -1
        bdelta = 0.0
        for k in range(gcount[w] + n_units):
            # candidates: units of w moved/swapped out, and units moved into w
            if k < gcount[w]:
                u = glist[w, k]
            else:
                u = k - gcount[w]
                if ugroup[u] == w:
                    continue
            if ufixed[u] >= 0:
                continue
            a = ugroup[u]
            su = usize[u]
            leave = _sum_w(W, ustart, umem, u, a) - 2.0 * uint[u]
            for b in range(n_groups):
                if b == a:
                    continue
                if k >= gcount[w] and b != w:
                    continue
                for vv in range(-1, gcount[b]):
                    v = -1 if vv < 0 else glist[b, vv]
                    if v >= 0 and ufixed[v] >= 0:
                        continue
                    sv = 0 if v < 0 else usize[v]
                    na = gsize[a] - su + sv
                    nb = gsize[b] - sv + su
                    if na < lower[a] or na > upper[a] or nb < lower[b] or nb > upper[b]:
                        continue
                    if has_mask:
                        ma = _and_without(glist, gcount, umask, a, u)
                        mb = _and_without(glist, gcount, umask, b, v)
                        if v >= 0:
                            ma &= umask[v]
                        if (ma == 0) or ((mb & umask[u]) == 0):
                            continue
                    if v < 0:
                        delta = _sum_w(W, ustart, umem, u, b) - leave
                    else:
                        cc = _cross(d, ustart, umem, u, v)
                        delta = (
                            _sum_w(W, ustart, umem, u, b)
                            - cc
                            - leave
                            + _sum_w(W, ustart, umem, v, a)
                            - cc
                            - (_sum_w(W, ustart, umem, v, b) - 2.0 * uint[v])
                        )
                    other = np.inf
                    for r in range(min(3, n_groups)):
                        if order[r] != a and order[r] != b:
                            other = gmin[order[r]]
                            break
                    m = min(
                        other,
                        _group_min_util(d, ustart, umem, glist, gcount, gsize, W, a, u, v),
                        _group_min_util(d, ustart, umem, glist, gcount, gsize, W, b, v, u),
                    )
                    f = total + delta + c * m
                    if f > best:
                        best = f
                        bu = u
                        bv = v
                        bb = b
                        bdelta = delta
        if bu < 0:
            return total
        a = ugroup[bu]
        _move(d, ustart, umem, usize, umask, ugroup, gsize, glist, gcount, gand, W, bu, bb)
        if bv >= 0:
            _move(d, ustart, umem, usize, umask, ugroup, gsize, glist, gcount, gand, W, bv, a)
        total += bdelta


@njit(cache=True)
def _ils(
    d,
    ustart,
    umem,
    usize,
    uint,
    ufixed,
    umask,
    has_mask,
    lower,
    upper,
    ugroup,
    gsize,
    glist,
    gcount,
    gand,
    W,
    best_ugroup,
    best_f,
    c,
    eps,
    rounds,
    strength,
    seed,
):
    if seed >= 0:
        np.random.seed(seed)
    n_groups = lower.shape[0]
    total = _total(d, ustart, umem, ugroup, W, uint)
    total += _local_search(
        d,
        ustart,
        umem,
        usize,
        uint,
        ufixed,
        umask,
        has_mask,
        lower,
        upper,
        ugroup,
        gsize,
        glist,
        gcount,
        gand,
        W,
        eps,
    )
    if c > 0.0:
        total = _fair_descent(
            d,
            ustart,
            umem,
            usize,
            uint,
            ufixed,
            umask,
            has_mask,
            lower,
            upper,
            ugroup,
            gsize,
            glist,
            gcount,
            gand,
            W,
            total,
            c,
            eps,
        )
    cur_f = total
    if c > 0.0:
        cur_f += c * np.min(_fair_min(d, ustart, umem, glist, gcount, gsize, W))
    if cur_f > best_f:
        best_f = cur_f
        best_ugroup[:] = ugroup
    saved = ugroup.copy()
    for _ in range(rounds):
        saved[:] = ugroup
        s = 1 + np.random.randint(max(1, strength))
        total += _perturb(
            d,
            ustart,
            umem,
            usize,
            uint,
            ufixed,
            umask,
            has_mask,
            lower,
            upper,
            ugroup,
            gsize,
            glist,
            gcount,
            gand,
            W,
            s,
        )
        total += _local_search(
            d,
            ustart,
            umem,
            usize,
            uint,
            ufixed,
            umask,
            has_mask,
            lower,
            upper,
            ugroup,
            gsize,
            glist,
            gcount,
            gand,
            W,
            eps,
        )
        if c > 0.0:
            total = _fair_descent(
                d,
                ustart,
                umem,
                usize,
                uint,
                ufixed,
                umask,
                has_mask,
                lower,
                upper,
                ugroup,
                gsize,
                glist,
                gcount,
                gand,
                W,
                total,
                c,
                eps,
            )
        f = total
        if c > 0.0:
            f += c * np.min(_fair_min(d, ustart, umem, glist, gcount, gsize, W))
        if f > best_f + eps:
            best_f = f
            best_ugroup[:] = ugroup
        if f >= cur_f - eps:
            cur_f = f
        else:
            ugroup[:] = saved
            _rebuild(d, ustart, umem, usize, umask, ugroup, n_groups, gsize, glist, gcount, gand, W)
            total = _total(d, ustart, umem, ugroup, W, uint)
    return best_f


class SearchState:
    """Arrays of one search (units, groups, ``W``), built by :func:`build_state`."""

    def __init__(
        self,
        d: NDArray[np.float64],
        units: tuple[tuple[int, ...], ...],
        unit_group: NDArray[np.int64],
        masks: NDArray[np.uint64],
        lower: NDArray[np.int64],
        upper: NDArray[np.int64],
        ugroup: NDArray[np.int64],
        fairness_c: float,
    ) -> None:
        self.d = d
        n_units = len(units)
        self.usize = np.array([len(u) for u in units], dtype=np.int64)
        self.ustart = np.zeros(n_units + 1, dtype=np.int64)
        self.ustart[1:] = np.cumsum(self.usize)
        self.umem = np.array([m for u in units for m in u], dtype=np.int64)
        self.uint = np.array([float(d[np.ix_(u, u)].sum()) / 2.0 for u in units], dtype=np.float64)
        self.ufixed = unit_group.astype(np.int64)
        self.umask = np.array(
            [np.bitwise_and.reduce(masks[list(u)]) for u in units], dtype=np.uint64
        )
        self.has_mask = bool(np.any(self.umask != np.uint64(0xFFFFFFFFFFFFFFFF)))
        self.lower = lower
        self.upper = upper
        g = int(lower.shape[0])
        self.ugroup = ugroup.astype(np.int64).copy()
        self.best_ugroup = self.ugroup.copy()
        self.gsize = np.zeros(g, dtype=np.int64)
        self.glist = np.zeros((g, int(upper.max()) + 1), dtype=np.int64)
        self.gcount = np.zeros(g, dtype=np.int64)
        self.gand = np.zeros(g, dtype=np.uint64)
        self.W = np.zeros((d.shape[0], g), dtype=np.float64)
        self.c = float(fairness_c)
        self.eps = 1e-9 * max(1.0, float(np.abs(d).max(initial=0.0)))
        self.best_f = -np.inf
        _rebuild(
            d, self.ustart, self.umem, self.usize, self.umask, self.ugroup, g,
            self.gsize, self.glist, self.gcount, self.gand, self.W,
        )  # fmt: skip


def build_state(
    d: NDArray[np.float64],
    units: tuple[tuple[int, ...], ...],
    unit_group: NDArray[np.int64],
    masks: NDArray[np.uint64],
    lower: NDArray[np.int64],
    upper: NDArray[np.int64],
    ugroup: NDArray[np.int64],
    fairness_c: float = 0.0,
) -> SearchState:
    """Search state for a feasible start ``ugroup`` (group index per unit)."""
    return SearchState(d, units, unit_group, masks, lower, upper, ugroup, fairness_c)


def run_ils(state: SearchState, rounds: int, seed: int) -> float:
    """Run ``rounds`` perturb + local-search rounds; returns the best objective so far.

    ``seed >= 0`` reseeds numba's generator (first chunk of a run); ``-1`` continues it.
    """
    strength = max(2, min(len(state.usize) // 8, 12))
    state.best_f = float(
        _ils(
            state.d, state.ustart, state.umem, state.usize, state.uint, state.ufixed,
            state.umask, state.has_mask, state.lower, state.upper, state.ugroup,
            state.gsize, state.glist, state.gcount, state.gand, state.W,
            state.best_ugroup, state.best_f, state.c, state.eps, rounds, strength, seed,
        )
    )  # fmt: skip
    return state.best_f


def fair_objective(
    d: NDArray[np.float64], assignment: NDArray[np.int64], fairness_c: float
) -> tuple[float, NDArray[np.float64]]:
    """Total score, plus ``fairness_c * min utility``; and each member's utility."""
    n = d.shape[0]
    g = int(assignment.max()) + 1 if n else 0
    onehot = np.zeros((n, g))
    onehot[np.arange(n), assignment] = 1.0
    within = (d @ onehot)[np.arange(n), assignment]
    sizes = onehot.sum(axis=0)[assignment]
    util = np.where(sizes > 1, within / np.maximum(sizes - 1, 1), 0.0)
    total = float(within.sum() / 2.0)
    if fairness_c > 0 and n:
        total += fairness_c * float(util.min())
    return total, util
