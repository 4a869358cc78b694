"""Breakout rounds and 1:1 pairs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.matching.pairs import PairingError, plan_pairs
from natverk.matching.rounds import RoomPlanError, count_repeats, plan_rounds, room_sizes


@given(st.integers(6, 60), st.integers(1, 4), st.sampled_from([(3, 5), (2, 4), (4, 4)]))
@settings(max_examples=40, deadline=None)
def test_every_present_person_is_in_one_room_of_allowed_size(
    n: int, rounds: int, size: tuple[int, int]
) -> None:
    try:
        plan = plan_rounds(n, rounds, size, seed=1, time_limit=0.05)
    except RoomPlanError:
        return
    assert len(plan.rounds) == rounds
    for rooms in plan.rounds:
        assert sorted(p for room in rooms for p in room) == list(range(n))
        assert all(size[0] <= len(room) <= size[1] for room in rooms)


def test_kirkman_schoolgirls_get_seven_rounds_without_a_repeat() -> None:
    plan = plan_rounds(15, 7, (3, 3), seed=1, time_limit=10)
    assert plan.repeats == 0 == count_repeats(plan.rounds, 15)


def test_held_rounds_stay_and_late_arrivals_are_placed() -> None:
    first = plan_rounds(12, 1, (3, 4), seed=2, time_limit=0.2)
    present = [list(range(14))]  # two people joined after round 1
    plan = plan_rounds(14, 1, (3, 4), held=first.rounds, present=present, seed=2, time_limit=0.2)
    assert plan.rounds[0] == first.rounds[0]
    assert sorted(p for room in plan.rounds[1] for p in room) == list(range(14))


def test_keep_apart_facilitators_and_languages_are_respected() -> None:
    languages = [frozenset({"sv"})] * 6 + [frozenset({"en"})] * 6
    plan = plan_rounds(
        12,
        3,
        (3, 3),
        keep_apart=[(0, 1)],
        facilitators=[2, 3, 8, 9],
        languages=languages,
        seed=3,
        time_limit=0.5,
    )
    for rooms in plan.rounds:
        for room in rooms:
            assert not {0, 1} <= set(room)
            assert len({2, 3, 8, 9} & set(room)) == 1
            assert len({next(iter(languages[p])) for p in room}) == 1


def test_history_is_avoided_when_possible() -> None:
    history = np.zeros((8, 8))
    history[0, 1] = history[1, 0] = 5.0
    plan = plan_rounds(8, 1, (4, 4), history=history, seed=4, time_limit=0.2)
    assert not any({0, 1} <= set(room) for room in plan.rounds[0])


def test_same_seed_gives_same_plan_when_a_perfect_schedule_is_found() -> None:
    a = plan_rounds(9, 4, (3, 3), seed=5, time_limit=5)
    b = plan_rounds(9, 4, (3, 3), seed=5, time_limit=5)
    assert a.rounds == b.rounds and a.repeats == 0


def test_large_plans_use_the_per_round_search_and_beat_random_rooms() -> None:
    n = 260  # above SMALL_GROUP: greedy person by person, tabu in one round at a time
    history = np.zeros((n, n))
    for start in range(0, n, 8):  # home groups of 8 have met before
        history[start : start + 8, start : start + 8] = 1.0
    np.fill_diagonal(history, 0.0)
    plan = plan_rounds(n, 3, (4, 5), history=history, seed=6, time_limit=2)
    assert plan.repeats == 0
    for rooms in plan.rounds:
        assert sorted(p for room in rooms for p in room) == list(range(n))
    home_pairs = sum(
        1
        for rooms in plan.rounds
        for room in rooms
        for i in room
        for j in room
        if i < j and history[i, j] > 0
    )
    assert home_pairs == 0


def test_greedy_freedom_start_then_tabu_keeps_facilitators_apart_with_history() -> None:
    history = np.ones((20, 20)) - np.eye(20)  # everyone has met: history only ranks
    plan = plan_rounds(20, 2, (4, 4), history=history, facilitators=[0, 1, 2, 3, 4], seed=7)
    for rooms in plan.rounds:
        assert sorted(len({0, 1, 2, 3, 4} & set(room)) for room in rooms) == [1] * 5


def test_impossible_room_sizes_are_explained() -> None:
    with pytest.raises(RoomPlanError, match="23 people cannot be split into rooms of 6-6"):
        room_sizes(23, (6, 6))
    with pytest.raises(RoomPlanError, match="smallest"):
        room_sizes(10, (5, 3))


def test_pairs_cross_departments_and_make_one_trio_for_an_odd_count() -> None:
    departments = ["HR", "HR", "IT", "IT", "Ekonomi"]
    plan = plan_pairs(departments, seed=1)
    assert sorted(len(p) for p in plan.pairs) == [2, 3]
    assert sorted(x for p in plan.pairs for x in p) == [0, 1, 2, 3, 4]


def test_pairs_avoid_recent_pairs_and_skip_paused_people() -> None:
    departments = [""] * 6
    recent = [(0, 1), (2, 3), (4, 5), (0, 2)]
    plan = plan_pairs(departments, recent=recent, excluded=[5], seed=2)
    assert all(x != 4 or len(p) >= 2 for p in plan.pairs for x in p)
    assert 5 not in {x for p in plan.pairs for x in p}
    assert plan.repeats == 0


@given(st.lists(st.sampled_from(["A", "B", "C", ""]), min_size=2, max_size=60), st.integers(0, 99))
@settings(max_examples=60, deadline=None)
def test_pairs_cover_everyone_once(departments: list[str], seed: int) -> None:
    plan = plan_pairs(departments, seed=seed)
    people = sorted(x for p in plan.pairs for x in p)
    assert people == list(range(len(departments)))
    assert sum(len(p) == 3 for p in plan.pairs) == len(departments) % 2


def test_pairing_needs_two_people() -> None:
    with pytest.raises(PairingError):
        plan_pairs(["HR", "IT"], excluded=[0])
