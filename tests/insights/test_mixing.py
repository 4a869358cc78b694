"""Department mixing and newcomers' connections: aggregates that name nobody."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.insights.mixing import (
    ALL,
    MeetupRecord,
    Mixing,
    NewcomerRecord,
    department_mixing,
    newcomer_cohorts,
    suppress,
)

DEPARTMENTS = ["HR", "IT", "Ekonomi", "Juridik", "Teknik"]
SIZES = {"HR": 20, "IT": 30, "Ekonomi": 12, "Juridik": 2, "Teknik": 9}

records = st.lists(
    st.builds(
        MeetupRecord,
        period=st.sampled_from(["2027 Q1", "2027 Q2", "2027 Q3"]),
        departments=st.lists(st.sampled_from(DEPARTMENTS), min_size=2, max_size=4).map(tuple),
        answered=st.booleans(),
        met=st.booleans(),
    ).map(lambda r: MeetupRecord(r.period, r.departments, r.answered or r.met, r.met)),
    max_size=120,
)


def _recount(meetups: list[MeetupRecord], mixing: Mixing, k: int) -> Mixing:
    """The same table counted plainly, nothing hidden (the reference)."""
    index = {d: i for i, d in enumerate(mixing.departments)}
    cells = {p: dict.fromkeys(mixing.cells[ALL], 0) for p in mixing.cells}
    met = dict.fromkeys(mixing.met, 0)
    for r in meetups:
        if not r.met:
            continue
        names = [d if SIZES[d] >= k else "Övriga" for d in r.departments]
        pairs = {tuple(sorted((index[a], index[b]))) for a, b in combinations(names, 2)}
        for period in (r.period, ALL):
            met[period] += 1
            for cell in pairs:
                cells[period][cell] += 1  # type: ignore[index]
    return Mixing(mixing.departments, mixing.periods, cells, {}, {}, met, k)  # type: ignore[arg-type]


def _lines(mixing: Mixing) -> list[tuple[list[int | None], int | None]]:
    """Each line of the published table: its members and its total."""
    cells = list(mixing.cells[ALL])
    everything = (*mixing.periods, ALL)
    lines = [([mixing.cells[p][c] for c in cells], mixing.met[p]) for p in everything]
    lines += [([mixing.cells[p][c] for p in mixing.periods], mixing.cells[ALL][c]) for c in cells]
    lines.append(([mixing.met[p] for p in mixing.periods], mixing.met[ALL]))
    return lines


@given(records, st.integers(3, 6))
@settings(max_examples=200, deadline=None)
def test_no_count_below_k_is_shown_nor_can_be_worked_out_from_a_total(
    meetups: list[MeetupRecord], k: int
) -> None:
    mixing = department_mixing(meetups, sizes=SIZES, k=k, other="Övriga")
    truth = _recount(meetups, mixing, k)
    for period, cells in mixing.cells.items():
        for cell, value in cells.items():
            assert value is None or value == truth.cells[period][cell]
            assert value is None or value == 0 or value >= k
    for period, met in mixing.met.items():
        assert met is None or (met == truth.met[period] and mixing.answered[period] >= k)
        assert met is None or met == 0 or met >= k
        missed = mixing.answered[period] - (truth.met[period] or 0)
        assert met is None or missed == 0 or missed >= k
    for (members, total), (values, _) in zip(_lines(mixing), _lines(truth), strict=True):
        hidden = [v for m, v in zip(members, values, strict=True) if m is None]
        if total is not None and hidden:
            assert len(hidden) >= 2 and sum(v or 0 for v in hidden) >= k


def test_hidden_cells_of_a_line_add_up_to_k_or_more() -> None:
    values = {"a": 1, "b": 1, "c": 9, "d": 0, "t": 11}
    hidden = suppress(values, [(["a", "b", "c", "d"], "t")], 5)
    assert hidden == {"a", "b", "c"}  # 1 + 1 < 5, so the next smallest goes too
    assert suppress({"a": 2, "b": 0, "t": 2}, [(["a", "b"], "t")], 5) == {"a", "t"}


def test_counts_are_exact_where_shown_and_small_departments_are_merged() -> None:
    meetups = [MeetupRecord("2027 Q1", ("HR", "IT"), True, True)] * 6
    meetups += [MeetupRecord("2027 Q1", ("Juridik", "IT"), True, True)] * 4
    meetups += [MeetupRecord("2027 Q2", ("HR", "IT"), True, False)] * 3
    mixing = department_mixing(meetups, sizes=SIZES, k=3, other="Övriga")
    assert mixing.departments == ("HR", "IT", "Övriga")
    assert mixing.cells["2027 Q1"][(0, 1)] == 6
    assert mixing.cells["2027 Q1"][(1, 2)] == 4
    assert mixing.cells[ALL][(0, 1)] == 6
    assert mixing.made == {"2027 Q1": 10, "2027 Q2": 3, ALL: 13}
    assert mixing.share_met("2027 Q1") == 1.0
    assert mixing.share_met("2027 Q2") == 0.0
    assert mixing.largest() == 6


def test_a_trio_counts_once_for_each_pair_of_departments_in_it() -> None:
    meetups = [MeetupRecord("2027 Q1", ("HR", "HR", "IT"), True, True)] * 5
    mixing = department_mixing(meetups, sizes=SIZES, k=5, other="Övriga")
    assert mixing.cells[ALL] == {(0, 0): 5, (0, 1): 5, (1, 1): 0}


def test_a_period_with_too_few_answers_shows_no_share() -> None:
    meetups = [MeetupRecord("2027 Q1", ("HR", "IT"), True, True)] * 2
    meetups += [MeetupRecord("2027 Q1", ("HR", "IT"))] * 10
    mixing = department_mixing(meetups, sizes=SIZES, k=3, other="Övriga")
    assert mixing.share_met("2027 Q1") is None
    assert mixing.cells["2027 Q1"][(0, 1)] is None


def test_a_share_is_hidden_when_few_meetups_did_not_take_place() -> None:
    meetups = [MeetupRecord("2027 Q1", ("HR", "IT"), True, True)] * 9
    meetups += [MeetupRecord("2027 Q1", ("HR", "IT"), True, False)]
    mixing = department_mixing(meetups, sizes=SIZES, k=3, other="Övriga")
    assert mixing.share_met("2027 Q1") is None  # else 10 - 9 = one that did not happen
    assert mixing.met["2027 Q1"] is None


def test_k_below_three_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 3"):
        department_mixing([], sizes=SIZES, k=2, other="Övriga")


@given(
    st.lists(
        st.builds(
            NewcomerRecord,
            period=st.sampled_from(["2027 Q1", "2027 Q2"]),
            colleagues=st.integers(0, 8),
            departments=st.integers(0, 4),
        ),
        max_size=40,
    ),
    st.integers(3, 5),
)
def test_newcomer_cohorts_smaller_than_k_show_only_their_count(
    newcomers: list[NewcomerRecord], k: int
) -> None:
    cohorts = newcomer_cohorts(newcomers, k=k)
    for cohort in cohorts:
        hidden = cohort.mean_colleagues is None
        assert hidden == (cohort.count < k)
    total = next((c for c in cohorts if c.period == ALL), None)
    shown = [c for c in cohorts if c.period != ALL and c.mean_colleagues is not None]
    assert (total is None) == (not shown)
    if total is not None:
        assert total.count == sum(c.count for c in shown)
