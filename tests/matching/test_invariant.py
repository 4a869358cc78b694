"""Schedules whose rounds are fixed by translations of Z_2^k."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.matching.invariant import (
    block_orbit_count,
    block_orbits,
    invariant_schedule,
    subgroups,
)
from natverk.matching.rounds import count_repeats, plan_rounds


def _pair_class(p: int, q: int, m: int) -> tuple[int, int, int]:
    (o1, x1), (o2, x2) = sorted((divmod(p, m), divmod(q, m)))
    return (o1, o2, x1 ^ x2)


def _check_perfect(plan: list[list[list[int]]], n: int, size: int) -> None:
    for rooms in plan:
        assert sorted(p for room in rooms for p in room) == list(range(n))
        assert {len(room) for room in rooms} == {size}
    assert count_repeats(plan, n) == 0


def test_subgroups_of_z2_cubed_are_counted_by_the_gaussian_binomial() -> None:
    assert len(subgroups(3, 1)) == 1
    assert len(subgroups(3, 2)) == 7
    assert len(subgroups(3, 4)) == 7
    assert len(subgroups(3, 8)) == 1
    assert subgroups(3, 3) == []
    for sub in subgroups(4, 4):
        assert all(a ^ b in sub for a in sub for b in sub)


@given(st.integers(1, 4), st.integers(1, 6), st.integers(2, 5))
@settings(max_examples=60, deadline=None)
def test_block_orbit_count_matches_the_listing(k: int, orbits: int, size: int) -> None:
    assert block_orbit_count(k, orbits, size) == len(block_orbits(k, orbits, size))


@given(st.integers(1, 3), st.integers(1, 5), st.integers(2, 4), st.data())
@settings(max_examples=60, deadline=None)
def test_a_block_orbit_partitions_its_orbits_and_meets_each_class_pair_once(
    k: int, orbits: int, size: int, data: st.DataObject
) -> None:
    blocks = block_orbits(k, orbits, size)
    if not blocks:
        return
    m = 1 << k
    block = data.draw(st.sampled_from(blocks))
    rooms = block.rooms(m)
    points = sorted(p for room in rooms for p in room)
    assert points == sorted(o * m + x for o in block.orbits for x in range(m))
    assert all(len(room) == size for room in rooms)
    met = [_pair_class(p, q, m) for room in rooms for p, q in itertools.combinations(room, 2)]
    # Every pair of the classes it names meets once: class sizes are m (two orbits) or m/2.
    expected = {c: (m // 2 if c[0] == c[1] else m) for c in block.classes()}
    assert len(block.classes()) == len(expected)
    counted: dict[tuple[int, int, int], int] = {}
    for c in met:
        counted[c] = counted.get(c, 0) + 1
    assert counted == expected


# Time limits here are generous on purpose: the search stops when it finds the schedule
# (about 12 s on a quiet core), and how fast is bench/rounds.py's question, not a test's.


def test_golfer_8_4_10_has_ten_rounds_without_a_repeat() -> None:
    plan = invariant_schedule(32, 10, [4] * 8, seed=1, time_limit=600)
    assert plan is not None and len(plan) == 10
    _check_perfect(plan, 32, 4)


def test_small_plans_are_found_and_depend_on_the_seed_only() -> None:
    first = invariant_schedule(16, 5, [4] * 4, seed=7, time_limit=30)
    assert first is not None
    _check_perfect(first, 16, 4)
    assert invariant_schedule(16, 5, [4] * 4, seed=7, time_limit=30) == first


def test_unequal_rooms_and_impossible_counts_are_not_attempted() -> None:
    assert invariant_schedule(18, 3, [5, 5, 4, 4], seed=1, time_limit=1) is None
    # 16 people in rooms of 4 meet 3 new people a round: 6 rounds need 18 others.
    assert invariant_schedule(16, 6, [4] * 4, seed=1, time_limit=1) is None


def test_plan_rounds_solves_golfer_8_4_10_through_the_invariant_search() -> None:
    plan = plan_rounds(32, 10, (4, 4), seed=3, time_limit=240)
    assert plan.repeats == 0
