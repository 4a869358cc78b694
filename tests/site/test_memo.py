"""The process memo keeps derived objects within a memory budget, oldest used first out."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from natverk.site.memo import SizedMemo, approximate_bytes


@dataclass(frozen=True)
class Model:
    name: str
    scores: np.ndarray


def test_an_array_counts_by_its_buffer_and_a_shared_one_once() -> None:
    scores = np.zeros((200, 200))
    assert approximate_bytes(scores) >= 320_000
    one = approximate_bytes(Model("a", scores))
    assert 320_000 <= one < 330_000
    assert approximate_bytes((scores, scores, Model("b", scores))) < one + 1_000


def test_the_least_recently_used_goes_first_when_over_budget() -> None:
    memo = SizedMemo(budget=250_000)
    memo.put("a", np.zeros(10_000))  # 80 kB each
    memo.put("b", np.zeros(10_000))
    memo.put("c", np.zeros(10_000))
    assert memo.get("a") is not None  # a is now the most recently used
    memo.put("d", np.zeros(10_000))
    assert memo.get("b") is None
    assert all(memo.get(k) is not None for k in "acd")
    assert memo.held <= memo.budget


def test_a_value_larger_than_the_budget_is_not_kept_and_keeps_the_others() -> None:
    memo = SizedMemo(budget=100_000)
    memo.put("small", np.zeros(1_000))
    memo.put("huge", np.zeros(1_000_000))
    assert memo.get("huge") is None
    assert memo.get("small") is not None


def test_putting_a_key_again_replaces_its_size() -> None:
    memo = SizedMemo(budget=1_000_000)
    memo.put("a", np.zeros(50_000))
    memo.put("a", np.zeros(10))
    assert len(memo) == 1
    assert memo.held < 1_000


@given(st.lists(st.tuples(st.sampled_from("abcdefgh"), st.integers(0, 40_000)), max_size=40))
def test_what_the_memo_holds_stays_within_its_budget(puts: list[tuple[str, int]]) -> None:
    memo = SizedMemo(budget=200_000)
    for key, length in puts:
        memo.put(key, np.zeros(length, dtype=np.uint8))
        assert memo.held <= memo.budget
    kept = [k for k in "abcdefgh" if k in memo._entries]
    assert memo.held == sum(approximate_bytes(memo._entries[k][0]) for k in kept)
    if puts and puts[-1][1] + 112 <= memo.budget:
        assert memo.get(puts[-1][0]) is not None  # the newest fits, so it is kept


def test_a_long_run_of_records_is_measured_from_a_sample_within_a_tenth() -> None:
    records = tuple(Model(f"person {k}", np.zeros(10 + k % 7)) for k in range(5_000))
    exact = sum(approximate_bytes(r) for r in records)
    measured = approximate_bytes(records)
    assert abs(measured - exact) < exact / 10
