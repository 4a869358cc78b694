"""form_groups: valid groups, constraints kept, determinism, progress, two workers."""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.matching import (
    FeatureScores,
    GroupEditor,
    GroupingProblem,
    InfeasibleProblemError,
    form_groups,
)
from tests.matching._helpers import random_constraints, random_scores


def _check_partition(groups: list[list[int]], n: int, lo: int, hi: int) -> None:
    members = sorted(m for g in groups for m in g)
    assert members == list(range(n))
    assert all(lo <= len(g) <= hi for g in groups)
    assert all(g == sorted(g) for g in groups)


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 40), st.integers(1, 5), st.integers(0, 3), st.integers(0, 2**16))
def test_groups_partition_the_members_within_the_sizes(
    n: int, lo: int, extra: int, seed: int
) -> None:
    hi = lo + extra
    problem = GroupingProblem(random_scores(n, seed), size=(lo, hi))
    try:
        result = form_groups(problem, time_limit=0.05, seed=seed, workers=1)
    except InfeasibleProblemError:
        assert not any(k * lo <= n <= k * hi for k in range(1, n + 1))
        return
    _check_partition(result.groups, n, lo, hi)
    assert result.upper_bound >= result.objective - 1e-9
    assert result.gap >= 0.0


@settings(max_examples=20, deadline=None)
@given(st.integers(8, 40), st.integers(0, 2**16))
def test_constraints_hold_in_every_result(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    groups = -(-n // 4)
    masks = rng.integers(1, 8, n).astype(np.uint64) | np.uint64(1)
    problem = GroupingProblem(
        random_scores(n, seed),
        size=(2, 4),
        availability=masks,
        **random_constraints(n, groups, seed),  # type: ignore[arg-type]
    )
    result = form_groups(problem, time_limit=0.05, seed=seed, workers=1)
    assert GroupEditor(problem, result.groups).violations() == []


def test_same_seed_gives_the_same_groups() -> None:
    problem = GroupingProblem(random_scores(60, 3), size=(5, 7), forbidden=[(0, 1)])
    a = form_groups(problem, seed=11, max_rounds=30, workers=1)
    b = form_groups(problem, seed=11, max_rounds=30, workers=1)
    assert a.groups == b.groups
    assert a.seed == 11


def test_utilities_are_each_members_mean_score_with_the_group() -> None:
    d = random_scores(20, 4)
    result = form_groups(GroupingProblem(d, size=(4, 6)), time_limit=0.1, seed=1, workers=1)
    for group in result.groups:
        for m in group:
            others = [o for o in group if o != m]
            assert result.utilities[m] == pytest.approx(d[m, others].mean())
    assert result.objective == pytest.approx(sum(d[np.ix_(g, g)].sum() / 2 for g in result.groups))


def test_progress_reports_fractions_and_ends_at_one() -> None:
    seen: list[tuple[float, float]] = []
    form_groups(
        GroupingProblem(random_scores(40, 5), size=(4, 6), pinned=[(0, 1)]),
        time_limit=0.4,
        seed=2,
        workers=1,
        progress=lambda f, best: seen.append((f, best)),
    )
    assert len(seen) >= 2
    assert all(0.0 <= f <= 1.0 for f, _ in seen)
    assert seen[-1][0] == 1.0


def test_two_workers_are_no_worse_than_one() -> None:
    problem = GroupingProblem(random_scores(40, 6), size=(4, 5), forbidden=[(0, 1)])
    one = form_groups(problem, seed=3, max_rounds=20, workers=1)
    two = form_groups(problem, seed=3, max_rounds=20, workers=2)
    assert two.objective >= one.objective - 1e-9


def test_fairness_raises_the_worst_off_members_utility() -> None:
    d = random_scores(24, 7)
    plain = form_groups(GroupingProblem(d, size=(4, 4)), seed=1, max_rounds=200, workers=1)
    fair = form_groups(
        GroupingProblem(d, size=(4, 4), fairness=5.0), seed=1, max_rounds=200, workers=1
    )
    assert fair.utilities.min() >= plain.utilities.min() - 1e-9
    total = sum(d[np.ix_(g, g)].sum() / 2 for g in fair.groups)
    assert fair.objective == pytest.approx(total + 5.0 * 24 / 2 * fair.utilities.min())


def test_contradictory_forbidden_pairs_give_a_clear_error() -> None:
    problem = GroupingProblem(random_scores(4, 0), size=(2, 2), forbidden=[(0, 1), (0, 2), (0, 3)])
    with pytest.raises(InfeasibleProblemError, match="forbidden pairs"):
        form_groups(problem, time_limit=0.1, seed=0, workers=1)


def test_small_feature_scores_give_the_dense_answer() -> None:
    rng = np.random.default_rng(0)
    left = rng.random((30, 4)).astype(np.float32)
    right = rng.random((30, 4)).astype(np.float32)
    feats = FeatureScores(left, right, bias=-1.0)
    a = form_groups(GroupingProblem(feats, size=(5, 6)), seed=1, max_rounds=50, workers=1)
    b = form_groups(GroupingProblem(feats.dense(), size=(5, 6)), seed=1, max_rounds=50, workers=1)
    assert a.objective == pytest.approx(b.objective, rel=1e-6)


@pytest.mark.parametrize(
    "problem",
    [
        GroupingProblem(random_scores(120, 11), size=(5, 7)),  # the MDGP kernel
        GroupingProblem(random_scores(120, 12), size=(5, 7), forbidden=[(0, 1)]),  # + polish
    ],
    ids=["kernel", "constrained"],
)
def test_the_time_limit_counts_from_started_and_holds_with_two_workers(
    problem: GroupingProblem,
) -> None:
    started = time.monotonic() - 0.5  # the caller spent half a second already
    result = form_groups(problem, time_limit=2.5, seed=1, workers=2, started=started)
    ended = time.monotonic() - started
    _check_partition(result.groups, 120, 5, 7)
    assert 2.0 <= result.seconds <= ended < 2.5 + 1.0  # generous: a loaded machine


def test_with_no_time_left_the_search_still_returns_valid_groups_at_once() -> None:
    problem = GroupingProblem(random_scores(60, 13), size=(4, 6), forbidden=[(0, 1)])
    began = time.monotonic()
    result = form_groups(problem, time_limit=1.0, seed=1, started=began - 5.0)
    assert time.monotonic() - began < 1.0
    _check_partition(result.groups, 60, 4, 6)
    assert all(not {0, 1} <= set(g) for g in result.groups)
