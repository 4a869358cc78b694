"""Breakout rounds that keep everyone meeting new people.

Split the people present into rooms (e.g. 3-5 people) round after round so that as few
pairs as possible meet again, counting earlier rounds, earlier meetings and the home
group as history. Keep-apart pairs never share a room; facilitators are spread one per
room; people share a language with everyone in their room. Rounds already held stay as
they were when the plan is redone mid-meeting. Pure: no Django.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
from numpy.typing import NDArray

from natverk.matching import _rounds_kernels as kernels
from natverk.matching._rng import stream
from natverk.matching._rounds_kernels import Costs, Schedule
from natverk.matching.cyclic import cyclic_schedule
from natverk.matching.invariant import invariant_schedule

__all__ = [
    "MEMORY_BUDGET",
    "RoomPlanError",
    "RoundsPlan",
    "check_plan_size",
    "count_repeats",
    "plan_rounds",
    "room_sizes",
]

REPEAT = 1000.0  # cost of a pair meeting again (history weights only break ties)
APART = 1e6  # cost of a keep-apart pair sharing a room
CYCLIC_MAX_PEOPLE = 150  # the cyclic search builds n x n x rounds tables in Python
STRUCTURED_MAX_SECONDS = 60.0  # cyclic then invariant search; whole schedules get the rest
SMALL_GROUP = 200  # up to here: pair-freedom start and tabu over all rounds at once
MEMORY_BUDGET = 1 << 30  # bytes a plan may take: about 4,500 people for a few rounds


class RoomPlanError(ValueError):
    """The rooms cannot be planned as asked; the message says why."""


@dataclass(frozen=True)
class RoundsPlan:
    """Rooms per round (people as 0-based indices), the repeats and the time taken."""

    rounds: list[list[list[int]]]
    repeats: int
    seconds: float


def room_sizes(people: int, size: tuple[int, int]) -> list[int]:
    """Balanced room sizes for ``people`` within ``size`` (as few rooms as possible).

    >>> room_sizes(23, (3, 5))
    [5, 5, 5, 4, 4]
    """
    lo, hi = size
    if not 2 <= lo <= hi:
        raise RoomPlanError(f"room sizes {lo}-{hi}: need 2 <= smallest <= largest")
    if people == 0:
        return []
    rooms = math.ceil(people / hi)
    if rooms * lo > people:
        raise RoomPlanError(
            f"{people} people cannot be split into rooms of {lo}-{hi} "
            f"({rooms} rooms need at least {rooms * lo})"
        )
    base, extra = divmod(people, rooms)
    return [base + 1] * extra + [base] * (rooms - extra)


def _structured_applies(
    n: int,
    rounds: int,
    size: tuple[int, int],
    history: NDArray[np.float64],
    held: Sequence[Sequence[Sequence[int]]],
    who: Sequence[Sequence[int]],
) -> bool:
    """Whether to try the structured searches (cyclic, then invariant): a fresh plan
    without history or constraints, everyone present, small enough for their tables,
    and no repeat forced by counting (each round a person meets at least
    ``smallest room - 1`` people)."""
    if held or history.any() or any(len(people) != n for people in who):
        return False
    smallest = min(room_sizes(n, size)) if n else 0
    return rounds >= 2 and n <= CYCLIC_MAX_PEOPLE and rounds * (smallest - 1) <= n - 1


def plan_bytes(n: int, rounds: int, size: tuple[int, int]) -> int:
    """Bytes a plan takes, measured: about 5.5 n x n float64/int64 arrays (history, the
    caller's weights, meeting counts, temporaries) and a room table per round."""
    rooms = math.ceil(n / max(1, size[1]))
    return int(8 * (5.5 * n * n + max(1, rounds) * rooms * n + 2 * rounds * n))


def check_plan_size(n: int, rounds: int, size: tuple[int, int]) -> None:
    """Refuse, before anything is allocated, a plan larger than :data:`MEMORY_BUDGET`."""
    need = plan_bytes(n, rounds, size)
    if need <= MEMORY_BUDGET:
        return
    most = n
    while most > 2 and plan_bytes(most, rounds, size) > MEMORY_BUDGET:
        most = int(most * 0.9)
    raise RoomPlanError(
        f"{rounds} rounds for {n:,} people would take about {need / (1 << 30):.1f} GiB; "
        f"natverk plans rooms within {MEMORY_BUDGET / (1 << 30):.0f} GiB, which is about "
        f"{most:,} people for these rounds and room sizes"
    )


def count_repeats(rounds: Sequence[Sequence[Sequence[int]]], n: int) -> int:
    """Number of pair meetings beyond the first, over all rounds."""
    c = np.zeros((n, n), dtype=np.int64)
    for rooms in rounds:
        for room in rooms:
            idx = np.array(room, dtype=np.int64)
            c[np.ix_(idx, idx)] += 1
    np.fill_diagonal(c, 0)
    return int(np.maximum(c - 1, 0).sum() // 2)


def plan_rounds(
    n: int,
    rounds: int,
    size: tuple[int, int] = (3, 5),
    *,
    history: NDArray[np.float64] | None = None,
    keep_apart: Sequence[tuple[int, int]] = (),
    facilitators: Sequence[int] = (),
    languages: Sequence[frozenset[str]] | None = None,
    held: Sequence[Sequence[Sequence[int]]] = (),
    present: Sequence[Sequence[int]] | None = None,
    seed: int | None = None,
    time_limit: float = 1.0,
) -> RoundsPlan:
    """Plan ``rounds`` breakout rounds for ``n`` people.

    Stages: check the request (:func:`_who`), weigh the pairs (:func:`_pair_weights`),
    start from the held rounds and a greedy fill of the new ones (:func:`_start`),
    then tabu search in chunks until no repeat is left or the time is up
    (:func:`_improve`), trying the structured searches once when it fits
    (:func:`_structured`).

    Parameters
    ----------
    n, rounds, size
        People, rounds and room size bounds (e.g. (3, 5), or (4, 4) for exactly 4).
    history
        (n, n) weights of earlier meetings (earlier events, same home group); pairs with
        more weight are kept apart first. Repeats within the plan always cost more.
    keep_apart
        Pairs who must never share a room.
    facilitators
        People spread over the rooms, at most one per room.
    languages
        Languages each person speaks; people only share rooms with someone they can
        talk to (empty set = any).
    held
        Rounds already held (kept exactly); the plan continues after them.
    present
        For each round to plan, who is present (default: everyone).
    seed, time_limit
        Deterministic for a seed when the search ends by reaching zero repeats; the
        time limit holds for the whole call.

    Returns
    -------
    RoundsPlan
        All rounds, held ones first.

    Examples
    --------
    >>> plan = plan_rounds(15, 7, (3, 3), seed=1, time_limit=5)
    >>> plan.repeats
    0
    """
    started = time.monotonic()
    who = _who(n, rounds, size, held, present)
    rng = np.random.default_rng(seed)
    draws = stream(int(rng.integers(2**63 - 1)))
    structured_seed = int(rng.integers(2**31 - 1))
    co = Costs(_pair_weights(n, history, keep_apart, facilitators, languages), REPEAT)
    sc = _start(n, size, held, who, co, facilitators, rng, draws)
    structured = (
        partial(_structured, n, rounds, size, structured_seed, time_limit)
        if _structured_applies(n, rounds, size, co.h, held, who)
        else None
    )
    found = _improve(sc, co, len(held), structured, draws, started + time_limit)
    if found is None:
        found = _rooms_of(sc, held)
    return RoundsPlan(found, count_repeats(found, n), time.monotonic() - started)


def _who(
    n: int,
    rounds: int,
    size: tuple[int, int],
    held: Sequence[Sequence[Sequence[int]]],
    present: Sequence[Sequence[int]] | None,
) -> list[list[int]]:
    """Who is present in each round to plan, after checking the request."""
    if n < 2:
        raise RoomPlanError("at least two people are needed for breakout rooms")
    if rounds < 0:
        raise RoomPlanError("the number of rounds cannot be negative")
    check_plan_size(n, len(held) + rounds, size)
    who = [list(range(n)) for _ in range(rounds)] if present is None else [list(p) for p in present]
    if len(who) != rounds:
        raise RoomPlanError(f"'present' lists {len(who)} rounds but {rounds} are planned")
    for r, people in enumerate(who):
        if len(set(people)) != len(people) or any(not 0 <= p < n for p in people):
            raise RoomPlanError(f"round {len(held) + r + 1}: people present must be distinct")
        room_sizes(len(people), size)
    return who


def _pair_weights(
    n: int,
    history: NDArray[np.float64] | None,
    keep_apart: Sequence[tuple[int, int]],
    facilitators: Sequence[int],
    languages: Sequence[frozenset[str]] | None,
) -> NDArray[np.float64]:
    """Weight of each pair meeting: history, and far more for keep-apart pairs, two
    facilitators and two people without a common language."""
    h = np.zeros((n, n)) if history is None else np.array(history, dtype=np.float64)
    if h.shape != (n, n):
        raise RoomPlanError(f"history must be an {n} x {n} matrix")
    h = (h + h.T) / 2.0
    for a, b in keep_apart:
        h[a, b] = h[b, a] = APART
    for x, a in enumerate(facilitators):
        for b in facilitators[x + 1 :]:
            h[a, b] = h[b, a] = max(h[a, b], APART / 10)
    if languages is not None:
        for a in range(n):
            for b in range(a + 1, n):
                if languages[a] and languages[b] and not languages[a] & languages[b]:
                    h[a, b] = h[b, a] = APART
    np.fill_diagonal(h, 0.0)
    return h


def _start(
    n: int,
    size: tuple[int, int],
    held: Sequence[Sequence[Sequence[int]]],
    who: Sequence[Sequence[int]],
    co: Costs,
    facilitators: Sequence[int],
    rng: np.random.Generator,
    draws: NDArray[np.uint64],
) -> Schedule:
    """The held rounds as they were, and a greedy first plan of the new ones: for up to
    SMALL_GROUP people two at a time by least cost and most freedom, for more person
    by person into the cheapest room (facilitators first)."""
    total = len(held) + len(who)
    max_rooms = max([len(r) for r in held] + [len(room_sizes(len(p), size)) for p in who] + [1])
    sc = Schedule(
        room=np.full((total, n), -1, dtype=np.int64),
        members=np.full((total, max_rooms, n), -1, dtype=np.int64),
        size=np.zeros((total, max_rooms), dtype=np.int64),
        pos=np.zeros((total, n), dtype=np.int64),
        c=np.zeros((n, n), dtype=np.int64),
    )
    for r, rooms in enumerate(held):
        for k, people_in in enumerate(rooms):
            for person in people_in:
                kernels.join(sc, r, person, k)
    leading = set(facilitators)
    for q, people in enumerate(who):
        r = len(held) + q
        capacity = np.array(room_sizes(len(people), size), dtype=np.int64)
        if n <= SMALL_GROUP:
            order = rng.permutation(np.array(people, dtype=np.int64))
            kernels.greedy_round(sc, co, r, order, capacity, draws)
        else:
            rest = [int(p) for p in rng.permutation([p for p in people if p not in leading])]
            order = np.array([p for p in people if p in leading] + rest, dtype=np.int64)
            kernels.cheapest_rooms(sc, co, r, order, capacity)
    return sc


def _tabu(
    sc: Schedule, co: Costs, rounds: NDArray[np.int64], chunk: int, target: float,
    draws: NDArray[np.uint64],
) -> float:  # fmt: skip
    """One chunk of tabu search (all rounds at once for small groups); the best cost."""
    n = sc.room.shape[1]
    if n <= SMALL_GROUP:
        best, _ = kernels.tabu_all(sc, co, rounds, chunk, 5, 15, 2000, 2, target, draws)
        return float(best)
    return float(kernels.tabu_rounds(sc, co, rounds, chunk, max(5, n // 4), target, draws))


def _improve(
    sc: Schedule,
    co: Costs,
    held: int,
    structured: Callable[[float], list[list[list[int]]] | None] | None,
    draws: NDArray[np.uint64],
    deadline: float,
) -> list[list[list[int]]] | None:
    """Tabu search in chunks from the best schedule, doubling them within the time left,
    until nothing repeats. When the first chunk ends with a repeat, ``structured`` may
    return a whole plan instead (then returned)."""
    rounds = np.arange(held, sc.room.shape[0], dtype=np.int64)
    target = 0.0 if not co.h.any() else -1.0
    chunk = 2000
    while True:
        t0 = time.monotonic()
        best = _tabu(sc, co, rounds, chunk, target, draws)
        if structured is not None and best > target:
            found = structured(max(0.0, deadline - time.monotonic()))
            if found is not None:
                return found
            structured = None
            t0 = time.monotonic()
        now = time.monotonic()
        left = deadline - now
        if best <= target or left <= 0:
            return None
        per_iteration = max(now - t0, 1e-6) / chunk
        chunk = int(max(100, min(chunk * 2, 200_000, left / per_iteration)))


def _structured(
    n: int, rounds: int, size: tuple[int, int], seed: int, time_limit: float, left: float
) -> list[list[list[int]]] | None:
    """Nobody has met yet and everyone is present, and the first chunk found no perfect
    plan: a shifted base round finds perfect schedules where the search over whole
    schedules stalls (:mod:`natverk.matching.cyclic`); if there is none, rounds fixed by
    translations of Z_2^k (:mod:`natverk.matching.invariant`, which gives 8-4-10). They
    get half the time limit, at most STRUCTURED_MAX_SECONDS and what is left."""
    budget = min(time_limit / 2, STRUCTURED_MAX_SECONDS, left)
    sizes = room_sizes(n, size)
    return cyclic_schedule(n, rounds, sizes, seed=seed, time_limit=budget / 4) or (
        invariant_schedule(n, rounds, sizes, seed=seed, time_limit=budget * 3 / 4)
    )


def _rooms_of(sc: Schedule, held: Sequence[Sequence[Sequence[int]]]) -> list[list[list[int]]]:
    """The plan as rooms of people per round (held rounds exactly as given)."""
    total, max_rooms = sc.size.shape
    plan = [
        [
            sorted(int(p) for p in sc.members[r, k, : sc.size[r, k]])
            for k in range(max_rooms)
            if sc.size[r, k] > 0
        ]
        for r in range(len(held), total)
    ]
    return [[list(room_) for room_ in held_round] for held_round in held] + plan
