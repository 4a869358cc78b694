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

The search's state is one structure, :class:`Base` (base rounds, where each point
is, how often each class is used, the tabu list and the random stream); the class
tables are :class:`Classes`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

from natverk.matching._rng import randint, stream

__all__ = ["Base", "Classes", "base_cost", "base_state", "cyclic_tabu"]

FORBIDDEN = 1000  # cost of a pair that would meet in every round (or twice per orbit)


class Classes(NamedTuple):
    """The pair classes: ``cls[p, q]`` (-1: the pair may never meet), the anchor
    ``anc[p, q]`` of the pair within its class, each class's period, and the number of
    shifts developed (``window``)."""

    cls: NDArray[np.int64]
    anc: NDArray[np.int64]
    period: NDArray[np.int64]
    window: int
    sizes: NDArray[np.int64]  # room sizes


class Base(NamedTuple):
    """Base rounds being searched (``members[t, room, slot]``), where each point sits,
    how often each class is used (per anchor and in all), the tabu list and the stream."""

    members: NDArray[np.int64]
    grp: NDArray[np.int64]  # (base rounds, points): room of each point
    slot: NDArray[np.int64]  # (base rounds, points): slot of each point in its room
    occ: NDArray[np.int64]  # (classes, period): uses of a class per anchor
    tot: NDArray[np.int64]  # (classes,): uses of a class
    tabu: NDArray[np.int64]  # (base rounds, points, points)
    rng: NDArray[np.uint64]


def base_state(members: NDArray[np.int64], period: NDArray[np.int64], seed: int) -> Base:
    """A search state for the base rounds ``members`` (points 0..n-1), empty counts."""
    n_base = members.shape[0]
    n = int(members.max()) + 1
    return Base(
        members=members,
        grp=np.zeros((n_base, n), dtype=np.int64),
        slot=np.zeros((n_base, n), dtype=np.int64),
        occ=np.zeros((period.size, max(1, int(period.max()))), dtype=np.int64),
        tot=np.zeros(period.size, dtype=np.int64),
        tabu=np.zeros((n_base, n, n), dtype=np.int64),
        rng=stream(seed),
    )


@njit(cache=True)
def _window(cl, st, c, a):
    """Uses of class ``c`` whose anchors lie less than ``window`` shifts from ``a``:
    the pairs that would meet again within the rounds developed."""
    s = cl.period[c]
    if 2 * cl.window - 1 >= s:
        return st.tot[c]
    total = 0
    for delta in range(-(cl.window - 1), cl.window):
        total += st.occ[c, (a + delta) % s]
    return total


@njit(cache=True)
def _shift(cl, st, t, p, q, room, sign):
    """Add (sign=1) or remove (sign=-1) the pairs p makes in ``room`` of base round t,
    not counting q; returns the change in cost."""
    d = 0
    for x in range(cl.sizes[room]):
        r = st.members[t, room, x]
        if r == q or r == p:  # noqa: SIM109 (plain comparisons compile best in numba)
            continue
        c = cl.cls[p, r]
        if c < 0:
            d += sign * FORBIDDEN
            continue
        a = cl.anc[p, r]
        if sign > 0:
            d += _window(cl, st, c, a)
            st.occ[c, a] += 1
            st.tot[c] += 1
        else:
            st.occ[c, a] -= 1
            st.tot[c] -= 1
            d -= _window(cl, st, c, a)
    return d


@njit(cache=True)
def base_cost(cl, st):
    """Fill the class counts of ``st`` from its base rounds and return their cost."""
    st.occ[:, :] = 0
    st.tot[:] = 0
    cost = 0
    for t in range(st.members.shape[0]):
        for room in range(cl.sizes.size):
            for x in range(cl.sizes[room]):
                for y in range(x + 1, cl.sizes[room]):
                    p = st.members[t, room, x]
                    r = st.members[t, room, y]
                    c = cl.cls[p, r]
                    if c < 0:
                        cost += FORBIDDEN
                        continue
                    cost += _window(cl, st, c, cl.anc[p, r])
                    st.occ[c, cl.anc[p, r]] += 1
                    st.tot[c] += 1
    return cost


