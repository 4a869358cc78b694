"""Plain-Python twins of the compiled kernels: the oracle the tests compare against.

Each twin makes the same decisions as its kernel (same candidates in the same order,
same tie rules, the same random stream) but keeps no running sums: every score, cost
and delta is recomputed from scratch. When a kernel's bookkeeping goes wrong, its
result parts from its twin's on the small instances of the tests.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from natverk.matching._search import NEAR, NEAR_SHARE

ALL = (1 << 64) - 1
MASK64 = (1 << 64) - 1


# The random stream (natverk.matching._rng) -------------------------------------------------


class Stream:
    """splitmix64, as the kernels draw it."""

    def __init__(self, seed: int) -> None:
        self.state = seed & MASK64

    def _next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def random(self) -> float:
        return float(self._next() >> 11) * (1.0 / 9007199254740992.0)

    def randint(self, n: int) -> int:
        return int(self.random() * n)

    def shuffle(self, values: list[int]) -> None:
        for i in range(len(values) - 1, 0, -1):
            j = self.randint(i + 1)
            values[i], values[j] = values[j], values[i]


# MDGP (natverk.matching._mdgp_kernels) ------------------------------------------------------


def objective(d: NDArray[np.float64], a: NDArray[np.int64]) -> float:
    """Sum of d over pairs in the same group."""
    return float(sum(d[i, j] for i, j in itertools.combinations(range(len(a)), 2) if a[i] == a[j]))


def gain_matrix(d: NDArray[np.float64], a: NDArray[np.int64], g: int) -> NDArray[np.float64]:
    """M[i, k] = sum of d[i, j] over j in group k."""
    m = np.zeros((len(a), g))
    for i in range(len(a)):
        for j in range(len(a)):
            m[i, a[j]] += d[i, j]
    return m


def brute_force_optimum(
    d: NDArray[np.float64], lower: NDArray[np.int64], upper: NDArray[np.int64]
) -> float:
    """The exact optimum by enumerating every assignment (tiny instances only)."""
    n, g = d.shape[0], len(lower)
    best = -np.inf
    for labels in itertools.product(range(g), repeat=n):
        a = np.array(labels)
        sizes = np.bincount(a, minlength=g)
        if ((sizes >= lower) & (sizes <= upper)).all():
            best = max(best, objective(d, a))
    return float(best)


def mdgp_random_start(
    n: int, lo: Sequence[int], hi: Sequence[int], fixed: Sequence[int], movable: Sequence[bool],
    rng: Stream,
) -> list[int]:  # fmt: skip
    """Twin of ``random_start``: fixed elements stay, minimums first, then random room."""
    g = len(lo)
    a = [0] * n
    sz = [0] * g
    for i in range(n):
        if not movable[i]:
            a[i] = fixed[i]
            sz[a[i]] += 1
    order = list(range(n))
    rng.shuffle(order)
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
    for i in order[pos:]:
        if not movable[i]:
            continue
        open_groups = [k for k in range(g) if sz[k] < hi[k]]
        k = open_groups[rng.randint(len(open_groups))]
        a[i] = k
        sz[k] += 1
    return a


class MdgpTwin:
    """Twin of ``tabu_chunk``: the gain of every move and swap recomputed from scratch."""

    def __init__(
        self, d: NDArray[np.float64], lo: Sequence[int], hi: Sequence[int],
        movable: Sequence[bool], a: Sequence[int], rng: Stream,
    ) -> None:  # fmt: skip
        self.d, self.lo, self.hi, self.movable, self.rng = d, list(lo), list(hi), movable, rng
        self.a = list(a)
        self.g = len(lo)
        self.f = objective(d, np.array(self.a))
        self.best_f = self.f
        self.best_a = list(self.a)
        self.tabu = np.zeros((d.shape[0], self.g), dtype=np.int64)
        self.it = 0
        self.stall = 0

    def _sizes(self) -> list[int]:
        return np.bincount(self.a, minlength=self.g).tolist()

    def _perturb(self, strength: int) -> None:
        n, g, rng = len(self.a), self.g, self.rng
        done = tries = 0
        while done < strength and tries < 50 * strength:
            tries += 1
            i = rng.randint(n)
            if not self.movable[i]:
                continue
            if rng.random() < 0.5:
                j = rng.randint(n)
                if not self.movable[j] or self.a[i] == self.a[j]:
                    continue
                self.a[i], self.a[j] = self.a[j], self.a[i]
            else:
                q = rng.randint(g)
                p = self.a[i]
                sz = self._sizes()
                if q == p or sz[p] <= self.lo[p] or sz[q] >= self.hi[q]:
                    continue
                self.a[i] = q
            done += 1

    def chunk(
        self, n_iters: int, tenure_lo: int, tenure_span: int, depth: int, strength: int
    ) -> None:
        n, g, d, rng = len(self.a), self.g, self.d, self.rng
        for _ in range(n_iters):
            self.it += 1
            it = self.it
            m = gain_matrix(d, np.array(self.a), g)
            sz = self._sizes()
            best_delta, bi, bj, bq, ties = -1e300, -1, -1, -1, 0
            for i in range(n):
                p = self.a[i]
                if not self.movable[i] or sz[p] <= self.lo[p]:
                    continue
                for q in range(g):
                    if q == p or sz[q] >= self.hi[q]:
                        continue
                    delta = m[i, q] - m[i, p]
                    if self.tabu[i, q] > it and self.f + delta <= self.best_f + 1e-9:
                        continue
                    if delta > best_delta + 1e-12:
                        best_delta, bi, bj, bq, ties = delta, i, -1, q, 1
                    elif delta > best_delta - 1e-12:
                        ties += 1
                        if rng.randint(ties) == 0:
                            bi, bj, bq = i, -1, q
            for i in range(n):
                p = self.a[i]
                if not self.movable[i]:
                    continue
                for q in range(p + 1, g):
                    for j in range(n):
                        if self.a[j] != q or not self.movable[j]:
                            continue
                        delta = m[i, q] - m[i, p] + m[j, p] - m[j, q] - 2.0 * d[i, j]
                        if delta < best_delta - 1e-12:
                            continue
                        tabu = self.tabu[i, q] > it or self.tabu[j, p] > it
                        if tabu and self.f + delta <= self.best_f + 1e-9:
                            continue
                        if delta > best_delta + 1e-12:
                            best_delta, bi, bj, bq, ties = delta, i, j, q, 1
                        else:
                            ties += 1
                            if rng.randint(ties) == 0:
                                bi, bj, bq = i, j, q
            if bi < 0:
                self.stall = depth + 1
            else:
                p = self.a[bi]
                self.a[bi] = bq
                self.tabu[bi, p] = it + tenure_lo + rng.randint(tenure_span)
                if bj >= 0:
                    self.a[bj] = p
                    self.tabu[bj, bq] = it + tenure_lo + rng.randint(tenure_span)
                self.f = objective(d, np.array(self.a))
                if self.f > self.best_f + 1e-9:
                    self.best_f, self.best_a, self.stall = self.f, list(self.a), 0
                else:
                    self.stall += 1
            if self.stall > depth:
                self.a = list(self.best_a)
                self._perturb(strength)
                self.f = objective(d, np.array(self.a))
                self.tabu[:, :] = 0
                self.stall = 0


# Grouping under constraints (natverk.matching._search) -------------------------------------


class SearchTwin:
    """Twin of the unit local search: every total recomputed over all pairs.

    ``units`` are lists of members, ``fixed[u]`` the group of a fixed unit (-1 free),
    ``helps[i][j]`` whether j meets a hope of i; the objective is the sum of ``d`` over
    pairs sharing a group, ``hope`` per member whose hopes are met (for at most
    ``target`` members), and ``fair`` times the smallest member utility.
    """

    def __init__(
        self, d: NDArray[np.float64], units: Sequence[Sequence[int]], fixed: Sequence[int],
        masks: Sequence[int], lower: Sequence[int], upper: Sequence[int], start: Sequence[int],
        helps: NDArray[np.uint8] | None, hope: float, fair: float, eps: float, seed: int,
        target: int | None = None,
    ) -> None:  # fmt: skip
        self.d, self.units, self.fixed = d, [list(u) for u in units], list(fixed)
        self.umask = []
        for u in units:
            m = ALL
            for i in u:
                m &= int(masks[i])
            self.umask.append(m)
        self.has_mask = any(int(x) != ALL for x in masks)
        self.lower, self.upper = list(lower), list(upper)
        self.helps, self.hope, self.fair, self.eps = helps, hope, fair, eps
        self.target = len(d) if target is None else target
        self.of = list(start)
        self.rng = Stream(seed)
        self.groups = len(lower)
        self.near = self._near()
        self._relist()
        self.best_of = list(self.of)
        self.best_f = -np.inf
        self.current = -np.inf
        self.started = False

    def _near(self) -> list[list[int]]:
        """Each unit's ``NEAR`` best-scoring other units (sum over their members' pairs),
        by unit number."""
        n_units = len(self.units)
        k = min(NEAR, n_units - 1)

        def score(u: int, v: int) -> float:
            return sum(float(self.d[i, j]) for i in self.units[u] for j in self.units[v])

        return [
            sorted(sorted((v for v in range(n_units) if v != u), key=lambda v: -score(u, v))[:k])
            for u in range(n_units)
        ]

    # state ---------------------------------------------------------------------------------
    def _relist(self) -> None:
        self.lists = [
            [u for u in range(len(self.units)) if self.of[u] == g] for g in range(self.groups)
        ]

    def _move(self, u: int, b: int) -> None:
        a = self.of[u]
        lst = self.lists[a]
        k = lst.index(u)
        lst[k] = lst[-1]
        lst.pop()
        self.lists[b].append(u)
        self.of[u] = b

    def _swap(self, u: int, v: int) -> None:
        a = self.of[u]
        self._move(u, self.of[v])
        self._move(v, a)

    def _members(self, g: int, of: Sequence[int] | None = None) -> list[int]:
        of = self.of if of is None else of
        return [i for u in range(len(self.units)) if of[u] == g for i in self.units[u]]

    def _size(self, g: int) -> int:
        return len(self._members(g))

    # scores --------------------------------------------------------------------------------
    def total(self, of: Sequence[int] | None = None) -> float:
        t = 0.0
        met = 0
        for g in range(self.groups):
            mem = self._members(g, of)
            for x, i in enumerate(mem):
                for j in mem[x + 1 :]:
                    t += self.d[i, j]
            if self.hope > 0 and self.helps is not None:
                met += sum(1 for i in mem if any(self.helps[i, j] for j in mem if j != i))
        return t + self.hope * min(met, self.target)

    def _after(self, u: int, b: int, v: int) -> list[int]:
        of = list(self.of)
        a = of[u]
        of[u] = b
        if v >= 0:
            of[v] = a
        return of

    def delta(self, u: int, b: int, v: int) -> float:
        return self.total(self._after(u, b, v)) - self.total()

    def _group_min(self, g: int, of: Sequence[int]) -> float:
        mem = self._members(g, of)
        if len(mem) <= 1:
            return 0.0
        return min(sum(self.d[i, j] for j in mem if j != i) / (len(mem) - 1) for i in mem)

    def fair_term(self) -> float:
        if self.fair <= 0:
            return 0.0
        return self.fair * min(self._group_min(g, self.of) for g in range(self.groups))

    def _common(self, g: int, without: int, plus: int) -> int:
        m = ALL
        for w in self.lists[g]:
            if w != without:
                m &= self.umask[w]
        if plus >= 0:
            m &= self.umask[plus]
        return m

    def fits(self, u: int, b: int, v: int) -> bool:
        if self.fixed[u] >= 0 or (v >= 0 and self.fixed[v] >= 0):
            return False
        a = self.of[u]
        su = len(self.units[u])
        sv = 0 if v < 0 else len(self.units[v])
        na = self._size(a) - su + sv
        nb = self._size(b) - sv + su
        if not (self.lower[a] <= na <= self.upper[a] and self.lower[b] <= nb <= self.upper[b]):
            return False
        if self.has_mask:
            if v < 0:
                return self._common(b, -1, u) != 0
            return self._common(a, u, v) != 0 and self._common(b, v, u) != 0
        return True

    # search --------------------------------------------------------------------------------
    def local_search(self) -> None:
        n_units = len(self.units)
        order = list(range(n_units))
        improved = True
        while improved:
            improved = False
            self.rng.shuffle(order)
            for u in order:
                if self.fixed[u] >= 0:
                    continue
                a = self.of[u]
                best, target, partner = self.eps, -1, -1
                for b in range(self.groups):
                    if b != a and self.fits(u, b, -1):
                        delta = self.delta(u, b, -1)
                        if delta > best:
                            best, target, partner = delta, b, -1
                for v in range(n_units):
                    b = self.of[v]
                    if b != a and self.fits(u, b, v):
                        delta = self.delta(u, b, v)
                        if delta > best:
                            best, target, partner = delta, b, v
                if target >= 0:
                    if partner >= 0:
                        self._swap(u, partner)
                    else:
                        self._move(u, target)
                    improved = True

    def fair_descent(self) -> None:
        n_units = len(self.units)
        while True:
            gmin = np.array([self._group_min(g, self.of) for g in range(self.groups)])
            order = np.argsort(gmin, kind="stable")
            w = int(order[0])
            best = self.total() + self.fair * gmin[w] + self.eps
            bu = bv = bb = -1
            members_w = list(self.lists[w])
            for k in range(len(members_w) + n_units):
                if k < len(members_w):
                    u = members_w[k]
                else:
                    u = k - len(members_w)
                    if self.of[u] == w:
                        continue
                a = self.of[u]
                for b in range(self.groups):
                    if b == a or (k >= len(members_w) and b != w):
                        continue
                    for v in [-1, *self.lists[b]]:
                        if not self.fits(u, b, v):
                            continue
                        after = self._after(u, b, v)
                        other = np.inf
                        for r in range(min(3, self.groups)):
                            if order[r] != a and order[r] != b:
                                other = gmin[order[r]]
                                break
                        m = min(other, self._group_min(a, after), self._group_min(b, after))
                        f = self.total(after) + self.fair * m
                        if f > best:
                            best, bu, bv, bb = f, u, v, b
            if bu < 0:
                return
            if bv >= 0:
                self._swap(bu, bv)
            else:
                self._move(bu, bb)

    def _compound(self, u: int, b: int) -> bool:
        a = self.of[u]
        moved = [(u, a)]
        self._move(u, b)
        tries = 0
        while (self._size(b) > self.upper[b] or self._size(a) < self.lower[a]) and tries < 8 * len(
            self.lists[b]
        ) + 8:
            tries += 1
            v = self.lists[b][self.rng.randint(len(self.lists[b]))]
            if v == u or self.fixed[v] >= 0 or self._size(a) + len(self.units[v]) > self.upper[a]:
                continue
            self._move(v, a)
            moved.append((v, b))
        ok = all(self.lower[g] <= self._size(g) <= self.upper[g] for g in (a, b))
        if ok and self.has_mask and (self._common(a, -1, -1) == 0 or self._common(b, -1, -1) == 0):
            ok = False
        if not ok:
            for w, origin in reversed(moved):
                self._move(w, origin)
        return ok

    def perturb(self, strength: int) -> None:
        n_units = len(self.units)
        rng = self.rng
        done = tries = 0
        while done < strength and tries < 50 * strength + 50:
            tries += 1
            u = rng.randint(n_units)
            if self.fixed[u] >= 0:
                continue
            a = self.of[u]
            if rng.random() < 0.2:
                b = rng.randint(self.groups)
                if b == a or not self.fits(u, b, -1):
                    continue
                self._move(u, b)
                done += 1
                continue
            v = rng.randint(n_units)
            b = self.of[v]
            if b == a or self.fixed[v] >= 0:
                continue
            if len(self.units[v]) != len(self.units[u]) and rng.random() < 0.5:
                if self._compound(u, b):
                    done += 1
                continue
            if not self.fits(u, b, v):
                continue
            self._swap(u, v)
            done += 1

    def anneal(
        self, moves: int, temperature: float, total: float, best: float
    ) -> tuple[float, float, list[int]]:
        """Twin of ``_anneal``: random moves (one in ten) or swaps (most toward a unit of
        ``near``), kept when they raise the total or else with probability
        exp(change / temperature). Returns the running total, the best total and the best
        grouping seen (or [] when none beat ``best``)."""
        rng, n_units = self.rng, len(self.units)
        best_of: list[int] = []
        for _ in range(moves):
            u = rng.randint(n_units)
            if self.fixed[u] >= 0:
                continue
            a, v = self.of[u], -1
            kind = rng.random()
            if kind < 0.1:
                b = rng.randint(self.groups)
            else:
                near = self.near[u]
                if kind < 0.1 + NEAR_SHARE and near:
                    b = self.of[near[rng.randint(len(near))]]
                    if b == a:
                        continue
                    v = self.lists[b][rng.randint(len(self.lists[b]))]
                else:
                    v = rng.randint(n_units)
                    b = self.of[v]
                if self.fixed[v] >= 0:
                    continue
            if b == a:
                continue
            r = rng.random()
            floor = temperature * math.log(r) if r > 0.0 else -math.inf
            if not self.fits(u, b, v):
                continue
            change = self.delta(u, b, v)
            if change >= floor:
                if v < 0:
                    self._move(u, b)
                else:
                    self._swap(u, v)
                total += change
                if total > best + self.eps:
                    best, best_of = total, list(self.of)
        return total, best, best_of

    def descend(self) -> None:
        self.local_search()
        if self.fair > 0:
            self.fair_descent()

    def run(self, rounds: int) -> float:
        """Twin of ``run_ils``: descend on the first call, then the rounds; the best
        objective so far."""
        strength = max(2, min(len(self.units) // 8, 12))
        if not self.started:
            self.descend()
            self.current = self.total() + self.fair_term()
            if self.current > self.best_f:
                self.best_f, self.best_of = self.current, list(self.of)
            self.started = True
        for _ in range(rounds):
            saved = list(self.of)
            self.perturb(1 + self.rng.randint(max(1, strength)))
            self.descend()
            f = self.total() + self.fair_term()
            if f > self.best_f + self.eps:
                self.best_f, self.best_of = f, list(self.of)
            if f >= self.current - self.eps:
                self.current = f
            else:
                self.of = saved
                self._relist()
        return self.best_f


# The scale path (natverk.matching._features) -----------------------------------------------


@dataclass(frozen=True)
class TopicTwin:
    """Hopes as topic sets for :class:`FeatureTwin` (``weight`` per member met, up to
    ``target``)."""

    hopes: Sequence[set[int]]
    offers: Sequence[set[int]]
    weight: float
    target: int


class FeatureTwin:
    """Twin of ``_sweep`` and ``_perturb`` and, given topics, of ``_hope_sweep``: every
    score summed member by member, who may not share a group asked of the pairs and
    labels themselves, and whose hopes are met recounted from the topic sets."""

    def __init__(
        self, left: NDArray[np.float64], right: NDArray[np.float64], bias: float,
        of: Sequence[int], movable: Sequence[bool], forbidden: set[tuple[int, int]],
        masks: Sequence[int], lower: Sequence[int], upper: Sequence[int], eps: float,
        apart: Sequence[Sequence[int]] = (), topics: TopicTwin | None = None,
    ) -> None:  # fmt: skip
        self.L, self.R, self.bias = left, right, bias
        self.of, self.movable, self.forbidden = list(of), list(movable), forbidden
        self.apart = [list(labels) for labels in apart]
        self.masks, self.lower, self.upper, self.eps = [int(m) for m in masks], lower, upper, eps
        self.has_mask = any(m != ALL for m in self.masks)
        self.groups = len(lower)
        self.lists = [[i for i in range(len(of)) if of[i] == g] for g in range(self.groups)]
        self.topics = topics
        n = len(of)
        self.can = [
            topics is not None
            and any(topics.hopes[i] & topics.offers[j] for j in range(n) if j != i)
            for i in range(n)
        ]

    def met(self, of: Sequence[int] | None = None) -> list[bool]:
        of = self.of if of is None else of
        t, n = self.topics, len(of)
        return [
            t is not None
            and any(t.hopes[i] & t.offers[j] for j in range(n) if j != i and of[j] == of[i])
            for i in range(n)
        ]

    def value(self, of: Sequence[int] | None = None) -> float:
        hoped = (
            0.0
            if self.topics is None
            else self.topics.weight * min(sum(self.met(of)), self.topics.target)
        )
        return self.total(of) + hoped

    def score(self, i: int, j: int) -> float:
        return float(self.L[i] @ self.R[j] + self.L[j] @ self.R[i] + self.bias)

    def total(self, of: Sequence[int] | None = None) -> float:
        of = self.of if of is None else of
        n = len(of)
        return sum(self.score(i, j) for i in range(n) for j in range(i + 1, n) if of[i] == of[j])

    def _move(self, i: int, b: int) -> None:
        a = self.of[i]
        lst = self.lists[a]
        k = lst.index(i)
        lst[k] = lst[-1]
        lst.pop()
        self.lists[b].append(i)
        self.of[i] = b

    def _common(self, g: int, without: int, plus: int) -> int:
        m = ALL
        for v in self.lists[g]:
            if v != without:
                m &= self.masks[v]
        return m & (self.masks[plus] if plus >= 0 else ALL)

    def _kept_apart(self, i: int, j: int) -> bool:
        return (min(i, j), max(i, j)) in self.forbidden or any(
            labels[i] >= 0 and labels[i] == labels[j] for labels in self.apart
        )

    def _bad(self, i: int, g: int, skip: int) -> bool:
        return any(self._kept_apart(i, j) for j in self.lists[g] if j not in (skip, i))

    def fits(self, i: int, b: int, j: int) -> bool:
        a = self.of[i]
        if not self.movable[i] or (j >= 0 and not self.movable[j]):
            return False
        if j < 0 and (
            len(self.lists[a]) - 1 < self.lower[a] or len(self.lists[b]) + 1 > self.upper[b]
        ):
            return False
        if self._bad(i, b, j) or (j >= 0 and self._bad(j, a, i)):
            return False
        if self.has_mask:
            if j < 0:
                return self._common(b, -1, i) != 0
            return self._common(a, i, j) != 0 and self._common(b, j, i) != 0
        return True

    def delta(self, i: int, b: int, j: int) -> float:
        after = list(self.of)
        after[i] = b
        if j >= 0:
            after[j] = self.of[i]
        return self.value(after) - self.value()

    def _helping(self, i: int, rank: NDArray[np.float64]) -> NDArray[np.float64]:
        t = self.topics
        assert t is not None
        return np.array(
            [
                rank[g] if any(t.hopes[i] & t.offers[j] for j in self.lists[g]) else -np.inf
                for g in range(self.groups)
            ]
        )

    def _top(self, rank: NDArray[np.float64], top: int) -> list[int]:
        order = [int(q) for q in np.argsort(-rank, kind="stable") if rank[q] > -np.inf]
        picked = order[: min(top, rank.size)]
        return picked + [-1] * (min(top, rank.size) - len(picked))

    def sweep(
        self, order: Sequence[int], stale: NDArray[np.float32], evict: NDArray[np.float64], top: int
    ) -> None:
        for r, i in enumerate(order):
            if not self.movable[i]:
                continue
            a = self.of[i]
            rank = np.array(
                [
                    stale[r, g] + self.bias * len(self.lists[g]) - evict[g]
                    for g in range(self.groups)
                ]
            )
            rank[a] = -np.inf
            candidates = self._top(rank, top)
            if self.topics is not None and self.can[i] and not self.met()[i]:
                candidates += self._top(self._helping(i, rank), top)
            best, tb, tj = self.eps, -1, -1
            for b in candidates:
                if b < 0 or b == a or rank[b] == -np.inf:
                    continue
                if self.fits(i, b, -1):
                    delta = self.delta(i, b, -1)
                    if delta > best:
                        best, tb, tj = delta, b, -1
                for j in list(self.lists[b]):
                    if not self.movable[j]:
                        continue
                    delta = self.delta(i, b, j)
                    if delta > best and self.fits(i, b, j):
                        best, tb, tj = delta, b, j
            if tb >= 0:
                self._move(i, tb)
                if tj >= 0:
                    self._move(tj, a)

    def perturb(self, count: int, rng: Stream) -> list[int]:
        n = len(self.of)
        done = tries = 0
        touched: list[int] = []
        while done < count and tries < 20 * count + 20:
            tries += 1
            i, j = rng.randint(n), rng.randint(n)
            a, b = self.of[i], self.of[j]
            if a == b or not self.fits(i, b, j):
                continue
            self._move(i, b)
            self._move(j, a)
            touched += [i, j]
            done += 1
        return touched


# Breakout rounds (natverk.matching._rounds_kernels) ----------------------------------------


class RoundsTwin:
    """Twin of the schedule kernels: rooms per round only; every meeting count and
    cost recomputed from the rooms."""

    def __init__(self, room: NDArray[np.int64], h: NDArray[np.float64], repeat: float) -> None:
        self.room = room.copy()
        self.h, self.repeat = h, repeat
        self.n = room.shape[1]

    def counts(self) -> NDArray[np.int64]:
        c = np.zeros((self.n, self.n), dtype=np.int64)
        for r in range(self.room.shape[0]):
            for i in range(self.n):
                for j in range(self.n):
                    if i != j and self.room[r, i] >= 0 and self.room[r, i] == self.room[r, j]:
                        c[i, j] += 1
        return c

    def pair_cost(self, count: int, i: int, j: int) -> float:
        return float(self.h[i, j] * count + self.repeat * max(count - 1, 0))

    def cost(self) -> float:
        c = self.counts()
        return sum(
            self.pair_cost(int(c[i, j]), i, j) for i, j in itertools.combinations(range(self.n), 2)
        )

    def swap_delta(self, r: int, i: int, j: int) -> float:
        before = self.cost()
        self._swap(r, i, j)
        after = self.cost()
        self._swap(r, i, j)
        return after - before

    def _swap(self, r: int, i: int, j: int) -> None:
        self.room[r, i], self.room[r, j] = self.room[r, j], self.room[r, i]

    def conflict(self, r: int, i: int, c: NDArray[np.int64]) -> bool:
        a = self.room[r, i]
        return a >= 0 and any(
            j != i and self.room[r, j] == a and (c[i, j] > 1 or self.h[i, j] > 0)
            for j in range(self.n)
        )

    def kick(self, rounds: Sequence[int], kicks: int, rng: Stream) -> None:
        for _ in range(kicks):
            r = rounds[rng.randint(len(rounds))]
            x, y = rng.randint(self.n), rng.randint(self.n)
            if self.room[r, x] < 0 or self.room[r, y] < 0 or self.room[r, x] == self.room[r, y]:
                continue
            self._swap(r, x, y)

    def tabu_all(
        self, rounds: Sequence[int], n_iters: int, tmin: int, tmax: int, max_stable: int,
        kicks: int, target: float, rng: Stream,
    ) -> tuple[float, int]:  # fmt: skip
        n = self.n
        tabu = np.zeros((self.room.shape[0], n, n), dtype=np.int64)
        cost = best = self.cost()
        best_room = self.room.copy()
        stable = it = 0
        while it < n_iters:
            it += 1
            if best <= target:
                break
            c = self.counts()
            flag = {(r, i): self.conflict(r, i, c) for r in rounds for i in range(n)}
            bd, br, bi, bj, ties = 1e300, -1, -1, -1, 0
            for r in rounds:
                for i in range(n):
                    if not flag[(r, i)]:
                        continue
                    a = self.room[r, i]
                    for j in range(n):
                        b = self.room[r, j]
                        if b < 0 or b == a or (flag[(r, j)] and j < i):
                            continue
                        d = self.swap_delta(r, i, j)
                        if tabu[r, i, j] > it and cost + d >= best - 1e-9:
                            continue
                        if d < bd - 1e-9:
                            bd, br, bi, bj, ties = d, r, i, j, 1
                        elif d < bd + 1e-9:
                            ties += 1
                            if rng.randint(ties) == 0:
                                br, bi, bj = r, i, j
            if bi < 0:
                continue
            self._swap(br, bi, bj)
            cost += bd
            t = it + tmin + rng.randint(tmax - tmin + 1)
            tabu[br, bi, bj] = tabu[br, bj, bi] = t
            if cost < best - 1e-9:
                best, best_room, stable = cost, self.room.copy(), 0
            else:
                stable += 1
            if stable > max_stable:
                self.room[list(rounds)] = best_room[list(rounds)]
                self.kick(rounds, kicks, rng)
                cost = self.cost()
                stable = 0
        self.room[list(rounds)] = best_room[list(rounds)]
        return best, it

    def tabu_rounds(
        self, rounds: Sequence[int], n_iters: int, tenure: int, target: float, rng: Stream
    ) -> float:
        n = self.n
        tabu = np.zeros((self.room.shape[0], n), dtype=np.int64)
        cost = best = self.cost()
        best_room = self.room.copy()
        stall = 0
        for it in range(n_iters):
            if best <= target:
                break
            r = rounds[rng.randint(len(rounds))]
            c = self.counts()
            flag = [self.conflict(r, i, c) for i in range(n)]
            if not any(flag):
                continue
            bd, bi, bj, ties = 1e300, -1, -1, 0
            for i in range(n):
                if not flag[i]:
                    continue
                a = self.room[r, i]
                for j in range(n):
                    b = self.room[r, j]
                    if b < 0 or b == a:
                        continue
                    d = self.swap_delta(r, i, j)
                    if (tabu[r, i] > it or tabu[r, j] > it) and cost + d >= best - 1e-9:
                        continue
                    if d < bd - 1e-9:
                        bd, bi, bj, ties = d, i, j, 1
                    elif d < bd + 1e-9:
                        ties += 1
                        if rng.randint(ties) == 0:
                            bi, bj = i, j
            if bi < 0:
                continue
            self._swap(r, bi, bj)
            cost += bd
            tabu[r, bi] = it + tenure + rng.randint(tenure + 1)
            tabu[r, bj] = it + tenure + rng.randint(tenure + 1)
            if cost < best - 1e-9:
                best, best_room, stall = cost, self.room.copy(), 0
            else:
                stall += 1
            if stall > 2000:
                self.kick(rounds, 3, rng)
                cost = self.cost()
                stall = 0
        self.room[list(rounds)] = best_room[list(rounds)]
        return best

    def _join_cost(self, r: int, k: int, i: int, c: NDArray[np.int64]) -> float:
        return sum(
            self.pair_cost(int(c[i, j]) + 1, i, j) - self.pair_cost(int(c[i, j]), i, j)
            for j in range(self.n)
            if self.room[r, j] == k
        )

    def cheapest_rooms(self, r: int, order: Sequence[int], cap: Sequence[int]) -> None:
        for i in order:
            c = self.counts()
            costs = [
                (self._join_cost(r, k, i, c), k)
                for k in range(len(cap))
                if int(np.sum(self.room[r] == k)) < cap[k]
            ]
            best_cost = min(cost for cost, _ in costs)
            self.room[r, i] = next(k for cost, k in costs if cost == best_cost)

    def greedy_round(self, r: int, people: Sequence[int], cap: Sequence[int], rng: Stream) -> None:
        m = len(people)
        c0 = self.counts()
        fresh = np.array(
            [
                [a != b and c0[i, j] == 0 and self.h[i, j] <= 0 for b, j in enumerate(people)]
                for a, i in enumerate(people)
            ],
            dtype=float,
        )
        free = fresh @ fresh.T
        placed = [False] * m
        for k in range(len(cap)):
            while int(np.sum(self.room[r] == k)) < cap[k]:
                c = self.counts()
                bestc, bestf, ba, bb, ties = 1e300, -1.0, -1, -1, 0
                if cap[k] - int(np.sum(self.room[r] == k)) >= 2:
                    for a in range(m):
                        if placed[a]:
                            continue
                        i = people[a]
                        ca = self._join_cost(r, k, i, c)
                        if ca > bestc:
                            continue
                        for b in range(a + 1, m):
                            if placed[b]:
                                continue
                            j = people[b]
                            cb = (
                                ca
                                + self.pair_cost(int(c[i, j]) + 1, i, j)
                                - self.pair_cost(int(c[i, j]), i, j)
                            )
                            if cb > bestc:
                                continue
                            cb += self._join_cost(r, k, j, c)
                            f = free[a, b]
                            if cb < bestc - 1e-9 or (cb < bestc + 1e-9 and f > bestf):
                                bestc, bestf, ba, bb, ties = cb, f, a, b, 1
                            elif cb < bestc + 1e-9 and f == bestf:
                                ties += 1
                                if rng.randint(ties) == 0:
                                    ba, bb = a, b
                else:
                    for a in range(m):
                        if placed[a]:
                            continue
                        ca = self._join_cost(r, k, people[a], c)
                        f = free[a, a]
                        if ca < bestc - 1e-9 or (ca < bestc + 1e-9 and f > bestf):
                            bestc, bestf, ba, ties = ca, f, a, 1
                        elif ca < bestc + 1e-9 and f == bestf:
                            ties += 1
                            if rng.randint(ties) == 0:
                                ba = a
                for a in (ba, bb):
                    if a >= 0:
                        placed[a] = True
                        self.room[r, people[a]] = k


# Cyclic base rounds (natverk.matching._cyclic_kernels) -------------------------------------

FORBIDDEN = 1000


class CyclicTwin:
    """Twin of ``cyclic_tabu``: the cost counts every pair of uses of a class whose
    anchors lie less than ``window`` shifts apart, recomputed from the base rounds."""

    def __init__(
        self, members: NDArray[np.int64], sizes: Sequence[int], cls: NDArray[np.int64],
        anc: NDArray[np.int64], period: NDArray[np.int64], window: int, tabu: NDArray[np.int64],
        rng: Stream,
    ) -> None:  # fmt: skip
        self.members, self.sizes = members.copy(), list(sizes)
        self.cls, self.anc, self.period, self.window = cls, anc, period, window
        self.tabu, self.rng = tabu, rng

    def cost(self) -> int:
        uses: dict[int, list[int]] = {}
        forbidden = 0
        for t in range(self.members.shape[0]):
            for room, size in enumerate(self.sizes):
                people = self.members[t, room, :size]
                for x, p in enumerate(people):
                    for r in people[x + 1 :]:
                        c = int(self.cls[p, r])
                        if c < 0:
                            forbidden += 1
                        else:
                            uses.setdefault(c, []).append(int(self.anc[p, r]))
        total = FORBIDDEN * forbidden
        for c, anchors in uses.items():
            s = int(self.period[c])
            for x, a in enumerate(anchors):
                for b in anchors[x + 1 :]:
                    gap = (a - b) % s
                    near = 2 * self.window - 1 >= s or min(gap, s - gap) < self.window
                    total += int(near)
        return total

    def where(self, t: int, p: int) -> tuple[int, int]:
        for room, size in enumerate(self.sizes):
            for x in range(size):
                if self.members[t, room, x] == p:
                    return room, x
        raise AssertionError(p)

    def _swap(self, t: int, p: int, q: int) -> None:
        (gp, sp), (gq, sq) = self.where(t, p), self.where(t, q)
        self.members[t, gp, sp], self.members[t, gq, sq] = q, p

    def delta(self, t: int, p: int, q: int) -> int:
        before = self.cost()
        self._swap(t, p, q)
        after = self.cost()
        self._swap(t, p, q)
        return after - before

    def run(
        self, n_iters: int, it0: int, tmin: int, tmax: int, stall_limit: int, kicks: int
    ) -> tuple[int, int]:
        n_base, n = self.members.shape[0], self.tabu.shape[1]
        cost = best = self.cost()
        best_members = self.members.copy()
        stall, it = 0, it0
        while it < it0 + n_iters and best > 0:
            it += 1
            bd, bt, bp, bq, ties = 1 << 60, -1, -1, -1, 0
            for t in range(n_base):
                for p in range(n):
                    gp = self.where(t, p)[0]
                    for q in range(p + 1, n):
                        if self.where(t, q)[0] == gp:
                            continue
                        d = self.delta(t, p, q)
                        if self.tabu[t, p, q] > it and cost + d >= best:
                            continue
                        if d < bd:
                            bd, bt, bp, bq, ties = d, t, p, q, 1
                        elif d == bd:
                            ties += 1
                            if self.rng.randint(ties) == 0:
                                bt, bp, bq = t, p, q
            if bp < 0:
                continue
            self._swap(bt, bp, bq)
            cost += bd
            until = it + tmin + self.rng.randint(tmax - tmin + 1)
            self.tabu[bt, bp, bq] = self.tabu[bt, bq, bp] = until
            if cost < best:
                best, best_members, stall = cost, self.members.copy(), 0
            else:
                stall += 1
            if stall > stall_limit:
                for _ in range(kicks):
                    t = self.rng.randint(n_base)
                    p, q = self.rng.randint(n), self.rng.randint(n)
                    if self.where(t, p)[0] != self.where(t, q)[0]:
                        cost += self.delta(t, p, q)
                        self._swap(t, p, q)
                stall = 0
        self.members = best_members
        return best, it


# Bounds (natverk.matching._lagrange) --------------------------------------------------------


def top_per_row(
    rows: NDArray[np.float64], m: int, offset: int
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Twin of ``top_per_row``: each row's m largest values (ties: the earlier column)."""
    vals = np.full((rows.shape[0], m), -np.inf)
    idx = np.full((rows.shape[0], m), -1, dtype=np.int64)
    for r in range(rows.shape[0]):
        cols = [c for c in range(rows.shape[1]) if c != offset + r and rows[r, c] > -np.inf]
        cols.sort(key=lambda c: -rows[r, c])
        for k, c in enumerate(cols[:m]):
            vals[r, k], idx[r, k] = rows[r, c], c
    return vals, idx


def lagrangian_value(
    n: int, pairs: Sequence[tuple[int, int, float]], mu: Sequence[float], cap: Sequence[float],
    m_lo: int, m_hi: int,
) -> float:  # fmt: skip
    """Twin of ``_evaluate``: L(mu) by trying every count of partners for every member."""
    total = 0.0
    for i in range(n):
        options = []
        for p, (a, b, s) in enumerate(pairs):
            if a == i:
                options.append(s / 2.0 + mu[p])
            elif b == i:
                options.append(s / 2.0 - mu[p])
        options.sort(reverse=True)
        best = 0.0 if m_lo == 0 else -np.inf
        for m in range(max(m_lo, 1), m_hi + 1):
            # the m best of the candidates and up to m entries of cap_i / 2
            pool = sorted(options + [cap[i] / 2.0] * m_hi, reverse=True)[:m]
            best = max(best, sum(pool))
        total += best
    return total
