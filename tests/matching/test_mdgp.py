"""The compiled MDGP solver: kernels against their Python twins, feasibility, optimality."""

from __future__ import annotations

import contextlib
import csv
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.formats.errors import FormatError
from natverk.formats.scores import MdgplibError, parse_mdgplib, read_mdgplib
from natverk.matching import _mdgp_kernels as kernels
from natverk.matching._mdgp import objective_of, solve_mdgp
from tests.matching import reference

SHARED = Path(__file__).resolve().parents[3] / "shared" / "bench" / "mdgp"


def _instance(seed: int, n: int, g: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    d = np.triu(rng.random((n, n)) * 100, 1)
    return d + d.T


@given(st.integers(0, 10_000), st.integers(4, 12), st.integers(2, 4))
@settings(max_examples=60, deadline=None)
def test_kernels_match_the_python_reference(seed: int, n: int, g: int) -> None:
    d = _instance(seed, n, g)
    a = np.random.default_rng(seed).integers(0, g, size=n)
    assert kernels.objective(d, a) == pytest.approx(reference.objective(d, a))
    np.testing.assert_allclose(kernels.gain_matrix(d, a, g), reference.gain_matrix(d, a, g))


@given(st.integers(0, 10_000), st.integers(6, 14))
@settings(max_examples=40, deadline=None)
def test_tabu_keeps_its_incremental_state_exact(seed: int, n: int) -> None:
    d = _instance(seed, n, 3)
    lower = np.array([1, 2, 1])
    upper = np.array([n, n, n])
    kernels.seed_rng(seed)
    mov = np.ones(n, dtype=np.bool_)
    a = kernels.random_start(n, lower, upper, np.zeros(n, dtype=np.int64), mov)
    sz = np.bincount(a, minlength=3).astype(np.int64)
    m = kernels.gain_matrix(d, a, 3)
    f = float(kernels.objective(d, a))
    best = a.copy()
    tabu = np.zeros((n, 3), dtype=np.int64)
    f, best_f, _, _ = kernels.tabu_chunk(
        d, a, sz, m, lower, upper, mov, f, best, f, tabu, 0, 0, 200, 1, 2, 20, 2
    )
    assert f == pytest.approx(reference.objective(d, a))
    assert best_f == pytest.approx(reference.objective(d, best))
    np.testing.assert_allclose(m, reference.gain_matrix(d, a, 3), atol=1e-9)
    assert (np.bincount(best, minlength=3) >= lower).all()


@given(st.integers(0, 10_000))
@settings(max_examples=25, deadline=None)
def test_solver_reaches_the_brute_force_optimum_on_tiny_instances(seed: int) -> None:
    d = _instance(seed, 8, 2)
    lower, upper = np.array([3, 2]), np.array([5, 4])
    result = solve_mdgp(d, lower, upper, time_limit=1, seed=seed, max_iterations=400)
    assert result.objective == pytest.approx(reference.brute_force_optimum(d, lower, upper))


def test_same_seed_and_budget_give_the_same_groups() -> None:
    d = _instance(7, 40, 5)
    lo, hi = np.full(5, 8), np.full(5, 8)
    first = solve_mdgp(d, lo, hi, time_limit=5, seed=3, max_iterations=500)
    again = solve_mdgp(d, lo, hi, time_limit=5, seed=3, max_iterations=500)
    assert np.array_equal(first.assignment, again.assignment)


def test_fixed_elements_stay_in_their_group() -> None:
    d = _instance(11, 20, 4)
    init = np.repeat(np.arange(4), 5)
    movable = np.ones(20, dtype=np.bool_)
    movable[[0, 7, 13]] = False
    result = solve_mdgp(
        d,
        np.full(4, 4),
        np.full(4, 6),
        time_limit=5,
        seed=1,
        init=init,
        movable=movable,
        max_iterations=300,
    )
    assert result.assignment[[0, 7, 13]].tolist() == [0, 1, 2]


def test_two_workers_on_a_clock_return_a_feasible_solution() -> None:
    d = _instance(5, 60, 6)
    lo, hi = np.full(6, 9), np.full(6, 11)
    calls: list[tuple[float, float]] = []
    result = solve_mdgp(
        d, lo, hi, time_limit=0.5, seed=2, workers=2, progress=lambda t, f: calls.append((t, f))
    )
    sizes = np.bincount(result.assignment, minlength=6)
    assert ((sizes >= lo) & (sizes <= hi)).all()
    assert result.objective == pytest.approx(objective_of(d, result.assignment))
    assert calls and all(0 <= t <= 1 for t, _ in calls)


def test_sizes_that_cannot_fit_are_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match="10 elements cannot fill groups"):
        solve_mdgp(_instance(1, 10, 2), np.array([2, 2]), np.array([3, 3]), time_limit=1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("4 2 ss 2\n", "2 groups need 4 size bounds"),
        ("4 2 ss 2 2 2 2\n0 1 1\n", "need 6 distance lines"),
        ("3 1 ss 3 3\n0 1 1\n0 2 x\n1 2 1\n", "Line 3"),
        ("3 1 ss 3 3\n0 1 1\n0 7 1\n1 2 1\n", "out of range"),
        ("5 2 ss 2 2 2 2\n" + "0 1 1\n" * 10, "cannot fill"),
    ],
)
def test_malformed_mdgplib_files_get_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(MdgplibError, match=message):
        parse_mdgplib(text)


@given(st.binary(max_size=300))
@settings(max_examples=200, deadline=None)
def test_mdgplib_parser_raises_only_its_own_error_on_garbage(data: bytes) -> None:
    with contextlib.suppress(FormatError):
        parse_mdgplib(data.decode("latin-1"))


def _optimal_instances() -> list[tuple[str, float]]:
    path = SHARED / "reference_values.csv"
    if not path.exists():
        return []
    rows = csv.DictReader(path.open())
    return [
        (r["instance"], float(r["value"]))
        for r in rows
        if r["status"] == "optimal"
        and r["type"] in ("RanReal", "Geo")
        and r["instance"][-2:] in ("01", "05", "09")
    ]


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/bench/mdgp is not beside the repo")
@pytest.mark.parametrize(("name", "optimum"), _optimal_instances())
def test_mdgplib_small_instances_reach_the_proven_optimum(name: str, optimum: float) -> None:
    inst = read_mdgplib(SHARED / name.split("_")[0] / f"{name}.txt")
    result = solve_mdgp(inst.d, inst.lower, inst.upper, time_limit=60, seed=1, max_iterations=3000)
    assert result.objective == pytest.approx(optimum, abs=1e-3)
