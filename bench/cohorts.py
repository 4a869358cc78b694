"""Cohort benchmark: natverk's grouping against random groups and a leader's
"fill groups in list order", on realistic cohorts from natverk.cohorts.

Metrics per grouping (higher is better for the first four):
- hopes met: share of members with at least one hope topic offered by someone in
  their group;
- of hoping: the same share among the members who have a hope that someone in the
  cohort can meet (the target: at least 95 %); "ceiling" is the share of members who
  have such a hope;
- profession similarity: mean over pairs in a group of 1 - ISCO-08 tree distance;
- industry spread: mean share of distinct NACE divisions among a group's members;
- conflicts: pairs in a group that the problem keeps apart: the same employer, a
  declared conflict and, up to 2,000 people, no common language (must be 0);
- no common time: groups without a meeting slot that suits everyone (must be 0).

    .venv/bin/python bench/cohorts.py --sizes 40 200 1000 10000

Up to 2,000 people the dense affinity model is used; above, the feature-based one
(`build_feature_affinity`: no wording term, no cap on give and take).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

import numpy as np
from numpy.typing import NDArray

from natverk.cohorts import generate_cohort
from natverk.matching import form_groups
from natverk.matching.affinity import (
    DENSE_LIMIT,
    AffinityWeights,
    build_affinity,
    build_feature_affinity,
)
from natverk.matching.applicant import Applicant
from natverk.matching.problem import KeptApart, prepare
from natverk.taxonomy import occupation_distance

SIZE = (6, 8)


@dataclass(frozen=True)
class _View:
    """What the metrics need, from either the dense or the feature-based model."""

    hopes: list[frozenset[str]]
    offers: list[frozenset[str]]
    kept_apart: KeptApart
    availability: NDArray[np.uint64]


def _can_be_met(view: _View) -> list[bool]:
    """Whether someone in the cohort offers a topic that member k hopes for."""
    offered_by: dict[str, int] = {}
    for offers in view.offers:
        for topic in offers:
            offered_by[topic] = offered_by.get(topic, 0) + 1
    return [
        any(offered_by.get(t, 0) - (t in view.offers[k]) > 0 for t in view.hopes[k])
        for k in range(len(view.hopes))
    ]


def _metrics(
    view: _View, people: Sequence[Applicant], groups: Sequence[Sequence[int]]
) -> tuple[float, float, float, float, int, int]:
    met = sims = spread = 0.0
    pairs = no_time = 0
    group_of = np.full(len(people), -1, dtype=np.int64)
    for k, members in enumerate(groups):
        group_of[list(members)] = k
    conflicts = len(view.kept_apart.together(group_of))
    can = _can_be_met(view)
    met_of_hoping = 0
    for members in groups:
        for k in members:
            offered = set().union(*(view.offers[j] for j in members if j != k))
            met += bool(view.hopes[k] & offered)
            met_of_hoping += can[k] and bool(view.hopes[k] & offered)
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                sims += 1.0 - occupation_distance(people[i].profession, people[j].profession)
                pairs += 1
        spread += len({people[k].industry[:2] for k in members}) / len(members)
        no_time += int(np.bitwise_and.reduce(view.availability[list(members)]) == 0)
    n = sum(len(g) for g in groups)
    hoping = max(1, sum(can))
    return (
        met / n, met_of_hoping / hoping, sims / max(pairs, 1), spread / len(groups), conflicts,
        no_time,
    )  # fmt: skip


def _chunks(order: Sequence[int], n_groups: int) -> list[list[int]]:
    return [list(order[g::n_groups]) for g in range(n_groups)]


def _weights_from(pairs: Sequence[str]) -> dict[str, float]:
    """`NAME=VALUE` pairs as AffinityWeights fields; an unknown name or a bad value stops."""
    known = {f.name for f in fields(AffinityWeights) if f.type in (float, "float")}
    out: dict[str, float] = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if name not in known:
            raise SystemExit(
                f"--weight: no weight {name!r}; the weights: {', '.join(sorted(known))}"
            )
        try:
            out[name] = float(value)
        except ValueError:
            raise SystemExit(f"--weight {pair}: {value!r} is not a number") from None
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[40, 200, 1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=None, help="default: 3 s, 10 s >500")
    parser.add_argument(
        "--hope-weight", type=float, default=None, help="AffinityWeights.hope_met (default: its)"
    )
    parser.add_argument(
        "--profession-weight",
        type=float,
        default=None,
        help="AffinityWeights.profession (default: its)",
    )
    parser.add_argument(
        "--hope-share", type=float, default=None, help="AffinityWeights.hope_share (the target)"
    )
    parser.add_argument(
        "--industry-weight", type=float, default=None, help="AffinityWeights.industry"
    )
    parser.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="any AffinityWeights field, e.g. --weight wording=0 (repeatable)",
    )
    args = parser.parse_args(argv)
    extra = _weights_from(args.weight)
    print(
        f"{'n':>6} {'method':<22}{'hopes met':>10}{'of hoping':>10}{'prof sim':>10}"
        f"{'ind spread':>11}{'conflicts':>10}{'no time':>8}{'seconds':>9}"
    )
    for n in args.sizes:
        people = generate_cohort(n, seed=args.seed)
        t0 = time.perf_counter()
        weights = AffinityWeights()
        if args.hope_weight is not None:
            weights = replace(weights, hope_met=args.hope_weight)
        if args.profession_weight is not None:
            weights = replace(weights, profession=args.profession_weight)
        if args.hope_share is not None:
            weights = replace(weights, hope_share=args.hope_share)
        if args.industry_weight is not None:
            weights = replace(weights, industry=args.industry_weight)
        weights = replace(weights, **extra)
        if n <= DENSE_LIMIT:
            model = build_affinity(people, weights)
            problem = model.problem(SIZE)
            hopes, offers = model.hope_topics, model.offer_topics
        else:
            problem, hopes, offers = build_feature_affinity(people, weights)
            problem = replace(problem, size=SIZE)
        build = time.perf_counter() - t0
        assert problem.availability is not None
        view = _View(hopes, offers, prepare(problem).kept_apart, problem.availability)
        n_groups = -(-n // SIZE[1])
        rng = np.random.default_rng(args.seed)
        limit = args.time_limit or (3.0 if n <= 500 else 10.0 if n <= DENSE_LIMIT else 60.0)
        t0 = time.perf_counter()
        ours = form_groups(problem, time_limit=limit, seed=args.seed).groups
        solve = time.perf_counter() - t0
        rows = [
            ("random", _chunks(list(rng.permutation(n)), n_groups), 0.0),
            (
                "fill in list order",
                [list(range(n))[k : k + SIZE[1]] for k in range(0, n, SIZE[1])],
                0.0,
            ),
            ("natverk", ours, build + solve),
        ]
        ceiling = sum(_can_be_met(view)) / n
        print(f"{n:>6} {'(ceiling)':<22}{ceiling:>10.1%}{1.0:>10.1%}", flush=True)
        for name, groups, seconds in rows:
            hopes_met, of_hoping, sim, spread, conflicts, no_time = _metrics(view, people, groups)
            print(
                f"{n:>6} {name:<22}{hopes_met:>10.1%}{of_hoping:>10.1%}{sim:>10.3f}"
                f"{spread:>11.1%}{conflicts:>10}{no_time:>8}{seconds:>9.1f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
