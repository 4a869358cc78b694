"""GroupEditor: the live score of hand edits (move, swap) for the web group editor.

The leader moves and swaps members by hand; before saving, the page shows how the
objective changes and which hard constraints the edit would break. Edits are never
refused here: breaking a constraint by hand is allowed, :meth:`GroupEditor.violations`
says what is broken.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from natverk.matching.problem import (
    GroupingProblem,
    PreparedProblem,
    Violation,
    find_violations,
    prepare,
)

__all__ = ["GroupEditor"]


class GroupEditor:
    """Groups being edited by hand, with the change in objective of each edit.

    Parameters
    ----------
    problem
        The grouping problem (scores, sizes, constraints, fairness), or the result of
        :func:`~natverk.matching.problem.prepare` on it, to skip validating it again.
    groups
        The current groups: lists of member indices covering every member once.
    unassigned_ok
        Allow members in no group (newly accepted people the leader has yet to place);
        they count in no group, and :meth:`problems` lists each as ``"unassigned"``.

    Examples
    --------
    >>> import numpy as np
    >>> s = np.array([[0, 5, 0, 0], [5, 0, 0, 0], [0, 0, 0, 5], [0, 0, 5, 0]], dtype=float)
    >>> ed = GroupEditor(GroupingProblem(s, size=(2, 2)), [[0, 2], [1, 3]])
    >>> ed.delta_swap(2, 1)
    10.0
    """

    def __init__(
        self,
        problem: GroupingProblem | PreparedProblem,
        groups: Sequence[Sequence[int]],
        *,
        unassigned_ok: bool = False,
    ) -> None:
        # A prepared problem can be reused across edits (the web editor caches it).
        self._prep = problem if isinstance(problem, PreparedProblem) else prepare(problem)
        n = self._prep.n
        if len(groups) != self._prep.groups:
            raise ValueError(
                f"the problem has {self._prep.groups} groups but {len(groups)} were given"
            )
        self._group = np.full(n, -1, dtype=np.int64)
        for k, members in enumerate(groups):
            for m in members:
                if not 0 <= int(m) < n:
                    raise ValueError(f"group {k} names member {m}, but members are 0..{n - 1}")
                if self._group[int(m)] >= 0:
                    raise ValueError(f"member {m} is in more than one group")
                self._group[int(m)] = k
        missing = np.flatnonzero(self._group < 0)
        if missing.size and not unassigned_ok:
            raise ValueError(f"member {int(missing[0])} is in no group")
        self._c = self._prep.fairness * n / 2.0
        self._helpers = self._prep.helpers

    # scores ---------------------------------------------------------------
    def _row(self, i: int) -> NDArray[np.float64]:
        prep = self._prep
        if prep.dense is not None:
            dense_row: NDArray[np.float64] = prep.dense[i]
            return dense_row
        f = prep.features
        assert f is not None
        row: NDArray[np.float64] = (f.right @ f.left[i] + f.left @ f.right[i]).astype(
            np.float64
        ) + f.bias
        row[i] = 0.0
        return row

    def _members(self, k: int) -> NDArray[np.int64]:
        return np.flatnonzero(self._group == k)

    def _group_utils(self, members: NDArray[np.int64]) -> NDArray[np.float64]:
        if members.size <= 1:
            return np.zeros(members.size)
        sums = np.array([self._row(int(i))[members].sum() for i in members])
        return sums / (members.size - 1)

    def utilities(self) -> NDArray[np.float64]:
        """Each member's mean score with the rest of their group."""
        u = np.zeros(self._prep.n)
        for k in range(self._prep.groups):
            mem = self._members(k)
            u[mem] = self._group_utils(mem)
        return u

    def total(self) -> float:
        """Sum of scores over pairs that share a group."""
        t = 0.0
        for k in range(self._prep.groups):
            mem = self._members(k)
            for i in mem:
                t += float(self._row(int(i))[mem].sum())
        return t / 2.0

    def _worst(self) -> float:
        placed = self._group >= 0
        return float(self.utilities()[placed].min()) if placed.any() else 0.0

    def _met_in(self, members: NDArray[np.int64]) -> int:
        """How many of ``members`` have a hope met by another of them."""
        if not self._helpers:
            return 0
        present = set(members.tolist())
        return sum(1 for i in present if self._helpers.get(i, frozenset()) & present)

    def hopes_met(self) -> int:
        """How many members have a group-mate who meets one of their hopes."""
        return sum(self._met_in(self._members(k)) for k in range(self._prep.groups))

    @property
    def hoping(self) -> int:
        """How many members have a hope that someone in the cohort meets."""
        return len(self._helpers)

    def objective(self) -> float:
        """Total, hopes met and the fairness term (as maximised by form_groups)."""
        t = self.total() + self._prep.hope_term(self.hopes_met())
        if self._c > 0:
            t += self._c * self._worst()
        return t

    @property
    def unassigned(self) -> list[int]:
        """Members in no group."""
        return np.flatnonzero(self._group < 0).tolist()

    def group_of(self, member: int) -> int:
        """The group of ``member`` (-1 when unassigned)."""
        self._check_member(member)
        return int(self._group[member])

    @property
    def groups(self) -> list[list[int]]:
        """The current groups (sorted member indices)."""
        return [self._members(k).tolist() for k in range(self._prep.groups)]

    # deltas ---------------------------------------------------------------
    def _hope_delta(self, changed: dict[int, NDArray[np.int64]]) -> float:
        if not self._helpers:
            return 0.0
        before = sum(self._met_in(self._members(k)) for k in changed if k >= 0)
        after = sum(self._met_in(mem) for k, mem in changed.items() if k >= 0)
        if self._prep.hope_target >= self.hoping:
            return self._prep.hope_weight * (after - before)
        met = self.hopes_met()  # the target makes the term depend on every group
        return self._prep.hope_term(met + after - before) - self._prep.hope_term(met)

    def _fair_delta(self, changed: dict[int, NDArray[np.int64]]) -> float:
        if self._c == 0:
            return 0.0
        before = self._worst()
        worst = np.inf
        for k in range(self._prep.groups):
            mem = changed.get(k, self._members(k))
            if mem.size:
                worst = min(worst, float(self._group_utils(mem).min()))
        return self._c * (worst - before)

    def delta_move(self, member: int, to_group: int) -> float:
        """Change in objective if ``member`` moved to group ``to_group``."""
        self._check_member(member)
        self._check_group(to_group)
        a = int(self._group[member])
        if a == to_group:
            return 0.0
        row = self._row(member)
        changed = {to_group: np.sort(np.append(self._members(to_group), member))}
        d = float(row[self._members(to_group)].sum())
        if a >= 0:
            mem_a = self._members(a)
            d -= float(row[mem_a].sum())
            changed[a] = mem_a[mem_a != member]
        return d + self._hope_delta(changed) + self._fair_delta(changed)

    def delta_swap(self, a: int, b: int) -> float:
        """Change in objective if members ``a`` and ``b`` swapped groups."""
        self._check_member(a)
        self._check_member(b)
        ga, gb = int(self._group[a]), int(self._group[b])
        if ga < 0 or gb < 0:
            raise ValueError("only members in a group can be swapped; place the other first")
        if ga == gb:
            return 0.0
        ra, rb = self._row(a), self._row(b)
        ma, mb = self._members(ga), self._members(gb)
        d = float(ra[mb].sum() - ra[b] - ra[ma].sum() + rb[ma].sum() - rb[a] - rb[mb].sum())
        changed = {
            ga: np.sort(np.append(ma[ma != a], b)),
            gb: np.sort(np.append(mb[mb != b], a)),
        }
        return d + self._hope_delta(changed) + self._fair_delta(changed)

    # edits ----------------------------------------------------------------
    def move(self, member: int, to_group: int) -> None:
        """Move ``member`` to group ``to_group``."""
        self._check_member(member)
        self._check_group(to_group)
        self._group[member] = to_group

    def swap(self, a: int, b: int) -> None:
        """Swap the groups of members ``a`` and ``b``."""
        self._check_member(a)
        self._check_member(b)
        if self._group[a] < 0 or self._group[b] < 0:
            raise ValueError("only members in a group can be swapped; place the other first")
        self._group[a], self._group[b] = self._group[b], self._group[a]

    def problems(self) -> list[Violation]:
        """Every hard constraint the current groups break, as records (empty when none)."""
        return find_violations(self._prep, self._group)

    def violations(self) -> list[str]:
        """Every hard constraint the current groups break, in words (empty when none)."""
        return [str(v) for v in self.problems()]

    def _check_member(self, m: int) -> None:
        if not 0 <= m < self._prep.n:
            raise ValueError(f"member {m} is out of range 0..{self._prep.n - 1}")

    def _check_group(self, k: int) -> None:
        if not 0 <= k < self._prep.groups:
            raise ValueError(f"group {k} is out of range 0..{self._prep.groups - 1}")
