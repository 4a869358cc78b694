"""Who now knows whom across departments, as aggregates that name nobody.

From the meetups of colleague pairing (which departments sat together, in which
period, and whether they met) this counts, per period and over all time, the meetups
that took place between each two departments (a heatmap), the share of answered
meetups that took place, and for newcomers how many colleagues they met in their first
90 days. Every figure follows one rule: a count from 1 to ``k - 1`` is suppressed
(``None``), and so is enough else that no suppressed count can be worked out from the
totals shown beside it (in each line of the table - a period across department pairs,
a department pair across periods - the suppressed counts are none, or at least two
that add up to ``k`` or more; otherwise the total is suppressed too). A period's count of
meetups that took place is shown only when its answers number ``k`` or more and so do
those that did not take place (the complement). Departments with fewer than ``k``
people are merged into one "other" department. Pure: no Django.

Why not :func:`natverk.insights.anonymity.release`: a meetup lies in several cells of
the heatmap at once (a trio joins three department pairs), which its one-value-per-
attribute rows do not express, and a large program has over 100,000 meetups, where its
atoms (all filter combinations per row, recomputed per hidden cell) take minutes; this
table's relations are its lines, each checked in one pass.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from statistics import mean

__all__ = [
    "ALL",
    "MeetupRecord",
    "Mixing",
    "NewcomerCohort",
    "NewcomerRecord",
    "department_mixing",
    "newcomer_cohorts",
    "suppress",
]

#: The period key of the all-time figures.
ALL = "all"


@dataclass(frozen=True)
class MeetupRecord:
    """One meetup: its period ("2027 Q1"), its people's departments, whether anyone
    answered the check-in, and whether it took place."""

    period: str
    departments: tuple[str, ...]
    answered: bool = False
    met: bool = False


@dataclass(frozen=True)
class Mixing:
    """Meetups that took place per department pair and period (``None``: suppressed).

    ``cells[period][(i, j)]`` with ``i <= j`` indexes ``departments``; ``made``,
    ``answered`` and ``met`` count meetups per period (``ALL`` included).
    """

    departments: tuple[str, ...]
    periods: tuple[str, ...]
    cells: dict[str, dict[tuple[int, int], int | None]]
    made: dict[str, int]
    answered: dict[str, int]
    met: dict[str, int | None]
    k: int

    def share_met(self, period: str) -> float | None:
        """The share of answered meetups that took place, or None when suppressed."""
        met, answered = self.met.get(period), self.answered.get(period, 0)
        if met is None or answered < self.k:
            return None
        return met / answered

    def largest(self) -> int:
        """The largest count shown (for a colour scale)."""
        return max((v for cells in self.cells.values() for v in cells.values() if v), default=0)


def suppress(
    values: Mapping[Hashable, int],
    lines: Iterable[tuple[Sequence[Hashable], Hashable]],
    k: int,
    *,
    hidden: Iterable[Hashable] = (),
) -> set[Hashable]:
    """Keys to hide: ``hidden``, counts from 1 to ``k - 1``, then more until, in every
    line (its members and the key of its total) whose total is shown, the hidden members
    are none or at least two adding up to ``k`` or more (else the total is hidden too).

    >>> sorted(suppress({"a": 1, "b": 7, "c": 9, "t": 17}, [(["a", "b", "c"], "t")], 5))
    ['a', 'b']
    """
    hidden = set(hidden) | {key for key, value in values.items() if 0 < value < k}
    lines = [(list(members), total) for members, total in lines]
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            if total in hidden:
                continue
            gone = [m for m in members if m in hidden]
            if not gone or (len(gone) >= 2 and sum(values[m] for m in gone) >= k):
                continue
            shown = [m for m in members if m not in hidden and values[m] > 0]
            hidden.add(min(shown, key=lambda m: values[m]) if shown else total)
            changed = True
    return hidden


def _merged(sizes: Mapping[str, int], k: int, other: str) -> dict[str, str]:
    """Each department's shown name: itself, or ``other`` when smaller than ``k``."""
    return {d: d if n >= k else other for d, n in sizes.items()}


