"""Colleagues across departments: pairs, trios or lunch groups, round after round.

A *meetup* is two to four colleagues who meet for coffee or lunch in one round. The
planner puts everyone it can into meetups of the preferred size and keeps the hard
rules: a language in common (when asked) and the same location (for in-person lunch).
Within those it prefers, in this order of weight: people who have not met before (a
meetup that happened weighs far more than one that did not, so people whose meeting
fell through are paired again sooner), people from different departments, a newcomer
with someone who has been there longer, and a department someone said they are curious
about. Newcomers and people owed a meeting choose first. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from natverk.language import fold

__all__ = [
    "LEFT_OUT_LANGUAGE",
    "LEFT_OUT_LOCATION",
    "LEFT_OUT_NO_LOCATION",
    "Colleague",
    "MeetupError",
    "MeetupPlan",
    "MeetupRules",
    "encounter_cost",
    "group_sizes",
    "plan_meetups",
]

#: Cost of meeting someone again who was met before (plus a share for how recent).
REPEAT = 10.0
#: Cost of a meetup whose people did not meet (they may be paired again soon).
NO_SHOW = 3.0
SAME_DEPARTMENT = 1.0
NEWCOMERS_TOGETHER = 1.0
#: Bonus (negative cost) per person who meets a department they are curious about.
CURIOUS = 0.6

LEFT_OUT_LOCATION = "alone_at_location"
LEFT_OUT_NO_LOCATION = "no_location"
LEFT_OUT_LANGUAGE = "no_common_language"


class MeetupError(ValueError):
    """The round cannot be planned as asked; the message says why."""


@dataclass(frozen=True)
class Colleague:
    """One person taking part in a round.

    ``languages`` empty means not known (fits anyone); ``curious`` names departments the
    person would like to meet; ``owed`` marks someone whose last meetup did not happen.
    """

    department: str = ""
    location: str = ""  # compared folded: "Malmö" and "malmo" are one place
    languages: frozenset[str] = frozenset()
    curious: frozenset[str] = frozenset()
    newcomer: bool = False
    owed: bool = False


@dataclass(frozen=True)
class MeetupRules:
    """Meetup size and rules: ``size`` people preferred, at most ``largest``.

    Pairs are ``size=2, largest=3`` (one trio when the count is odd), trios ``3, 4``,
    lunch groups of 3-4 ``4, 4``.
    """

    size: int = 2
    largest: int = 3
    across_departments: bool = True
    newcomers_first: bool = True
    common_language: bool = True
    same_location: bool = False


@dataclass(frozen=True)
class MeetupPlan:
    """Meetups as sorted lists of 0-based indices; who could not be placed, and why.

    ``repeats`` counts pairs of people in one meetup who met before (``history`` cost at
    least :data:`REPEAT`), ``same_department`` pairs from one department, ``curious_met``
    people who meet a department they are curious about.
    """

    meetups: list[list[int]]
    left_out: dict[int, str] = field(default_factory=dict)
    repeats: int = 0
    same_department: int = 0
    newcomers_together: int = 0
    curious_met: int = 0


def encounter_cost(rounds_ago: int, met: bool | None) -> float:
    """How much to avoid pairing two people again who shared a meetup ``rounds_ago``
    rounds back (0 = the last round); ``met`` False when they said they did not meet.

    >>> encounter_cost(0, True), encounter_cost(9, None), encounter_cost(0, False)
    (20.0, 11.0, 3.0)
    """
    share = 1.0 / (1 + max(0, rounds_ago))
    if met is False:
        return NO_SHOW * share
    return REPEAT + REPEAT * share


def group_sizes(n: int, size: int, largest: int) -> list[int]:
    """Sizes of the meetups for ``n`` people: as many of ``size`` as fit, the rest
    spread one each, never above ``largest`` (then the groups get smaller instead).

    >>> group_sizes(7, 2, 3), group_sizes(7, 3, 4), group_sizes(9, 4, 4), group_sizes(5, 3, 4)
    ([3, 2, 2], [4, 3], [3, 3, 3], [3, 2])
    """
    if size < 2 or largest < max(size, 3):
        raise MeetupError(
            f"meetups of {size} people with at most {largest} are not possible "
            "(pairs need room for one trio when the count is odd)"
        )
    if n < 2:
        return []
    groups = max(1, n // size)
    while -(-n // groups) > largest:
        groups += 1
    base, extra = divmod(n, groups)
    return [base + 1] * extra + [base] * (groups - extra)


class _Costs:
    """Pair costs over integer codes, so one evaluation is a few lookups."""

    def __init__(
        self,
        people: Sequence[Colleague],
        history: Mapping[tuple[int, int], float],
        rules: MeetupRules,
    ) -> None:
        departments: dict[str, int] = {}
        self.dept = [
            departments.setdefault(p.department, len(departments)) if p.department else -1
            for p in people
        ]
        self.curious = [
            frozenset(departments[d] for d in p.curious if d in departments) for p in people
        ]
        self.any_curious = any(self.curious)
        self.newcomer = [p.newcomer and rules.newcomers_first for p in people]
        self.history: dict[tuple[int, int], float] = {}
        for (a, b), weight in history.items():
            key = (min(a, b), max(a, b))
            self.history[key] = self.history.get(key, 0.0) + float(weight)
        self.across = rules.across_departments
        bits: dict[str, int] = {}
        self.mask = []
        for p in people:
            mask = 0
            for code in p.languages if rules.common_language else ():
                mask |= 1 << bits.setdefault(code, len(bits))
            self.mask.append(mask or -1)

    def pair(self, a: int, b: int) -> float:
        """The cost of a and b in one meetup (negative: both gain)."""
        cost = self.history.get((a, b) if a < b else (b, a), 0.0)
        da, db = self.dept[a], self.dept[b]
        if self.across and da >= 0 and da == db:
            cost += SAME_DEPARTMENT
        if self.newcomer[a] and self.newcomer[b]:
            cost += NEWCOMERS_TOGETHER
        if self.any_curious:
            cost -= CURIOUS * ((db in self.curious[a]) + (da in self.curious[b]))
        return cost

    def join(self, person: int, members: Sequence[int]) -> float:
        """The cost of adding ``person`` to a meetup of ``members``."""
        return sum(self.pair(person, m) for m in members)

    def group(self, members: Sequence[int]) -> float:
        """The cost of one meetup: its pairs summed."""
        return sum(self.pair(x, y) for i, x in enumerate(members) for y in members[i + 1 :])

    def speaks_with(self, person: int, mask: int) -> bool:
        """Whether ``person`` shares a language with everyone behind ``mask``."""
        return bool(self.mask[person] & mask)


def _pools(
    people: Sequence[Colleague], members: list[int], rules: MeetupRules
) -> tuple[list[list[int]], dict[int, str]]:
    """People split by location (in-person rule), and who has none."""
    if not rules.same_location:
        return [members], {}
    pools: dict[str, list[int]] = {}
    left: dict[int, str] = {}
    for p in members:
        if people[p].location.strip():
            pools.setdefault(fold(people[p].location, plain=True).strip(), []).append(p)
        else:
            left[p] = LEFT_OUT_NO_LOCATION
    result = []
    for pool in pools.values():
        if len(pool) < 2:
            left[pool[0]] = LEFT_OUT_LOCATION
        else:
            result.append(pool)
    return result, left


class _Candidates:
    """The pool in a random order, with placed people dropped now and then, so each
    choice scans unplaced candidates only (amortised O(1) per skipped person)."""

    def __init__(self, order: list[int], placed: bytearray) -> None:
        self.order = order
        self.placed = placed
        self.stale = 0

    def mark(self, person: int) -> None:
        """Place ``person``; compact the order when half of it is placed."""
        self.placed[person] = 1
        self.stale += 1
        if self.stale * 2 > len(self.order):
            self.order = [p for p in self.order if not self.placed[p]]
            self.stale = 0


def _fill(seed: int, size: int, pool: _Candidates, costs: _Costs, window: int) -> list[int]:
    """Grow a meetup from ``seed`` with the cheapest of ``window`` unplaced candidates
    who share a language with it (more when all of those met before or none fits)."""
    group, mask = [seed], costs.mask[seed]
    pool.mark(seed)
    while len(group) < size:
        best, best_cost, looked = -1, float("inf"), 0
        floor = -2 * CURIOUS * len(group) if costs.any_curious else 0.0
        for b in pool.order:
            if pool.placed[b] or not costs.speaks_with(b, mask):
                continue
            cost = costs.join(b, group)
            if cost < best_cost:
                best, best_cost = b, cost
                if cost <= floor:
                    break
            looked += 1
            if looked >= window and (best_cost < REPEAT or looked >= 16 * window):
                break
        if best < 0:
            break
        group.append(best)
        pool.mark(best)
        mask &= costs.mask[best]
    return group


def _place_strays(
    strays: list[int], groups: list[list[int]], costs: _Costs, largest: int
) -> list[int]:
    """Put people whose meetup could not be filled into the cheapest meetup with room
    that shares their language; returns who is still without one."""
    masks = [_mask(g, costs) for g in groups]
    left = []
    for p in strays:
        fits = [
            k for k, g in enumerate(groups) if len(g) < largest and costs.speaks_with(p, masks[k])
        ]
        if fits:
            k = min(fits, key=lambda k: costs.join(p, groups[k]))
            groups[k].append(p)
            masks[k] &= costs.mask[p]
        elif not _borrow(p, groups, masks, costs):
            left.append(p)
    return left


def _borrow(p: int, groups: list[list[int]], masks: list[int], costs: _Costs) -> bool:
    """Start a new meetup for ``p`` with someone from a meetup of three or more who
    shares p's language (the cheapest such person); False when there is none."""
    options = [
        (costs.pair(p, m), k, m)
        for k, g in enumerate(groups)
        if len(g) > 2
        for m in g
        if costs.speaks_with(p, costs.mask[m])
    ]
    if not options:
        return False
    _, k, m = min(options)
    groups[k].remove(m)
    masks[k] = _mask(groups[k], costs)
    groups.append([m, p])
    masks.append(costs.mask[m] & costs.mask[p])
    return True


