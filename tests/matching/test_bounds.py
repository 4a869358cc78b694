"""Upper bounds are never below the proven optimum."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.matching import FeatureScores, GroupingProblem
from natverk.matching.bounds import pair_count_range, upper_bound
from natverk.matching.exact import solve_exact
from natverk.matching.problem import prepare
from tests.matching._helpers import random_constraints, random_scores


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 3)), min_size=1, max_size=4), st.data())
def test_pair_count_range_is_exact_for_small_bounds(
    spec: list[tuple[int, int]], data: st.DataObject
) -> None:
    lower = np.array([lo for lo, _ in spec])
    upper = lower + np.array([e for _, e in spec])
    n = data.draw(st.integers(int(lower.sum()), int(upper.sum())))
    pairs = [
        sum(s * (s - 1) // 2 for s in sizes)
        for sizes in itertools.product(
            *[range(lo, hi + 1) for lo, hi in zip(lower, upper, strict=True)]
        )
        if sum(sizes) == n
    ]
    assert pair_count_range(lower, upper, n) == (min(pairs), max(pairs))


@pytest.mark.parametrize("seed", range(10))
def test_bound_is_at_least_the_optimum(seed: int) -> None:
    fairness = 0.5 if seed % 4 == 1 else 0.0
    n = 9 if fairness else 9 + seed % 4
    d = random_scores(n, 500 + seed, signed=seed % 2 == 0 or fairness > 0)
    kwargs = random_constraints(n, 3, seed) if seed % 3 == 0 else {}
    problem = GroupingProblem(
        d,
        size=(3, 3) if fairness else (2, 5),
        fairness=fairness,
        **kwargs,  # type: ignore[arg-type]
    )
    exact = solve_exact(problem, time_limit=20)
    assert exact.proven
    assert upper_bound(prepare(problem)) >= exact.objective - 1e-9


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("share", [1.0, 0.5])
def test_bound_with_hopes_is_at_least_the_optimum(seed: int, share: float) -> None:
    rng = np.random.default_rng(seed)
    n = 10
    hopes = [(int(a), int(b)) for a, b in rng.integers(0, n, (2 * n, 2)) if a != b]
    problem = GroupingProblem(
        random_scores(n, 600 + seed), size=(3, 4), hopes=hopes, hope_weight=2.0,
        hope_share=share,
    )  # fmt: skip
    exact = solve_exact(problem, time_limit=20)
    assert exact.proven
    assert upper_bound(prepare(problem)) >= exact.objective - 1e-9


def test_feature_bound_is_at_least_the_optimum() -> None:
    rng = np.random.default_rng(1)
    for _ in range(4):
        feats = FeatureScores(
            rng.normal(size=(10, 3)).astype(np.float32),
            rng.normal(size=(10, 3)).astype(np.float32),
            0.3,
        )
        problem = GroupingProblem(feats, size=(3, 4))
        optimum = solve_exact(problem).objective
        assert upper_bound(prepare(problem)) >= optimum - 1e-6
        dense = GroupingProblem(feats.dense(), size=(3, 4))
        assert (
            upper_bound(prepare(problem)) == pytest.approx(upper_bound(prepare(dense)), rel=1e-3)
            or upper_bound(prepare(problem)) >= upper_bound(prepare(dense)) - 1e-6
        )


def test_bound_is_tight_when_groups_are_cliques() -> None:
    d = np.zeros((6, 6))
    for group in ([0, 1, 2], [3, 4, 5]):
        for i in group:
            for j in group:
                if i != j:
                    d[i, j] = 1.0
    assert upper_bound(prepare(GroupingProblem(d, size=(3, 3)))) == pytest.approx(6.0)
