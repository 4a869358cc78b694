"""form_groups: split members into groups maximising the within-group score.

Dense problems without constraints go to the MDGP kernel
(:mod:`natverk.matching._mdgp`) when it is available; everything else (forbidden and
pinned pairs, fixed members, availability, fairness) goes to the constrained
iterated local search of :mod:`natverk.matching._search`, started from a randomised
greedy grouping that respects every hard constraint. Feature-based scores of large
cohorts use :mod:`natverk.matching._features`, which never builds an ``n x n`` matrix.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from natverk.matching.bounds import upper_bound
from natverk.matching.problem import (
    ALL_SLOTS,
    GroupingProblem,
    InfeasibleProblemError,
    PreparedProblem,
    prepare,
    violations,
)

__all__ = ["GroupingResult", "Progress", "form_groups"]

#: progress(fraction_of_time_used, best_objective_so_far)
Progress = Callable[[float, float], None]

#: Feature-scored problems up to this size are solved on the dense matrix instead.
DENSE_FEATURE_LIMIT = 1500
#: Below this time limit (seconds) a second process costs more than it brings.
TWO_WORKERS_FROM = 2.0


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
        Sum of scores over pairs sharing a group, plus the fairness term
        ``fairness * n / 2 * min(utilities)`` when fairness > 0.
    utilities
        Each member's mean score with the rest of their group (0 alone).
    upper_bound
        No grouping can score more than this (see :mod:`natverk.matching.bounds`).
    gap
        ``(upper_bound - objective) / |upper_bound|``: the result is within this
        fraction of the best possible.
    seconds
        Wall-clock time of the solve.
    seed
        The seed used.
    """

    groups: list[list[int]]
    objective: float
    utilities: NDArray[np.float64]
    upper_bound: float
    gap: float
    seconds: float
    seed: int | None


def relative_gap(objective: float, bound: float) -> float:
    """``(bound - objective) / |bound|``, 0 when both are 0."""
    if bound == objective:
        return 0.0
    return max(0.0, (bound - objective) / max(abs(bound), 1e-12))


def _popcount(masks: NDArray[np.uint64]) -> NDArray[np.int64]:
    """Number of set bits of each mask."""
    bits = np.unpackbits(np.ascontiguousarray(masks).view(np.uint8)).reshape(-1, 64)
    counts: NDArray[np.int64] = bits.sum(axis=1, dtype=np.int64)
    return counts


def _greedy_start(
    prep: PreparedProblem, rng: np.random.Generator, attempt: int
) -> NDArray[np.int64] | None:
    """A random feasible grouping of the units, or None when this attempt got stuck."""
    units = prep.units
    n_units = len(units)
    g = prep.groups
    usize = np.array([len(u) for u in units], dtype=np.int64)
    umask = np.array([np.bitwise_and.reduce(prep.masks[list(u)]) for u in units], dtype=np.uint64)
    has_mask = bool(np.any(umask != ALL_SLOTS))
    forb_adj: dict[int, list[int]] = {}
    for a, b in prep.forbidden:
        forb_adj.setdefault(int(a), []).append(int(b))
        forb_adj.setdefault(int(b), []).append(int(a))
    member_group = np.full(prep.n, -1, dtype=np.int64)
    ugroup = np.full(n_units, -1, dtype=np.int64)
    gsize = np.zeros(g, dtype=np.int64)
    gand = np.full(g, ALL_SLOTS, dtype=np.uint64)

    def place(u: int, k: int) -> None:
        ugroup[u] = k
        gsize[k] += usize[u]
        gand[k] &= umask[u]
        member_group[list(units[u])] = k

    for u in np.flatnonzero(prep.unit_group >= 0):
        place(int(u), int(prep.unit_group[u]))
    free = np.flatnonzero(prep.unit_group < 0)
    popcount = _popcount(umask[free])
    conflicts = np.array([sum(len(forb_adj.get(i, ())) for i in units[u]) for u in free])
    noise = rng.random(free.size)
    if attempt % 2 == 0:
        order = free[np.lexsort((noise, -conflicts, popcount, -usize[free]))]
    else:
        order = free[rng.permutation(free.size)]
    tie_break = rng.random(g) * 1e-3
    for u in order:
        su = int(usize[u])
        ok = gsize + su <= prep.upper
        if has_mask:
            ok &= (gand & umask[u]) != 0
        for i in units[u]:
            for j in forb_adj.get(i, ()):
                if member_group[j] >= 0:
                    ok[member_group[j]] = False
        if not ok.any():
            return None
        deficit = np.maximum(prep.lower - gsize, 0).astype(np.float64)
        fill = gsize / np.maximum(prep.upper, 1)
        key = deficit * 1000.0 - fill + tie_break
        if has_mask:
            common = _popcount(gand & umask[u]).astype(np.float64)
            key += common * (0.1 if attempt % 3 == 2 else 1e-2)
        key[~ok] = -np.inf
        place(int(u), int(np.argmax(key)))
    if np.any(gsize < prep.lower):
        return None
    return ugroup


