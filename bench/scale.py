"""Matching at scale: feature-scored cohorts of 10,000 and 100,000 into groups of 6-8.

Each member offers 3 and hopes for 3 of 16 topics (weights 0.5-1); the pair score is
offers_i . hopes_j + offers_j . hopes_i - 0.5, given as FeatureScores (no n x n
matrix). Every size runs in its own process so that peak RSS is per run (the search
process plus its second worker, when used).

    .venv/bin/python bench/scale.py --sizes 10000 --time-limit 50
    .venv/bin/python bench/scale.py --sizes 100000 --time-limit 540
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

import numpy as np


def cohort(n: int, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Offers (left) and hopes (right): 3 topics each, weights in [0.5, 1]."""
    rng = np.random.default_rng(seed)
    left = np.zeros((n, k), dtype=np.float32)
    right = np.zeros((n, k), dtype=np.float32)
    rows = np.repeat(np.arange(n), 3)
    for mat in (left, right):
        cols = np.argsort(rng.random((n, k)), axis=1)[:, :3].ravel()
        mat[rows, cols] = rng.uniform(0.5, 1.0, rows.size).astype(np.float32)
    return left, right


def run_one(n: int, k: int, time_limit: float, seed: int, workers: int | None) -> dict[str, float]:
    from natverk.matching import FeatureScores, GroupingProblem, form_groups

    left, right = cohort(n, k, seed)
    problem = GroupingProblem(FeatureScores(left, right, bias=-0.5), size=(6, 8))
    t0 = time.perf_counter()
    result = form_groups(problem, time_limit=time_limit, seed=seed, workers=workers)
    seconds = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    sizes = [len(g) for g in result.groups]
    assert sorted(m for g in result.groups for m in g) == list(range(n))
    assert min(sizes) >= 6 and max(sizes) <= 8
    return {
        "n": n,
        "k": k,
        "groups": len(result.groups),
        "seconds": seconds,
        "rss_mb": (rss + rss_children) / 1024,
        "objective": result.objective,
        "upper_bound": result.upper_bound,
        "gap": 100 * result.gap,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--k", type=int, default=16)
    parser.add_argument("--time-limit", type=float, nargs="+", default=[50.0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        row = run_one(args.sizes[0], args.k, args.time_limit[0], args.seed, args.workers)
        print(json.dumps(row))
        return
    limits = args.time_limit * len(args.sizes) if len(args.time_limit) == 1 else args.time_limit
    print("| n | k | groups | seconds | peak RSS MB | objective | upper bound | gap % |")
    print("|---|---|---|---|---|---|---|---|")
    for n, limit in zip(args.sizes, limits, strict=True):
        cmd = [sys.executable, __file__, "--one", "--sizes", str(n), "--k", str(args.k),
               "--time-limit", str(limit), "--seed", str(args.seed)]  # fmt: skip
        if args.workers is not None:
            cmd += ["--workers", str(args.workers)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"| {r['n']:,} | {r['k']} | {r['groups']:,} | {r['seconds']:.1f} | "
            f"{r['rss_mb']:.0f} | {r['objective']:.1f} | {r['upper_bound']:.1f} | {r['gap']:.2f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
