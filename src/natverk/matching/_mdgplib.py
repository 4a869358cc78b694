"""Read MDGPLIB instance files (Gallego et al. 2013; format in shared/bench/mdgp/README.md).

Line 1: ``n g kind a_1 b_1 ... a_g b_g``; then n(n-1)/2 lines ``i j d_ij`` (0-based,
i < j). Any deviation is reported as :class:`MdgplibError` naming the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

__all__ = ["MdgpInstance", "MdgplibError", "parse_mdgplib", "read_mdgplib"]


class MdgplibError(ValueError):
    """The file is not a valid MDGPLIB instance; the message says where and why."""


@dataclass(frozen=True)
class MdgpInstance:
    """Scores and per-group size bounds of an MDGP instance."""

    d: NDArray[np.float64]
    lower: NDArray[np.int64]
    upper: NDArray[np.int64]
    kind: str


def parse_mdgplib(text: str, name: str = "instance") -> MdgpInstance:
    """Parse the text of an MDGPLIB file."""
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise MdgplibError(f"{name}: empty file (expected a header 'n g kind a1 b1 ...')")
    head = lines[0].split()
    try:
        n, g = int(head[0]), int(head[1])
        kind = head[2]
        bounds = [int(x) for x in head[3:]]
    except (IndexError, ValueError):
        raise MdgplibError(
            f"{name}, line 1: expected 'n g kind a1 b1 ... ag bg', got {lines[0][:80]!r}"
        ) from None
    if n < 2 or g < 1:
        raise MdgplibError(f"{name}, line 1: need n >= 2 elements and g >= 1 groups")
    if len(bounds) != 2 * g:
        raise MdgplibError(
            f"{name}, line 1: {g} groups need {2 * g} size bounds, found {len(bounds)}"
        )
    lower = np.array(bounds[0::2], dtype=np.int64)
    upper = np.array(bounds[1::2], dtype=np.int64)
    if (lower > upper).any() or (lower < 0).any():
        raise MdgplibError(f"{name}, line 1: a group's lower bound exceeds its upper bound")
    if not lower.sum() <= n <= upper.sum():
        raise MdgplibError(
            f"{name}, line 1: {n} elements cannot fill groups of total size "
            f"{lower.sum()}..{upper.sum()}"
        )
    expected = n * (n - 1) // 2
    body = [line for line in lines[1:] if line.strip()]
    if len(body) != expected:
        raise MdgplibError(
            f"{name}: {n} elements need {expected} distance lines, found {len(body)}"
        )
    try:
        rows = np.array([line.split() for line in body], dtype=np.float64)
    except ValueError:
        for k, line in enumerate(body, start=2):
            parts = line.split()
            try:
                if len(parts) != 3:
                    raise ValueError
                int(parts[0]), int(parts[1]), float(parts[2])
            except ValueError:
                raise MdgplibError(
                    f"{name}, line {k}: expected 'i j distance', got {line[:80]!r}"
                ) from None
        raise MdgplibError(f"{name}: distance lines must have three fields") from None
    if rows.ndim != 2 or rows.shape[1] != 3:
        raise MdgplibError(f"{name}: distance lines must have three fields 'i j distance'")
    i = rows[:, 0].astype(np.int64)
    j = rows[:, 1].astype(np.int64)
    bad = (i < 0) | (j < 0) | (i >= n) | (j >= n) | (i == j) | (rows[:, 0] != i)
    if bad.any():
        k = int(np.argmax(bad)) + 2
        raise MdgplibError(f"{name}, line {k}: element index out of range 0..{n - 1}")
    if not np.isfinite(rows[:, 2]).all():
        k = int(np.argmax(~np.isfinite(rows[:, 2]))) + 2
        raise MdgplibError(f"{name}, line {k}: distance is not a finite number")
    d = np.zeros((n, n))
    d[i, j] = rows[:, 2]
    d[j, i] = rows[:, 2]
    if np.count_nonzero(np.triu(np.ones((n, n), dtype=bool), 1) & ~_seen(n, i, j)):
        raise MdgplibError(f"{name}: some pairs have no distance line (duplicates instead)")
    return MdgpInstance(d=d, lower=lower, upper=upper, kind=kind)


def _seen(n: int, i: NDArray[np.int64], j: NDArray[np.int64]) -> NDArray[np.bool_]:
    seen = np.zeros((n, n), dtype=bool)
    seen[np.minimum(i, j), np.maximum(i, j)] = True
    return seen


def read_mdgplib(path: Path) -> MdgpInstance:
    """Read an MDGPLIB file; :class:`MdgplibError` for anything malformed."""
    try:
        text = path.read_text(encoding="ascii")
    except UnicodeDecodeError:
        raise MdgplibError(f"{path.name}: not a plain-text MDGPLIB file") from None
    return parse_mdgplib(text, path.name)
