# mypy: disable-error-code="no-untyped-def"
"""Compiled search for a schedule with a cyclic symmetry (difference method).

People are points: ``k`` orbits of ``m`` points each (point ``u * m + a`` is ``a`` in
orbit ``u``) plus ``f`` fixed points. Round ``t * m + i`` is base round ``t`` with every
orbit point shifted by ``i`` (mod m); fixed points stay. A pair in a base round stands
for the ``m`` pairs it becomes after shifting, so two pairs of the same class (same
orbits, same difference) anywhere in the base rounds make a repeat. The search moves
points between groups of a base round so that every class is used at most once, a
problem ``m`` times smaller than the schedule. Classic in design theory (1-rotational
and cyclic designs); see Colbourn & Dinitz, *Handbook of Combinatorial Designs*.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["base_cost", "cyclic_tabu", "seed_rng"]

FORBIDDEN = 1000  # cost of a pair that would meet in every round (or twice per orbit)


@njit(cache=True)
def seed_rng(seed):
    """Seed numba's generator for this process."""
    np.random.seed(seed)


@njit(cache=True)
def _window(occ, tot, period, window, c, a):
    """Uses of class ``c`` whose anchors lie less than ``window`` shifts from ``a``:
    the pairs that would meet again within the rounds developed."""
    s = period[c]
    if 2 * window - 1 >= s:
        return tot[c]
    total = 0
    for delta in range(-(window - 1), window):
        total += occ[c, (a + delta) % s]
    return total


@njit(cache=True)
def _shift(members, sizes, cls, anc, state, t, p, q, grp, sign):
    """Add (sign=1) or remove (sign=-1) the pairs p makes in group ``grp`` of base round
    t, not counting q; returns the change in cost."""
    occ, tot, period, window = state
    d = 0
    for x in range(sizes[grp]):
        r = members[t, grp, x]
        if r == q or r == p:  # noqa: SIM109 (plain comparisons compile best in numba)
            continue
        c = cls[p, r]
        if c < 0:
            d += sign * FORBIDDEN
            continue
        a = anc[p, r]
        if sign > 0:
            d += _window(occ, tot, period, window, c, a)
            occ[c, a] += 1
            tot[c] += 1
        else:
            occ[c, a] -= 1
            tot[c] -= 1
            d -= _window(occ, tot, period, window, c, a)
    return d


@njit(cache=True)
def base_cost(members, sizes, cls, anc, state):
    """Fill the class counts of ``state`` from the base rounds and return their cost."""
    occ, tot, _, _ = state
    occ[:, :] = 0
    tot[:] = 0
    cost = 0
    for t in range(members.shape[0]):
        for grp in range(sizes.size):
            for x in range(sizes[grp]):
                for y in range(x + 1, sizes[grp]):
                    p = members[t, grp, x]
                    r = members[t, grp, y]
                    c = cls[p, r]
                    if c < 0:
                        cost += FORBIDDEN
                        continue
                    cost += _window(occ, tot, state[2], state[3], c, anc[p, r])
                    occ[c, anc[p, r]] += 1
                    tot[c] += 1
    return cost


@njit(cache=True)
def _swap_delta(members, sizes, cls, anc, state, t, p, gp, q, gq):
    """Cost change of swapping p (group gp) and q (group gq) in base round t."""
    d = _shift(members, sizes, cls, anc, state, t, p, q, gp, -1)
    d += _shift(members, sizes, cls, anc, state, t, q, p, gq, -1)
    d += _shift(members, sizes, cls, anc, state, t, p, q, gq, 1)
    d += _shift(members, sizes, cls, anc, state, t, q, p, gp, 1)
    # Undo the trial counts.
    _shift(members, sizes, cls, anc, state, t, q, p, gp, -1)
    _shift(members, sizes, cls, anc, state, t, p, q, gq, -1)
    _shift(members, sizes, cls, anc, state, t, q, p, gq, 1)
    _shift(members, sizes, cls, anc, state, t, p, q, gp, 1)
    return d


@njit(cache=True)
def cyclic_tabu(
    members, sizes, cls, anc, period, window, n_iters, tabu, it0, tmin, tmax, stall_limit, kicks
):
    """Tabu search over swaps within base rounds; ``members[t, group, slot]``.

    Returns (best cost, last iteration); ``members`` holds the best base rounds.
    ``tabu`` (base rounds x points x points) and ``it0`` carry the search state from
    one call to the next.
    """
    n_base, g, _ = members.shape
    n = tabu.shape[1]
    state = (
        np.zeros((period.size, max(1, period.max())), dtype=np.int64),
        np.zeros(period.size, dtype=np.int64),
        period,
        window,
    )
    cost = base_cost(members, sizes, cls, anc, state)
    grp = np.empty((n_base, n), dtype=np.int64)
    slot = np.empty((n_base, n), dtype=np.int64)
    for t in range(n_base):
        for a in range(g):
            for x in range(sizes[a]):
                grp[t, members[t, a, x]] = a
                slot[t, members[t, a, x]] = x
    best = cost
    best_members = members.copy()
    stall = 0
    it = it0
    while it < it0 + n_iters and best > 0:
        it += 1
        bd = 1 << 60
        bt = -1
        bp = -1
        bq = -1
        ties = 0
        for t in range(n_base):
            for p in range(n):
                gp = grp[t, p]
                for q in range(p + 1, n):
                    gq = grp[t, q]
                    if gq == gp:
                        continue
                    d = _swap_delta(members, sizes, cls, anc, state, t, p, gp, q, gq)
                    if tabu[t, p, q] > it and cost + d >= best:
                        continue
                    if d < bd:
                        bd = d
                        bt = t
                        bp = p
                        bq = q
                        ties = 1
                    elif d == bd:
                        ties += 1
                        if np.random.randint(ties) == 0:
                            bt = t
                            bp = p
                            bq = q
        if bp < 0:
            continue
        _apply(members, sizes, cls, anc, state, grp, slot, bt, bp, bq)
        cost += bd
        until = it + tmin + np.random.randint(tmax - tmin + 1)
        tabu[bt, bp, bq] = until
        tabu[bt, bq, bp] = until
        if cost < best:
            best = cost
            best_members[:, :, :] = members
            stall = 0
        else:
            stall += 1
        if stall > stall_limit:
            # Kick: a few random swaps, then search on from there.
            for _ in range(kicks):
                t = np.random.randint(n_base)
                p = np.random.randint(n)
                q = np.random.randint(n)
                if grp[t, p] != grp[t, q]:
                    cost += _swap_delta(
                        members, sizes, cls, anc, state, t, p, grp[t, p], q, grp[t, q]
                    )
                    _apply(members, sizes, cls, anc, state, grp, slot, t, p, q)
            stall = 0
    members[:, :, :] = best_members
    return best, it


@njit(cache=True)
def _apply(members, sizes, cls, anc, state, grp, slot, t, p, q):
    gp = grp[t, p]
    gq = grp[t, q]
    _shift(members, sizes, cls, anc, state, t, p, q, gp, -1)
    _shift(members, sizes, cls, anc, state, t, q, p, gq, -1)
    _shift(members, sizes, cls, anc, state, t, p, q, gq, 1)
    _shift(members, sizes, cls, anc, state, t, q, p, gp, 1)
    sp = slot[t, p]
    sq = slot[t, q]
    members[t, gp, sp] = q
    members[t, gq, sq] = p
    slot[t, p] = sq
    slot[t, q] = sp
    grp[t, p] = gq
    grp[t, q] = gp
