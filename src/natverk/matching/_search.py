# mypy: disable-error-code="no-untyped-def"
"""Iterated local search and annealing for grouping under hard constraints (dense scores,
numba).

The search works on *units*: a pinned chain of members moves as one piece, so pins
are never broken. Fixed units never move. Pairs kept apart (forbidden or sharing an
``apart`` label) carry a large negative score (the caller puts it into ``d``:
:func:`natverk.matching.grouping.penalised_scores`), and the availability condition
(every group keeps a common bit of its members' masks) is checked on every move, so each
state visited is feasible once the start is.

Everything a kernel needs travels in two structures: :class:`Units` (what stays the
same during a search: scores, units, bounds, weights) and :class:`Groups` (the
grouping and the sums that make a delta cheap: ``W[i, g]``, the sum of ``d[i, j]``
over members j of group g, and ``H[i, g]``, how many members of g meet a hope of i).
Each piece of bookkeeping has one home: :func:`_apply` updates the sums,
:func:`_fits` checks sizes and slots, :func:`_delta` is the change in the total
(pairs plus hopes met) of moving a unit or swapping two, :func:`_fair_term` is the
fairness term. :func:`_anneal` uses the same deltas for simulated annealing (the
hopes-target path anneals before it searches locally). Random choices draw from the
search's own stream (:mod:`._rng`). The
small helpers of a delta are inlined into the scans (``inline="always"``): called, each
copies both structures, which made a scan 2.4-3.2x slower.

The objective is ``total + fair * min_i u_i``: ``total`` is the sum of ``d`` over pairs
sharing a group plus ``hope`` for every member with at least one group-mate who meets
a hope of theirs, counted for at most ``target`` members (a target: once it is reached,
meeting more hopes earns nothing and the search spends itself on the pairs), ``u_i``
member i's mean score with the rest of its group. After
every local search on the total, a descent around the worst-off group improves the
objective with the fairness term (when ``fair > 0``), and solutions are compared by it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray
from scipy import sparse

from natverk.matching._rng import randint, random, shuffle, stream

__all__ = [
    "Groups",
    "SearchState",
    "Units",
    "anneal",
    "build_state",
    "evaluate_assignment",
    "run_ils",
]

ALL = np.uint64(0xFFFFFFFFFFFFFFFF)


class Units(NamedTuple):
    """What a search does not change: scores, units (pinned chains), bounds, weights."""

    d: NDArray[np.float64]  # (n, n) scores, penalties included, zero diagonal
    start: NDArray[np.int64]  # unit u's members are members[start[u]:start[u + 1]]
    members: NDArray[np.int64]
    size: NDArray[np.int64]  # members per unit
    inner: NDArray[np.float64]  # score within the unit (sum over its pairs)
    fixed: NDArray[np.int64]  # the group a fixed unit stays in, -1 when free
    mask: NDArray[np.uint64]  # availability common to the unit's members
    lower: NDArray[np.int64]  # (g,) size bounds
    upper: NDArray[np.int64]
    helps: NDArray[np.uint8]  # helps[i, j] = 1 when j meets a hope of i ((1, 1) if unused)
    helped_within: NDArray[np.int64]  # members of i's own unit who meet a hope of i
    hoping: NDArray[np.bool_]  # member i has a hope that someone meets
    hope: float  # weight of each member whose hopes are met in the group, up to ``target``
    target: int  # members met beyond this many earn nothing more
    fair: float  # weight of the worst-off member's utility
    eps: float  # smallest improvement that counts
    has_mask: bool  # some member is not available in every slot
    near: NDArray[np.int64]  # (units, k): the units each scores highest with (annealing)


class Groups(NamedTuple):
    """The grouping being searched, with its running sums (kept by :func:`_apply`)."""

    of: NDArray[np.int64]  # group of each unit
    size: NDArray[np.int64]  # members per group
    units: NDArray[np.int64]  # units[g, :length[g]] are the units in group g
    length: NDArray[np.int64]
    common: NDArray[np.uint64]  # availability common to the group's members
    W: NDArray[np.float64]  # (n, g): sum of d[i, j] over members j of group g
    H: NDArray[np.int64]  # (n, g): members of group g who meet a hope of i ((1, 1) if unused)
    unmet: NDArray[np.int64]  # (g,): members of g with a hope someone meets, unmet in g
    met: NDArray[np.int64]  # (1,): members whose hopes are met in their group


# Bookkeeping ------------------------------------------------------------------------------


@njit(cache=True)
def _rebuild(p, s):
    """Recompute every running sum of ``s`` from ``s.of``."""
    n = p.d.shape[0]
    s.size[:] = 0
    s.length[:] = 0
    s.common[:] = ALL
    s.W[:, :] = 0.0
    group = np.empty(n, dtype=np.int64)
    for u in range(p.size.shape[0]):
        g = s.of[u]
        s.units[g, s.length[g]] = u
        s.length[g] += 1
        s.size[g] += p.size[u]
        s.common[g] &= p.mask[u]
        for k in range(p.start[u], p.start[u + 1]):
            group[p.members[k]] = g
    for i in range(n):
        for j in range(n):
            s.W[i, group[j]] += p.d[i, j]
    if p.hope > 0.0:
        s.H[:, :] = 0
        for i in range(n):
            for j in range(n):
                s.H[i, group[j]] += p.helps[i, j]
        s.unmet[:] = 0
        s.met[0] = 0
        for i in range(n):
            if p.hoping[i]:
                s.met[0] += 1
        for g in range(s.unmet.shape[0]):
            _count_unmet(p, s, g)


@njit(cache=True)
def _count_unmet(p, s, g):
    """Recount the members of group g whose hopes someone could meet but nobody in g does."""
    c = 0
    for k in range(s.length[g]):
        w = s.units[g, k]
        for q in range(p.start[w], p.start[w + 1]):
            i = p.members[q]
            if p.hoping[i] and s.H[i, g] == 0:
                c += 1
    s.met[0] -= c - s.unmet[g]
    s.unmet[g] = c


@njit(cache=True, inline="always")
def _hope_value(p, met):
    """The hopes term when ``met`` members have their hopes met: ``hope`` each, for at
    most ``target`` members."""
    return _hopes_worth(p.hope, p.target, met)


@njit(cache=True, inline="always")
def _hopes_worth(hope, target, met):
    """:func:`_hope_value` on the fields themselves (for the annealing's loop)."""
    return hope * min(met, target)


@njit(cache=True, inline="always")
def _common_without(p, s, g, skip):
    """Availability common to group g's units other than ``skip``."""
    return _common_of(p.mask, s.units, s.length, g, skip)


@njit(cache=True, inline="always")
def _common_of(mask, units, length, g, skip):
    """:func:`_common_without` on the arrays themselves."""
    m = ALL
    for k in range(length[g]):
        v = units[g, k]
        if v != skip:
            m &= mask[v]
    return m


@njit(cache=True)
def _apply(p, s, u, b):
    """Move unit u to group b, keeping every running sum exact."""
    a = s.of[u]
    n = p.d.shape[0]
    for k in range(p.start[u], p.start[u + 1]):
        i = p.members[k]
        for j in range(n):
            s.W[j, a] -= p.d[j, i]
            s.W[j, b] += p.d[j, i]
        if p.hope > 0.0:
            for j in range(n):
                s.H[j, a] -= p.helps[j, i]
                s.H[j, b] += p.helps[j, i]
    for k in range(s.length[a]):
        if s.units[a, k] == u:
            s.units[a, k] = s.units[a, s.length[a] - 1]
            break
    s.length[a] -= 1
    s.units[b, s.length[b]] = u
    s.length[b] += 1
    s.size[a] -= p.size[u]
    s.size[b] += p.size[u]
    s.of[u] = b
    s.common[a] = _common_without(p, s, a, -1)
    s.common[b] &= p.mask[u]
    if p.hope > 0.0:
        _count_unmet(p, s, a)
        _count_unmet(p, s, b)


@njit(cache=True)
def _swap(p, s, u, v):
    """Swap units u and v (in different groups)."""
    a = s.of[u]
    _apply(p, s, u, s.of[v])
    _apply(p, s, v, a)


@njit(cache=True, inline="always")
def _fits(p, s, u, b, v):
    """Whether unit u can join group b (in exchange for unit v of b, or -1: a move):
    sizes stay within bounds, nobody fixed moves, both groups keep a common slot."""
    if p.fixed[u] >= 0 or (v >= 0 and p.fixed[v] >= 0):
        return False
    if not _sizes_fit(p.size, s.size, p.lower, p.upper, s.of, u, b, v):
        return False
    return not p.has_mask or _slots_fit(p.mask, s.units, s.length, s.common, s.of, u, b, v)


@njit(cache=True, inline="always")
def _sizes_fit(unit_size, size, lower, upper, of, u, b, v):
    """Whether both groups stay within their size bounds (the arrays themselves, for the
    annealing's loop: see :func:`_with`)."""
    a = of[u]
    sv = 0 if v < 0 else unit_size[v]
    na = size[a] - unit_size[u] + sv
    nb = size[b] - sv + unit_size[u]
    return lower[a] <= na <= upper[a] and lower[b] <= nb <= upper[b]


@njit(cache=True, inline="always")
def _slots_fit(mask, units, length, common, of, u, b, v):
    """Whether both groups keep a slot that suits all their members."""
    if v < 0:
        return (common[b] & mask[u]) != 0
    if (_common_of(mask, units, length, of[u], u) & mask[v]) == 0:
        return False
    return (_common_of(mask, units, length, b, v) & mask[u]) != 0


# Deltas -----------------------------------------------------------------------------------


@njit(cache=True, inline="always")
def _with(W, start, members, u, g):
    """Score of unit u's members with the members of group g (u's own pairs included
    twice when u is in g). Array arguments, not the state tuples: numba pays for every
    array taken out of a tuple, and this runs for every move tried."""
    t = 0.0
    for k in range(start[u], start[u + 1]):
        t += W[members[k], g]
    return t


@njit(cache=True, inline="always")
def _cross(d, start, members, u, v):
    """Score between the members of units u and v."""
    c = 0.0
    for x in range(start[u], start[u + 1]):
        for y in range(start[v], start[v + 1]):
            c += d[members[x], members[y]]
    return c


@njit(cache=True, inline="always")
def _unit_helps(p, x, u):
    """How many members of unit u meet a hope of member x."""
    c = 0
    for k in range(p.start[u], p.start[u + 1]):
        c += p.helps[x, p.members[k]]
    return c


@njit(cache=True, inline="always")
def _hopes_of_unit(p, s, u, b, v):
    """Change in the members of u whose hopes are met, when u joins b (v leaves b)."""
    a = s.of[u]
    c = 0
    for k in range(p.start[u], p.start[u + 1]):
        i = p.members[k]
        after = s.H[i, b] + p.helped_within[i]
        if v >= 0:
            after -= _unit_helps(p, i, v)
        c += int(after > 0) - int(s.H[i, a] > 0)
    return c


@njit(cache=True, inline="always")
def _hopes_of_stayers(p, s, g, out, come):
    """Change in the members of group g (other than unit ``out``) whose hopes are met,
    when unit ``out`` leaves g and unit ``come`` joins it (either may be -1)."""
    c = 0
    for k in range(s.length[g]):
        w = s.units[g, k]
        if w == out:
            continue
        for q in range(p.start[w], p.start[w + 1]):
            x = p.members[q]
            new = s.H[x, g]
            if out >= 0:
                new -= _unit_helps(p, x, out)
            if come >= 0:
                new += _unit_helps(p, x, come)
            c += int(new > 0) - int(s.H[x, g] > 0)
    return c


@njit(cache=True, inline="always")
def _pair_delta(p, s, u, b, v):
    """Change in the pairs' total when unit u joins group b and unit v of b (or -1:
    nobody) goes to u's group."""
    return _pair_change(s.W, p.d, p.start, p.members, p.inner, s.of, u, b, v)


@njit(cache=True, inline="always")
def _pair_change(W, d, start, members, inner, of, u, b, v):
    """:func:`_pair_delta` on the arrays themselves (for the annealing's loop)."""
    a = of[u]
    leave = _with(W, start, members, u, a) - 2.0 * inner[u]
    if v < 0:
        return _with(W, start, members, u, b) - leave
    c = _cross(d, start, members, u, v)
    return (
        _with(W, start, members, u, b) - c - leave
        + _with(W, start, members, v, a) - c - _with(W, start, members, v, b)
    ) + 2.0 * inner[v]  # fmt: skip


@njit(cache=True, inline="always")
def _hope_delta(p, s, u, b, v):
    """Change in ``hope`` times the members whose hopes are met, for the same change."""
    if p.hope <= 0.0:
        return 0.0
    a = s.of[u]
    met = _hopes_of_unit(p, s, u, b, v) + _hopes_of_stayers(p, s, a, u, v)
    met += _hopes_of_stayers(p, s, b, v, u)
    if v >= 0:
        met += _hopes_of_unit(p, s, v, a, u)
    return _hope_value(p, s.met[0] + met) - _hope_value(p, s.met[0])


@njit(cache=True, inline="always")
def _hope_room(p, s, u, b, v):
    """At most how much the hopes term can grow by the same change: the members who
    move, and those in the two groups whose hopes are still unmet."""
    return _room(p.hope, p.target, p.size, s.unmet, s.met[0], s.of, u, b, v)


@njit(cache=True, inline="always")
def _room(hope, target, size, unmet, met, of, u, b, v):
    """:func:`_hope_room` on the arrays themselves (for the annealing's loop)."""
    if hope <= 0.0:
        return 0.0
    moving = size[u] + (size[v] if v >= 0 else 0)
    room = moving + unmet[of[u]] + unmet[b]
    return _hopes_worth(hope, target, met + room) - _hopes_worth(hope, target, met)


@njit(cache=True, inline="always")
def _delta(p, s, u, b, v):
    """Change in the total when unit u joins group b and unit v of b (or -1: nobody)
    goes to u's group: the pairs, and ``hope`` per member whose hopes become met."""
    return _pair_delta(p, s, u, b, v) + _hope_delta(p, s, u, b, v)


@njit(cache=True, inline="always")
def _better(p, s, u, b, v, best):
    """The change of a feasible move or swap when it can beat ``best``, else -inf. The
    pairs' change is O(1) for single members; the checks of sizes and slots and the hopes
    term (O(group sizes) each) are skipped when even the hopes' largest growth cannot
    lift it above ``best``."""
    pairs = _pair_delta(p, s, u, b, v)
    if pairs + _hope_room(p, s, u, b, v) <= best or not _fits(p, s, u, b, v):
        return -np.inf
    return pairs + _hope_delta(p, s, u, b, v)


@njit(cache=True)
def _total(p, s):
    """The total: pairs sharing a group, plus ``hope`` per member whose hopes are met."""
    t = 0.0
    met = 0
    for u in range(s.of.shape[0]):
        g = s.of[u]
        for k in range(p.start[u], p.start[u + 1]):
            i = p.members[k]
            t += s.W[i, g]
            if p.hope > 0.0 and s.H[i, g] > 0:
                met += 1
    return t / 2.0 + _hope_value(p, met)


# Fairness ---------------------------------------------------------------------------------


@njit(cache=True)
def _group_min_util(p, s, g, out, come):
    """Smallest member utility of group g after unit ``out`` leaves and ``come`` joins."""
    size = s.size[g]
    if out >= 0:
        size -= p.size[out]
    if come >= 0:
        size += p.size[come]
    if size <= 1:
        return 0.0
    m = np.inf
    for k in range(s.length[g] + 1):
        if k < s.length[g]:
            w = s.units[g, k]
            if w == out:
                continue
        else:
            w = come
            if w < 0:
                continue
        for q in range(p.start[w], p.start[w + 1]):
            i = p.members[q]
            t = s.W[i, g]
            if out >= 0:
                for r in range(p.start[out], p.start[out + 1]):
                    t -= p.d[i, p.members[r]]
            if come >= 0:
                for r in range(p.start[come], p.start[come + 1]):
                    t += p.d[i, p.members[r]]
            val = t / (size - 1)
            if val < m:
                m = val
    return m


@njit(cache=True)
def _group_mins(p, s):
    out = np.empty(p.lower.shape[0])
    for g in range(out.shape[0]):
        out[g] = _group_min_util(p, s, g, -1, -1)
    return out


@njit(cache=True)
def _fair_term(p, s):
    """``fair`` times the worst-off member's utility (0 without fairness)."""
    if p.fair <= 0.0:
        return 0.0
    return p.fair * np.min(_group_mins(p, s))


@njit(cache=True)
def _fair_descent(p, s, total):
    """Best-improvement descent on total + fair * min utility, around the worst-off
    group: its units moved or swapped out, and any unit moved in. Returns the total."""
    n_units = p.size.shape[0]
    n_groups = p.lower.shape[0]
    while True:
        gmin = _group_mins(p, s)
        order = np.argsort(gmin, kind="mergesort")
        w = order[0]
        best = total + p.fair * gmin[w] + p.eps
        bu, bv, bb = -1, -1, -1
        bdelta = 0.0
        for k in range(s.length[w] + n_units):
            if k < s.length[w]:
                u = s.units[w, k]
            else:
                u = k - s.length[w]
                if s.of[u] == w:
                    continue
            a = s.of[u]
            for b in range(n_groups):
                if b == a or (k >= s.length[w] and b != w):
                    continue
                for vv in range(-1, s.length[b]):
                    v = -1 if vv < 0 else s.units[b, vv]
                    if not _fits(p, s, u, b, v):
                        continue
                    delta = _delta(p, s, u, b, v)
                    other = np.inf
                    for r in range(min(3, n_groups)):
                        if order[r] != a and order[r] != b:
                            other = gmin[order[r]]
                            break
                    m = min(
                        other,
                        _group_min_util(p, s, a, u, v),
                        _group_min_util(p, s, b, v, u),
                    )
                    f = total + delta + p.fair * m
                    if f > best:
                        best, bu, bv, bb, bdelta = f, u, v, b, delta
        if bu < 0:
            return total
        if bv >= 0:
            _swap(p, s, bu, bv)
        else:
            _apply(p, s, bu, bb)
        total += bdelta


# Search -----------------------------------------------------------------------------------


@njit(cache=True)
def _scan(p, s, order, lo, hi):
    """The best move or swap of each unit of ``order[lo:hi]`` in turn, applied when it
    improves the total. Returns (gain, whether anything improved)."""
    n_units = p.size.shape[0]
    n_groups = p.lower.shape[0]
    gain = 0.0
    improved = False
    for x in range(lo, hi):
        u = order[x]
        if p.fixed[u] >= 0:
            continue
        a = s.of[u]
        best = p.eps
        target, partner = -1, -1
        for b in range(n_groups):
            if b != a:
                delta = _better(p, s, u, b, -1, best)
                if delta > best:
                    best, target, partner = delta, b, -1
        for v in range(n_units):
            b = s.of[v]
            if b != a:
                delta = _better(p, s, u, b, v, best)
                if delta > best:
                    best, target, partner = delta, b, v
        if target >= 0:
            if partner >= 0:
                _swap(p, s, u, partner)
            else:
                _apply(p, s, u, target)
            gain += best
            improved = True
    return gain, improved


@njit(cache=True)
def _pass_order(order, rng):
    """Shuffle the units for the next pass of the local search."""
    shuffle(rng, order)


@njit(cache=True)
def _strength(rng, strength):
    """How many random changes the next perturbation makes."""
    return 1 + randint(rng, max(1, strength))


@njit(cache=True)
def _compound(p, s, u, b, rng):
    """Move unit u to group b, then random units of b back until both sizes fit.

    Lets a pinned chain trade places with several single members. Returns the change
    in the total, or NaN (leaving the state unchanged) when no feasible trade was found.
    """
    a = s.of[u]
    moved = np.empty(s.length[b] + 1, dtype=np.int64)
    origin = np.empty(s.length[b] + 1, dtype=np.int64)
    delta = _delta(p, s, u, b, -1)
    _apply(p, s, u, b)
    moved[0], origin[0] = u, a
    count = 1
    tries = 0
    while (s.size[b] > p.upper[b] or s.size[a] < p.lower[a]) and tries < 8 * s.length[b] + 8:
        tries += 1
        v = s.units[b, randint(rng, s.length[b])]
        if v == u or p.fixed[v] >= 0 or s.size[a] + p.size[v] > p.upper[a]:
            continue
        delta += _delta(p, s, v, a, -1)
        _apply(p, s, v, a)
        moved[count], origin[count] = v, b
        count += 1
    ok = p.lower[a] <= s.size[a] <= p.upper[a] and p.lower[b] <= s.size[b] <= p.upper[b]
    if ok and p.has_mask and (s.common[a] == 0 or s.common[b] == 0):
        ok = False
    if ok:
        return delta
    for k in range(count - 1, -1, -1):
        _apply(p, s, moved[k], origin[k])
    return np.nan


@njit(cache=True)
def _perturb(p, s, strength, rng):
    """``strength`` random feasible moves, swaps or compound trades. Returns the change."""
    n_units = p.size.shape[0]
    n_groups = p.lower.shape[0]
    delta = 0.0
    done = 0
    tries = 0
    while done < strength and tries < 50 * strength + 50:
        tries += 1
        u = randint(rng, n_units)
        if p.fixed[u] >= 0:
            continue
        a = s.of[u]
        if random(rng) < 0.2:
            b = randint(rng, n_groups)
            if b == a or not _fits(p, s, u, b, -1):
                continue
            delta += _delta(p, s, u, b, -1)
            _apply(p, s, u, b)
            done += 1
            continue
        v = randint(rng, n_units)
        b = s.of[v]
        if b == a or p.fixed[v] >= 0:
            continue
        if p.size[v] != p.size[u] and random(rng) < 0.5:
            step = _compound(p, s, u, b, rng)
            if not np.isnan(step):
                delta += step
                done += 1
            continue
        if not _fits(p, s, u, b, v):
            continue
        delta += _delta(p, s, u, b, v)
        _swap(p, s, u, v)
        done += 1
    return delta


@njit(cache=True)
def _anneal(p, s, rng, moves, temperature, total, best_total, best_of):
    """``moves`` random moves or swaps at one temperature, each kept when it raises the
    total or else with probability exp(change / temperature) (simulated annealing); the
    best grouping seen is copied into ``best_of``. Returns the total and the best.
    ``NEAR_SHARE`` of the swaps take a unit to the group of one it scores high with
    (``Units.near``), the rest are uniform."""
    n_units = p.size.shape[0]
    n_groups = p.lower.shape[0]
    # the arrays, taken out of the tuples once (see _with)
    W, d, start, members, inner, of = s.W, p.d, p.start, p.members, p.inner, s.of
    hope, target, size, unmet, met = p.hope, p.target, p.size, s.unmet, s.met
    lower, upper, group_size, has_mask = p.lower, p.upper, s.size, p.has_mask
    mask, units, length, common = p.mask, s.units, s.length, s.common
    fixed, near = p.fixed, p.near
    for _ in range(moves):
        u = randint(rng, n_units)
        if fixed[u] >= 0:
            continue
        a = of[u]
        v = -1
        kind = random(rng)
        if kind < 0.1:
            b = randint(rng, n_groups)
        else:
            if kind < 0.1 + NEAR_SHARE and near.shape[1] > 0:
                # toward a unit u scores high with: a swap with someone in its group
                b = of[near[u, randint(rng, near.shape[1])]]
                if b == a:
                    continue
                v = units[b, randint(rng, length[b])]
            else:
                v = randint(rng, n_units)
                b = of[v]
            if fixed[v] >= 0:
                continue
        if b == a:
            continue
        # kept when change >= floor, i.e. with probability exp(change / temperature) for
        # a loss; drawn first, so that the pairs' O(1) change and the hopes' largest
        # growth reject most moves before the O(group size) checks
        floor = temperature * np.log(random(rng))
        pairs = _pair_change(W, d, start, members, inner, of, u, b, v)
        if pairs + _room(hope, target, size, unmet, met[0], of, u, b, v) < floor:
            continue
        if not _sizes_fit(size, group_size, lower, upper, of, u, b, v):
            continue
        if has_mask and not _slots_fit(mask, units, length, common, of, u, b, v):
            continue
        change = pairs + _hope_delta(p, s, u, b, v)
        if change >= floor:
            if v < 0:
                _apply(p, s, u, b)
            else:
                _swap(p, s, u, v)
            total += change
            if total > best_total + p.eps:
                best_total = total
                best_of[:] = s.of
    return total, best_total


# Python side ------------------------------------------------------------------------------


#: Units scanned between two looks at the clock.
SCAN_CHUNK = 64
#: Annealing moves between two looks at the clock (and temperature steps).
ANNEAL_CHUNK = 20_000
#: Units in each unit's list of those it scores highest with, and the share of annealing
#: swaps drawn from it: at 200 a 3 s search ends with a total about 5 higher (of ~1730).
NEAR = 20
NEAR_SHARE = 0.8


class SearchState:
    """One search: its :class:`Units`, :class:`Groups`, random stream, running total and
    best so far."""

    def __init__(self, units: Units, groups: Groups, seed: int) -> None:
        self.units = units
        self.groups = groups
        self.rng = stream(seed)
        self.best_of = groups.of.copy()
        self.best_f = -np.inf
        self.order = np.arange(len(units.size))
        self.total = float(_total(units, groups))
        self.current = -np.inf  # objective of the state the rounds go on from
        self.started = False


def build_state(
    d: NDArray[np.float64],
    units: tuple[tuple[int, ...], ...],
    unit_group: NDArray[np.int64],
    masks: NDArray[np.uint64],
    lower: NDArray[np.int64],
    upper: NDArray[np.int64],
    start: NDArray[np.int64],
    *,
    seed: int,
    fair: float = 0.0,
    hopes: NDArray[np.int64] | None = None,
    hope: float = 0.0,
    target: int | None = None,
    annealing: bool = True,
) -> SearchState:
    """Search state for a feasible start ``start`` (group index per unit).

    ``hopes`` are pairs (i, j): j meets a hope of i; ``hope`` is the weight of each
    member with such a j in their group. ``annealing=False`` leaves out the near lists
    that only :func:`anneal` reads (then its swaps are all uniform).
    """
    n = d.shape[0]
    size = np.array([len(u) for u in units], dtype=np.int64)
    first = np.zeros(len(units) + 1, dtype=np.int64)
    first[1:] = np.cumsum(size)
    use_hopes = hope > 0 and hopes is not None and len(hopes) > 0
    helps = np.zeros((n, n) if use_hopes else (1, 1), dtype=np.uint8)
    within = np.zeros(n, dtype=np.int64)
    hoping = np.zeros(n, dtype=np.bool_)
    if use_hopes:
        assert hopes is not None
        helps[hopes[:, 0], hopes[:, 1]] = 1
        hoping[hopes[:, 0]] = True
        for u in units:
            idx = np.array(u)
            within[idx] = helps[np.ix_(idx, idx)].sum(axis=1)
    p = Units(
        d=d,
        start=first,
        members=np.array([m for u in units for m in u], dtype=np.int64),
        size=size,
        inner=np.array([float(d[np.ix_(u, u)].sum()) / 2.0 for u in units]),
        fixed=unit_group.astype(np.int64),
        mask=np.array([np.bitwise_and.reduce(masks[list(u)]) for u in units], dtype=np.uint64),
        lower=lower.astype(np.int64),
        upper=upper.astype(np.int64),
        helps=helps,
        helped_within=within,
        hoping=hoping,
        hope=float(hope) if use_hopes else 0.0,
        target=n if target is None else int(target),
        fair=float(fair),
        eps=1e-9 * max(1.0, float(np.abs(d).max(initial=0.0)), float(hope)),
        has_mask=bool(np.any(masks != ALL)),
        near=_near(d, units) if annealing else np.zeros((len(units), 0), dtype=np.int64),
    )
    g = int(lower.shape[0])
    s = Groups(
        of=start.astype(np.int64).copy(),
        size=np.zeros(g, dtype=np.int64),
        units=np.zeros((g, int(upper.max()) + 1), dtype=np.int64),
        length=np.zeros(g, dtype=np.int64),
        common=np.zeros(g, dtype=np.uint64),
        W=np.zeros((n, g)),
        H=np.zeros((n, g) if use_hopes else (1, 1), dtype=np.int64),
        unmet=np.zeros(g, dtype=np.int64),
        met=np.zeros(1, dtype=np.int64),
    )
    _rebuild(p, s)
    return SearchState(p, s, seed)


def _near(d: NDArray[np.float64], units: tuple[tuple[int, ...], ...]) -> NDArray[np.int64]:
    """For each unit, the ``NEAR`` other units (all when fewer) whose members score
    highest with its members, by unit number."""
    n_units = len(units)
    k = min(NEAR, n_units - 1)
    if k <= 0:
        return np.zeros((n_units, 0), dtype=np.int64)
    n = d.shape[0]
    unit_of = np.empty(n, dtype=np.int64)
    for x, members in enumerate(units):
        unit_of[list(members)] = x
    onehot = sparse.csr_matrix((np.ones(n), (np.arange(n), unit_of)), shape=(n, n_units))
    between = np.asarray(onehot.T @ (onehot.T @ d).T)  # d is symmetric
    np.fill_diagonal(between, -np.inf)
    return np.sort(np.argpartition(-between, k - 1, axis=1)[:, :k], axis=1).astype(np.int64)


def _descend(state: SearchState, deadline: float) -> bool:
    """Local search on the total until no unit improves (passes in a random order, the
    clock read between chunks of units), then with fairness the descent around the worst
    off. Returns False when the deadline stopped it first."""
    p, s = state.units, state.groups
    n_units = len(p.size)
    state.order[:] = np.arange(n_units)
    improved = True
    while improved:
        improved = False
        _pass_order(state.order, state.rng)
        for lo in range(0, n_units, SCAN_CHUNK):
            gain, moved = _scan(p, s, state.order, lo, min(n_units, lo + SCAN_CHUNK))
            state.total += float(gain)
            improved |= bool(moved)
            if time.monotonic() >= deadline:
                return False
    if p.fair > 0.0:
        state.total = float(_fair_descent(p, s, state.total))
    return True


def _keep_if_best(state: SearchState) -> float:
    """The objective of the current state; kept as the best when it is."""
    f = state.total + float(_fair_term(state.units, state.groups))
    if f > state.best_f + (state.units.eps if state.started else 0.0):
        state.best_f = f
        state.best_of[:] = state.groups.of
    return f


def run_ils(state: SearchState, rounds: int, deadline: float = float("inf")) -> float:
    """Descend (the first call), then ``rounds`` rounds of perturb + descend, keeping a
    round's result unless it is worse; stops at ``deadline`` (``time.monotonic``).
    Returns the best objective so far; calls continue one search."""
    p, s = state.units, state.groups
    if not state.started:
        finished = _descend(state, deadline)
        state.current = _keep_if_best(state)
        state.started = True
        if not finished:
            return state.best_f
    strength = max(2, min(len(p.size) // 8, 12))
    saved = s.of.copy()
    for _ in range(rounds):
        saved[:] = s.of
        state.total += float(_perturb(p, s, _strength(state.rng, strength), state.rng))
        finished = _descend(state, deadline)
        f = _keep_if_best(state)
        if f >= state.current - p.eps:
            state.current = f
        else:
            s.of[:] = saved
            _rebuild(p, s)
            state.total = float(_total(p, s))
        if not finished:
            break
    return state.best_f


def anneal(
    state: SearchState,
    *,
    hot: float,
    cold: float,
    deadline: float,
    moves: int | None = None,
    progress: Callable[[float, float], None] | None = None,
) -> None:
    """Simulated annealing from the current grouping, the temperature falling
    geometrically from ``hot`` to ``cold`` until ``deadline`` (or over ``moves`` moves,
    independent of the clock), then back to the best grouping it saw. ``progress`` gets
    (share done, best total) between chunks."""
    p, s = state.units, state.groups
    began = time.monotonic()
    span = max(deadline - began, 1e-9)
    best_of = s.of.copy()
    total = best = float(_total(p, s))
    done = 0
    while True:
        fraction = (time.monotonic() - began) / span if moves is None else done / max(moves, 1)
        if fraction >= 1.0:
            break
        if progress is not None:
            progress(fraction, best)
        chunk = ANNEAL_CHUNK if moves is None else min(ANNEAL_CHUNK, moves - done)
        temperature = hot * (cold / hot) ** fraction
        total, best = _anneal(p, s, state.rng, chunk, temperature, total, best, best_of)
        done += chunk
    s.of[:] = best_of
    _rebuild(p, s)
    state.total = float(_total(p, s))


def evaluate_assignment(
    d: NDArray[np.float64],
    assignment: NDArray[np.int64],
    *,
    fair: float = 0.0,
    hopes: NDArray[np.int64] | None = None,
    hope: float = 0.0,
    target: int | None = None,
) -> tuple[float, NDArray[np.float64]]:
    """The objective of an assignment (member -> group) and each member's utility.

    Objective: pairs sharing a group, plus ``hope`` per member with a group-mate who
    meets a hope (``hopes``: pairs (i, j), j meets a hope of i), plus ``fair`` times the
    smallest utility.
    """
    n = d.shape[0]
    g = int(assignment.max()) + 1 if n else 0
    onehot = np.zeros((n, g))
    onehot[np.arange(n), assignment] = 1.0
    within = (d @ onehot)[np.arange(n), assignment]
    sizes = onehot.sum(axis=0)[assignment]
    util = np.where(sizes > 1, within / np.maximum(sizes - 1, 1), 0.0)
    total = float(within.sum() / 2.0)
    if hope > 0 and hopes is not None and len(hopes):
        same = assignment[hopes[:, 0]] == assignment[hopes[:, 1]]
        met = int(np.unique(hopes[same, 0]).size)
        total += hope * (met if target is None else min(met, int(target)))
    if fair > 0 and n:
        total += fair * float(util.min())
    return total, util
