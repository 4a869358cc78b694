"""GroupEditor: deltas equal the change in objective; violations are named."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.matching import FeatureScores, GroupEditor, GroupingProblem
from tests.matching._helpers import random_scores


def _editor(seed: int, fairness: float, features: bool = False) -> GroupEditor:
    n = 12
    if features:
        rng = np.random.default_rng(seed)
        scores: np.ndarray | FeatureScores = FeatureScores(
            rng.random((n, 3)).astype(np.float32), rng.random((n, 3)).astype(np.float32), -0.5
        )
    else:
        scores = random_scores(n, seed)
    problem = GroupingProblem(scores, size=(2, 5), fairness=fairness)
    return GroupEditor(problem, [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]])


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 1000), st.sampled_from([0.0, 2.0]), st.booleans(),
    st.integers(0, 11), st.integers(0, 11), st.integers(0, 2),
)  # fmt: skip
def test_deltas_equal_the_change_in_objective(
    seed: int, fairness: float, features: bool, a: int, b: int, group: int
) -> None:
    ed = _editor(seed, fairness, features)
    before = ed.objective()
    d = ed.delta_swap(a, b)
    ed.swap(a, b)
    assert ed.objective() - before == pytest.approx(d, abs=1e-6)
    before = ed.objective()
    d = ed.delta_move(a, group)
    ed.move(a, group)
    assert ed.objective() - before == pytest.approx(d, abs=1e-6)


def test_violations_name_each_broken_constraint() -> None:
    masks = np.array([1, 1, 2, 2, 1, 1], dtype=np.uint64)
    problem = GroupingProblem(
        random_scores(6, 0),
        size=(3, 3),
        forbidden=[(0, 1)],
        pinned=[(2, 3)],
        fixed={4: 1},
        availability=np.array([1, 1, 1, 1, 1, 1], dtype=np.uint64),
    )
    ed = GroupEditor(problem, [[0, 1, 2, 4], [3, 5]])
    text = "\n".join(ed.violations())
    assert "group 0 has 4 members, more than 3" in text
    assert "group 1 has 2 members, fewer than 3" in text
    assert "members 0 and 1 must not share a group" in text
    assert "members 2 and 3 are pinned together" in text
    assert "member 4 is fixed to group 1" in text
    slots = GroupingProblem(random_scores(6, 0), size=(3, 3), availability=masks)
    assert GroupEditor(slots, [[0, 1, 2], [3, 4, 5]]).violations() == [
        "group 0 has no availability slot common to all its members",
        "group 1 has no availability slot common to all its members",
    ]
    assert GroupEditor(slots, [[0, 1, 4], [2, 3, 5]]).violations() == [
        "group 1 has no availability slot common to all its members"
    ]


def test_groups_must_cover_every_member_once() -> None:
    problem = GroupingProblem(random_scores(4, 0), size=(2, 2))
    with pytest.raises(ValueError, match="more than one group"):
        GroupEditor(problem, [[0, 1], [1, 2]])
    with pytest.raises(ValueError, match="member 3 is in no group"):
        GroupEditor(problem, [[0, 1], [2]])
    with pytest.raises(ValueError, match="2 groups"):
        GroupEditor(problem, [[0, 1, 2, 3]])
    ed = GroupEditor(problem, [[0, 1], [2, 3]])
    with pytest.raises(ValueError, match="out of range"):
        ed.move(0, 5)
    assert ed.groups == [[0, 1], [2, 3]]


def test_unassigned_members_are_listed_and_can_be_placed() -> None:
    problem = GroupingProblem(random_scores(5, 3), group_bounds=[(2, 3), (2, 3)])
    ed = GroupEditor(problem, [[0, 1], [2, 3]], unassigned_ok=True)
    assert ed.unassigned == [4]
    assert [v.kind for v in ed.problems()] == ["unassigned"]
    before = ed.objective()
    d = ed.delta_move(4, 1)
    ed.move(4, 1)
    assert ed.objective() - before == pytest.approx(d, abs=1e-9)
    assert ed.unassigned == [] and ed.problems() == []
    assert ed.group_of(4) == 1


def test_swapping_with_an_unassigned_member_is_refused_in_words() -> None:
    problem = GroupingProblem(random_scores(5, 3), group_bounds=[(2, 3), (2, 3)])
    ed = GroupEditor(problem, [[0, 1], [2, 3]], unassigned_ok=True)
    with pytest.raises(ValueError, match="place the other first"):
        ed.delta_swap(4, 0)


def test_problems_are_records_with_the_members_concerned() -> None:
    problem = GroupingProblem(random_scores(6, 0), size=(3, 3), forbidden=[(0, 1)])
    ed = GroupEditor(problem, [[0, 1, 2, 4], [3, 5]])
    kinds = {(v.kind, v.group, v.members) for v in ed.problems()}
    assert ("forbidden", 0, (0, 1)) in kinds
    assert ("too_large", 0, (0, 1, 2, 4)) in kinds
    assert ("too_small", 1, (3, 5)) in kinds


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 1000), st.sampled_from([1.0, 0.6, 0.2]), st.integers(0, 11),
    st.integers(0, 11), st.integers(0, 2),
)  # fmt: skip
def test_deltas_with_a_hopes_target_equal_the_change_in_objective(
    seed: int, share: float, a: int, b: int, group: int
) -> None:
    rng = np.random.default_rng(seed)
    hopes = [(int(i), int(j)) for i, j in rng.integers(0, 12, (14, 2)) if i != j]
    problem = GroupingProblem(
        random_scores(12, seed), size=(2, 5), hopes=hopes, hope_weight=1.5, hope_share=share
    )
    ed = GroupEditor(problem, [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]])
    hoping = len({i for i, _ in hopes})
    target = -(-share * hoping // 1)
    assert ed.objective() == pytest.approx(ed.total() + 1.5 * min(ed.hopes_met(), target))
    before = ed.objective()
    d = ed.delta_swap(a, b)
    ed.swap(a, b)
    assert ed.objective() - before == pytest.approx(d, abs=1e-6)
    before = ed.objective()
    d = ed.delta_move(a, group)
    ed.move(a, group)
    assert ed.objective() - before == pytest.approx(d, abs=1e-6)
