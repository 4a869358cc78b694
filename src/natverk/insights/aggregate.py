"""Aggregates of survey answers: means, distributions, shares and the recommendation score.

Computed only over cells that :func:`natverk.insights.anonymity.release` lets through;
this module does not decide what may be shown. Pure: no Django.

Examples
--------
>>> rows = [{"value": 4}, {"value": 5}, {"value": 2}, {}]
>>> s = scale(rows, "value")
>>> (s.n, round(s.mean, 2), s.distribution)
(3, 3.67, {2: 1, 4: 1, 5: 1})
>>> net_promoter([{"r": 10}, {"r": 9}, {"r": 7}, {"r": 3}], "r")
25.0
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Scale", "choices", "net_promoter", "scale", "share", "texts"]

Row = Mapping[str, object]


@dataclass(frozen=True)
class Scale:
    """Answers on a numeric scale: how many, their mean and how they spread."""

    n: int
    mean: float
    distribution: dict[int, int]


def _numbers(rows: Sequence[Row], key: str) -> list[int]:
    return [int(v) for row in rows if isinstance(v := row.get(key), int)]


def scale(rows: Sequence[Row], key: str) -> Scale:
    """Mean and distribution of a 1–5 or 0–10 question (unanswered rows left out)."""
    values = _numbers(rows, key)
    mean = sum(values) / len(values) if values else 0.0
    return Scale(len(values), mean, dict(sorted(Counter(values).items())))


def net_promoter(rows: Sequence[Row], key: str) -> float | None:
    """Per cent promoters (9–10) minus per cent detractors (0–6); None without answers."""
    values = _numbers(rows, key)
    if not values:
        return None
    promoters = sum(v >= 9 for v in values)
    detractors = sum(v <= 6 for v in values)
    return 100.0 * (promoters - detractors) / len(values)


def choices(rows: Sequence[Row], key: str) -> tuple[int, dict[str, int]]:
    """How many answered, and how many chose each option (multi-choice counts each)."""
    answered = 0
    counts: Counter[str] = Counter()
    for row in rows:
        value = row.get(key)
        picked = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        if picked:
            answered += 1
            counts.update(str(v) for v in picked)
    return answered, dict(counts)


def share(rows: Sequence[Row], key: str, option: str) -> float | None:
    """The share of those who answered that chose ``option`` (None without answers)."""
    answered, counts = choices(rows, key)
    return counts.get(option, 0) / answered if answered else None


def texts(rows: Sequence[Row], key: str, *, salt: str = "") -> list[str]:
    """The free-text answers in an order that says nothing about who answered when
    (sorted by a salted hash, so the order is stable for a cell but not meaningful)."""
    found = [str(v) for row in rows if isinstance(v := row.get(key), str) and v.strip()]
    return sorted(found, key=lambda t: hashlib.sha256((salt + t).encode()).hexdigest())
