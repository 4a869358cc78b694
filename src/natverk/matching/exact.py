"""Exact grouping of small problems with OR-Tools CP-SAT (a proof of optimality).

Used by the tests to check that :func:`natverk.matching.form_groups` finds the proven
optimum on many small random problems, with and without constraints. Scores are
scaled to integers (``scale`` digits kept), so the optimum is exact up to the
rounding ``n^2 / (2 * scale)``; the returned objective is recomputed in floating
point. OR-Tools (a runtime dependency, for `natverk rooms`) is imported only when used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from natverk.matching.problem import (
    ALL_SLOTS,
    GroupingProblem,
    InfeasibleProblemError,
    PreparedProblem,
    prepare,
)

__all__ = ["ExactResult", "solve_exact"]


@dataclass(frozen=True)
class ExactResult:
    """The optimal groups (0-based, sorted), their objective and whether it is proven."""

    groups: list[list[int]]
    objective: float
    proven: bool


def solve_exact(
    problem: GroupingProblem, *, time_limit: float = 60.0, scale: float = 1e6, workers: int = 1
) -> ExactResult:
    """Solve ``problem`` to optimality with CP-SAT (small n only: about n <= 16).

    Fairness is supported when every group has a fixed size (``lo == hi``): the
    worst-off member's utility is then linear in the pair variables. Hopes are
    supported: a member counts once when any group-mate meets one of their hopes, for at
    most ``hope_target`` members.

    Raises
    ------
    InfeasibleProblemError
        When the problem is malformed, or CP-SAT proves it has no solution.
    ValueError
        When fairness is asked with variable group sizes.
    """
    from ortools.sat.python import cp_model

    prep = prepare(problem)
    d = prep.dense if prep.dense is not None else prep.features.dense()  # type: ignore[union-attr]
    n, g = prep.n, prep.groups
    if prep.fairness > 0 and np.any(prep.lower != prep.upper):
        raise ValueError("solve_exact supports fairness only with fixed group sizes (lo == hi)")
    m = cp_model.CpModel()
    x = [[m.new_bool_var(f"x{i}_{k}") for k in range(g)] for i in range(n)]
    for i in range(n):
        m.add_exactly_one(x[i])
    for k in range(g):
        m.add(sum(x[i][k] for i in range(n)) >= int(prep.lower[k]))
        m.add(sum(x[i][k] for i in range(n)) <= int(prep.upper[k]))
    for u, grp in enumerate(prep.unit_group):
        if grp >= 0:
            for i in prep.units[u]:
                m.add(x[i][int(grp)] == 1)
    for members in prep.units:
        for a, b in zip(members, members[1:], strict=False):
            for k in range(g):
                m.add(x[a][k] == x[b][k])
    forbidden = {(int(a), int(b)) for a, b in prep.kept_apart.pairs()}
    for a, b in forbidden:
        for k in range(g):
            m.add_bool_or([x[a][k].Not(), x[b][k].Not()])
    if np.any(prep.masks != ALL_SLOTS):
        bits = sorted({b for mask in prep.masks for b in range(64) if int(mask) >> b & 1})
        for k in range(g):
            slot = {b: m.new_bool_var(f"slot{k}_{b}") for b in bits}
            m.add_exactly_one(list(slot.values()))
            for i in range(n):
                ok = [slot[b] for b in bits if int(prep.masks[i]) >> b & 1]
                m.add_bool_or([x[i][k].Not(), *ok])
    # same[i][j] = 1 iff i and j share a group
    same: dict[tuple[int, int], Any] = {}
    for i in range(n):
        for j in range(i + 1, n):
            if (i, j) in forbidden:
                continue
            y = m.new_bool_var(f"y{i}_{j}")
            z = [m.new_bool_var(f"z{i}_{j}_{k}") for k in range(g)]
            for k in range(g):
                m.add_multiplication_equality(z[k], [x[i][k], x[j][k]])
            m.add(y == sum(z))
            same[(i, j)] = y
    w = np.rint(d * scale).astype(np.int64)
    total = sum(int(w[i, j]) * y for (i, j), y in same.items())
    total += _hopes_met(m, prep, same, scale)
    if prep.fairness > 0:
        size = int(prep.lower[0])
        if np.any(prep.lower != size):
            raise ValueError("solve_exact supports fairness only with equal, fixed group sizes")
        low = int(np.abs(w).sum()) + 1
        worst = m.new_int_var(-low, low, "worst_sum")
        for i in range(n):
            row = [
                int(w[min(i, j), max(i, j)]) * same[(min(i, j), max(i, j))]
                for j in range(n)
                if j != i and (min(i, j), max(i, j)) in same
            ]
            m.add(worst <= sum(row))
        # worst member mean = worst_sum / (size - 1); weight c = fairness * n / 2
        c = prep.fairness * n / 2.0 / max(size - 1, 1)
        num, den = _rational(c)
        m.maximize(den * total + num * worst)
    else:
        m.maximize(total)
    if (
        not np.any(prep.unit_group >= 0)
        and np.all(prep.lower == prep.lower[0])
        and np.all(prep.upper == prep.upper[0])
    ):
        # identical groups are interchangeable: number them by their smallest member
        for i in range(min(n, g)):
            for k in range(i + 1, g):
                m.add(x[i][k] == 0)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = int(workers)
    status = solver.solve(m)
    if status == cp_model.INFEASIBLE:
        raise InfeasibleProblemError("the problem has no feasible grouping (proven by CP-SAT)")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError(
            f"CP-SAT stopped without a solution (status {solver.status_name(status)})"
        )
    assignment = np.array(
        [next(k for k in range(g) if solver.value(x[i][k])) for i in range(n)], dtype=np.int64
    )
    from natverk.matching._search import evaluate_assignment

    objective, _ = evaluate_assignment(
        d, assignment, fair=prep.fairness * n / 2.0, hopes=prep.hopes, hope=prep.hope_weight,
        target=prep.hope_target,
    )  # fmt: skip
    groups: list[list[int]] = [[] for _ in range(g)]
    for i, k in enumerate(assignment):
        groups[int(k)].append(i)
    return ExactResult(groups=groups, objective=objective, proven=status == cp_model.OPTIMAL)


def _hopes_met(
    m: Any, prep: PreparedProblem, same: dict[tuple[int, int], Any], scale: float
) -> Any:
    """``hope_weight`` (scaled) for every member with a group-mate who meets a hope."""
    helpers: dict[int, list[Any]] = {}
    for i, j in prep.hopes.tolist():
        pair = (min(i, j), max(i, j))
        if pair in same:
            helpers.setdefault(i, []).append(same[pair])
    weight = int(round(prep.hope_weight * scale))
    met = []
    for i, ys in helpers.items():
        z = m.new_bool_var(f"met{i}")
        m.add_bool_or(ys).only_enforce_if(z)
        met.append(z)
    counted = m.new_int_var(0, prep.hope_target, "hopes_counted")
    m.add(counted <= sum(met))
    return weight * counted


def _rational(c: float, den: int = 1000) -> tuple[int, int]:
    return round(c * den), den
