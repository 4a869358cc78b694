"""Breakout rounds and pairs benchmark.

Social Golfer instances g-s-w (g rooms of s people, w rounds; ../shared/bench/golfer):
does natverk find a schedule with no repeated pair, and how fast; then the live sizes
(100 people x 6 rounds of 3-5 and 2,000 x 6) and 10,000 people paired. Random rooms
are shown for comparison, and for sizes with no perfect schedule a lower bound on the
repeats ("bound").

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
# Sizes with no perfect schedule: (g, s, w, w*) with w* the proven largest number of
# rounds without a repeat (../shared/bench/golfer/README.md: 4-3 and 5-4 "exact, below
# UB", 6-6 no two MOLS of order 6, g < s gives w* = 1, 8-4 beyond the counting bound).
BEYOND = [(4, 3, 5, 4), (5, 4, 6, 5), (6, 6, 4, 3), (4, 5, 2, 1), (8, 4, 11, 10)]


def repeat_bound(g: int, s: int, w: int, best: int | None = None) -> int:
    """A lower bound on repeats: each person meets ``(s-1) w`` partners among ``n - 1``
    others (counting); at least one repeat beyond a proven ``w*``; and with ``g < s``
    every later room holds people from only ``g`` first-round rooms (pigeonhole)."""
    n = g * s
    counting = n * max(0, (s - 1) * w - (n - 1)) // 2
    bound = max(counting, 1 if best is not None and w > best else 0)
    if g < s:
        q, extra = divmod(s, g)
        same = extra * (q + 1) * q // 2 + (g - extra) * q * (q - 1) // 2
        bound = max(bound, (w - 1) * g * same)
    return bound


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
    parser.add_argument("--beyond-seconds", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    plan_rounds(9, 2, (3, 3), seed=0, time_limit=0.1)  # compile before timing
    plan_rounds(260, 2, (3, 5), seed=0, time_limit=0.1)  # (the large-group path too)
    print(f"{'instance':<12}{'people':>7}{'repeats':>9}{'bound':>7}{'random':>8}{'seconds':>9}")
    golf = [(g, s, w, None, args.golf_seconds) for g, s, w in GOLFERS]
    golf += [(g, s, w, best, args.beyond_seconds) for g, s, w, best in BEYOND]
    for g, s, w, best, limit in golf:
        n = g * s
        t0 = time.perf_counter()
        plan = plan_rounds(n, w, (s, s), seed=args.seed, time_limit=limit)
        seconds = time.perf_counter() - t0
        rand = _random(n, w, (s, s), args.seed)
        bound = repeat_bound(g, s, w, best)
        print(
            f"{f'{g}-{s}-{w}':<12}{n:>7}{plan.repeats:>9}{bound:>7}{rand:>8}{seconds:>9.2f}",
            flush=True,
        )
    for n, limit in ((100, 0.5), (2000, 8.0)):
        t0 = time.perf_counter()
        plan = plan_rounds(n, 6, (3, 5), seed=args.seed, time_limit=limit)
        seconds = time.perf_counter() - t0
        rand = _random(n, 6, (3, 5), args.seed)
        label = f"{n}x6 3-5"
        print(f"{label:<12}{n:>7}{plan.repeats:>9}{0:>7}{rand:>8}{seconds:>9.2f}", flush=True)
    departments = [str(d) for d in np.random.default_rng(args.seed).integers(0, 40, 10_000)]
    t0 = time.perf_counter()
    first = plan_pairs(departments, seed=args.seed)
    recent = [tuple(p[:2]) for p in first.pairs]
    second = plan_pairs(departments, recent=recent, seed=args.seed + 1)  # type: ignore[arg-type]
    seconds = (time.perf_counter() - t0) / 2
    print(
        f"{'pairs 10k':<12}{10_000:>7}{second.repeats:>9}{0:>7}{'':>8}{seconds:>9.2f}"
        f"   (same department: {second.same_department})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
