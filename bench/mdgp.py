"""MDGPLIB benchmark: natverk's MDGP solver against the best published values.

Prints one row per instance (reference value, ours, gap %, seconds, feasibility
checked independently of the solver) and the mean gap per family, size and kind.
Reference values: ../shared/bench/mdgp/reference_values.csv (TPSDP best of 20 runs,
or proven optima for n = 10, 12).

    .venv/bin/python bench/mdgp.py --sizes 120 --families RanReal Geo --numbers 1-10
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from natverk.formats.scores import read_mdgplib
from natverk.matching._mdgp import objective_of, solve_mdgp

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "mdgp"
TIME_LIMITS = {10: 0.5, 12: 0.5, 30: 1.0, 60: 2.0, 120: 3.0, 240: 20.0, 480: 120.0}


def _numbers(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out.extend(range(int(lo), int(hi or lo) + 1))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--families", nargs="+", default=["RanReal", "Geo"])
    parser.add_argument("--sizes", nargs="+", type=int, default=[120])
    parser.add_argument("--kinds", nargs="+", default=["ss", "ds"])
    parser.add_argument("--numbers", default="1-10", help="instance numbers, e.g. 1-5,8")
    parser.add_argument("--time-limit", type=float, default=None, help="override per size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    refs = {r["instance"]: r for r in csv.DictReader((args.data / "reference_values.csv").open())}

    # Compile the kernels before anything is timed.
    warm = np.random.default_rng(0).random((30, 30))
    solve_mdgp(warm + warm.T, np.full(3, 10), np.full(3, 10), time_limit=0.2, seed=0)

    header = f"{'instance':<22}{'n':>5}{'reference':>14}{'ours':>14}{'gap %':>9}{'s':>7}  feasible"
    print(header)
    print("-" * len(header))
    gaps: dict[tuple[str, int, str], list[float]] = defaultdict(list)
    for family in args.families:
        for n in args.sizes:
            for kind in args.kinds:
                for k in _numbers(args.numbers):
                    name = f"{family}_n{n:03d}_{kind}_{k:02d}"
                    path = args.data / family / f"{name}.txt"
                    if not path.exists() or name not in refs:
                        continue
                    inst = read_mdgplib(path)
                    limit = args.time_limit or TIME_LIMITS.get(n, 10.0)
                    t0 = time.perf_counter()
                    res = solve_mdgp(
                        inst.d,
                        inst.lower,
                        inst.upper,
                        time_limit=limit,
                        seed=args.seed,
                        workers=args.workers,
                    )
                    seconds = time.perf_counter() - t0
                    a = res.assignment
                    sizes = np.bincount(a, minlength=inst.lower.size)
                    feasible = bool(
                        a.shape == (n,) and ((sizes >= inst.lower) & (sizes <= inst.upper)).all()
                    )
                    value = objective_of(inst.d, a)
                    ref = float(refs[name]["value"])
                    gap = 100.0 * (ref - value) / ref
                    gaps[(family, n, kind)].append(gap)
                    print(
                        f"{name:<22}{n:>5}{ref:>14.3f}{value:>14.3f}{gap:>9.3f}{seconds:>7.1f}"
                        f"  {'yes' if feasible else 'NO'}",
                        flush=True,
                    )
    print()
    print(f"{'family':<10}{'n':>5}{'kind':>6}{'runs':>6}{'mean gap %':>12}{'max gap %':>11}")
    for (family, n, kind), values in sorted(gaps.items()):
        print(
            f"{family:<10}{n:>5}{kind:>6}{len(values):>6}{statistics.mean(values):>12.3f}"
            f"{max(values):>11.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
