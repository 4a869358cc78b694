"""Shared builders for the matching tests: random symmetric score matrices."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def random_scores(n: int, seed: int, *, signed: bool = True) -> NDArray[np.float64]:
    """A random symmetric score matrix with zero diagonal."""
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(n, n)) if signed else rng.random((n, n)) * 100
    d = np.triu(a, 1)
    return d + d.T


def random_constraints(n: int, groups: int, seed: int) -> dict[str, object]:
    """Random but satisfiable-looking forbidden/pinned/fixed constraints for n members."""
    rng = np.random.default_rng(seed)
    perm = rng.permutation(n)
    return {
        "pinned": [(int(perm[0]), int(perm[1]))],
        "forbidden": [(int(perm[2]), int(perm[3])), (int(perm[0]), int(perm[4]))],
        "fixed": {int(perm[5]): int(rng.integers(groups))},
    }


def brute_force_optimum(d: NDArray[np.float64], lower: list[int], upper: list[int]) -> float:
    """Best objective by enumerating every assignment (tiny n only)."""
    import itertools

    n, g = d.shape[0], len(lower)
    best = -np.inf
    for labels in itertools.product(range(g), repeat=n):
        counts = np.bincount(labels, minlength=g)
        if np.any(counts < lower) or np.any(counts > upper):
            continue
        lab = np.array(labels)
        same = lab[:, None] == lab[None, :]
        best = max(best, float(d[same].sum() / 2.0))
    return best