def _mask(group: Sequence[int], costs: _Costs) -> int:
    mask = -1
    for p in group:
        mask &= costs.mask[p]
    return mask


def _plan_pool(
    pool: list[int],
    people: Sequence[Colleague],
    costs: _Costs,
    rules: MeetupRules,
    rng: np.random.Generator,
    window: int,
) -> tuple[list[list[int]], list[int]]:
    """Meetups of one pool (one location), and who is left without one.

    Newcomers and people owed a meeting start meetups first (they choose first), then
    people curious about other departments; candidates come from the whole pool in a
    random order.
    """
    rank = [
        0 if people[p].owed or costs.newcomer[p] else 1 if costs.curious[p] else 2 for p in pool
    ]
    seeds = [
        int(p)
        for level in range(3)
        for p in rng.permutation([p for p, r in zip(pool, rank, strict=True) if r == level])
    ]
    placed = bytearray(max(pool) + 1)
    candidates = _Candidates([int(p) for p in rng.permutation(pool)], placed)
    groups: list[list[int]] = []
    strays: list[int] = []
    unplaced = (p for p in seeds if not placed[p])
    for size in group_sizes(len(pool), rules.size, rules.largest):
        for seed in unplaced:  # a seed nobody can join is a stray; the next one tries
            group = _fill(seed, size, candidates, costs, window)
            if len(group) >= 2:
                groups.append(group)
                break
            strays.extend(group)
    strays.extend(p for p in seeds if not placed[p])
    left = _place_strays(strays, groups, costs, rules.largest)
    if 2 <= len(left) < len(pool):  # people who share a language only with each other
        again, left = _plan_pool(left, people, costs, rules, rng, window)
        groups.extend(again)
    return groups, left