def department_mixing(
    records: Sequence[MeetupRecord], *, sizes: Mapping[str, int], k: int, other: str
) -> Mixing:
    """Count meetups that took place between departments, with suppression.

    Parameters
    ----------
    records
        Every meetup of the program.
    sizes
        People per department (departments of fewer than ``k`` are merged into
        ``other``; a department missing here counts as small).
    k
        The smallest count shown (the organisation's minimum reporting group size, >= 3).
    other
        Name of the merged department.
    """
    if k < 3:
        raise ValueError("the smallest count shown must be at least 3")
    name = _merged(sizes, k, other)
    departments = tuple(sorted({name.get(d, other) for r in records for d in r.departments}))
    index = {d: i for i, d in enumerate(departments)}
    periods = tuple(sorted({r.period for r in records}))
    counts: Counter[Hashable] = Counter()
    made: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    for r in records:
        for period in (r.period, ALL):
            made[period] += 1
            answered[period] += r.answered
            counts["met", period] += r.met
        if not r.met:
            continue
        shown = [index[name.get(d, other)] for d in r.departments]
        for cell in {(min(a, b), max(a, b)) for a, b in combinations(shown, 2)}:
            counts[r.period, cell] += 1
            counts[ALL, cell] += 1
    return _suppressed(departments, periods, counts, made, answered, k)


def _suppressed(
    departments: tuple[str, ...],
    periods: tuple[str, ...],
    counts: Counter[Hashable],
    made: Counter[str],
    answered: Counter[str],
    k: int,
) -> Mixing:
    n = len(departments)
    cells = [(i, j) for i in range(n) for j in range(i, n)]
    keys: list[Hashable] = [(p, c) for p in (*periods, ALL) for c in cells]
    keys += [("met", p) for p in (*periods, ALL)]
    values = {key: counts[key] for key in keys}
    lines: list[tuple[Sequence[Hashable], Hashable]] = [
        ([(p, c) for c in cells], ("met", p)) for p in (*periods, ALL)
    ]
    lines += [([(p, c) for p in periods], (ALL, c)) for c in cells]
    lines.append(([("met", p) for p in periods], ("met", ALL)))
    # A period with fewer than k answers shows no share, and neither does one where the
    # meetups that did not take place (answers minus those that did) are 1 to k - 1.
    few = [
        ("met", p)
        for p in (*periods, ALL)
        if answered[p] < k or 0 < answered[p] - values["met", p] < k
    ]
    hidden = suppress(values, lines, k, hidden=few)
    return Mixing(
        departments=departments,
        periods=periods,
        cells={
            p: {c: None if (p, c) in hidden else values[p, c] for c in cells}
            for p in (*periods, ALL)
        },
        made={p: made[p] for p in (*periods, ALL)},
        answered={p: answered[p] for p in (*periods, ALL)},
        met={p: None if ("met", p) in hidden else values["met", p] for p in (*periods, ALL)},
        k=k,
    )


@dataclass(frozen=True)
class NewcomerRecord:
    """A newcomer: the period they started in, and the colleagues and departments they
    met in their first 90 days."""

    period: str
    colleagues: int
    departments: int


@dataclass(frozen=True)
class NewcomerCohort:
    """Newcomers who started in one period (suppressed figures are ``None``)."""

    period: str
    count: int
    mean_colleagues: float | None
    share_with_meeting: float | None
    mean_departments: float | None


def newcomer_cohorts(records: Sequence[NewcomerRecord], *, k: int) -> list[NewcomerCohort]:
    """Per start period, how many colleagues newcomers met in their first 90 days; a
    cohort of fewer than ``k`` shows its count only. The last row (``ALL``) is over the
    cohorts shown, so a hidden cohort cannot be worked out from it."""
    by_period: dict[str, list[NewcomerRecord]] = defaultdict(list)
    for r in records:
        by_period[r.period].append(r)
    result = []
    shown: list[NewcomerRecord] = []
    for period in sorted(by_period):
        group = by_period[period]
        if len(group) >= k:
            shown.extend(group)
        result.append(_cohort(period, group, k))
    if shown:
        result.append(_cohort(ALL, shown, k))
    return result


def _cohort(period: str, group: list[NewcomerRecord], k: int) -> NewcomerCohort:
    if len(group) < k:
        return NewcomerCohort(period, len(group), None, None, None)
    return NewcomerCohort(
        period,
        len(group),
        mean(r.colleagues for r in group),
        sum(r.colleagues > 0 for r in group) / len(group),
        mean(r.departments for r in group),
    )
