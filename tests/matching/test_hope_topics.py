"""Hopes as topics: the same members met as the pairs they stand for, checked input, and
the feature search of a large cohort meeting the hopes target."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.cohorts import generate_cohort
from natverk.matching import GroupingProblem, InfeasibleProblemError, form_groups
from natverk.matching.affinity import build_feature_affinity
from natverk.matching.grouping import DENSE_FEATURE_LIMIT
from natverk.matching.hope_topics import TopicHopes, prepare_topics
from natverk.matching.problem import prepare
from tests.matching._helpers import random_scores

_topic_lists = st.lists(st.lists(st.integers(0, 5), max_size=3), min_size=2, max_size=12)


@given(_topic_lists, st.data())
@settings(max_examples=60, deadline=None)
def test_topics_meet_the_hopes_their_pairs_stand_for(
    hopes: list[list[int]], data: st.DataObject
) -> None:
    n = len(hopes)
    offers = data.draw(st.lists(st.lists(st.integers(0, 5), max_size=3), min_size=n, max_size=n))
    groups = data.draw(st.integers(1, 4))
    assignment = np.array(data.draw(st.lists(st.integers(0, groups - 1), min_size=n, max_size=n)))
    topics = prepare_topics(TopicHopes(hopes, offers), n)
    pairs = {
        (i, j) for i in range(n) for j in range(n) if i != j and set(hopes[i]) & set(offers[j])
    }
    assert {tuple(p) for p in topics.pairs().tolist()} == pairs
    assert topics.hoping.tolist() == sorted({i for i, _j in pairs})
    met = [
        any(assignment[i] == assignment[j] for j in range(n) if (i, j) in pairs) for i in range(n)
    ]
    assert topics.met(assignment, groups).tolist() == met


def test_topics_are_refused_malformed_or_next_to_pairs() -> None:
    d = random_scores(4, 0)
    good = TopicHopes([[0], [1], [], [0]], [[1], [0], [0], []])
    with pytest.raises(InfeasibleProblemError, match="one entry per member"):
        prepare(
            GroupingProblem(d, size=(2, 2), topic_hopes=TopicHopes([[0]], [[0]]), hope_weight=1)
        )
    with pytest.raises(InfeasibleProblemError, match="ids are >= 0"):
        bad = TopicHopes([[0], [-2], [], []], [[1], [0], [0], []])
        prepare(GroupingProblem(d, size=(2, 2), topic_hopes=bad, hope_weight=1))
    with pytest.raises(InfeasibleProblemError, match="pairs or as topics"):
        prepare(GroupingProblem(d, size=(2, 2), topic_hopes=good, hopes=[(0, 1)], hope_weight=1))
    prep = prepare(GroupingProblem(d, size=(2, 2), topic_hopes=good, hope_weight=2.0))
    assert prep.hoping.tolist() == [0, 1, 3] and prep.hope_target == 3  # 2 hopes for nothing


def _feature_problem(n: int) -> GroupingProblem:
    problem, _hopes, _offers = build_feature_affinity(generate_cohort(n, seed=3))
    return replace(problem, size=(6, 8))


def test_a_large_cohort_meets_the_hopes_target_on_the_feature_path() -> None:
    problem = _feature_problem(DENSE_FEATURE_LIMIT + 100)
    prep = prepare(problem)
    before = form_groups(replace(problem, hope_weight=0.0), seed=1, max_rounds=2, workers=1)
    result = form_groups(problem, seed=1, max_rounds=2, workers=1)
    assert result.hoping == prep.hoping.size > 0
    assert result.hopes_met >= prep.hope_target > before.hopes_met
    assert sorted(m for g in result.groups for m in g) == list(range(prep.n))


def test_topic_hopes_of_a_small_cohort_are_searched_as_pairs() -> None:
    problem = _feature_problem(120)
    result = form_groups(problem, seed=1, max_rounds=20, workers=1)
    assert result.hopes_met >= prepare(problem).hope_target