def _start(prep: PreparedProblem, rng: np.random.Generator) -> NDArray[np.int64]:
    for attempt in range(30):
        ugroup = _greedy_start(prep, rng, attempt)
        if ugroup is not None:
            return ugroup
    what = []
    if len(prep.forbidden):
        what.append(f"{len(prep.forbidden)} forbidden pairs")
    if len(prep.units) < prep.n:
        what.append("pinned pairs")
    if np.any(prep.unit_group >= 0):
        what.append("fixed members")
    if np.any(prep.masks != ALL_SLOTS):
        what.append("a common availability slot per group")
    raise InfeasibleProblemError(
        "could not find any grouping that satisfies all constraints ("
        + ", ".join(what or ["group sizes"])
        + "); they are probably too tight for the group sizes"
    )


def penalised_scores(prep: PreparedProblem) -> NDArray[np.float64]:
    """The dense scores with a large negative value on every forbidden pair."""
    assert prep.dense is not None
    d = prep.dense
    if len(prep.forbidden) == 0:
        return d
    d = d.copy()
    big = 4.0 * float(prep.upper.max()) * (1.0 + float(np.abs(d).max(initial=0.0))) + 1.0
    a, b = prep.forbidden[:, 0], prep.forbidden[:, 1]
    d[a, b] = -big
    d[b, a] = -big
    return d


def _fair_c(prep: PreparedProblem) -> float:
    return prep.fairness * prep.n / 2.0


def _dense_search(
    prep: PreparedProblem,
    *,
    time_limit: float,
    seed: int,
    progress: Progress | None,
    max_rounds: int | None,
    init: NDArray[np.int64] | None = None,
) -> NDArray[np.int64]:
    """Member -> group of the best grouping the constrained search found.

    ``init`` (member -> group, feasible) is the start; by default a random greedy one.
    """
    from natverk.matching._search import build_state, run_ils

    rng = np.random.default_rng(seed)
    d = penalised_scores(prep)
    if init is None:
        ugroup = _start(prep, rng)
    else:
        ugroup = np.array([init[members[0]] for members in prep.units], dtype=np.int64)
    state = build_state(
        d, prep.units, prep.unit_group, prep.masks, prep.lower, prep.upper, ugroup, _fair_c(prep)
    )
    start = time.perf_counter()
    best = run_ils(state, 0, int(rng.integers(2**31 - 1)))
    rounds_done = 0
    chunk = 1
    last_report = -1.0
    while True:
        elapsed = time.perf_counter() - start
        if progress is not None and elapsed - last_report >= 0.1:
            progress(min(1.0, elapsed / time_limit) if time_limit > 0 else 1.0, best)
            last_report = elapsed
        if max_rounds is not None and rounds_done >= max_rounds:
            break
        if max_rounds is None and elapsed >= time_limit:
            break
        todo = chunk if max_rounds is None else min(chunk, max_rounds - rounds_done)
        t0 = time.perf_counter()
        best = run_ils(state, todo, -1)
        rounds_done += todo
        took = time.perf_counter() - t0
        if took < 0.05:
            chunk *= 2
        elif took > 0.2 and chunk > 1:
            chunk //= 2
    units_group = state.best_ugroup
    assignment = np.empty(prep.n, dtype=np.int64)
    for u, members in enumerate(prep.units):
        assignment[list(members)] = units_group[u]
    return assignment


