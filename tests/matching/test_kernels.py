"""Every compiled kernel against its plain-Python twin (tests/matching/reference.py).

The twins make the same decisions from the same random stream but recompute every
score from scratch, so a kernel whose running sums drift parts from its twin. The
instances use real-valued random scores: no two candidates tie, so the comparison
is exact.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.matching import _cyclic_kernels as cyclic
from natverk.matching import _features as features
from natverk.matching import _mdgp_kernels as mdgp
from natverk.matching import _rounds_kernels as rounds
from natverk.matching._lagrange import _evaluate, top_per_row
from natverk.matching._rng import randint, random, shuffle, stream
from natverk.matching._search import (
    NEAR,
    SearchState,
    _anneal,
    _near,
    _total,
    anneal,
    build_state,
    run_ils,
)
from natverk.matching._start import feasible_start
from natverk.matching.cyclic import class_tables, orbits_for
from natverk.matching.grouping import penalised_scores
from natverk.matching.hope_topics import TopicHopes, prepare_topics
from natverk.matching.problem import GroupingProblem, PreparedProblem, keep_apart, prepare
from tests.matching import reference
from tests.matching._helpers import random_scores

ALL = np.uint64(0xFFFFFFFFFFFFFFFF)


def test_stream_draws_what_its_twin_draws() -> None:
    rng, twin = stream(12345), reference.Stream(12345)
    assert [float(random(rng)) for _ in range(5)] == [twin.random() for _ in range(5)]
    assert [int(randint(rng, 7)) for _ in range(50)] == [twin.randint(7) for _ in range(50)]
    values, mirror = np.arange(20), list(range(20))
    shuffle(rng, values)
    twin.shuffle(mirror)
    assert values.tolist() == mirror


def test_streams_are_independent_of_each_other() -> None:
    a, b = stream(1), stream(1)
    first = [int(randint(a, 1000)) for _ in range(3)]
    stream(99)  # another search in the same process draws nothing from these
    assert [int(randint(b, 1000)) for _ in range(3)] == first


# The constrained local search --------------------------------------------------------------


def _search_setup(seed: int) -> tuple[PreparedProblem, np.ndarray, np.ndarray]:
    """A small problem with a pin, a fixed member, forbidden pairs, availability (every
    third seed), hopes (even seeds) and fairness; its penalised scores and a start."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(9, 14))
    perm = [int(x) for x in rng.permutation(n)]
    masks = None
    if seed % 3 == 0:
        masks = rng.integers(1, 8, n).astype(np.uint64) | np.uint64(1)
    problem = GroupingProblem(
        random_scores(n, seed), size=(2, (n + 2) // 3 + 1), pinned=[(perm[0], perm[1])],
        forbidden=[(perm[2], perm[3]), (perm[4], perm[5])], fixed={perm[6]: 0},
        availability=masks, hopes=[(a, b) for a, b in rng.integers(0, n, (n, 2)) if a != b],
        hope_weight=0.7 if seed % 2 == 0 else 0.0, fairness=0.5 if seed % 4 < 2 else 0.0,
        hope_share=0.5 if seed % 4 == 0 else 1.0,
    )  # fmt: skip
    prep = prepare(problem)
    return prep, penalised_scores(prep), feasible_start(prep, rng)


def _state_and_twin(seed: int, *, fairness: bool) -> tuple[SearchState, reference.SearchTwin]:
    """The search state of :func:`_search_setup`'s problem and its twin (with the
    problem's fairness, or none)."""
    prep, d, start = _search_setup(seed)
    fair = prep.fairness * prep.n / 2 if fairness else 0.0
    state = build_state(
        d, prep.units, prep.unit_group, prep.masks, prep.lower, prep.upper, start, seed=seed,
        fair=fair, hopes=prep.hopes, hope=prep.hope_weight, target=prep.hope_target,
    )  # fmt: skip
    helps = None
    if prep.hope_weight:
        helps = np.zeros((prep.n, prep.n), dtype=np.uint8)
        helps[prep.hopes[:, 0], prep.hopes[:, 1]] = 1
    twin = reference.SearchTwin(
        d, prep.units, prep.unit_group.tolist(), prep.masks.tolist(), prep.lower.tolist(),
        prep.upper.tolist(), start.tolist(), helps, prep.hope_weight, fair, state.units.eps, seed,
        prep.hope_target,
    )  # fmt: skip
    return state, twin


@pytest.mark.parametrize("seed", range(8))
def test_unit_search_matches_its_twin(seed: int) -> None:
    state, twin = _state_and_twin(seed, fairness=True)
    for rounds_now in (0, 3, 2):
        best = run_ils(state, rounds_now)
        assert best == pytest.approx(twin.run(rounds_now), abs=1e-9)
        assert state.best_of.tolist() == twin.best_of
        assert state.groups.of.tolist() == twin.of


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("temperature", [0.05, 0.5, 5.0])
def test_annealing_matches_its_twin(seed: int, temperature: float) -> None:
    state, twin = _state_and_twin(seed, fairness=False)
    p, s = state.units, state.groups
    start = float(_total(p, s))
    assert start == pytest.approx(twin.total(), abs=1e-9)
    best_of = s.of.copy()
    total, best = _anneal(p, s, state.rng, 400, temperature, start, start, best_of)
    twin_total, twin_best, twin_best_of = twin.anneal(400, temperature, start, start)
    assert s.of.tolist() == twin.of
    assert total == pytest.approx(twin_total, abs=1e-9)
    assert best == pytest.approx(twin_best, abs=1e-9)
    assert best_of.tolist() == (twin_best_of or best_of.tolist())
    # the running sums are the grouping's: the kernel's recount is the twin's from scratch
    assert float(_total(p, s)) == pytest.approx(twin.total(), abs=1e-9)
    assert total == pytest.approx(twin.total(), abs=1e-9)


def test_annealing_ends_on_the_best_grouping_it_saw_and_keeps_the_rules() -> None:
    state, twin = _state_and_twin(6, fairness=False)  # availability and hopes
    p, s = state.units, state.groups
    start = float(_total(p, s))
    anneal(state, hot=2.0, cold=0.01, deadline=float("inf"), moves=5_000)
    assert state.total >= start - 1e-9
    assert state.total == pytest.approx(twin.total(s.of.tolist()), abs=1e-9)
    for g in range(len(p.lower)):
        size = int(p.size[s.of == g].sum())
        assert p.lower[g] <= size <= p.upper[g]
        common = ALL
        for u in np.flatnonzero(s.of == g):
            common &= p.mask[u]
        assert common != 0
    assert all(s.of[u] == p.fixed[u] for u in range(len(p.size)) if p.fixed[u] >= 0)


@pytest.mark.parametrize("pinned", [False, True])
def test_annealing_lists_for_each_unit_the_units_it_scores_highest_with(pinned: bool) -> None:
    n = 60
    d = random_scores(n, 3)
    units = tuple((2 * k, 2 * k + 1) for k in range(n // 2)) if pinned else tuple(
        (i,) for i in range(n)
    )  # fmt: skip
    near = _near(d, units)
    k = min(NEAR, len(units) - 1)
    assert near.shape == (len(units), k) and k < len(units) - 1

    def score(u: int, v: int) -> float:
        return float(d[np.ix_(units[u], units[v])].sum())

    for u, row in enumerate(near.tolist()):
        assert row == sorted(row) and u not in row and len(set(row)) == k
        others = sorted((score(u, v) for v in range(len(units)) if v != u), reverse=True)
        assert sorted((score(u, v) for v in row), reverse=True) == pytest.approx(others[:k])


def test_a_search_that_does_not_anneal_builds_no_near_lists() -> None:
    prep, d, start = _search_setup(2)
    state = build_state(
        d, prep.units, prep.unit_group, prep.masks, prep.lower, prep.upper, start, seed=2,
        annealing=False,
    )  # fmt: skip
    assert state.units.near.shape == (len(prep.units), 0)


def test_annealing_of_a_single_unit_has_no_one_to_swap_with() -> None:
    assert _near(random_scores(3, 1), ((0, 1, 2),)).shape == (1, 0)


def test_annealing_with_a_move_budget_does_not_depend_on_the_clock() -> None:
    ends = []
    for _ in range(2):
        state, _twin = _state_and_twin(4, fairness=False)
        anneal(state, hot=1.0, cold=0.01, deadline=0.0, moves=3_000)
        ends.append(state.groups.of.tolist())
    assert ends[0] == ends[1]


def test_unit_search_keeps_its_running_sums_exact() -> None:
    prep, d, start = _search_setup(2)
    state = build_state(
        d, prep.units, prep.unit_group, prep.masks, prep.lower, prep.upper, start, seed=1,
        hopes=prep.hopes, hope=1.0,
    )  # fmt: skip
    run_ils(state, 5)
    s, p = state.groups, state.units
    group = np.empty(prep.n, dtype=np.int64)
    for u in range(len(p.size)):
        group[p.members[p.start[u] : p.start[u + 1]]] = s.of[u]
    onehot = np.eye(len(p.lower))[group]
    np.testing.assert_allclose(s.W, d @ onehot, atol=1e-9)
    np.testing.assert_array_equal(s.H, p.helps.astype(np.int64) @ onehot.astype(np.int64))


# The scale path ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_feature_sweep_and_kick_match_their_twin(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, k, g = 24, 3, 4
    left, right = rng.normal(size=(n, k)), rng.normal(size=(n, k))
    of = np.repeat(np.arange(g), n // g)[rng.permutation(n)]
    movable = np.ones(n, dtype=np.bool_)
    movable[int(rng.integers(n))] = False
    forbidden = {(int(min(a, b)), int(max(a, b))) for a, b in rng.integers(0, n, (4, 2)) if a != b}
    apart = rng.integers(-1, 10, (2, n))  # two labellings, about two members per label
    masks = (
        (rng.integers(1, 4, n).astype(np.uint64) | np.uint64(1)) if seed % 2 else np.full(n, ALL)
    )
    kept = keep_apart(n, np.array(sorted(forbidden), dtype=np.int64).reshape(-1, 2), apart)
    m = features.Members(
        L=left, R=right, bias=0.2, mask=masks.astype(np.uint64), has_mask=bool(seed % 2),
        movable=movable, own_start=kept.member_start, own_sets=kept.sets,
        set_start=kept.start, set_members=kept.members, lower=np.full(g, 5),
        upper=np.full(g, 7), eps=1e-9,
    )  # fmt: skip
    s = features.sums_of(m, of, g)
    twin = reference.FeatureTwin(
        left, right, 0.2, of.tolist(), movable.tolist(), forbidden, masks.tolist(),
        [5] * g, [7] * g, 1e-9, apart.tolist(),
    )  # fmt: skip
    order = rng.permutation(n)
    stale = rng.normal(size=(n, g)).astype(np.float32)
    evict = np.zeros(g)
    features._sweep(m, s, order, stale, evict, 2)
    twin.sweep(order.tolist(), stale, evict, 2)
    assert s.of.tolist() == twin.of
    touched = np.empty(6, dtype=np.int64)
    _, count = features._perturb(m, s, 3, touched, stream(seed))
    assert touched[:count].tolist() == twin.perturb(3, reference.Stream(seed))
    assert s.of.tolist() == twin.of


def _topic_sets(rng: np.random.Generator, n: int, topics: int) -> list[set[int]]:
    return [
        set(rng.choice(topics, int(rng.integers(0, 3)), replace=False).tolist()) for _ in range(n)
    ]


@pytest.mark.parametrize("seed", range(8))
def test_hope_sweep_matches_its_twin_and_keeps_its_counts_exact(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, k, g = 24, 3, 6  # six groups, two ranked: the groups that help come on top
    left, right = rng.normal(size=(n, k)), rng.normal(size=(n, k))
    of = np.repeat(np.arange(g), n // g)[rng.permutation(n)]
    hopes, offers = _topic_sets(rng, n, 6), _topic_sets(rng, n, 6)
    masks = np.full(n, ALL)
    apart = rng.integers(-1, 12, (1, n))
    kept = keep_apart(n, np.zeros((0, 2), dtype=np.int64), apart)
    m = features.Members(
        L=left, R=right, bias=0.2, mask=masks, has_mask=False,
        movable=np.ones(n, dtype=np.bool_), own_start=kept.member_start, own_sets=kept.sets,
        set_start=kept.start, set_members=kept.members, lower=np.full(g, 3),
        upper=np.full(g, 5), eps=1e-9,
    )  # fmt: skip
    s = features.sums_of(m, of, g)
    weight = float(rng.choice([0.5, 2.0, 6.0]))
    topics = prepare_topics(TopicHopes([sorted(x) for x in hopes], [sorted(x) for x in offers]), n)
    target = int(topics.can.sum()) - int(seed % 3)  # at, or below, everyone who can be met
    prep = SimpleNamespace(topics=topics, groups=g, hope_weight=weight, hope_target=target)
    h = features.hopes_of(prep, s.of)  # type: ignore[arg-type]
    twin = reference.FeatureTwin(
        left, right, 0.2, of.tolist(), [True] * n, set(), masks.tolist(), [3] * g, [5] * g,
        1e-9, apart.tolist(), reference.TopicTwin(hopes, offers, weight, target),
    )  # fmt: skip
    order = rng.permutation(n)
    stale = rng.normal(size=(n, g)).astype(np.float32)
    features._hope_sweep(m, s, h, order, stale, np.zeros(g), 2)
    twin.sweep(order.tolist(), stale, np.zeros(g), 2)
    assert s.of.tolist() == twin.of
    assert h.met.tolist() == twin.met() and int(h.met_count[0]) == sum(twin.met())
    np.testing.assert_array_equal(h.C, topics.offered(s.of, g))


@given(st.integers(0, 10_000))
@settings(max_examples=40, deadline=None)
def test_hope_change_is_the_recount_after_the_move(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, g = 12, 3
    hopes, offers = _topic_sets(rng, n, 4), _topic_sets(rng, n, 4)
    topics = prepare_topics(TopicHopes([sorted(x) for x in hopes], [sorted(x) for x in offers]), n)
    of = np.repeat(np.arange(g), n // g)[rng.permutation(n)]
    kept = keep_apart(n, np.zeros((0, 2), dtype=np.int64), np.zeros((0, n), dtype=np.int64))
    m = features.Members(
        L=np.zeros((n, 1)), R=np.zeros((n, 1)), bias=0.0, mask=np.full(n, ALL),
        has_mask=False, movable=np.ones(n, dtype=np.bool_), own_start=kept.member_start,
        own_sets=kept.sets, set_start=kept.start, set_members=kept.members,
        lower=np.zeros(g, dtype=np.int64), upper=np.full(g, n), eps=1e-9,
    )  # fmt: skip  # any size: the moves below are drawn without the bounds
    s = features.sums_of(m, of, g)
    prep = SimpleNamespace(topics=topics, groups=g, hope_weight=1.0, hope_target=n)
    h = features.hopes_of(prep, s.of)  # type: ignore[arg-type]
    for _ in range(6):
        i = int(rng.integers(n))
        b = int((s.of[i] + 1 + rng.integers(g - 1)) % g)
        members_b = s.members[b, : s.size[b]]
        j = int(rng.choice(members_b)) if rng.random() < 0.7 else -1
        after = s.of.copy()
        after[i] = b
        if j >= 0:
            after[j] = s.of[i]
        expected = int(topics.met(after, g).sum()) - int(topics.met(s.of, g).sum())
        assert features._hope_change(s, h, i, b, j) == expected
        a = s.of[i]
        features._apply_hopes(m, s, h, i, b)
        if j >= 0:
            features._apply_hopes(m, s, h, j, a)
        assert h.met.tolist() == topics.met(s.of, g).tolist()
        np.testing.assert_array_equal(h.C, topics.offered(s.of, g))


# MDGP -------------------------------------------------------------------------------------


@given(st.integers(0, 10_000), st.integers(6, 12))
@settings(max_examples=15, deadline=None)
def test_mdgp_tabu_matches_its_twin(seed: int, n: int) -> None:
    d = np.triu(np.random.default_rng(seed).random((n, n)) * 100, 1)
    d = d + d.T
    lo, hi = np.array([1, 2, 1]), np.array([n, n, n])
    movable = np.ones(n, dtype=np.bool_)
    movable[seed % n] = False
    a = np.asarray(
        mdgp.random_start(
            n, lo, hi, np.zeros(n, dtype=np.int64), np.ones(n, dtype=np.bool_), stream(seed)
        )
    )
    twin_a = reference.mdgp_random_start(
        n, lo.tolist(), hi.tolist(), [0] * n, [True] * n, reference.Stream(seed)
    )
    assert a.tolist() == twin_a
    f = float(mdgp.objective(d, a))
    st_ = mdgp.Tabu(
        a=a.copy(), sz=np.bincount(a, minlength=3).astype(np.int64), m=mdgp.gain_matrix(d, a, 3),
        best_a=a.copy(), tabu=np.zeros((n, 3), dtype=np.int64), score=np.array([f, f]),
        clock=np.zeros(2, dtype=np.int64), rng=stream(seed + 1),
    )  # fmt: skip
    twin = reference.MdgpTwin(
        d, lo.tolist(), hi.tolist(), movable.tolist(), a.tolist(), reference.Stream(seed + 1)
    )
    mdgp.tabu_chunk(mdgp.Instance(d, lo, hi, movable), st_, mdgp.Params(1, 2, 8, 2), 60)
    twin.chunk(60, 1, 2, 8, 2)
    assert st_.a.tolist() == twin.a
    assert st_.best_a.tolist() == twin.best_a
    assert st_.score[1] == pytest.approx(twin.best_f)
    np.testing.assert_allclose(st_.m, reference.gain_matrix(d, st_.a, 3), atol=1e-9)


# Breakout rounds --------------------------------------------------------------------------


def _schedule(n: int, total: int, max_rooms: int) -> rounds.Schedule:
    return rounds.Schedule(
        room=np.full((total, n), -1, dtype=np.int64),
        members=np.full((total, max_rooms, n), -1, dtype=np.int64),
        size=np.zeros((total, max_rooms), dtype=np.int64),
        pos=np.zeros((total, n), dtype=np.int64),
        c=np.zeros((n, n), dtype=np.int64),
    )


@pytest.mark.parametrize("seed", range(4))
def test_round_kernels_match_their_twin(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, total, cap = 10, 3, np.array([4, 3, 3])
    h = np.zeros((n, n))
    for a, b in rng.integers(0, n, (3, 2)):
        if a != b:
            h[a, b] = h[b, a] = float(rng.integers(1, 5))
    co = rounds.Costs(h, 1000.0)
    sc = _schedule(n, total, 3)
    twin = reference.RoundsTwin(sc.room, h, 1000.0)
    draws, twin_draws = stream(seed), reference.Stream(seed)
    for r in range(total):
        people = rng.permutation(n)
        if r == 0:
            rounds.cheapest_rooms(sc, co, r, people, cap)
            twin.cheapest_rooms(r, people.tolist(), cap.tolist())
        else:
            rounds.greedy_round(sc, co, r, people, cap, draws)
            twin.greedy_round(r, people.tolist(), cap.tolist(), twin_draws)
        assert sc.room[r].tolist() == twin.room[r].tolist()
    np.testing.assert_array_equal(sc.c, twin.counts())
    free = np.array([1, 2], dtype=np.int64)
    best, it = rounds.tabu_all(sc, co, free, 40, 2, 5, 10, 2, -1.0, draws)
    twin_best, twin_it = twin.tabu_all([1, 2], 40, 2, 5, 10, 2, -1.0, twin_draws)
    assert (best, it) == (pytest.approx(twin_best), twin_it)
    assert sc.room.tolist() == twin.room.tolist()
    best = rounds.tabu_rounds(sc, co, free, 30, 2, -1.0, draws)
    assert best == pytest.approx(twin.tabu_rounds([1, 2], 30, 2, -1.0, twin_draws))
    assert sc.room.tolist() == twin.room.tolist()
    np.testing.assert_array_equal(sc.c, twin.counts())


# Cyclic base rounds -----------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(3))
def test_cyclic_search_matches_its_twin(seed: int) -> None:
    n, n_rounds, sizes = 12, 3, [4, 4, 4]
    orbits = orbits_for(n, n_rounds, len(sizes))
    assert orbits is not None
    cls, anc, period = class_tables(orbits, n_rounds)
    members = np.random.default_rng(seed).permutation(n).reshape(1, 3, 4).astype(np.int64)
    classes = cyclic.Classes(cls, anc, period, n_rounds, np.array(sizes, dtype=np.int64))
    state = cyclic.base_state(members.copy(), period, seed)
    twin = reference.CyclicTwin(
        members.copy(), sizes, cls, anc, period, n_rounds, np.zeros((1, n, n), dtype=np.int64),
        reference.Stream(seed),
    )  # fmt: skip
    assert cyclic.base_cost(classes, state) == twin.cost()
    result = cyclic.cyclic_tabu(classes, state, 25, 0, 2, 4, 5, 2)
    assert tuple(int(x) for x in result) == twin.run(25, 0, 2, 4, 5, 2)
    assert state.members.tolist() == twin.members.tolist()


# Bounds -----------------------------------------------------------------------------------


def test_lagrangian_kernels_match_their_twins() -> None:
    rng = np.random.default_rng(3)
    rows = rng.normal(size=(7, 9))
    vals, idx = top_per_row(rows, 4, 2)
    twin_vals, twin_idx = reference.top_per_row(rows, 4, 2)
    np.testing.assert_array_equal(idx, twin_idx)
    np.testing.assert_allclose(vals, twin_vals)
    n = 6
    pairs = [
        (a, b, float(rng.normal())) for a in range(n) for b in range(a + 1, n) if rng.random() < 0.6
    ]
    mu = rng.normal(size=len(pairs))
    cap = rng.normal(size=n) - 1.0
    rows_, cols, half, sign, pair = [], [], [], [], []
    for p, (a, b, s) in enumerate(pairs):
        for r, c, sg in ((a, b, 1.0), (b, a, -1.0)):
            rows_.append(r)
            cols.append(c)
            half.append(s / 2.0)
            sign.append(sg)
            pair.append(p)
    order = np.argsort(rows_, kind="stable")
    start = np.searchsorted(np.array(rows_)[order], np.arange(n + 1))
    x = np.zeros(len(order), dtype=np.int64)
    for m_lo, m_hi in ((0, 2), (1, 3), (2, 2)):
        value = _evaluate(
            start.astype(np.int64), np.array(cols)[order], np.array(half)[order],
            np.array(sign)[order], np.array(pair)[order], mu, cap, m_lo, m_hi, x,
        )  # fmt: skip
        assert value == pytest.approx(reference.lagrangian_value(n, pairs, mu, cap, m_lo, m_hi))
