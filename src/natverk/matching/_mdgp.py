"""The fast solver for the pure Maximally Diverse Grouping Problem (MDGP).

Split n elements into groups with per-group size bounds, maximising the sum of
``d[i, j]`` over pairs in the same group. The compiled tabu search of
:mod:`natverk.matching._mdgp_kernels` does the work. On a clock, a memetic search
(after Yang et al. 2022, TPSDP) keeps a population of tabu-search optima and
recombines them with a greedy partition crossover; with a start solution, fixed
elements or an iteration budget, one iterated tabu search runs in chunks between
which Python checks the clock and reports progress. With ``workers=2`` two processes
search from different seeds and the better result wins. The public grouping API
(:func:`natverk.matching.form_groups`) builds on this for constrained problems.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from natverk.matching import _mdgp_kernels as kernels
from natverk.matching._mdgp_kernels import Instance, Params, Tabu
from natverk.matching._rng import stream

__all__ = ["MdgpResult", "objective_of", "solve_mdgp"]

Progress = Callable[[float, float], None]

#: Search parameters as fractions of n (tuned on MDGPLIB with bench/mdgp.py).
TUNING: dict[str, float] = {
    "tenure_lo": 0.05,
    "tenure_span": 0.05,
    "depth": 4.0,
    "strength": 0.05,
    "population": 10,
    "ts_iterations": 20.0,
}


@dataclass(frozen=True)
class MdgpResult:
    """A solution: the group of each element, its objective, time and iterations."""

    assignment: NDArray[np.int64]
    objective: float
    seconds: float
    iterations: int


def objective_of(d: NDArray[np.float64], assignment: NDArray[np.int64]) -> float:
    """Sum of ``d[i, j]`` over pairs i < j with the same group (recomputed exactly)."""
    return float(kernels.objective(np.ascontiguousarray(d, dtype=np.float64), assignment))


def _check(
    d: NDArray[np.float64],
    lower: NDArray[np.int64],
    upper: NDArray[np.int64],
    init: NDArray[np.int64] | None,
    movable: NDArray[np.bool_] | None,
) -> None:
    n = d.shape[0]
    if d.ndim != 2 or d.shape != (n, n):
        raise ValueError(f"the score matrix must be square, got shape {d.shape}")
    if lower.shape != upper.shape or lower.ndim != 1 or lower.size == 0:
        raise ValueError("lower and upper bounds must be two equal-length lists, one per group")
    if (lower < 0).any() or (lower > upper).any():
        raise ValueError("each group needs 0 <= lower bound <= upper bound")
    if not int(lower.sum()) <= n <= int(upper.sum()):
        raise ValueError(
            f"{n} elements cannot fill groups whose sizes add up to "
            f"{int(lower.sum())}..{int(upper.sum())}"
        )
    if movable is not None and init is None:
        raise ValueError("a movable mask needs an initial assignment")
    if init is not None:
        if init.shape != (n,) or (init < 0).any() or (init >= lower.size).any():
            raise ValueError("the initial assignment must give a valid group to every element")
        sizes = np.bincount(init, minlength=lower.size)
        if movable is None and ((sizes < lower) | (sizes > upper)).any():
            raise ValueError("the initial assignment breaks the group size bounds")


def _search(
    d: NDArray[np.float64],
    lower: NDArray[np.int64],
    upper: NDArray[np.int64],
    time_limit: float,
    seed: int,
    init: NDArray[np.int64] | None,
    movable: NDArray[np.bool_] | None,
    max_iterations: int | None,
    progress: Progress | None,
) -> MdgpResult:
    start = time.perf_counter()
    n = d.shape[0]
    g = lower.size
    rng = stream(seed)
    mov = np.ones(n, dtype=np.bool_) if movable is None else movable.astype(np.bool_)
    if init is not None and movable is None:
        a = init.astype(np.int64).copy()
    else:
        fixed = np.zeros(n, dtype=np.int64) if init is None else init.astype(np.int64)
        a = kernels.random_start(n, lower, upper, fixed, mov, rng)
        if init is not None and movable is not None:
            # Movable elements keep their place when that is feasible.
            sizes = np.bincount(init, minlength=g)
            if ((sizes >= lower) & (sizes <= upper)).all():
                a = init.astype(np.int64).copy()
    inst = Instance(d, lower, upper, mov)
    st = _state(d, a, g, rng)
    params = Params(
        max(3, int(n * TUNING["tenure_lo"])),
        max(3, int(n * TUNING["tenure_span"])),
        max(1, int(n * TUNING["depth"])),
        max(2, int(n * TUNING["strength"])),
    )
    chunk = 64
    last_report = 0.0
    while True:
        if max_iterations is not None:
            chunk = min(chunk, max_iterations - int(st.clock[0]))
            if chunk <= 0:
                break
        t0 = time.perf_counter()
        kernels.tabu_chunk(inst, st, params, chunk)
        now = time.perf_counter()
        elapsed = now - start
        if progress is not None and now - last_report >= 0.1:
            progress(min(1.0, elapsed / time_limit) if time_limit > 0 else 0.0, st.score[1])
            last_report = now
        if max_iterations is None:
            if elapsed >= time_limit:
                break
            # Aim at ~20 ms per chunk so the clock is checked often enough.
            spent = max(now - t0, 1e-6)
            chunk = int(max(1, min(chunk * 2, chunk * 0.02 / spent)))
    if progress is not None:
        progress(1.0, float(st.score[1]))
    best_a = st.best_a
    return MdgpResult(
        best_a, float(kernels.objective(d, best_a)), time.perf_counter() - start, int(st.clock[0])
    )


def _state(d: NDArray[np.float64], a: NDArray[np.int64], g: int, rng: NDArray[np.uint64]) -> Tabu:
    """A fresh tabu-search state from the assignment ``a`` (copied)."""
    a = a.astype(np.int64).copy()
    f = float(kernels.objective(d, a))
    return Tabu(
        a=a,
        sz=np.bincount(a, minlength=g).astype(np.int64),
        m=kernels.gain_matrix(d, a, g),
        best_a=a.copy(),
        tabu=np.zeros((d.shape[0], g), dtype=np.int64),
        score=np.array([f, f]),
        clock=np.zeros(2, dtype=np.int64),
        rng=rng,
    )


def _crossover(
    d: NDArray[np.float64],
    pa: NDArray[np.int64],
    pb: NDArray[np.int64],
    lower: NDArray[np.int64],
    upper: NDArray[np.int64],
    rng: np.random.Generator,
) -> NDArray[np.int64]:
    """Greedy partition crossover: take, alternately from each parent, the group whose
    still-free members score most together, then place the rest greedily."""
    n = d.shape[0]
    g = lower.size
    child = np.full(n, -1, dtype=np.int64)
    free = np.ones(n, dtype=bool)
    open_groups = list(range(g))
    parents = [pa, pb]
    turn = int(rng.integers(2))
    for _ in range(g):
        parent = parents[turn]
        turn ^= 1
        # Group k of a parent goes to group k of the child: in instances with different
        # bounds per group, the parent's sizes already fit that group's bounds.
        best_k, best_val = -1, -np.inf
        for k in open_groups:
            members = np.flatnonzero((parent == k) & free)
            if members.size == 0:
                continue
            val = float(d[np.ix_(members, members)].sum()) / 2.0
            if val > best_val:
                best_k, best_val = k, val
        if best_k < 0:
            break
        members = np.flatnonzero((parent == best_k) & free)[: upper[best_k]]
        child[members] = best_k
        free[members] = False
        open_groups.remove(best_k)
    sizes = np.bincount(child[child >= 0], minlength=g)
    rest = rng.permutation(np.flatnonzero(child < 0))
    for i in rest:  # first fill groups below their lower bound, best gain first
        need = np.flatnonzero(sizes < lower)
        room = need if need.size else np.flatnonzero(sizes < upper)
        gains = np.array([d[i, child == k].sum() for k in room])
        k = int(room[int(np.argmax(gains))])
        child[i] = k
        sizes[k] += 1
    # Lower bounds may still be short if early groups took too many: move the cheapest.
    for short in np.flatnonzero(sizes < lower):
        k = int(short)
        while sizes[k] < lower[k]:
            donors = np.flatnonzero((sizes > lower) & (np.arange(g) != k))
            i = int(rng.choice(np.flatnonzero(np.isin(child, donors))))
            sizes[child[i]] -= 1
            child[i] = k
            sizes[k] += 1
    return child


def _memetic(
    d: NDArray[np.float64],
    lower: NDArray[np.int64],
    upper: NDArray[np.int64],
    time_limit: float,
    seed: int,
    progress: Progress | None,
) -> MdgpResult:
    """Population of tabu-search optima recombined by partition crossover (after TPSDP)."""
    start = time.perf_counter()
    n = d.shape[0]
    g = lower.size
    rng = np.random.default_rng(seed)
    draws = stream(seed)
    inst = Instance(d, lower, upper, np.ones(n, dtype=np.bool_))
    size = int(TUNING["population"])
    budget = max(200, int(n * TUNING["ts_iterations"]))
    # restarts never happen within one improvement (depth 10 x budget)
    params = Params(
        max(3, int(n * TUNING["tenure_lo"])), max(3, int(n * TUNING["tenure_span"])),
        10 * budget, 1,
    )  # fmt: skip
    iterations = 0

    deadline = start + time_limit
    rate = 0.0  # seconds per tabu iteration, measured

    def improve(a: NDArray[np.int64]) -> tuple[NDArray[np.int64], float]:
        """Tabu search from ``a`` for ``budget`` iterations, in slices between which the
        clock is checked, so that the last improvement cannot overrun the time limit."""
        nonlocal iterations, rate
        st = _state(d, a, g, draws)
        step = max(50, budget // 8)
        while st.clock[0] < budget:
            # Near the deadline, shrink the slice to the iterations that still fit.
            left = deadline - time.perf_counter()
            if rate > 0:
                step = max(10, min(step, int(left / rate)))
            t0, before = time.perf_counter(), int(st.clock[0])
            kernels.tabu_chunk(inst, st, params, min(step, budget - before))
            now = time.perf_counter()
            if st.clock[0] > before:
                rate = (now - t0) / (int(st.clock[0]) - before)
            if now >= deadline:
                break
        iterations += int(st.clock[0])
        return st.best_a, float(st.score[1])

    pop: list[tuple[NDArray[np.int64], float]] = []
    zeros = np.zeros(n, dtype=np.int64)
    while len(pop) < size and (time.perf_counter() - start < time_limit or not pop):
        pop.append(improve(kernels.random_start(n, lower, upper, zeros, inst.movable, draws)))
    last = 0.0
    while time.perf_counter() - start < time_limit:
        i, j = rng.choice(len(pop), size=2, replace=False) if len(pop) > 1 else (0, 0)
        child, fc = improve(_crossover(d, pop[i][0], pop[j][0], lower, upper, rng))
        worst = min(range(len(pop)), key=lambda k: pop[k][1])
        if fc > pop[worst][1] + 1e-9 and all(abs(fc - f) > 1e-6 for _, f in pop):
            pop[worst] = (child, fc)
        now = time.perf_counter()
        if progress is not None and now - last > 0.1:
            progress(min(1.0, (now - start) / time_limit), max(f for _, f in pop))
            last = now
    best_a, best_value = max(pop, key=lambda p: p[1])
    if progress is not None:
        progress(1.0, best_value)
    return MdgpResult(
        best_a, float(kernels.objective(d, best_a)), time.perf_counter() - start, iterations
    )


def _run(
    d: NDArray[np.float64],
    lower: NDArray[np.int64],
    upper: NDArray[np.int64],
    time_limit: float,
    seed: int,
    init: NDArray[np.int64] | None,
    movable: NDArray[np.bool_] | None,
    max_iterations: int | None,
    progress: Progress | None,
) -> MdgpResult:
    """The memetic search for free problems on a clock; iterated tabu search otherwise
    (a start to keep, fixed elements, or an iteration budget for reproducibility)."""
    if init is None and movable is None and max_iterations is None and d.shape[0] >= 20:
        return _memetic(d, lower, upper, time_limit, seed, progress)
    return _search(d, lower, upper, time_limit, seed, init, movable, max_iterations, progress)


def _worker(args: tuple[object, ...], deadline: float) -> MdgpResult:
    """A search in a forked process, on the parent's clock: it starts a few tenths of a
    second later (fork, copying the scores), so its time limit is what is left."""
    d, lower, upper, _, *rest = args
    left = max(0.0, deadline - time.monotonic())
    return _run(d, lower, upper, left, *rest)  # type: ignore[arg-type]


def solve_mdgp(
    d: NDArray[np.float64],
    lower: NDArray[np.int64],
    upper: NDArray[np.int64],
    *,
    time_limit: float,
    seed: int | None = None,
    workers: int = 1,
    init: NDArray[np.int64] | None = None,
    movable: NDArray[np.bool_] | None = None,
    progress: Progress | None = None,
    max_iterations: int | None = None,
) -> MdgpResult:
    """Solve an MDGP instance by iterated tabu search.

    Parameters
    ----------
    d
        Symmetric (n, n) scores with a zero diagonal; large negative values keep a pair
        apart, large positive values keep it together.
    lower, upper
        Per-group size bounds, one entry per group.
    time_limit
        Seconds to search (ignored when ``max_iterations`` is given).
    seed
        Seed of the search; the same seed and ``max_iterations`` give the same result.
    workers
        Processes searching in parallel from seeds ``seed, seed+1, ...``; best kept.
    init, movable
        A start assignment, and which elements may leave their group in it.
    progress
        Called with (fraction of the time used, best objective so far) a few times a
        second (from the first worker).
    max_iterations
        Stop after this many tabu iterations per worker instead of at the time limit.

    Returns
    -------
    MdgpResult
        The best assignment found, its objective (recomputed), seconds and iterations.

    Examples
    --------
    >>> d = np.array([[0, 9, 1, 1], [9, 0, 1, 1], [1, 1, 0, 9], [1, 1, 9, 0]], float)
    >>> r = solve_mdgp(d, np.array([2, 2]), np.array([2, 2]), time_limit=1, seed=0,
    ...                max_iterations=50)
    >>> r.objective
    18.0
    """
    d = np.ascontiguousarray(d, dtype=np.float64)
    lower = np.asarray(lower, dtype=np.int64)
    upper = np.asarray(upper, dtype=np.int64)
    _check(d, lower, upper, init, movable)
    base = 0 if seed is None else int(seed)
    if seed is None:
        base = int(np.random.default_rng().integers(2**31 - 1))
    jobs = [
        (
            d,
            lower,
            upper,
            time_limit,
            base + k,
            init,
            movable,
            max_iterations,
            progress if k == 0 else None,
        )
        for k in range(max(1, workers))
    ]
    if len(jobs) == 1:
        results = [_run(*jobs[0])]
    else:
        # The first search runs here (so that it can report progress); the others in
        # forked processes that inherit the compiled kernels.
        context = multiprocessing.get_context("fork")
        deadline = time.monotonic() + time_limit
        with ProcessPoolExecutor(len(jobs) - 1, mp_context=context) as pool:
            futures = [pool.submit(_worker, job[:-1] + (None,), deadline) for job in jobs[1:]]
            results = [_run(*jobs[0])]
            results += [f.result() for f in futures]
    return max(results, key=lambda r: (r.objective, -r.iterations))