@njit(cache=True)
def _exchange(cl, st, t, p, gp, q, gq):
    """Count the pairs of p and q swapped between rooms gp and gq; the cost change."""
    d = _shift(cl, st, t, p, q, gp, -1)
    d += _shift(cl, st, t, q, p, gq, -1)
    d += _shift(cl, st, t, p, q, gq, 1)
    d += _shift(cl, st, t, q, p, gp, 1)
    return d


@njit(cache=True)
def _swap_delta(cl, st, t, p, gp, q, gq):
    """Cost change of swapping p (room gp) and q (room gq) in base round t."""
    d = _exchange(cl, st, t, p, gp, q, gq)
    _exchange(cl, st, t, p, gq, q, gp)  # undo the trial counts
    return d


@njit(cache=True)
def _apply(cl, st, t, p, q):
    """Swap points p and q (different rooms) in base round t, counts included."""
    gp = st.grp[t, p]
    gq = st.grp[t, q]
    _exchange(cl, st, t, p, gp, q, gq)
    sp = st.slot[t, p]
    sq = st.slot[t, q]
    st.members[t, gp, sp] = q
    st.members[t, gq, sq] = p
    st.slot[t, p] = sq
    st.slot[t, q] = sp
    st.grp[t, p] = gq
    st.grp[t, q] = gp


@njit(cache=True)
def locate(cl, st):
    """Fill ``st.grp`` and ``st.slot`` from ``st.members``."""
    for t in range(st.members.shape[0]):
        for a in range(cl.sizes.size):
            for x in range(cl.sizes[a]):
                st.grp[t, st.members[t, a, x]] = a
                st.slot[t, st.members[t, a, x]] = x


@njit(cache=True)
def cyclic_tabu(cl, st, n_iters, it0, tmin, tmax, stall_limit, kicks):
    """Tabu search over swaps within base rounds.

    Returns (best cost, last iteration); ``st.members`` holds the best base rounds.
    ``st.tabu`` and ``it0`` carry the search from one call to the next.
    """
    n_base = st.members.shape[0]
    n = st.tabu.shape[1]
    cost = base_cost(cl, st)
    locate(cl, st)
    best = cost
    best_members = st.members.copy()
    stall = 0
    it = it0
    while it < it0 + n_iters and best > 0:
        it += 1
        bd = 1 << 60
        bt, bp, bq, ties = -1, -1, -1, 0
        for t in range(n_base):
            for p in range(n):
                gp = st.grp[t, p]
                for q in range(p + 1, n):
                    gq = st.grp[t, q]
                    if gq == gp:
                        continue
                    d = _swap_delta(cl, st, t, p, gp, q, gq)
                    if st.tabu[t, p, q] > it and cost + d >= best:
                        continue
                    if d < bd:
                        bd, bt, bp, bq, ties = d, t, p, q, 1
                    elif d == bd:
                        ties += 1
                        if randint(st.rng, ties) == 0:
                            bt, bp, bq = t, p, q
        if bp < 0:
            continue
        _apply(cl, st, bt, bp, bq)
        cost += bd
        until = it + tmin + randint(st.rng, tmax - tmin + 1)
        st.tabu[bt, bp, bq] = until
        st.tabu[bt, bq, bp] = until
        if cost < best:
            best = cost
            best_members[:, :, :] = st.members
            stall = 0
        else:
            stall += 1
        if stall > stall_limit:
            # Kick: a few random swaps, then search on from there.
            for _ in range(kicks):
                t = randint(st.rng, n_base)
                p = randint(st.rng, n)
                q = randint(st.rng, n)
                if st.grp[t, p] != st.grp[t, q]:
                    cost += _swap_delta(cl, st, t, p, st.grp[t, p], q, st.grp[t, q])
                    _apply(cl, st, t, p, q)
            stall = 0
    st.members[:, :, :] = best_members
    return best, it
