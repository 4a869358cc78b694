"""Pure-Python twins of the compiled MDGP kernels: the oracle the tests compare against."""

from __future__ import annotations

import itertools

import numpy as np
from numpy.typing import NDArray


def objective(d: NDArray[np.float64], a: NDArray[np.int64]) -> float:
    """Sum of d over pairs in the same group."""
    return float(sum(d[i, j] for i, j in itertools.combinations(range(len(a)), 2) if a[i] == a[j]))


def gain_matrix(d: NDArray[np.float64], a: NDArray[np.int64], g: int) -> NDArray[np.float64]:
    """M[i, k] = sum of d[i, j] over j in group k."""
    m = np.zeros((len(a), g))
    for i in range(len(a)):
        for j in range(len(a)):
            m[i, a[j]] += d[i, j]
    return m


def brute_force_optimum(
    d: NDArray[np.float64], lower: NDArray[np.int64], upper: NDArray[np.int64]
) -> float:
    """The exact optimum by enumerating every assignment (tiny instances only)."""
    n, g = d.shape[0], len(lower)
    best = -np.inf
    for labels in itertools.product(range(g), repeat=n):
        a = np.array(labels)
        sizes = np.bincount(a, minlength=g)
        if ((sizes >= lower) & (sizes <= upper)).all():
            best = max(best, objective(d, a))
    return float(best)
