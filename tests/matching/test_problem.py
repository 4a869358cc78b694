"""Validation of GroupingProblem: every impossible problem is named, never a traceback."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from natverk.matching import (
    FeatureScores,
    GroupingProblem,
    InfeasibleProblemError,
    LabelCrowdedError,
)
from natverk.matching.problem import (
    crowded_labels,
    find_violations,
    group_count,
    prepare,
    violations,
)
from tests.matching._helpers import random_scores


def test_group_count_takes_the_fewest_groups_that_fit() -> None:
    assert group_count(20, 6, 8) == 3
    assert group_count(48, 6, 8) == 6


@given(st.integers(1, 300), st.integers(1, 10), st.integers(0, 5))
def test_group_count_fits_or_says_why(n: int, lo: int, extra: int) -> None:
    hi = lo + extra
    try:
        g = group_count(n, lo, hi)
    except InfeasibleProblemError as exc:
        assert str(n) in str(exc)
        assert all(not (k * lo <= n <= k * hi) for k in range(1, n + 1))
    else:
        assert g * lo <= n <= g * hi


def test_sizes_that_cannot_fit_n_are_named() -> None:
    with pytest.raises(InfeasibleProblemError, match="cannot be split into groups of 6-8"):
        prepare(GroupingProblem(random_scores(10, 0), size=(6, 8)))


def test_group_bounds_too_small_for_n() -> None:
    with pytest.raises(InfeasibleProblemError, match="at most 6 members in total"):
        prepare(GroupingProblem(random_scores(7, 0), group_bounds=[(2, 3), (2, 3)]))


def test_non_square_nan_and_asymmetric_scores_are_rejected() -> None:
    with pytest.raises(InfeasibleProblemError, match="square"):
        prepare(GroupingProblem(np.zeros((3, 4)), size=(1, 3)))
    d = random_scores(4, 1)
    d[0, 2] = np.nan
    with pytest.raises(InfeasibleProblemError, match="NaN"):
        prepare(GroupingProblem(d, size=(2, 2)))
    d = random_scores(4, 1)
    d[0, 2] += 1.0
    with pytest.raises(InfeasibleProblemError, match="not symmetric"):
        prepare(GroupingProblem(d, size=(2, 2)))


def test_pinned_and_forbidden_pair_is_contradictory() -> None:
    with pytest.raises(InfeasibleProblemError, match="members 1 and 2 .* pinned together"):
        prepare(
            GroupingProblem(random_scores(6, 0), size=(3, 3), pinned=[(1, 2)], forbidden=[(2, 1)])
        )


def test_forbidden_pair_joined_by_a_chain_of_pins_is_contradictory() -> None:
    with pytest.raises(InfeasibleProblemError, match="chain of pins"):
        prepare(
            GroupingProblem(
                random_scores(6, 0), size=(3, 3), pinned=[(0, 1), (1, 2)], forbidden=[(0, 2)]
            )
        )


def test_pin_chain_larger_than_the_largest_group() -> None:
    with pytest.raises(InfeasibleProblemError, match=r"pinned together \(4 people\).*holds 3"):
        prepare(GroupingProblem(random_scores(9, 0), size=(3, 3), pinned=[(0, 1), (1, 2), (2, 3)]))


def test_pinned_members_fixed_to_different_groups() -> None:
    with pytest.raises(InfeasibleProblemError, match="fixed to group 1 but is pinned"):
        prepare(
            GroupingProblem(random_scores(6, 0), size=(3, 3), pinned=[(0, 1)], fixed={0: 0, 1: 1})
        )


def test_fixed_group_index_out_of_range() -> None:
    with pytest.raises(InfeasibleProblemError, match="only 2 groups"):
        prepare(GroupingProblem(random_scores(6, 0), size=(3, 3), fixed={0: 2}))


def test_too_many_members_fixed_to_one_group() -> None:
    with pytest.raises(InfeasibleProblemError, match="holds at most 2"):
        prepare(GroupingProblem(random_scores(6, 0), size=(2, 2), fixed={0: 0, 1: 0, 2: 0}))


def test_members_out_of_range_and_self_pairs() -> None:
    with pytest.raises(InfeasibleProblemError, match="names member 9"):
        prepare(GroupingProblem(random_scores(6, 0), size=(3, 3), forbidden=[(0, 9)]))
    with pytest.raises(InfeasibleProblemError, match="same member twice"):
        prepare(GroupingProblem(random_scores(6, 0), size=(3, 3), pinned=[(2, 2)]))


def test_availability_without_any_slot_or_without_common_slot() -> None:
    masks = np.array([1, 1, 0, 1], dtype=np.uint64)
    with pytest.raises(InfeasibleProblemError, match="member 2 has no availability"):
        prepare(GroupingProblem(random_scores(4, 0), size=(2, 2), availability=masks))
    masks = np.array([1, 2, 3, 3], dtype=np.uint64)
    with pytest.raises(InfeasibleProblemError, match="share no availability slot"):
        prepare(
            GroupingProblem(random_scores(4, 0), size=(2, 2), availability=masks, pinned=[(0, 1)])
        )
    with pytest.raises(InfeasibleProblemError, match="fixed to group 0"):
        prepare(
            GroupingProblem(
                random_scores(4, 0), size=(2, 2), availability=masks, fixed={0: 0, 1: 0}
            )
        )


def test_negative_fairness_is_rejected() -> None:
    with pytest.raises(InfeasibleProblemError, match="fairness"):
        prepare(GroupingProblem(random_scores(4, 0), size=(2, 2), fairness=-1.0))


@pytest.mark.parametrize("share", [-0.1, 1.5, float("nan")])
def test_a_hopes_target_outside_zero_to_one_is_rejected(share: float) -> None:
    with pytest.raises(InfeasibleProblemError, match="hope_share"):
        prepare(GroupingProblem(random_scores(4, 0), size=(2, 2), hope_share=share))


@given(st.floats(0.0, 1.0), st.integers(1, 30))
def test_the_hopes_target_is_the_share_of_hoping_members_rounded_up(
    share: float, hoping: int
) -> None:
    n = hoping + 1
    hopes = [(i, n - 1) for i in range(hoping)]  # the last member meets everyone's hopes
    prep = prepare(
        GroupingProblem(
            random_scores(n, 0), size=(1, n), hopes=hopes, hope_weight=1.0, hope_share=share
        )
    )
    assert prep.hope_target == min(hoping, int(np.ceil(share * hoping - 1e-9)))
    assert prep.hope_target >= share * hoping - 1e-9
    assert prep.hope_term(hoping) == prep.hope_target


def test_feature_scores_must_match_in_shape_and_be_finite() -> None:
    left = np.zeros((5, 3), dtype=np.float32)
    with pytest.raises(InfeasibleProblemError, match="same shape"):
        prepare(GroupingProblem(FeatureScores(left, np.zeros((5, 2), dtype=np.float32))))
    bad = left.copy()
    bad[1, 1] = np.inf
    with pytest.raises(InfeasibleProblemError, match="NaN or infinite"):
        prepare(GroupingProblem(FeatureScores(left, bad), size=(2, 3)))


def test_prepared_problem_collects_pin_chains_and_fixed_groups() -> None:
    prep = prepare(
        GroupingProblem(
            random_scores(8, 0),
            size=(4, 4),
            pinned=[(0, 5), (5, 6)],
            fixed={6: 1},
            forbidden=[(2, 1)],
        )
    )
    assert prep.groups == 2
    chain = prep.units[prep.unit_of[0]]
    assert chain == (0, 5, 6)
    assert prep.unit_group[prep.unit_of[0]] == 1
    assert prep.forbidden.tolist() == [[1, 2]]
    assert prep.has_constraints


# Labels that keep members apart (GroupingProblem.apart) --------------------------------------


def _expanded(labellings: list[list[int]]) -> list[tuple[int, int]]:
    """Every pair that shares a label, listed one by one (what a label stands for)."""
    return [
        (i, j)
        for labels in labellings
        for i in range(len(labels))
        for j in range(i + 1, len(labels))
        if labels[i] >= 0 and labels[i] == labels[j]
    ]


@st.composite
def _labelled_problems(draw: st.DrawFn) -> tuple[GroupingProblem, list[int]]:
    """A small problem with labellings, forbidden and pinned pairs and fixed members,
    and any assignment of its members (-1 for none)."""
    n = draw(st.integers(2, 10))
    groups = draw(st.integers(1, 4))
    member = st.integers(0, n - 1)
    pair = st.tuples(member, member).filter(lambda p: p[0] != p[1])
    labellings = draw(st.lists(st.lists(st.integers(-1, 3), min_size=n, max_size=n), max_size=2))
    problem = GroupingProblem(
        random_scores(n, draw(st.integers(0, 99))),
        size=None,
        group_bounds=[(0, n)] * groups,
        forbidden=draw(st.lists(pair, max_size=4)),
        pinned=draw(st.lists(pair, max_size=2)),
        fixed=draw(st.dictionaries(member, st.integers(0, groups - 1), max_size=2)),
        apart=labellings,
    )
    return problem, draw(st.lists(st.integers(-1, groups - 1), min_size=n, max_size=n))


@given(_labelled_problems())
def test_labels_keep_apart_exactly_the_pairs_they_stand_for(
    case: tuple[GroupingProblem, list[int]],
) -> None:
    labelled, assignment = case
    paired = replace(
        labelled,
        forbidden=list(labelled.forbidden) + _expanded([list(x) for x in labelled.apart]),
        apart=(),
    )
    try:
        prep = prepare(labelled)
    except LabelCrowdedError as exc:
        # the pairs cannot say it: more members pairwise apart than groups
        for crowd in exc.crowded:
            assert len(crowd.members) > crowd.groups == len(labelled.group_bounds or ())
            assert all(labelled.apart[crowd.labelling][m] == crowd.label for m in crowd.members)
        return
    except InfeasibleProblemError as exc:
        with pytest.raises(InfeasibleProblemError) as same:
            prepare(paired)
        assert str(same.value) == str(exc)
        return
    twin = prepare(paired)
    group_of = np.array(assignment, dtype=np.int64)
    found = find_violations(prep, group_of)
    assert found == find_violations(twin, group_of)
    together = {
        (min(a, b), max(a, b))
        for a, b in paired.forbidden
        if group_of[a] >= 0 and group_of[a] == group_of[b]
    }
    assert [v.members for v in found if v.kind == "forbidden"] == sorted(together)
    np.testing.assert_array_equal(prep.kept_apart.pairs(), twin.kept_apart.pairs())
    assert prep.has_constraints == twin.has_constraints


def test_two_members_with_one_label_in_one_group_are_reported_as_forbidden() -> None:
    problem = GroupingProblem(random_scores(6, 0), size=(3, 3), apart=[[0, 1, 2, 0, -1, -1]])
    prep = prepare(problem)
    assert violations(prep, np.array([0, 0, 1, 1, 0, 1])) == []
    (clash,) = find_violations(prep, np.array([0, 1, 1, 0, 0, 1]))
    assert (clash.kind, clash.group, clash.members) == ("forbidden", 0, (0, 3))


def test_a_label_only_one_member_has_keeps_nobody_apart() -> None:
    prep = prepare(GroupingProblem(random_scores(4, 0), size=(2, 2), apart=[[0, 1, 2, -1]]))
    assert len(prep.kept_apart) == 0 and not prep.has_constraints


def test_a_label_shared_by_more_members_than_groups_is_refused_before_searching() -> None:
    labels = [0, 0, 0, 1, 1, -1, -1, -1]
    with pytest.raises(LabelCrowdedError, match="3 members share label 0") as refused:
        prepare(GroupingProblem(random_scores(8, 0), size=(4, 4), apart=[[-1] * 8, labels]))
    (crowd,) = refused.value.crowded
    assert (crowd.labelling, crowd.label, crowd.members, crowd.groups) == (1, 0, (0, 1, 2), 2)


def test_crowded_labels_lists_every_label_over_the_group_count_most_crowded_first() -> None:
    apart = np.array([[2, 2, 2, 5, 5, 5, 5, 1], [0, -1, -1, -1, -1, -1, -1, 0]])
    found = crowded_labels(apart, 2)
    assert [(c.labelling, c.label, c.members) for c in found] == [
        (0, 5, (3, 4, 5, 6)),
        (0, 2, (0, 1, 2)),
    ]
    assert crowded_labels(apart, 4) == []
    assert crowded_labels(np.zeros((0, 8), dtype=np.int64), 1) == []


def test_malformed_labellings_are_named() -> None:
    d = random_scores(4, 0)
    with pytest.raises(InfeasibleProblemError, match="labelling 1 needs one label per member"):
        prepare(GroupingProblem(d, size=(2, 2), apart=[[0, 0, 1, 1], [0, 1]]))
    with pytest.raises(InfeasibleProblemError, match="must hold integers"):
        prepare(GroupingProblem(d, size=(2, 2), apart=[[0.5, 0, 1, 1]]))
    with pytest.raises(InfeasibleProblemError, match="member 2 the label -3"):
        prepare(GroupingProblem(d, size=(2, 2), apart=[[0, 0, -3, 1]]))


def test_pinned_or_fixed_together_but_sharing_a_label_is_contradictory() -> None:
    d = random_scores(6, 0)
    with pytest.raises(InfeasibleProblemError, match="members 1 and 4 .* pinned together"):
        prepare(GroupingProblem(d, size=(3, 3), pinned=[(1, 4)], apart=[[0, 1, 2, 3, 1, 5]]))
    with pytest.raises(InfeasibleProblemError, match="members 1 and 4 .* fixed .* to group 1"):
        prepare(GroupingProblem(d, size=(3, 3), fixed={1: 1, 4: 1}, apart=[[0, 1, 2, 3, 1, 5]]))
