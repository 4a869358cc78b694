"""Which aggregates of anonymous answers may be shown, so that nobody can be singled out.

Answers carry attributes (program, group, meeting, period, profession, industry, ...).
A *cell* is a combination of filters on some of them ("group 3, meeting 2"); its count
is how many answered. A viewer may see every released cell and may add and subtract
them (differencing), and may know everyone's attributes. The guarantee:

    **every answer that can be isolated by any combination of released cells lies in a
    group of at least k answers.**

It holds because of the *atoms* of the released cells: answers that lie in exactly the
same released cells form one atom. A count (or a sum of ratings) of any set a viewer can
compute from released cells by adding and subtracting them is constant on atoms, so such
a set is a union of atoms; when every non-empty atom has at least ``k`` answers, so does
every non-empty set a viewer can isolate. :func:`release` starts from the cells with at
least ``k`` answers and, while some atom is smaller than ``k``, hides the cells that
separate it from its nearest atom (which merges them; hiding only ever merges atoms).
This is complementary suppression in its general form: it covers the differences of
nested cells, of sub-cells from their parent, and of cells that happen to contain each
other in the data (a group whose members all share one profession). Pure: no Django.

Examples
--------
>>> rows = [{"group": "1"}] * 6 + [{"group": "2"}] * 6 + [{"group": "3"}]
>>> plan = release(rows, ["group"], k=5)
>>> sorted(str(c) for c in plan.released)
['all', 'group=2']

Group 3 has one answer, so it is hidden; group 1 is hidden too, or the total minus
groups 1 and 2 would reveal group 3's answer.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Cell", "Release", "release", "MIN_K"]

#: The floor for the minimum reporting group size: never below 3.
MIN_K = 3


@dataclass(frozen=True, order=True)
class Cell:
    """A combination of filters, as sorted (attribute, value) pairs; () is everyone."""

    filters: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, **filters: str) -> Cell:
        """A cell from keyword filters: ``Cell.of(group="3", meeting="2")``."""
        return cls(tuple(sorted(filters.items())))

    def matches(self, row: Mapping[str, str]) -> bool:
        """Whether an answer with these attributes lies in the cell."""
        return all(str(row.get(name, "")) == value for name, value in self.filters)

    def __str__(self) -> str:
        return ", ".join(f"{n}={v}" for n, v in self.filters) or "all"


@dataclass(frozen=True)
class Release:
    """Counts of every non-empty cell and the ones that may be shown."""

    counts: Mapping[Cell, int]
    released: frozenset[Cell]
    k: int

    def shows(self, cell: Cell) -> bool:
        """Whether the cell's aggregates may be shown."""
        return cell in self.released

    def count(self, cell: Cell) -> int:
        """How many answered in the cell (0 when nobody)."""
        return self.counts.get(cell, 0)


def _cells_of(row: Mapping[str, str], dimensions: Sequence[str], depth: int) -> list[Cell]:
    present = sorted((d, str(row[d])) for d in dimensions if row.get(d) not in (None, ""))
    return [
        Cell(subset)
        for size in range(min(depth, len(present)) + 1)
        for subset in itertools.combinations(present, size)
    ]


def _atoms(memberships: Sequence[list[Cell]], shown: set[Cell]) -> Counter[frozenset[Cell]]:
    """Answers grouped by the set of shown cells they lie in, with the group sizes."""
    return Counter(frozenset(c for c in cells if c in shown) for cells in memberships)


def _separating(small: frozenset[Cell], atoms: Counter[frozenset[Cell]]) -> frozenset[Cell]:
    """The cells to hide to merge a small atom into its nearest other atom (of those
    equally near, the one with the fewest answers: hiding it costs the least)."""
    others = [a for a in atoms if a != small]
    if not others:
        return small  # a lone small atom: hide every cell it is seen through
    nearest = min(others, key=lambda a: (len(a ^ small), atoms[a], sorted(a ^ small)))
    return nearest ^ small


def release(
    rows: Sequence[Mapping[str, str]],
    dimensions: Sequence[str],
    *,
    k: int,
    depth: int = 3,
) -> Release:
    """Decide which cells of the answers may be shown (see the module's guarantee).

    Parameters
    ----------
    rows
        One mapping per answer: attribute -> value ("" or missing: not known).
    dimensions
        The attributes viewers may filter on.
    k
        The minimum reporting group size (raised to :data:`MIN_K` when lower).
    depth
        The most filters a viewer may combine.
    """
    k = max(int(k), MIN_K)
    memberships = [_cells_of(row, dimensions, depth) for row in rows]
    counts: Counter[Cell] = Counter(cell for cells in memberships for cell in cells)
    shown = {cell for cell, n in counts.items() if n >= k}
    while True:
        atoms = _atoms(memberships, shown)
        # Answers in no shown cell (the atom of no cells) are seen through nothing.
        small = sorted(
            (a for a, n in atoms.items() if a and 0 < n < k), key=lambda a: (atoms[a], sorted(a))
        )
        if not small:
            break
        shown -= _separating(small[0], atoms)
    return Release(dict(counts), frozenset(shown), k)
