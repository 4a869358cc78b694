"""Breakout rounds and pairs benchmark.

Social Golfer instances g-s-w (g rooms of s people, w rounds; ../shared/bench/golfer):
does natverk find a schedule with no repeated pair, and how fast; then the live sizes
(100 people x 6 rounds of 3-5 and 2,000 x 6) and 10,000 people paired. Random rooms
are shown for comparison.

    .venv/bin/python bench/rounds.py
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np

from natverk.matching.pairs import plan_pairs
from natverk.matching.rounds import count_repeats, plan_rounds, room_sizes

GOLFERS = [(5, 3, 7), (6, 4, 7), (5, 5, 6), (8, 4, 10), (7, 4, 9), (10, 4, 13)]


def _random(n: int, rounds: int, size: tuple[int, int], seed: int) -> int:
    rng = np.random.default_rng(seed)
    plan = []
    for _ in range(rounds):
        order = list(rng.permutation(n))
        rooms, at = [], 0
        for s in room_sizes(n, size):
            rooms.append([int(p) for p in order[at : at + s]])
            at += s
        plan.append(rooms)
    return count_repeats(plan, n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--golf-seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    plan_rounds(9, 2, (3, 3), seed=0, time_limit=0.1)  # compile before timing
    print(f"{'instance':<12}{'people':>7}{'repeats':>9}{'random':>8}{'seconds':>9}")
    for g, s, w in GOLFERS:
        n = g * s
        t0 = time.perf_counter()
        plan = plan_rounds(n, w, (s, s), seed=args.seed, time_limit=args.golf_seconds)
        seconds = time.perf_counter() - t0
        rand = _random(n, w, (s, s), args.seed)
        print(f"{f'{g}-{s}-{w}':<12}{n:>7}{plan.repeats:>9}{rand:>8}{seconds:>9.2f}", flush=True)
    for n, limit in ((100, 0.5), (2000, 8.0)):
        t0 = time.perf_counter()
        plan = plan_rounds(n, 6, (3, 5), seed=args.seed, time_limit=limit)
        seconds = time.perf_counter() - t0
        rand = _random(n, 6, (3, 5), args.seed)
        print(f"{f'{n}x6 3-5':<12}{n:>7}{plan.repeats:>9}{rand:>8}{seconds:>9.2f}", flush=True)
    departments = [str(d) for d in np.random.default_rng(args.seed).integers(0, 40, 10_000)]
    t0 = time.perf_counter()
    first = plan_pairs(departments, seed=args.seed)
    recent = [tuple(p[:2]) for p in first.pairs]
    second = plan_pairs(departments, recent=recent, seed=args.seed + 1)  # type: ignore[arg-type]
    seconds = (time.perf_counter() - t0) / 2
    print(
        f"{'pairs 10k':<12}{10_000:>7}{second.repeats:>9}{'':>8}{seconds:>9.2f}"
        f"   (same department: {second.same_department})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
