"""Released aggregates never let anyone work out a group smaller than k (attack tests)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.insights.anonymity import MIN_K, Cell, Release, release

DIMS = ("group", "meeting", "profession")


def _members(cell: Cell, rows: Sequence[Mapping[str, str]]) -> frozenset[int]:
    return frozenset(i for i, row in enumerate(rows) if cell.matches(row))


def _small_groups_an_attacker_can_isolate(
    plan: Release, rows: Sequence[Mapping[str, str]], combine: int = 3
) -> list[frozenset[int]]:
    """Sets of fewer than k people obtainable as A - B or A - B - C from shown cells,
    where the subtracted cells are disjoint parts of A (what a viewer can compute)."""
    shown = [_members(cell, rows) for cell in plan.released]
    found = []
    for a in shown:
        parts = [b for b in shown if b < a]
        for size in range(1, combine):
            for chosen in itertools.combinations(parts, size):
                if any(x & y for x, y in itertools.combinations(chosen, 2)):
                    continue
                rest = a - frozenset().union(*chosen)
                if 0 < len(rest) < plan.k:
                    found.append(rest)
    return found


def test_a_cell_with_k_minus_one_answers_is_hidden_and_with_k_shown() -> None:
    k = 5
    for n, shown in ((k - 1, False), (k, True)):
        rows = [{"group": "1"}] * n + [{"group": "2"}] * 10 + [{"group": "3"}] * 10
        plan = release(rows, ["group"], k=k)
        assert plan.shows(Cell.of(group="1")) is shown


def test_one_person_who_differs_cannot_be_singled_out() -> None:
    # Nine communicators and one lawyer in group 1: no view reveals the lawyer.
    rows = [{"group": "1", "profession": "2432"} for _ in range(9)]
    rows.append({"group": "1", "profession": "2611"})
    rows += [{"group": "2", "profession": "2432"} for _ in range(8)]
    plan = release(rows, ["group", "profession"], k=5)
    assert not plan.shows(Cell.of(profession="2611"))
    assert not plan.shows(Cell.of(group="1", profession="2611"))
    assert _small_groups_an_attacker_can_isolate(plan, rows) == []
    # The group totals stay visible: the lawyer is hidden among ten.
    assert plan.shows(Cell.of(group="1"))


def test_k_is_never_below_three() -> None:
    rows = [{"group": "1"}] * 2 + [{"group": "2"}] * 4
    assert release(rows, ["group"], k=1).k == MIN_K
    assert not release(rows, ["group"], k=1).shows(Cell.of(group="1"))


def test_missing_values_count_as_a_hidden_part() -> None:
    rows = [{"group": "1"}] * 6 + [{}]  # one answer without a group
    plan = release(rows, ["group"], k=5)
    # The total minus group 1 would reveal the one answer without a group.
    assert not (plan.shows(Cell()) and plan.shows(Cell.of(group="1")))


ROWS = st.lists(
    st.fixed_dictionaries(
        {
            "group": st.sampled_from(["1", "2", "3"]),
            "meeting": st.sampled_from(["1", "2"]),
            "profession": st.sampled_from(["2432", "2611", "2421"]),
        }
    ),
    min_size=0,
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(rows=ROWS, k=st.integers(3, 6))
def test_no_combination_of_shown_cells_isolates_fewer_than_k(
    rows: list[dict[str, str]], k: int
) -> None:
    plan = release(rows, DIMS, k=k, depth=2)
    assert all(plan.count(cell) >= k for cell in plan.released)
    assert _small_groups_an_attacker_can_isolate(plan, rows) == []


@settings(max_examples=200, deadline=None)
@given(rows=ROWS, k=st.integers(3, 6))
def test_release_is_deterministic_and_monotone_in_k(rows: list[dict[str, str]], k: int) -> None:
    plan = release(rows, DIMS, k=k, depth=2)
    assert plan.released == release(list(rows), DIMS, k=k, depth=2).released
    stricter = release(rows, DIMS, k=k + 2, depth=2)
    assert all(plan.count(c) >= k + 2 for c in stricter.released)


@settings(max_examples=150, deadline=None)
@given(rows=ROWS, k=st.integers(3, 5))
def test_no_sum_or_difference_of_up_to_three_shown_cells_reveals_a_small_group(
    rows: list[dict[str, str]], k: int
) -> None:
    import numpy as np

    plan = release(rows, DIMS, k=k, depth=2)
    vectors = [
        np.array([cell.matches(row) for row in rows], dtype=np.int64) for cell in plan.released
    ]
    for size in (2, 3):
        for chosen in itertools.combinations(vectors, size):
            for signs in itertools.product((1, -1), repeat=size):
                total = sum(s * v for s, v in zip(signs, chosen, strict=True))
                if np.all((total == 0) | (total == 1)):
                    assert total.sum() == 0 or total.sum() >= k
