"""Which points of the hopes / profession / industry frontier exist for a cohort:
simulated annealing on bench/cohorts.py's own metrics, with the hopes share and the
industry spread as constraints and profession similarity as the objective.

This is a reference, not natverk's search: it knows the metrics that the product's
affinity model only approximates, and shows whether issue 22's targets can be met
together at all (natverk's own figures come from bench/cohorts.py).

    .venv/bin/python bench/frontier.py --n 200 --seconds 60 --hoping 0.95 --spread 0.82
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from dataclasses import dataclass

import numpy as np
from numba import njit
from numpy.typing import NDArray

from natverk.cohorts import generate_cohort
from natverk.matching.affinity import build_affinity
from natverk.matching.problem import prepare
from natverk.taxonomy import occupation_distance

SIZE = 8


@dataclass(frozen=True)
class Cohort:
    """The metrics' inputs as arrays: profession similarity, NACE division, who meets
    whose hopes, pairs kept apart, availability."""

    sim: NDArray[np.float64]
    division: NDArray[np.int64]
    helps: NDArray[np.bool_]
    hoping: NDArray[np.bool_]
    apart: NDArray[np.bool_]
    slots: NDArray[np.uint64]


def load(n: int, seed: int) -> Cohort:
    """bench/cohorts.py's cohort of ``n`` (the same generator and seed)."""
    people = generate_cohort(n, seed=seed)
    model = build_affinity(people)
    problem = model.problem((6, SIZE))
    kept = prepare(problem).kept_apart
    sim = np.array(
        [[0.0 if i == j else 1.0 - occupation_distance(a.profession, b.profession)
          for j, b in enumerate(people)] for i, a in enumerate(people)]
    )  # fmt: skip
    codes: dict[str, int] = {}
    division = np.array([codes.setdefault(p.industry[:2], len(codes)) for p in people])
    hopes, offers = model.hope_topics, model.offer_topics
    helps = np.array([[i != j and bool(hopes[i] & offers[j]) for j in range(n)] for i in range(n)])
    apart = np.zeros((n, n), dtype=np.bool_)
    for i in range(n):
        for j in range(i + 1, n):
            pair = np.full(n, -1, dtype=np.int64)
            pair[[i, j]] = 0
            apart[i, j] = apart[j, i] = len(kept.together(pair)) > 0
    assert problem.availability is not None
    return Cohort(sim, division.astype(np.int64), helps, helps.any(axis=1), apart,
                  np.asarray(problem.availability, dtype=np.uint64))  # fmt: skip


@njit(cache=True)
def _group(members, sim, division, helps, hoping, apart, slots):
    """[profession pairs' sum, pairs kept apart, hoping members met, share of distinct
    divisions, 1 when no common slot] of one group."""
    pairs, clashes, met, distinct = 0.0, 0.0, 0.0, 0
    common = np.uint64(0xFFFFFFFFFFFFFFFF)
    seen = np.zeros(division.max() + 1, dtype=np.bool_)
    for x in range(members.size):
        i = members[x]
        common &= slots[i]
        if not seen[division[i]]:
            seen[division[i]] = True
            distinct += 1
        hit = False
        for y in range(members.size):
            j = members[y]
            if y > x:
                pairs += sim[i, j]
                clashes += 1.0 if apart[i, j] else 0.0
            hit = hit or (y != x and helps[i, j])
        met += 1.0 if hoping[i] and hit else 0.0
    return np.array([pairs, clashes, met, distinct / members.size, 1.0 if common == 0 else 0.0])


@njit(cache=True)
def _anneal(groups, sim, division, helps, hoping, apart, slots, moves, hot, cold, need, seed):
    """Swaps between groups; the objective is the mean profession similarity less a
    penalty for every hope, spread point, clash and slotless group short of the rules.
    Returns the best feasible similarity and its groups (-1 when none was feasible)."""
    np.random.seed(seed)
    g, pairs_total = groups.shape[0], groups.shape[0] * SIZE * (SIZE - 1) / 2
    parts = np.zeros((g, 5))
    for k in range(g):
        parts[k] = _group(groups[k], sim, division, helps, hoping, apart, slots)
    total = parts.sum(axis=0)

    def value(t):
        short = max(0.0, need[0] - t[2]) / 10.0 + max(0.0, need[1] - t[3] / g) * 5.0
        return t[0] / pairs_total - (short + t[1] + t[4])

    current, best, best_groups = value(total), -1.0, groups.copy()
    for step in range(moves):
        temperature = hot * (cold / hot) ** (step / moves)
        a, b = np.random.randint(g), np.random.randint(g)
        if a == b:
            continue
        x, y = np.random.randint(SIZE), np.random.randint(SIZE)
        groups[a, x], groups[b, y] = groups[b, y], groups[a, x]
        pa = _group(groups[a], sim, division, helps, hoping, apart, slots)
        pb = _group(groups[b], sim, division, helps, hoping, apart, slots)
        after = total - parts[a] - parts[b] + pa + pb
        new = value(after)
        if new >= current or np.random.random() < math.exp((new - current) / temperature):
            parts[a], parts[b], total, current = pa, pb, after, new
            feasible = total[1] == 0 and total[4] == 0 and total[2] >= need[0]
            if feasible and total[3] / g >= need[1] - 1e-9 and total[0] / pairs_total > best:
                best = total[0] / pairs_total
                best_groups[:] = groups
        else:
            groups[a, x], groups[b, y] = groups[b, y], groups[a, x]
    return best, best_groups


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="a multiple of 8")
    parser.add_argument("--seed", type=int, default=1, help="the cohort's (bench/cohorts.py)")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--hoping", type=float, default=0.95, help="share of hoping to meet")
    parser.add_argument("--spread", type=float, default=0.82, help="industry spread at least")
    args = parser.parse_args(argv)
    if args.n % SIZE:
        parser.error(f"--n must be a multiple of {SIZE} (groups of exactly {SIZE})")
    c = load(args.n, args.seed)
    need = np.array([math.ceil(args.hoping * c.hoping.sum()), args.spread])
    print(f"n {args.n}: {c.hoping.sum()} hoping (need {int(need[0])}), spread >= {args.spread:.0%}")
    heads = ("round", "prof sim", "of hoping", "ind spread", "clashes", "no time", "s")
    print(" ".join(f"{h:>{w}}" for h, w in zip(heads, (5, 9, 10, 11, 8, 8, 5), strict=True)))
    began, best, attempt = time.perf_counter(), -1.0, 0
    while time.perf_counter() - began < args.seconds:
        groups = np.random.default_rng(attempt).permutation(args.n).reshape(-1, SIZE)
        found, result = _anneal(groups, c.sim, c.division, c.helps, c.hoping, c.apart, c.slots,
                                20_000_000, 0.02, 0.0005, need, attempt)  # fmt: skip
        attempt += 1
        if found < 0:
            print(f"{attempt:>5} {'none feasible':>9}")
            continue
        parts = sum(_group(r, c.sim, c.division, c.helps, c.hoping, c.apart, c.slots)
                    for r in result)  # fmt: skip
        pairs = result.shape[0] * SIZE * (SIZE - 1) / 2
        print(f"{attempt:>5} {parts[0] / pairs:>9.3f} {parts[2] / c.hoping.sum():>10.1%} "
              f"{parts[3] / result.shape[0]:>11.1%} {int(parts[1]):>8} {int(parts[4]):>8} "
              f"{time.perf_counter() - began:>5.0f}", flush=True)  # fmt: skip
        best = max(best, found)
    print(f"best profession similarity with the rules kept: {best:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