def _kernel_available() -> bool:
    try:
        importlib.import_module("natverk.matching._mdgp")
    except ImportError:
        return False
    return True


#: Share of the time the MDGP kernel gets on constrained problems (the rest polishes).
KERNEL_SHARE = 0.7
#: Kernel tabu iterations per round of ``max_rounds`` (reproducible runs).
KERNEL_ITERATIONS_PER_ROUND = 200


def _kernel_scores(prep: PreparedProblem) -> tuple[NDArray[np.float64], float]:
    """Scores for the kernel: forbidden pairs very negative, pinned pairs very positive.

    Returns the matrix and the bonus total a grouping that keeps every pin collects.
    """
    d = penalised_scores(prep)
    big = 4.0 * float(prep.upper.max()) * (1.0 + float(np.abs(prep.dense).max(initial=0.0))) + 1.0  # type: ignore[arg-type]
    bonus = 0.0
    pinned = [members for members in prep.units if len(members) > 1]
    if pinned:
        d = d.copy() if d is prep.dense else d
        for members in pinned:
            idx = np.array(members)
            block = d[np.ix_(idx, idx)]
            bonus += float((big - block)[np.triu_indices(idx.size, 1)].sum())
            d[np.ix_(idx, idx)] = big
            d[idx, idx] = 0.0
    return d, bonus


def _solve_dense(
    prep: PreparedProblem,
    *,
    time_limit: float,
    seed: int,
    progress: Progress | None,
    max_rounds: int | None,
) -> NDArray[np.int64]:
    """Dense problems: the MDGP kernel where it can express the constraints, then the
    constrained local search (pins as units, availability, fairness) from its result."""
    if not _kernel_available() or np.any(prep.masks != ALL_SLOTS):
        return _dense_search(
            prep, time_limit=time_limit, seed=seed, progress=progress, max_rounds=max_rounds
        )
    solve_mdgp = importlib.import_module("natverk.matching._mdgp").solve_mdgp
    assert prep.dense is not None
    iterations = None if max_rounds is None else max_rounds * KERNEL_ITERATIONS_PER_ROUND
    if not prep.has_constraints and prep.fairness == 0:
        res = solve_mdgp(
            prep.dense, prep.lower, prep.upper, time_limit=time_limit, seed=seed, workers=1,
            progress=progress, max_iterations=iterations,
        )  # fmt: skip
        return np.asarray(res.assignment, dtype=np.int64)
    d, bonus = _kernel_scores(prep)
    rng = np.random.default_rng(seed)
    ugroup = _start(prep, rng)
    init = np.empty(prep.n, dtype=np.int64)
    for u, members in enumerate(prep.units):
        init[list(members)] = ugroup[u]
    movable = prep.unit_group[prep.unit_of] < 0
    share = KERNEL_SHARE

    def kernel_progress(fraction: float, best: float) -> None:
        if progress is not None:
            progress(fraction * share, best - bonus)

    started = time.perf_counter()
    res = solve_mdgp(
        d, prep.lower, prep.upper, time_limit=time_limit * share, seed=seed, workers=1,
        init=init, movable=movable if not movable.all() else None, progress=kernel_progress,
        max_iterations=iterations,
    )  # fmt: skip
    found = np.asarray(res.assignment, dtype=np.int64)
    start = found if not violations(prep, found) else init
    rest = max(0.0, time_limit - (time.perf_counter() - started))

    def rest_progress(fraction: float, best: float) -> None:
        if progress is not None:
            progress(share + (1.0 - share) * fraction, best)

    return _dense_search(
        prep, time_limit=rest, seed=seed + 1, progress=rest_progress, max_rounds=max_rounds,
        init=start,
    )  # fmt: skip


