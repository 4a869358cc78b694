"""form_groups: split members into groups maximising the within-group score.

Dense problems without constraints go to the MDGP kernel (:mod:`natverk.matching._mdgp`);
with forbidden or pinned pairs, ``apart`` labels, fixed members, hopes or fairness the
kernel gets most of the time on a penalised matrix and the constrained iterated local
search of :mod:`natverk.matching._search` (which keeps every hard constraint and scores
hopes and fairness exactly) polishes its result; with availability the local search
does it all, from a randomised greedy grouping that respects every hard constraint.
Feature-based scores of large cohorts use :mod:`natverk.matching._features`, which never
builds an ``n x n`` matrix.

The time limit holds for the whole call: the parts of the upper bound that do not
depend on the search are computed first, the search runs until the deadline less a
reserve for the bound's last steps, and those steps stop at the deadline. The compiled
modules are imported when a search needs them, so ``import natverk.matching`` stays
light (no numba).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from natverk.matching._start import feasible_start
from natverk.matching.problem import (
    ALL_SLOTS,
    GroupingProblem,
    PreparedProblem,
    find_violations,
    prepare,
)

__all__ = ["GroupingResult", "Progress", "form_groups"]

#: progress(fraction_of_time_used, best_objective_so_far)
Progress = Callable[[float, float], None]

#: Feature-scored problems up to this size are solved on the dense matrix instead.
DENSE_FEATURE_LIMIT = 1500
#: Below this time limit (seconds) a second process costs more than it brings.
TWO_WORKERS_FROM = 2.0
#: Share of the time the MDGP kernel gets on constrained problems (the rest polishes).
KERNEL_SHARE = 0.7
#: Kernel tabu iterations per round of ``max_rounds`` (reproducible runs).
KERNEL_ITERATIONS_PER_ROUND = 200
#: With a hopes target (``hope_share`` < 1) on the local search: the share of the time
#: (or rounds) that anneals before the local search polishes (docs/benchmarks.md, "An
#: annealing phase for the hopes target").
ANNEAL_SHARE = 0.9
#: Its first temperature, as a share of the hope weight (a move that loses one met hope is
#: taken with probability e^-4 at first), and the last, as a share of the first.
ANNEAL_HOT = 0.25
ANNEAL_COOLING = 0.005
#: Annealing moves per round of ``max_rounds`` (reproducible runs).
ANNEAL_MOVES_PER_ROUND = 20_000
#: Seconds kept back from the search for the upper bound's last (Lagrangian) steps,
#: as a share of the time limit, at most BOUND_RESERVE_MAX.
BOUND_RESERVE_SHARE = 0.02
BOUND_RESERVE_MAX = 2.0


@dataclass(frozen=True)
class GroupingResult:
    """The groups found and how good they are.

    Attributes
    ----------
    groups
        Member indices per group (0-based, each list sorted), in group order; when
        the groups are interchangeable (same bounds, nobody fixed) they are ordered
        by their smallest member.
    objective
        Sum of scores over pairs sharing a group, plus ``hope_weight`` per member
        whose hopes someone in the group meets (for at most ``hope_share`` of those
        who can be met), plus the fairness term
        ``fairness * n / 2 * min(utilities)`` when fairness > 0.
    utilities
        Each member's mean score with the rest of their group (0 alone).
    upper_bound
        No grouping can score more than this (see :mod:`natverk.matching.bounds`).
    gap
        ``(upper_bound - objective) / |upper_bound|``: the result is within this
        fraction of the best possible.
    seconds
        Wall-clock time of the whole call (from ``form_groups``'s ``started``).
    seed
        The seed used.
    hoping, hopes_met
        Members with a hope that someone in the problem meets, and how many of them
        have such a person in their own group (both 0 when the problem has no hopes).
    """

    groups: list[list[int]]
    objective: float
    utilities: NDArray[np.float64]
    upper_bound: float
    gap: float
    seconds: float
    seed: int | None
    hoping: int = 0
    hopes_met: int = 0

    @property
    def worst_off(self) -> int:
        """The member with the lowest utility (-1 when there is nobody)."""
        return int(np.argmin(self.utilities)) if self.utilities.size else -1


def relative_gap(objective: float, bound: float) -> float:
    """``(bound - objective) / |bound|``, 0 when both are 0."""
    if bound == objective:
        return 0.0
    return max(0.0, (bound - objective) / max(abs(bound), 1e-12))


def _penalty(prep: PreparedProblem) -> float:
    """The score that keeps a pair apart (negated) or together: more than any grouping
    can gain by breaking one constraint."""
    assert prep.dense is not None
    scale = float(np.abs(prep.dense).max(initial=0.0)) + prep.hope_weight
    return 4.0 * float(prep.upper.max()) * (1.0 + scale) + 1.0


def penalised_scores(prep: PreparedProblem) -> NDArray[np.float64]:
    """The dense scores with the penalty, negated, on every pair that may not share a
    group (forbidden, or a shared ``apart`` label)."""
    assert prep.dense is not None
    if len(prep.kept_apart) == 0:
        return prep.dense
    d = prep.dense.copy()
    pairs = prep.kept_apart.pairs()
    a, b = pairs[:, 0], pairs[:, 1]
    d[a, b] = d[b, a] = -_penalty(prep)
    return d


def _kernel_scores(prep: PreparedProblem) -> tuple[NDArray[np.float64], float]:
    """Scores for the MDGP kernel, which knows only pairs: pairs kept apart at minus the
    penalty, pinned pairs at plus it, and each hope spread over the pairs that could
    meet it. Returns the matrix and what a grouping that keeps every pin gains by them.
    """
    d = penalised_scores(prep)
    big = _penalty(prep)
    bonus = 0.0
    pinned = [members for members in prep.units if len(members) > 1]
    if pinned or prep.hope_weight > 0:
        d = d.copy() if d is prep.dense else d
    for members in pinned:
        idx = np.array(members)
        block = d[np.ix_(idx, idx)]
        bonus += float((big - block)[np.triu_indices(idx.size, 1)].sum())
        d[np.ix_(idx, idx)] = big
        d[idx, idx] = 0.0
    if prep.hope_weight > 0:
        d += hope_surrogate(prep)
    return d, bonus


def hope_surrogate(prep: PreparedProblem) -> NDArray[np.float64]:
    """Pair scores that stand in for the hopes where only pairs count: member i's reward
    shared among those who could meet i's hopes, half to each side of the pair."""
    n = prep.n
    helps = np.zeros((n, n))
    helps[prep.hopes[:, 0], prep.hopes[:, 1]] = 1.0
    share = helps / np.maximum(helps.sum(axis=1, keepdims=True), 1.0)
    share = np.minimum(1.0, share * float(np.mean(prep.upper) - 1.0))
    out: NDArray[np.float64] = prep.hope_weight * (share + share.T) / 2.0
    return out


def _to_members(prep: PreparedProblem, unit_group: NDArray[np.int64]) -> NDArray[np.int64]:
    """Member -> group from unit -> group."""
    out = np.empty(prep.n, dtype=np.int64)
    for u, members in enumerate(prep.units):
        out[list(members)] = unit_group[u]
    return out


def _dense_search(
    prep: PreparedProblem,
    *,
    deadline: float,
    seed: int,
    progress: Progress | None,
    max_rounds: int | None,
    init: NDArray[np.int64] | None = None,
    anneal_share: float = 0.0,
) -> NDArray[np.int64]:
    """Member -> group of the best grouping the constrained local search found, from
    ``init`` (member -> group, feasible) or a random greedy start; with ``anneal_share``,
    that share of the time anneals first (with a round budget: ``ANNEAL_MOVES_PER_ROUND``
    moves a round)."""
    from natverk.matching._search import anneal, build_state, run_ils

    rng = np.random.default_rng(seed)
    if init is None:
        start = feasible_start(prep, rng)
    else:
        start = np.array([init[members[0]] for members in prep.units], dtype=np.int64)
    state = build_state(
        penalised_scores(prep), prep.units, prep.unit_group, prep.masks, prep.lower,
        prep.upper, start, seed=int(rng.integers(2**63 - 1)), fair=prep.fairness * prep.n / 2,
        hopes=prep.hopes, hope=prep.hope_weight, target=prep.hope_target,
        annealing=anneal_share > 0.0,
    )  # fmt: skip
    if anneal_share > 0.0:
        now = time.monotonic()
        hot = ANNEAL_HOT * prep.hope_weight
        anneal(
            state, hot=hot, cold=hot * ANNEAL_COOLING,
            deadline=now + anneal_share * (deadline - now),
            moves=None if max_rounds is None else int(max_rounds * ANNEAL_MOVES_PER_ROUND),
            progress=None if progress is None else _scaled(progress, 0.0, anneal_share),
        )  # fmt: skip
        if progress is not None:
            progress = _scaled(progress, anneal_share, 1.0)
    began = time.monotonic()
    span = max(deadline - began, 1e-9)
    # with a round budget the result must not depend on the clock
    stop = deadline if max_rounds is None else float("inf")
    best = run_ils(state, 0, stop)
    rounds_done, chunk, last_report = 0, 1, -1.0
    while True:
        elapsed = time.monotonic() - began
        if progress is not None and elapsed - last_report >= 0.1:
            progress(min(1.0, elapsed / span), best)
            last_report = elapsed
        if max_rounds is not None and rounds_done >= max_rounds:
            break
        if max_rounds is None and time.monotonic() >= deadline:
            break
        todo = chunk if max_rounds is None else min(chunk, max_rounds - rounds_done)
        t0 = time.monotonic()
        best = run_ils(state, todo, stop)
        rounds_done += todo
        took = time.monotonic() - t0
        if took < 0.05:
            chunk *= 2
        elif took > 0.2 and chunk > 1:
            chunk //= 2
    return _to_members(prep, state.best_of)


def _scaled(progress: Progress, start: float, end: float) -> Progress:
    """Progress of a phase that runs from ``start`` to ``end`` of the whole search."""

    def report(fraction: float, best: float) -> None:
        progress(start + (end - start) * fraction, best)

    return report


def _solve_dense(
    prep: PreparedProblem,
    *,
    deadline: float,
    seed: int,
    progress: Progress | None,
    max_rounds: int | None,
) -> NDArray[np.int64]:
    """Dense problems: the MDGP kernel where it can express the constraints, then the
    constrained local search (pins as units, availability, hopes, fairness) from its
    result."""
    from natverk.matching._mdgp import solve_mdgp

    assert prep.dense is not None
    if np.any(prep.masks != ALL_SLOTS):
        # A hopes target makes the landscape rugged (a member's hope is met or not): the
        # local search alone stalls there, annealing first finds better groupings.
        target = 0 < prep.hope_target < prep.hoping.size
        return _dense_search(
            prep, deadline=deadline, seed=seed, progress=progress, max_rounds=max_rounds,
            anneal_share=ANNEAL_SHARE if target else 0.0,
        )  # fmt: skip
    iterations = None if max_rounds is None else max_rounds * KERNEL_ITERATIONS_PER_ROUND
    began = time.monotonic()
    if not prep.has_constraints and prep.fairness == 0 and prep.hope_weight == 0:
        res = solve_mdgp(
            prep.dense, prep.lower, prep.upper, time_limit=deadline - began, seed=seed,
            workers=1, progress=progress, max_iterations=iterations,
        )  # fmt: skip
        return np.asarray(res.assignment, dtype=np.int64)
    d, bonus = _kernel_scores(prep)
    init = _to_members(prep, feasible_start(prep, np.random.default_rng(seed)))
    movable = prep.unit_group[prep.unit_of] < 0
    share = KERNEL_SHARE

    def kernel_progress(fraction: float, best: float) -> None:
        if progress is not None:
            progress(fraction * share, best - bonus)

    res = solve_mdgp(
        d, prep.lower, prep.upper, time_limit=(deadline - began) * share, seed=seed,
        workers=1, init=init, movable=movable if not movable.all() else None,
        progress=kernel_progress, max_iterations=iterations,
    )  # fmt: skip
    found = np.asarray(res.assignment, dtype=np.int64)
    start = found if not find_violations(prep, found) else init

    return _dense_search(
        prep, deadline=deadline, seed=seed + 1,
        progress=None if progress is None else _scaled(progress, share, 1.0),
        max_rounds=max_rounds, init=start,
    )  # fmt: skip


def _solve(
    prep: PreparedProblem,
    deadline: float,
    seed: int,
    progress: Progress | None,
    max_rounds: int | None,
) -> NDArray[np.int64]:
    """Member -> group of the best grouping found by the path that suits ``prep``."""
    if prep.features is not None and prep.n > DENSE_FEATURE_LIMIT:
        from natverk.matching._features import solve_features

        return solve_features(
            prep, deadline=deadline, seed=seed, progress=progress, max_rounds=max_rounds
        )
    if prep.dense is None:
        assert prep.features is not None
        prep = replace(prep, dense=prep.features.dense())
    if prep.topics is not None:  # the dense search takes hopes as pairs
        prep = replace(prep, hopes=prep.topics.pairs(), topics=None)
    return _solve_dense(
        prep, deadline=deadline, seed=seed, progress=progress, max_rounds=max_rounds
    )


def _solve_worker(
    prep: PreparedProblem, deadline: float, seed: int, max_rounds: int | None
) -> NDArray[np.int64]:
    """The second search, in a forked process that starts later than the first (fork,
    copying the problem): it searches until the parent's deadline (``time.monotonic``
    is one clock for all processes), not for a full limit of its own."""
    return _solve(prep, deadline, seed, None, max_rounds)


def evaluate(
    prep: PreparedProblem, assignment: NDArray[np.int64]
) -> tuple[float, NDArray[np.float64]]:
    """Objective (pairs, hopes met, fairness term) and member utilities of an assignment."""
    if prep.dense is None:
        from natverk.matching._features import feature_objective

        total, utilities = feature_objective(prep, assignment)
        return total + prep.hope_term(hopes_met(prep, assignment)), utilities
    from natverk.matching._search import evaluate_assignment

    return evaluate_assignment(
        prep.dense, assignment, fair=prep.fairness * prep.n / 2.0, hopes=prep.hopes,
        hope=prep.hope_weight, target=prep.hope_target,
    )  # fmt: skip


def hopes_met(prep: PreparedProblem, assignment: NDArray[np.int64]) -> int:
    """How many members have a group-mate who meets one of their hopes."""
    if prep.topics is not None:
        return int(prep.topics.met(assignment, prep.groups).sum())
    h = prep.hopes
    same = assignment[h[:, 0]] == assignment[h[:, 1]]
    return int(np.unique(h[same, 0]).size)


def _bound_reserve(time_limit: float) -> float:
    return min(BOUND_RESERVE_MAX, BOUND_RESERVE_SHARE * time_limit)


def form_groups(
    problem: GroupingProblem,
    *,
    time_limit: float = 10.0,
    seed: int | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    max_rounds: int | None = None,
    started: float | None = None,
) -> GroupingResult:
    """Split the members of ``problem`` into groups maximising the within-group score.

    Parameters
    ----------
    problem
        What to group and the hard constraints (see :class:`GroupingProblem`).
    time_limit
        Seconds for the whole call (checking the problem, the search and the upper
        bound), counted from ``started``; the answer comes back after about this long.
    seed
        Seed of the random search; ``None`` draws one (reported in the result).
    progress
        Called with (fraction of the time used, best objective so far), at most
        about ten times a second.
    workers
        Processes: 2 runs a second independent search on the other core and keeps
        the better result. ``None``: 2 when at least 2 s of the time limit are left and
        the machine has two cores, else 1.
    max_rounds
        Stop after this many search rounds instead of at the time limit; with a seed
        this makes the result identical on every machine.
    started
        ``time.monotonic()`` at which the time limit began (default: now). A caller
        whose own limit covers more than this call (the command line, which also reads
        and writes files) passes when it started; what it spent already is then not
        searched. When nothing is left, the search makes one round from its start.

    Returns
    -------
    GroupingResult

    Raises
    ------
    InfeasibleProblemError
        When the problem is malformed or cannot be satisfied (the text says why).

    Examples
    --------
    >>> import numpy as np
    >>> s = np.array([[0, 5, 0, 0], [5, 0, 0, 0], [0, 0, 0, 5], [0, 0, 5, 0]], dtype=float)
    >>> form_groups(GroupingProblem(s, size=(2, 2)), time_limit=0.1, seed=1).groups
    [[0, 1], [2, 3]]
    """
    from natverk.matching.bounds import finish_bound, plan_bound

    if started is None:
        started = time.monotonic()
    deadline = started + time_limit
    prep = prepare(problem)
    if seed is None:
        seed = int(np.random.SeedSequence().entropy % (2**31))  # type: ignore[operator]
    plan = plan_bound(prep)
    if workers is None:
        left = deadline - time.monotonic()
        workers = 2 if left >= TWO_WORKERS_FROM and (os.cpu_count() or 1) >= 2 else 1
    search_deadline = deadline - _bound_reserve(time_limit)
    future: Future[NDArray[np.int64]] | None = None
    pool: ProcessPoolExecutor | None = None
    if max(1, int(workers)) > 1 and prep.n >= 16:
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        future = pool.submit(_solve_worker, prep, search_deadline, seed + 7919, max_rounds)
    try:
        assignment = _solve(prep, search_deadline, seed, progress, max_rounds)
        objective, utilities = evaluate(prep, assignment)
        if future is not None:
            other = future.result()
            other_obj, other_util = evaluate(prep, other)
            if other_obj > objective:
                assignment, objective, utilities = other, other_obj, other_util
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    met = hopes_met(prep, assignment)
    pairs = objective - prep.hope_term(met)
    if prep.fairness > 0:
        pairs -= prep.fairness * prep.n / 2.0 * float(utilities.min())
    bound = max(finish_bound(plan, prep.n, pairs, deadline), objective)
    if progress is not None:
        progress(1.0, objective)
    return GroupingResult(
        groups=_ordered_groups(prep, assignment),
        objective=objective,
        utilities=utilities,
        upper_bound=bound,
        gap=relative_gap(objective, bound),
        seconds=time.monotonic() - started,
        seed=seed,
        hoping=int(prep.hoping.size),
        hopes_met=met,
    )


def _ordered_groups(prep: PreparedProblem, assignment: NDArray[np.int64]) -> list[list[int]]:
    """Members per group; interchangeable groups (same bounds, nobody fixed) ordered by
    their smallest member."""
    groups: list[list[int]] = [[] for _ in range(prep.groups)]
    for member, grp in enumerate(assignment):
        groups[int(grp)].append(member)
    interchangeable = (
        not np.any(prep.unit_group >= 0)
        and np.all(prep.lower == prep.lower[0])
        and np.all(prep.upper == prep.upper[0])
    )
    if interchangeable:
        groups.sort(key=lambda members: members[0] if members else prep.n)
    return groups