def _repair(groups: list[list[int]], costs: _Costs, rng: np.random.Generator, tries: int) -> None:
    """Swap people between meetups while that lowers the cost and keeps the languages."""
    if len(groups) < 2:
        return
    for _ in range(2):
        for i in range(len(groups)):
            g = groups[i]
            if not _needs_repair(g, costs):
                continue
            for j in rng.permutation(len(groups))[:tries]:
                j = int(j)
                if j != i and _try_swap(groups, i, j, costs):
                    break


def _needs_repair(group: list[int], costs: _Costs) -> bool:
    return any(costs.pair(x, y) > 0 for k, x in enumerate(group) for y in group[k + 1 :])


def _try_swap(groups: list[list[int]], i: int, j: int, costs: _Costs) -> bool:
    """The first swap of one person of meetup i with one of meetup j that lowers the
    summed cost (and keeps a language in common); True when one was made."""
    g, h = groups[i], groups[j]
    before = costs.group(g) + costs.group(h)
    for x in range(len(g)):
        for y in range(len(h)):
            new_g = [*g[:x], h[y], *g[x + 1 :]]
            new_h = [*h[:y], g[x], *h[y + 1 :]]
            if _mask(new_g, costs) == 0 or _mask(new_h, costs) == 0:
                continue
            if costs.group(new_g) + costs.group(new_h) < before - 1e-9:
                groups[i], groups[j] = new_g, new_h
                return True
    return False


