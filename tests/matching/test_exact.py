"""The exact CP-SAT solver, and the heuristic reaching its proven optimum on small cases."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from natverk.matching import GroupEditor, GroupingProblem, InfeasibleProblemError, form_groups
from natverk.matching.exact import solve_exact
from tests.matching._helpers import brute_force_optimum, random_constraints, random_scores

MDGP = Path(__file__).resolve().parents[2] / ".." / "shared" / "bench" / "mdgp"


def test_exact_matches_brute_force_enumeration() -> None:
    for seed in range(5):
        d = random_scores(7, seed)
        lower, upper = [2, 2, 1], [3, 3, 3]
        problem = GroupingProblem(d, size=None, group_bounds=list(zip(lower, upper, strict=True)))
        exact = solve_exact(problem)
        assert exact.proven
        assert exact.objective == pytest.approx(brute_force_optimum(d, lower, upper), abs=1e-6)


@pytest.mark.parametrize("seed", range(12))
def test_heuristic_reaches_the_proven_optimum_without_constraints(seed: int) -> None:
    n = 10 + seed % 3
    d = random_scores(n, 100 + seed)
    problem = GroupingProblem(d, size=(3, 4) if seed % 2 else (2, 5))
    exact = solve_exact(problem)
    found = form_groups(problem, time_limit=60, seed=seed, workers=1, max_rounds=40)
    assert exact.proven
    assert found.objective == pytest.approx(exact.objective, abs=1e-6)


@pytest.mark.parametrize("seed", range(12))
def test_heuristic_reaches_the_proven_optimum_with_constraints(seed: int) -> None:
    n = 10 + seed % 3
    d = random_scores(n, 200 + seed)
    size = (3, 4)
    problem = GroupingProblem(d, size=size, **random_constraints(n, n // 4 + (n % 4 > 0), seed))  # type: ignore[arg-type]
    exact = solve_exact(problem)
    found = form_groups(problem, time_limit=60, seed=seed, workers=1, max_rounds=40)
    assert found.objective == pytest.approx(exact.objective, abs=1e-6)


@pytest.mark.parametrize("seed", range(8))
def test_heuristic_reaches_the_proven_optimum_with_availability(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 12
    d = random_scores(n, 300 + seed)
    masks = (rng.integers(1, 16, n) | (1 << (seed % 4))).astype(np.uint64)
    masks[: n // 2] = rng.integers(1, 16, n // 2).astype(np.uint64)
    problem = GroupingProblem(d, size=(3, 4), availability=masks)
    try:
        exact = solve_exact(problem)
    except InfeasibleProblemError:
        with pytest.raises(InfeasibleProblemError):
            form_groups(problem, time_limit=0.3, seed=seed, workers=1)
        return
    found = form_groups(problem, time_limit=60, seed=seed, workers=1, max_rounds=40)
    assert found.objective == pytest.approx(exact.objective, abs=1e-6)


@pytest.mark.parametrize("seed", range(6))
def test_heuristic_reaches_the_proven_optimum_with_fairness(seed: int) -> None:
    n = 12
    d = random_scores(n, 400 + seed)
    problem = GroupingProblem(d, size=(4, 4), fairness=1.0)
    exact = solve_exact(problem)
    found = form_groups(problem, time_limit=60, seed=seed, workers=1, max_rounds=40)
    assert found.objective == pytest.approx(exact.objective, abs=1e-5)


@pytest.mark.parametrize("seed", range(6))
def test_heuristic_reaches_the_proven_optimum_with_hopes(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 11 + seed % 2
    hopes = [(int(a), int(b)) for a, b in rng.integers(0, n, (n, 2)) if a != b]
    problem = GroupingProblem(
        random_scores(n, 500 + seed), size=(3, 4), hopes=hopes, hope_weight=1.5,
        **random_constraints(n, 3, seed) if seed % 2 else {},  # type: ignore[arg-type]
    )  # fmt: skip
    exact = solve_exact(problem)
    found = form_groups(problem, time_limit=60, seed=seed, workers=1, max_rounds=40)
    assert exact.proven
    assert found.objective == pytest.approx(exact.objective, abs=1e-5)
    assert found.hopes_met <= found.hoping


@pytest.mark.parametrize("seed", range(4))
def test_heuristic_reaches_the_proven_optimum_with_a_hopes_target(seed: int) -> None:
    # availability masks: the local search meets the hopes in two phases (see grouping)
    rng = np.random.default_rng(seed)
    n = 12
    hopes = [(int(a), int(b)) for a, b in rng.integers(0, n, (n, 2)) if a != b]
    masks = rng.integers(1, 4, n).astype(np.uint64) | np.uint64(1)
    problem = GroupingProblem(
        random_scores(n, 700 + seed), size=(3, 4), hopes=hopes, hope_weight=2.0,
        hope_share=0.6, availability=masks,
    )  # fmt: skip
    exact = solve_exact(problem)
    found = form_groups(problem, time_limit=60, seed=seed, workers=1, max_rounds=60)
    assert exact.proven
    assert found.objective == pytest.approx(exact.objective, abs=1e-5)


@pytest.mark.parametrize("seed", range(8))
def test_labels_have_the_proven_optimum_of_their_pairs_and_the_heuristic_reaches_it(
    seed: int,
) -> None:
    rng = np.random.default_rng(seed)
    n = 10 + seed % 3
    # employers, and industries on odd seeds: at most three members (groups) per label
    labels = np.array([rng.permutation(n) // 3 for _ in range(1 + seed % 2)])
    labels[rng.random(labels.shape) < 0.2] = -1
    pairs = [
        (i, j)
        for row in labels.tolist()
        for i in range(n)
        for j in range(i + 1, n)
        if row[i] >= 0 and row[i] == row[j]
    ]
    labelled = GroupingProblem(
        random_scores(n, 800 + seed), size=(3, 4), apart=labels,
        availability=rng.integers(1, 4, n).astype(np.uint64) | np.uint64(1) if seed % 4 == 3
        else None,
        **random_constraints(n, 3, seed) if seed % 2 else {},  # type: ignore[arg-type]
    )  # fmt: skip
    paired = replace(labelled, forbidden=[*labelled.forbidden, *pairs], apart=())
    try:
        exact = solve_exact(labelled)
    except InfeasibleProblemError:
        with pytest.raises(InfeasibleProblemError):
            solve_exact(paired)
        return
    assert exact.proven
    assert exact.objective == pytest.approx(solve_exact(paired).objective, abs=1e-6)
    found = form_groups(labelled, time_limit=60, seed=seed, workers=1, max_rounds=40)
    assert GroupEditor(labelled, found.groups).violations() == []
    assert found.objective == pytest.approx(exact.objective, abs=1e-6)


def test_exact_refuses_fairness_with_variable_sizes() -> None:
    with pytest.raises(ValueError, match="fixed group sizes"):
        solve_exact(GroupingProblem(random_scores(8, 0), size=(3, 5), fairness=1.0))


def test_exact_proves_infeasibility() -> None:
    problem = GroupingProblem(random_scores(4, 0), size=(2, 2), forbidden=[(0, 1), (0, 2), (0, 3)])
    with pytest.raises(InfeasibleProblemError):
        solve_exact(problem)


def _read_instance(path: Path) -> GroupingProblem:
    lines = path.read_text().split("\n")
    head = lines[0].split()
    n, g = int(head[0]), int(head[1])
    nums = [int(x) for x in head[3:]]
    d = np.zeros((n, n))
    for line in lines[1:]:
        if line.strip():
            i, j, v = line.split()
            d[int(i), int(j)] = d[int(j), int(i)] = float(v)
    return GroupingProblem(
        d, size=None, group_bounds=[(nums[2 * k], nums[2 * k + 1]) for k in range(g)]
    )


@pytest.mark.skipif(not MDGP.is_dir(), reason="shared MDGPLIB instances not present")
@pytest.mark.parametrize("name", ["RanReal_n010_ss_01", "RanReal_n012_ds_01", "Geo_n012_ss_01"])
def test_heuristic_reaches_the_published_optimum_of_small_mdgplib(name: str) -> None:
    family = name.split("_")[0]
    import csv

    with (MDGP / "reference_values.csv").open() as fh:
        ref = {row["instance"]: row for row in csv.DictReader(fh)}
    problem = _read_instance(MDGP / family / f"{name}.txt")
    found = form_groups(problem, time_limit=60, seed=0, workers=1, max_rounds=40)
    value = float(ref[name]["value"])
    assert found.objective == pytest.approx(value, abs=5e-3)
