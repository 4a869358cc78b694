# mypy: disable-error-code="no-untyped-def"
"""The random stream of the compiled kernels: splitmix64, carried by each search.

No kernel uses numba's global generator (one per process, shared by every search in
it): each search gets a :func:`stream` made from its seed and passes it down, so the
same seed gives the same result, whatever ran before in the process. A stream is a
``uint64`` array of length 1 (the state), advanced in place. ``tests/matching/
reference.py`` has the same generator in plain Python, so the Python twins of the
kernels draw exactly the same numbers.

Reference: Steele, Lea & Flood (2014), "Fast splittable pseudorandom number generators".
"""

from __future__ import annotations

import numpy as np
from numba import njit
from numpy.typing import NDArray

__all__ = ["randint", "random", "shuffle", "stream"]

_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_UNIT = 1.0 / 9007199254740992.0  # 2**-53


def stream(seed: int) -> NDArray[np.uint64]:
    """A new random stream for ``seed`` (any int; only its low 64 bits count)."""
    return np.array([int(seed) & 0xFFFFFFFFFFFFFFFF], dtype=np.uint64)


@njit(cache=True)
def _next(rng):
    rng[0] += _GAMMA
    z = rng[0]
    z = (z ^ (z >> np.uint64(30))) * _MIX1
    z = (z ^ (z >> np.uint64(27))) * _MIX2
    return z ^ (z >> np.uint64(31))


@njit(cache=True)
def random(rng):
    """A float in [0, 1) with 53 random bits."""
    return np.float64(_next(rng) >> np.uint64(11)) * _UNIT


@njit(cache=True)
def randint(rng, n):
    """An int in [0, n) (n >= 1)."""
    return np.int64(random(rng) * n)


@njit(cache=True)
def shuffle(rng, values):
    """Shuffle a 1-d array in place (Fisher-Yates, last position first)."""
    for i in range(values.shape[0] - 1, 0, -1):
        j = randint(rng, i + 1)
        values[i], values[j] = values[j], values[i]