#: Largest pool (people at one location) searched for chains of swaps that end a repeat,
#: and how many candidate pairs the search looks at in a round at most (about a second).
UNREPEAT_LIMIT = 600
UNREPEAT_BUDGET = 1_000_000


def _met(costs: _Costs, a: int, b: int) -> bool:
    return costs.history.get((a, b) if a < b else (b, a), 0.0) >= REPEAT


def _unrepeat(groups: list[list[int]], costs: _Costs) -> list[list[int]]:
    """End repeated pairs by a chain of swaps where one exists (pairs only).

    A pair who met before is split and a path is searched that alternates between a new
    acquaintance and an existing pair: u - y1 = z1 - y2 = z2 ... - v becomes (u, y1),
    (z1, y2), ..., (zk, v), everyone with someone they have not met, kept when the summed
    cost falls. Swapping two pairs (the repair pass) is the shortest such chain; longer
    ones find the round without repeats that a team of ten often still has when every
    simple swap fails. A breadth-first search without blossoms: it may miss a chain,
    never makes a worse round.
    """
    mate: dict[int, int] = {}
    for g in groups:
        if len(g) == 2:
            mate[g[0]], mate[g[1]] = g[1], g[0]
    members = list(mate)
    budget = [UNREPEAT_BUDGET]
    for u, v in [(g[0], g[1]) for g in groups if len(g) == 2 and _met(costs, g[0], g[1])]:
        if mate.get(u) != v:
            continue  # changed by an earlier chain
        path = _chain(u, v, mate, members, costs, budget) or _chain(
            v, u, mate, members, costs, budget
        )
        if path is None:
            continue
        kept = list(zip(path[1:-1:2], path[2:-1:2], strict=True))  # (y, z) now
        made = list(zip(path[::2], path[1::2], strict=True))  # (u, y1), (z1, y2) ...
        old = costs.pair(u, v) + sum(costs.pair(y, z) for y, z in kept)
        if sum(costs.pair(a, b) for a, b in made) < old - 1e-9:
            for a, b in made:
                mate[a], mate[b] = b, a
    pairs = sorted({(min(a, b), max(a, b)) for a, b in mate.items()})
    return [g for g in groups if len(g) != 2] + [list(p) for p in pairs]


