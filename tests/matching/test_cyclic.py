"""Cyclic schedules: a base round shifted along orbits."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.matching import _cyclic_kernels as kernels
from natverk.matching.cyclic import Orbits, class_tables, cyclic_schedule, develop, orbits_for
from natverk.matching.rounds import count_repeats, plan_rounds


def test_orbits_need_fewer_fixed_points_than_rooms() -> None:
    assert orbits_for(24, 7, 6) == Orbits(7, (7, 7, 7, 1, 1, 1))
    assert orbits_for(20, 7, 4) is None  # 6 fixed points but only 4 rooms
    assert orbits_for(5, 7, 2) is None


def test_six_rooms_of_four_get_seven_rounds_without_a_repeat() -> None:
    plan = cyclic_schedule(24, 7, [4] * 6, seed=3, time_limit=30)
    assert plan is not None
    assert count_repeats(plan, 24) == 0
    for rooms in plan:
        assert sorted(p for room in rooms for p in room) == list(range(24))
        assert [len(room) for room in rooms] == [4] * 6


def test_plan_rounds_solves_golfer_6_4_7_through_the_cyclic_search() -> None:
    plan = plan_rounds(24, 7, (4, 4), seed=5, time_limit=30)
    assert plan.repeats == 0


def test_impossible_schedule_is_reported_as_none() -> None:
    # 20 people in 4 rooms of 5: a second round must repeat a pair (g < s).
    assert cyclic_schedule(20, 2, [5] * 4, seed=1, time_limit=0.2) is None


@given(
    st.integers(2, 6),
    st.lists(st.sampled_from([1, 0]), min_size=1, max_size=4),
    st.integers(0, 2**16),
)
@settings(max_examples=40, deadline=None)
def test_base_cost_is_zero_exactly_when_the_developed_schedule_has_no_repeat(
    shift: int, kinds: list[int], seed: int
) -> None:
    lengths = tuple(shift if kind else 1 for kind in kinds) + (shift,)
    orbits = Orbits(shift, lengths)
    n = orbits.n
    rng = np.random.default_rng(seed)
    order = [int(p) for p in rng.permutation(n)]
    room_size = 2 if n % 2 == 0 else 3 if n % 3 == 0 else 1
    if room_size == 1:
        return
    base = [order[i : i + room_size] for i in range(0, n, room_size)]
    cls, anc, period = class_tables(orbits, shift)
    members = np.array([base], dtype=np.int64)
    classes = kernels.Classes(cls, anc, period, shift, np.full(len(base), room_size))
    cost = kernels.base_cost(classes, kernels.base_state(members, period, seed))
    repeats = count_repeats(develop(orbits, base, shift), n)
    assert (cost == 0) == (repeats == 0)
