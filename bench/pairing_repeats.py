"""Small teams in pairs, round after round until everyone has met everyone: repeats.

For each team size, many seeds: rounds of `natverk.matching.meetups.plan_meetups` with
the history of the earlier rounds (as the pairing app builds it), n - 1 rounds (a round
robin's length). Counts the rounds with a repeated pair, and of those how many could
have been avoided (a pairing of all-new pairs existed: every pairing tried, so only up
to 12 people), and the slowest round. A round robin chosen in advance has no repeats;
rounds chosen one at a time can paint themselves into a corner (the pairs left unmet no
longer pair everyone), so the unavoidable ones are the price of planning round by round.

    .venv/bin/python bench/pairing_repeats.py
    .venv/bin/python bench/pairing_repeats.py --seeds 30 --sizes 6 8 10 12 16 20
    .venv/bin/python bench/pairing_repeats.py --dense 600 560   # the search's worst case
"""

from __future__ import annotations

import argparse
import random
import time
from itertools import combinations

from natverk.matching.meetups import Colleague, encounter_cost, plan_meetups

BRUTE_FORCE_UP_TO = 12


def _new_pairing_exists(n: int, met: set[tuple[int, int]]) -> bool:
    def pair(rest: tuple[int, ...]) -> bool:
        if not rest:
            return True
        a = rest[0]
        return any(
            (a, b) not in met and pair(rest[1:k] + rest[k + 1 :])
            for k, b in enumerate(rest[1:], start=1)
        )

    return pair(tuple(range(n)))


def team(n: int, seed: int) -> tuple[int, int, int, float]:
    """Rounds with a repeat, repeated pairs, avoidable rounds (-1: not checked), slowest s."""
    people = [Colleague(department=f"team {k}") for k in range(n)]
    met: set[tuple[int, int]] = set()
    rounds: list[list[list[int]]] = []
    with_repeat = repeated = avoidable = 0
    slowest = 0.0
    for r in range(n - 1):
        history: dict[tuple[int, int], float] = {}
        for ago, meetups in enumerate(reversed(rounds)):
            for m in meetups:
                for pair in combinations(m, 2):
                    history[pair] = history.get(pair, 0.0) + encounter_cost(ago, True)
        start = time.perf_counter()
        plan = plan_meetups(people, history=history, seed=1000 * seed + r)
        slowest = max(slowest, time.perf_counter() - start)
        if plan.repeats:
            with_repeat += 1
            repeated += plan.repeats
            if n > BRUTE_FORCE_UP_TO:
                avoidable = -1
            elif avoidable >= 0 and _new_pairing_exists(n, met):
                avoidable += 1
        met |= {pair for m in plan.meetups for pair in combinations(m, 2)}
        rounds.append(plan.meetups)
    return with_repeat, repeated, avoidable, slowest


def dense(n: int, partners: int) -> None:
    """One round of n people who each met ``partners`` random others (nearly everyone)."""
    rng = random.Random(1)
    people = [Colleague(department=f"department {k % 9}") for k in range(n)]
    history = {
        (min(a, b), max(a, b)): encounter_cost(5, True)
        for a in range(n)
        for b in rng.sample(range(n), partners)
        if a != b
    }
    start = time.perf_counter()
    plan = plan_meetups(people, history=history, seed=3)
    print(
        f"{n} people, {partners} earlier partners each: {plan.repeats} repeated pairs, "
        f"{plan.same_department} within a department, {time.perf_counter() - start:.2f} s"
    )


def main() -> None:
    """Print one line per team size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=30)
    parser.add_argument("--sizes", type=int, nargs="+", default=[6, 8, 10, 12, 16, 20, 40])
    parser.add_argument("--dense", type=int, nargs=2, metavar=("PEOPLE", "PARTNERS"))
    args = parser.parse_args()
    if args.dense:
        dense(*args.dense)
        return
    print(
        f"{'people':>6} {'rounds':>6} {'seeds':>5} {'rounds w/ repeat':>16} "
        f"{'repeated pairs':>14} {'avoidable':>9} {'slowest round ms':>16}"
    )
    for n in args.sizes:
        results = [team(n, seed) for seed in range(args.seeds)]
        avoidable = [r[2] for r in results]
        shown = "-" if min(avoidable) < 0 else str(sum(avoidable))
        print(
            f"{n:>6} {n - 1:>6} {args.seeds:>5} {sum(r[0] for r in results):>16} "
            f"{sum(r[1] for r in results):>14} {shown:>9} "
            f"{1000 * max(r[3] for r in results):>16.1f}"
        )


if __name__ == "__main__":
    main()
