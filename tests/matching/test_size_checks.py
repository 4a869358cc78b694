"""Solvers check the size they are given against memory before allocating."""

from __future__ import annotations

import tracemalloc
from dataclasses import replace

import numpy as np
import pytest

from natverk.matching import (
    MAX_DENSE_MEMBERS,
    GroupingProblem,
    ProblemTooLargeError,
    affinity,
    form_groups,
)
from natverk.matching.affinity import build_affinity, build_feature_affinity
from natverk.matching.applicant import Applicant
from natverk.matching.problem import prepare
from natverk.matching.rounds import MEMORY_BUDGET, RoomPlanError, plan_bytes, plan_rounds


def test_rounds_for_100000_people_are_refused_naming_the_limit() -> None:
    with pytest.raises(RoomPlanError) as info:
        plan_rounds(100_000, 3, (3, 5))
    text = str(info.value)
    assert "3 rounds for 100,000 people would take about" in text
    assert "within 1 GiB" in text and "about 4," in text


def test_the_plan_size_estimate_grows_with_people_and_rounds() -> None:
    assert plan_bytes(4_000, 3, (3, 5)) < MEMORY_BUDGET < plan_bytes(5_000, 3, (3, 5))
    assert plan_bytes(1_000, 50, (3, 5)) > plan_bytes(1_000, 3, (3, 5))


def test_a_dense_matrix_above_the_limit_is_refused_before_it_is_copied() -> None:
    n = MAX_DENSE_MEMBERS + 1
    scores = np.broadcast_to(np.float64(0.0), (n, n))  # no n x n memory behind it
    with pytest.raises(ProblemTooLargeError, match="use FeatureScores"):
        form_groups(GroupingProblem(scores, size=(6, 8)), time_limit=0.1)


def test_scores_too_large_to_sum_are_refused() -> None:
    scores = np.array([[0, 1e300, 1], [1e300, 0, 1], [1, 1, 0]])
    with pytest.raises(ValueError, match="larger than 1e\\+12"):
        form_groups(GroupingProblem(scores, size=(1, 3)), time_limit=0.1)


def test_10000_applicants_from_50_employers_are_kept_apart_by_label_in_bounded_memory() -> None:
    people = [
        Applicant(name=f"P{k}", email=f"p{k}@x.se", employer=f"Bolag {k % 50} AB")
        for k in range(10_000)
    ]  # 50 employers of 200: 995,000 same-employer pairs
    tracemalloc.start()
    try:
        problem, _hopes, _offers = build_feature_affinity(people)
        prep = prepare(replace(problem, size=(6, 8)))
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(problem.forbidden) == 0 and len(prep.forbidden) == 0
    assert prep.apart.shape == (1, 10_000)
    assert len(prep.kept_apart) == 50 and prep.kept_apart.pair_count() == 995_000
    assert peak < 40_000_000  # 15 MB measured; these pairs as a set of tuples took 90 MB


def test_more_no_common_language_pairs_than_the_cap_are_refused_naming_the_cause(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(affinity, "MAX_CONFLICT_PAIRS", 20)
    people = [Applicant(name=f"P{k}", languages=(f"l{k}",)) for k in range(8)]  # 28 pairs
    with pytest.raises(ProblemTooLargeError, match="no common language"):
        build_affinity(people)
    build_affinity(people[:6])  # 15 pairs
