"""Schedules whose every round is fixed by a group of translations: search block orbits.

People are points ``(orbit, x)`` with ``x`` in ``Z_2^k`` (``m = 2^k`` points per orbit);
adding ``g`` to every ``x`` maps each round to itself. Such a round is a union of block
orbits: a block takes one coset of a subgroup ``S`` in each of ``size / |S|`` orbits, and
its translates cover those orbits exactly once. A block orbit makes every pair in one
*class* (two orbits and a difference ``x1 + x2``) meet exactly once, so a perfect
schedule is a choice of block orbits per round that covers each orbit once per round and
each class at most once overall: a small exact-cover model for CP-SAT.

This finds perfect schedules that neither the cyclic search nor the search over whole
schedules reaches, e.g. the Social Golfer instance 8-4-10 (four orbits of ``Z_2^3``).
Pure: no Django.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass

__all__ = [
    "BlockOrbit",
    "block_orbit_count",
    "block_orbits",
    "invariant_schedule",
    "subgroups",
]

Schedule = list[list[list[int]]]


@dataclass(frozen=True)
class BlockOrbit:
    """A base block: the coset ``reps[i] + S`` in orbit ``orbits[i]``, for subgroup ``S``.

    Its translates by ``Z_2^k`` are the rooms it puts in a round.
    """

    subgroup: tuple[int, ...]
    orbits: tuple[int, ...]
    reps: tuple[int, ...]

    def classes(self) -> list[tuple[int, int, int]]:
        """The pair classes ``(orbit1, orbit2, difference)`` this block orbit covers."""
        out: list[tuple[int, int, int]] = []
        for i, (o1, r1) in enumerate(zip(self.orbits, self.reps, strict=True)):
            out.extend((o1, o1, s) for s in self.subgroup if s)
            for o2, r2 in zip(self.orbits[i + 1 :], self.reps[i + 1 :], strict=True):
                out.extend((o1, o2, r1 ^ r2 ^ s) for s in self.subgroup)
        return out

    def rooms(self, m: int) -> list[list[int]]:
        """The rooms (people numbered ``orbit * m + x``) of this block orbit."""
        seen: set[tuple[int, ...]] = set()
        out: list[list[int]] = []
        pairs = list(zip(self.orbits, self.reps, strict=True))
        for g in range(m):
            room = tuple(sorted(o * m + (r ^ s ^ g) for o, r in pairs for s in self.subgroup))
            if room not in seen:
                seen.add(room)
                out.append(list(room))
        return out


def subgroups(k: int, order: int) -> list[tuple[int, ...]]:
    """All subgroups of ``Z_2^k`` (elements as bit masks) with ``order`` elements."""
    found: set[tuple[int, ...]] = set()
    dim = order.bit_length() - 1
    if 1 << dim != order or dim > k:
        return []
    for gens in itertools.combinations(range(1, 1 << k), dim):
        span = {0}
        for g in gens:
            span |= {x ^ g for x in span}
        if len(span) == order:
            found.add(tuple(sorted(span)))
    return sorted(found)


def block_orbits(k: int, orbits: int, size: int) -> list[BlockOrbit]:
    """Every block orbit of rooms of ``size`` on ``orbits`` orbits of ``Z_2^k``, once each
    (the first coset is the subgroup itself, the others one representative per coset)."""
    m = 1 << k
    out: list[BlockOrbit] = []
    order = 1
    while order <= min(size, m):
        if size % order == 0 and size // order <= orbits:
            for sub in subgroups(k, order):
                reps = sorted({min(x ^ s for s in sub) for x in range(m)})
                for chosen in itertools.combinations(range(orbits), size // order):
                    for rest in itertools.product(reps, repeat=len(chosen) - 1):
                        out.append(BlockOrbit(sub, chosen, (0, *rest)))
        order *= 2
    return out


def block_orbit_count(k: int, orbits: int, size: int) -> int:
    """How many block orbits :func:`block_orbits` lists, without listing them."""
    m, total, dim = 1 << k, 0, 0
    while (1 << dim) <= min(size, m):
        order = 1 << dim
        if size % order == 0 and size // order <= orbits:
            total += (
                _gaussian_binomial(k, dim)
                * math.comb(orbits, size // order)
                * (m // order) ** (size // order - 1)
            )
        dim += 1
    return total


def _gaussian_binomial(k: int, j: int) -> int:
    """Number of subgroups of order ``2^j`` in ``Z_2^k``."""
    num = den = 1
    for i in range(j):
        num *= (1 << (k - i)) - 1
        den *= (1 << (i + 1)) - 1
    return num // den


def _orders(n: int, size: int) -> list[int]:
    """Translation groups to try (``m = 2^k`` dividing ``n``): those with at least ``size``
    orbits first, largest first (smallest model), then the rest."""
    ms = [1 << k for k in range(1, 6) if n % (1 << k) == 0]
    wide = sorted((m for m in ms if n // m >= size), reverse=True)
    return wide + sorted((m for m in ms if n // m < size), reverse=True)


def invariant_schedule(
    n: int,
    rounds: int,
    sizes: list[int],
    *,
    seed: int,
    time_limit: float,
    max_variables: int = 50_000,
) -> Schedule | None:
    """A schedule of ``rounds`` rounds with rooms of ``sizes`` in which no pair meets
    twice, every round fixed by translations of ``Z_2^k``; None if none was found.

    Only for equal rooms. The likeliest group order gets half of ``time_limit``, the
    next half of the rest, and so on; orders whose model would have more than
    ``max_variables`` (block orbits x rounds) are skipped. CP-SAT runs on one worker
    with a fixed seed, so a found plan depends on the seed only.

    >>> plan = invariant_schedule(32, 10, [4] * 8, seed=1, time_limit=20)
    >>> plan is not None and len(plan) == 10
    True
    """
    if not sizes or len(set(sizes)) != 1 or sum(sizes) != n or rounds < 1:
        return None
    size = sizes[0]
    if size < 2 or rounds * (size - 1) > n - 1:
        return None
    start = time.perf_counter()
    orders = _orders(n, size)
    for i, m in enumerate(orders):
        left = time_limit - (time.perf_counter() - start)
        if left <= 0:
            return None
        # The first group order is the likeliest: it gets half the time, the next half of
        # what is left, and so on.
        share = left if i == len(orders) - 1 else left / 2
        found = _solve(n, m, rounds, size, seed, share, max_variables)
        if found is not None:
            return found
    return None


def _solve(
    n: int, m: int, rounds: int, size: int, seed: int, seconds: float, max_variables: int
) -> Schedule | None:
    """CP-SAT over block orbits for one group ``Z_2^k`` with ``m = 2^k``."""
    from ortools.sat.python import cp_model

    started = time.perf_counter()
    k = m.bit_length() - 1
    orbits = n // m
    if block_orbit_count(k, orbits, size) * rounds > max_variables:
        return None
    blocks = block_orbits(k, orbits, size)
    if not blocks:
        return None
    model = cp_model.CpModel()
    y = [[model.new_bool_var(f"y{r}_{b}") for b in range(len(blocks))] for r in range(rounds)]
    touching: list[list[int]] = [[] for _ in range(orbits)]
    covering: dict[tuple[int, int, int], list[int]] = {}
    for b, block in enumerate(blocks):
        for o in block.orbits:
            touching[o].append(b)
        for c in block.classes():
            covering.setdefault(c, []).append(b)
    for r in range(rounds):
        for o in range(orbits):
            model.add_exactly_one(y[r][b] for b in touching[o])
    for bs in covering.values():
        model.add_at_most_one(y[r][b] for r in range(rounds) for b in bs)
    # Symmetry: rounds are interchangeable, so order them by the kind of block orbit
    # (subgroup and orbits) that covers orbit 0; translating one orbit alone maps
    # schedules to schedules, so the first round's block there may use coset 0 only.
    kinds: dict[tuple[tuple[int, ...], tuple[int, ...]], int] = {}
    kind = [kinds.setdefault((b.subgroup, b.orbits), len(kinds)) for b in blocks]
    first = [sum(kind[b] * y[r][b] for b in touching[0]) for r in range(rounds)]
    for r in range(rounds - 1):
        model.add(first[r] <= first[r + 1])
    for b in touching[0]:
        if any(blocks[b].reps):
            model.add(y[0][b] == 0)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed % (2**31 - 1)
    # The clock includes building the model.
    solver.parameters.max_time_in_seconds = max(seconds - (time.perf_counter() - started), 0.01)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return [
        [room for b, block in enumerate(blocks) if solver.value(y[r][b]) for room in block.rooms(m)]
        for r in range(rounds)
    ]
