"""1:1 pairing across departments: coffee or lunch, round after round.

Pairs of two (one trio when the count is odd), preferring people from different
departments, never a pair that met recently while an unused pair exists, and leaving
out whoever opted out or paused. A thin face of :func:`natverk.matching.meetups.plan_meetups`
(which also makes trios and lunch groups and keeps language and location rules) for
``natverk pairs``. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from natverk.matching.meetups import REPEAT, Colleague, MeetupError, MeetupRules, plan_meetups

__all__ = ["PairingError", "PairsPlan", "plan_pairs"]

PairingError = MeetupError


@dataclass(frozen=True)
class PairsPlan:
    """Pairs (and at most one trio) of 0-based indices, and how many pairs repeat a
    recent pair or share a department."""

    pairs: list[list[int]]
    repeats: int
    same_department: int


def plan_pairs(
    departments: Sequence[str],
    *,
    recent: Sequence[tuple[int, int]] = (),
    excluded: Sequence[int] = (),
    seed: int | None = None,
    window: int = 64,
) -> PairsPlan:
    """Pair everyone not excluded.

    Parameters
    ----------
    departments
        Department of each person ("" = unknown).
    recent
        Pairs that met recently; avoided whenever another pairing exists.
    excluded
        People who opted out or paused this round.
    seed
        Seed; the same inputs and seed give the same pairs.
    window
        How many candidates a greedy step looks at (larger = slower, rarely better).

    Examples
    --------
    >>> plan_pairs(["HR", "HR", "IT", "IT"], seed=1).same_department
    0
    """
    plan = plan_meetups(
        [Colleague(department=d) for d in departments],
        rules=MeetupRules(size=2, largest=3, newcomers_first=False, common_language=False),
        history=dict.fromkeys(((min(a, b), max(a, b)) for a, b in recent), REPEAT),
        excluded=excluded,
        seed=seed,
        window=window,
    )
    return PairsPlan(plan.meetups, plan.repeats, plan.same_department)
