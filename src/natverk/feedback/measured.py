"""What was measured in the meetings, shown beside what members answered.

Feedback does not know where talk time is measured: an app that measures it (live) adds
a source with ``add_talk_source`` from its AppConfig.ready. A source gives, for a
program, one ``Measured`` per meeting with confirmed talk time. These are figures of a
whole group (how evenly its talk was shared), never anyone's answer, so they are shown
whatever the number of pulse answers; they do not follow the answer filters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from natverk.programs.models import Program


@dataclass(frozen=True)
class Measured:
    """One meeting's measured talk time: how evenly it was shared."""

    group: int
    meeting: int
    gini: float
    quietest_ratio: float


@dataclass(frozen=True)
class Fairness:
    """Mean talk-time figures over the meetings measured, and how many were."""

    gini: float
    quietest_ratio: float
    n: int


TalkSource = Callable[[Program], Sequence[Measured]]
_SOURCES: list[TalkSource] = []


def add_talk_source(source: TalkSource) -> None:
    """Let feedback show talk time measured by another app (once per source)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def measured_talk(program: Program) -> list[Measured]:
    """Every measured meeting of the program, from every source."""
    return [m for source in _SOURCES for m in source(program)]


def _mean(rows: Iterable[Measured]) -> Fairness:
    rows = list(rows)
    n = len(rows)
    return Fairness(sum(r.gini for r in rows) / n, sum(r.quietest_ratio for r in rows) / n, n)


def fairness_by(rows: Sequence[Measured], key: str) -> dict[int, Fairness]:
    """Mean figures per meeting number (``key="meeting"``) or per group (``"group"``)."""
    parts: dict[int, list[Measured]] = defaultdict(list)
    for row in rows:
        parts[getattr(row, key)].append(row)
    return {number: _mean(part) for number, part in parts.items()}
