"""The scale path: feature scores without an n x n matrix."""

from __future__ import annotations

import math

import numpy as np
import pytest

from natverk.matching import FeatureScores, GroupEditor, GroupingProblem, form_groups
from natverk.matching._features import feature_objective, solve_features
from natverk.matching.bounds import upper_bound
from natverk.matching.problem import prepare


def _features(n: int, k: int, seed: int) -> FeatureScores:
    rng = np.random.default_rng(seed)
    left = (rng.random((n, k)) > 0.7).astype(np.float32)
    right = (rng.random((n, k)) > 0.7).astype(np.float32)
    return FeatureScores(left, right, bias=-0.4)


def test_feature_objective_equals_the_dense_objective() -> None:
    feats = _features(40, 5, 0)
    prep = prepare(GroupingProblem(feats, size=(4, 6)))
    rng = np.random.default_rng(1)
    assignment = rng.permutation(np.repeat(np.arange(prep.groups), 40 // prep.groups + 1)[:40])
    total, util = feature_objective(prep, assignment)
    d = feats.dense()
    same = assignment[:, None] == assignment[None, :]
    assert total == pytest.approx(d[same].sum() / 2, rel=1e-6)
    sizes = np.bincount(assignment)[assignment]
    assert util == pytest.approx((d * same).sum(axis=1) / (sizes - 1), rel=1e-6)


def test_scale_path_gives_valid_groups_better_than_random() -> None:
    feats = _features(3000, 8, 2)
    problem = GroupingProblem(feats, size=(6, 8))
    result = form_groups(problem, seed=1, max_rounds=3, workers=1)
    members = sorted(m for g in result.groups for m in g)
    assert members == list(range(3000))
    assert all(6 <= len(g) <= 8 for g in result.groups)
    prep = prepare(problem)
    rng = np.random.default_rng(0)
    random_groups = rng.permutation(np.arange(3000) % prep.groups)
    assert result.objective > feature_objective(prep, random_groups)[0]
    assert result.upper_bound >= result.objective


def test_scale_path_keeps_forbidden_fixed_and_availability() -> None:
    n = 2000
    feats = _features(n, 6, 3)
    rng = np.random.default_rng(4)
    masks = rng.integers(1, 8, n).astype(np.uint64) | np.uint64(1)
    forbidden = [(int(a), int(b)) for a, b in rng.integers(0, n, (50, 2)) if a != b]
    problem = GroupingProblem(
        feats, size=(6, 8), forbidden=forbidden, fixed={0: 3, 1: 3, 2: 7}, availability=masks
    )
    result = form_groups(problem, seed=2, max_rounds=3, workers=1)
    assert GroupEditor(problem, result.groups).violations() == []


def test_scale_path_keeps_members_with_one_label_apart_without_a_pair_list() -> None:
    n = 2000
    rng = np.random.default_rng(5)
    employer = rng.permutation(n) % 40  # 40 employers of 50: 49,000 pairs kept apart
    industry = rng.permutation(n) // 100  # 20 industries of 100 (250 groups)
    industry[rng.random(n) < 0.1] = -1
    problem = GroupingProblem(
        _features(n, 6, 3), size=(6, 8), apart=[employer, industry], fixed={0: 3, 1: 3}
    )
    prep = prepare(problem)
    assert len(prep.forbidden) == 0 and len(prep.kept_apart) == 60
    # the greedy start alone keeps them apart; the search keeps it so while it improves
    start = solve_features(prep, deadline=math.inf, seed=1, progress=None, max_rounds=0)
    assert GroupEditor(prep, _groups(start, prep.groups)).violations() == []
    result = form_groups(problem, seed=2, max_rounds=3, workers=1)
    assert GroupEditor(prep, result.groups).violations() == []
    assert result.objective > feature_objective(prep, start)[0]


def _groups(assignment: np.ndarray, groups: int) -> list[list[int]]:
    """Member lists per group of an assignment."""
    return [np.flatnonzero(assignment == k).tolist() for k in range(groups)]


def test_scale_path_is_deterministic_for_a_seed() -> None:
    prep = prepare(GroupingProblem(_features(2000, 4, 5), size=(6, 8)))
    a = solve_features(prep, deadline=math.inf, seed=3, progress=None, max_rounds=4)
    b = solve_features(prep, deadline=math.inf, seed=3, progress=None, max_rounds=4)
    assert np.array_equal(a, b)


def test_scale_path_refuses_pins_hopes_and_fairness_with_a_clear_message() -> None:
    feats = _features(2000, 4, 6)
    with pytest.raises(ValueError, match="pinned pairs"):
        form_groups(GroupingProblem(feats, size=(6, 8), pinned=[(0, 1)]), max_rounds=1, workers=1)
    with pytest.raises(ValueError, match="fairness"):
        form_groups(GroupingProblem(feats, size=(6, 8), fairness=1.0), max_rounds=1, workers=1)
    hopes = GroupingProblem(feats, size=(6, 8), hopes=[(0, 1)], hope_weight=1.0)
    with pytest.raises(ValueError, match="hopes"):
        form_groups(hopes, max_rounds=1, workers=1)


def test_streamed_bound_lies_between_the_best_found_and_the_row_bound() -> None:
    feats = _features(300, 5, 7)
    from natverk.matching.bounds import row_bound

    problem = GroupingProblem(feats, size=(5, 7))
    found = form_groups(problem, seed=1, max_rounds=20, workers=1).objective
    prep = prepare(problem)
    dense_prep = prepare(GroupingProblem(feats.dense(), size=(5, 7)))
    bound = upper_bound(prep, objective=found)
    assert found <= bound <= row_bound(dense_prep) * (1 + 1e-4)