def _solve(
    prep: PreparedProblem,
    time_limit: float,
    seed: int,
    progress: Progress | None,
    max_rounds: int | None,
) -> NDArray[np.int64]:
    if prep.features is not None and prep.n > DENSE_FEATURE_LIMIT:
        from natverk.matching._features import solve_features

        return solve_features(
            prep, time_limit=time_limit, seed=seed, progress=progress, max_rounds=max_rounds
        )
    if prep.dense is None:
        assert prep.features is not None
        prep = _densified(prep)
    return _solve_dense(
        prep, time_limit=time_limit, seed=seed, progress=progress, max_rounds=max_rounds
    )


def _densified(prep: PreparedProblem) -> PreparedProblem:
    from dataclasses import replace

    assert prep.features is not None
    return replace(prep, dense=prep.features.dense())


def _solve_worker(
    prep: PreparedProblem, deadline: float, seed: int, max_rounds: int | None
) -> NDArray[np.int64]:
    """The second search, in a forked process that starts later than the first (fork,
    copying the problem): it searches until the parent's deadline, not for a full limit."""
    return _solve(prep, max(0.0, deadline - time.monotonic()), seed, None, max_rounds)


def evaluate(
    prep: PreparedProblem, assignment: NDArray[np.int64]
) -> tuple[float, NDArray[np.float64]]:
    """Objective (total plus fairness term) and member utilities of an assignment."""
    if prep.dense is None:
        from natverk.matching._features import feature_objective

        return feature_objective(prep, assignment)
    from natverk.matching._search import fair_objective

    return fair_objective(prep.dense, assignment, _fair_c(prep))


def form_groups(
    problem: GroupingProblem,
    *,
    time_limit: float = 10.0,
    seed: int | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    max_rounds: int | None = None,
) -> GroupingResult:
    """Split the members of ``problem`` into groups maximising the within-group score.

    Parameters
    ----------
    problem
        What to group and the hard constraints (see :class:`GroupingProblem`).
    time_limit
        Seconds to search (the answer comes back after about this long).
    seed
        Seed of the random search; ``None`` draws one (reported in the result).
    progress
        Called with (fraction of the time used, best objective so far), at most
        about ten times a second.
    workers
        Processes: 2 runs a second independent search on the other core and keeps
        the better result. ``None``: 2 when the time limit is at least 2 s and the
        machine has two cores, else 1.
    max_rounds
        Stop after this many search rounds instead of at the time limit; with a seed
        this makes the result identical on every machine.

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
    started = time.perf_counter()
    prep = prepare(problem)
    if seed is None:
        seed = int(np.random.SeedSequence().entropy % (2**31))  # type: ignore[operator]
    if workers is None:
        workers = 2 if time_limit >= TWO_WORKERS_FROM and (os.cpu_count() or 1) >= 2 else 1
    workers = max(1, int(workers))
    future: Future[NDArray[np.int64]] | None = None
    pool: ProcessPoolExecutor | None = None
    if workers > 1 and prep.n >= 16:
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        deadline = time.monotonic() + time_limit
        future = pool.submit(_solve_worker, prep, deadline, seed + 7919, max_rounds)
    try:
        assignment = _solve(prep, time_limit, seed, progress, max_rounds)
        objective, utilities = evaluate(prep, assignment)
        if future is not None:
            other = future.result()
            other_obj, other_util = evaluate(prep, other)
            if other_obj > objective:
                assignment, objective, utilities = other, other_obj, other_util
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    total = objective - _fair_c(prep) * float(utilities.min()) if prep.fairness > 0 else objective
    bound = max(upper_bound(prep, objective=total), objective)
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
    if progress is not None:
        progress(1.0, objective)
    return GroupingResult(
        groups=groups,
        objective=objective,
        utilities=utilities,
        upper_bound=bound,
        gap=relative_gap(objective, bound),
        seconds=time.perf_counter() - started,
        seed=seed,
    )