def _fresh(costs: _Costs, a: int, b: int) -> bool:
    return not _met(costs, a, b) and costs.speaks_with(a, costs.mask[b])


def _chain(
    u: int, v: int, mate: dict[int, int], members: list[int], costs: _Costs, budget: list[int]
) -> list[int] | None:
    """The path u, y1, z1, ..., zk, v (pairs y=z now, fresh edges between), or None
    (also when ``budget``, the candidate pairs still to look at, runs out)."""
    parent: dict[int, int] = {u: u}
    frontier = [u]
    while frontier:
        following = []
        for x in frontier:
            budget[0] -= len(members)
            if budget[0] < 0:
                return None
            for y in members:
                if y in parent or y == x or not _fresh(costs, x, y):
                    continue
                if y == v:
                    path = [v, x]
                    while path[-1] != u:
                        path.append(parent[path[-1]])
                    return path[::-1]
                z = mate[y]
                if y == u or z in parent or z == v:
                    continue
                parent[y], parent[z] = x, y
                following.append(z)
        frontier = following
    return None


def plan_meetups(
    people: Sequence[Colleague],
    *,
    rules: MeetupRules | None = None,
    history: Mapping[tuple[int, int], float] | None = None,
    excluded: Sequence[int] = (),
    seed: int | None = None,
    window: int = 64,
) -> MeetupPlan:
    """Put everyone not excluded into meetups for one round.

    Parameters
    ----------
    people
        Who takes part (index = position).
    rules
        Size and rules; pairs across departments by default.
    history
        Cost of putting two people together again, keyed by index pairs (either
        order; both orders add up): build it with :func:`encounter_cost`.
    excluded
        People who paused or skip this round.
    seed
        Seed; the same inputs and seed give the same meetups.
    window
        How many candidates each choice looks at (larger = slower, rarely better).

    Returns
    -------
    MeetupPlan
        Meetups of 2 to ``rules.largest`` people; ``left_out`` names who could not be
        placed under the hard rules (alone at a location, no language in common).

    Examples
    --------
    >>> team = [Colleague("HR"), Colleague("HR"), Colleague("IT"), Colleague("IT")]
    >>> plan = plan_meetups(team, seed=1)
    >>> plan.same_department, sorted(len(m) for m in plan.meetups)
    (0, [2, 2])
    """
    rules = rules or MeetupRules()
    group_sizes(rules.size, rules.size, rules.largest)  # refuse impossible sizes early
    out = set(excluded)
    members = [p for p in range(len(people)) if p not in out]
    if len(members) < 2:
        raise MeetupError("at least two people are needed for a round")
    costs = _Costs(people, history or {}, rules)
    rng = np.random.default_rng(seed)
    pools, left_out = _pools(people, members, rules)
    groups: list[list[int]] = []
    for pool in pools:
        found, left = _plan_pool(pool, people, costs, rules, rng, window)
        _repair(found, costs, rng, window * 4)
        if rules.size == 2 and len(pool) <= UNREPEAT_LIMIT:
            found = _unrepeat(found, costs)
        groups.extend(found)
        left_out.update(dict.fromkeys(left, LEFT_OUT_LANGUAGE))
    return _summary(sorted(sorted(g) for g in groups), left_out, people, costs)


def _summary(
    groups: list[list[int]], left_out: dict[int, str], people: Sequence[Colleague], costs: _Costs
) -> MeetupPlan:
    repeats = same = newcomers = 0
    for g in groups:
        for k, x in enumerate(g):
            for y in g[k + 1 :]:
                repeats += costs.history.get((x, y), 0.0) >= REPEAT
                same += costs.dept[x] >= 0 and costs.dept[x] == costs.dept[y]
                newcomers += people[x].newcomer and people[y].newcomer
    curious = sum(
        any(people[o].department in people[p].curious for o in g if o != p)
        for g in groups
        for p in g
    )
    return MeetupPlan(groups, dict(sorted(left_out.items())), repeats, same, newcomers, curious)
