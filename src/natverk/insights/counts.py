"""Counts of people by category that nobody can be singled out of (the catalogue's "who
has joined so far").

People have a few attributes (profession, industry, region); a viewer sees, per
attribute, how many people have each value, and the total. A count below ``k`` is never
shown, and neither is any count whose difference from the total or from the other shown
counts would isolate fewer than ``k`` people: each attribute's cells come from
:func:`natverk.insights.anonymity.release` at depth 1 over that attribute alone, whose
atoms all hold ``k`` people or more. Attributes are released one at a time because only
one-attribute counts are shown: sums and differences of them never count the people of
a combination (profession and industry), so joint atoms would hide far more than needed
(a program of 54 would show no profession at all). The people outside every shown
value of an attribute ("other or not given") are
a union of atoms, so their number is shown too. Only whole batches of ``k`` people (in
the order given) are counted, so one more person never changes a figure by itself.
Pure: no Django.

Examples
--------
>>> rows = [{"p": "a"}] * 4 + [{"p": "b"}] * 3 + [{"p": "c"}] * 2
>>> counts = released_counts(rows, ["p"], k=3)
>>> counts.total, counts.by["p"], counts.other["p"]
(9, (('b', 3),), 6)

"c" has two people, so it is hidden, and so is "a": the total minus "a" and "b" would
show "c". The six people of "a" and "c" are shown together as "other".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from natverk.insights.anonymity import MIN_K, release

__all__ = ["Counts", "released_counts"]


@dataclass(frozen=True)
class Counts:
    """What may be shown: the total counted, and per attribute (value, count) pairs
    largest first, and how many have another value or none."""

    total: int
    by: Mapping[str, tuple[tuple[str, int], ...]]
    other: Mapping[str, int]

    @property
    def empty(self) -> bool:
        """Whether nothing may be shown (fewer than k people counted)."""
        return self.total == 0


def released_counts(
    rows: Sequence[Mapping[str, str]], dimensions: Sequence[str], *, k: int = MIN_K
) -> Counts:
    """The counts of ``rows`` per value of each dimension that may be shown.

    Parameters
    ----------
    rows
        One mapping per person, in the order they joined: attribute -> value ("" or
        missing: not known).
    dimensions
        The attributes to count by.
    k
        The smallest group shown (raised to :data:`natverk.insights.anonymity.MIN_K`).
    """
    k = max(int(k), MIN_K)
    counted = list(rows[: len(rows) // k * k])
    total = len(counted) if len(counted) >= k else 0
    if total == 0:
        return Counts(0, {d: () for d in dimensions}, dict.fromkeys(dimensions, 0))
    by: dict[str, tuple[tuple[str, int], ...]] = {}
    other: dict[str, int] = {}
    for dimension in dimensions:
        # Each attribute on its own: only counts of one attribute are shown, and sums and
        # differences of them never reach a combination of two attributes (the people
        # in two shown values are not a difference of shown counts).
        plan = release(counted, [dimension], k=k, depth=1)
        shown = sorted(
            (
                (cell.filters[0][1], plan.count(cell))
                for cell in plan.released
                if len(cell.filters) == 1 and cell.filters[0][0] == dimension
            ),
            key=lambda item: (-item[1], item[0]),
        )
        by[dimension] = tuple(shown)
        other[dimension] = total - sum(n for _value, n in shown)
    return Counts(total, by, other)
