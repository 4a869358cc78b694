"""Plain advice on a reviewed network (invest more, keep, pause, leave) from rules kept as
data (``data/suggestions.json``): the first rule whose conditions hold gives the advice,
and each rule says in words when it applies and why. No Django.

Examples
--------
>>> suggest(Reviewed(value=5, energy=2, hours=3.0)).advice
'invest'
>>> suggest(Reviewed(value=2, energy=-2, hours=1.0)).advice
'leave'
>>> suggest(Reviewed(value=4, energy=0, hours=2.0, previous=4)).advice
'keep'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["ADVICE", "Reviewed", "Rule", "advice_label", "rules", "suggest"]

#: The advice a rule can give, from most to least time for the network.
ADVICE = ("invest", "keep", "pause", "leave")
_CONDITIONS = ("value_min", "value_max", "energy_min", "energy_max", "hours_min", "fell")


@dataclass(frozen=True)
class Reviewed:
    """What the rules read: the latest review and the one before it (if any)."""

    value: int
    energy: int
    hours: float
    previous: int | None = None


@dataclass(frozen=True)
class Rule:
    """One rule: its conditions, its advice, and texts saying when it applies and why."""

    advice: str
    when: Mapping[str, float]
    rule: Mapping[str, str]
    why: Mapping[str, str]

    def holds(self, reviewed: Reviewed) -> bool:
        """Whether every condition of the rule holds for the review."""
        w = self.when
        fell = reviewed.previous - reviewed.value if reviewed.previous is not None else 0
        return (
            reviewed.value >= w.get("value_min", 1)
            and reviewed.value <= w.get("value_max", 5)
            and reviewed.energy >= w.get("energy_min", -2)
            and reviewed.energy <= w.get("energy_max", 2)
            and reviewed.hours >= w.get("hours_min", 0)
            and fell >= w.get("fell", -5)
        )

    def says(self, lang: str) -> tuple[str, str]:
        """When the rule applies and why, in ``lang`` (English when missing)."""
        return self.rule.get(lang, self.rule["en"]), self.why.get(lang, self.why["en"])


@cache
def _data() -> dict[str, object]:
    path = Path(__file__).parent / "data" / "suggestions.json"
    data: dict[str, object] = json.loads(path.read_text("utf-8"))
    return data


@cache
def rules() -> tuple[Rule, ...]:
    """Every rule, in the order they are tried (the last one always holds)."""
    found = []
    for item in _data()["rules"]:  # type: ignore[attr-defined]
        if item["advice"] not in ADVICE or set(item["when"]) - set(_CONDITIONS):
            raise ValueError(f"a rule of suggestions.json cannot be read: {item}")
        found.append(Rule(item["advice"], item["when"], item["rule"], item["why"]))
    if found[-1].when:
        raise ValueError("the last rule of suggestions.json must hold always")
    return tuple(found)


def advice_label(advice: str, lang: str) -> str:
    """The advice as a word or two in ``lang`` ("Invest more", "Satsa mer")."""
    labels: Mapping[str, Mapping[str, str]] = _data()["advice"]  # type: ignore[assignment]
    return labels[advice].get(lang, labels[advice]["en"])


def suggest(reviewed: Reviewed) -> Rule:
    """The first rule that holds for the review."""
    return next(rule for rule in rules() if rule.holds(reviewed))
