"""Score files for ``natverk solve``: MDGPLIB instances and square CSV matrices.

MDGPLIB (Gallego et al. 2013; format in shared/bench/mdgp/README.md): line 1 is
``n g kind a_1 b_1 ... a_g b_g``, then n(n-1)/2 lines ``i j d_ij`` (0-based, i < j).
A CSV matrix is square, with an optional header row and first column of names. Both are
checked against the import size limit before reading, against
:data:`natverk.matching.MAX_DENSE_MEMBERS` before any n x n array is allocated, and every
score must be a finite number within :data:`natverk.matching.problem.MAX_ABS_SCORE`.
Anything else is a :class:`ScoreFileError` naming the line.
"""

from __future__ import annotations

import csv
import io
import math
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from natverk.formats.errors import FormatError, LimitExceededError
from natverk.formats.limits import TableLimits
from natverk.formats.tables import csv_error, lines, sniff_delimiter
from natverk.formats.text import Readable, read_source, read_text
from natverk.i18n import gettext_noop as _
from natverk.matching.problem import MAX_ABS_SCORE, MAX_DENSE_MEMBERS

__all__ = [
    "MdgpInstance",
    "MdgplibError",
    "ScoreFileError",
    "parse_mdgplib",
    "read_csv_matrix",
    "read_mdgplib",
]


class ScoreFileError(FormatError):
    """A score file that cannot be read; the text names the line and the problem."""


class MdgplibError(ScoreFileError):
    """The file is not a valid MDGPLIB instance; the message says where and why."""


@dataclass(frozen=True)
class MdgpInstance:
    """Scores and per-group size bounds of an MDGP instance."""

    d: NDArray[np.float64]
    lower: NDArray[np.int64]
    upper: NDArray[np.int64]
    kind: str


def _too_many(n: int, limit: int) -> LimitExceededError:
    return LimitExceededError(
        _(
            "The file has %(count)s members; natverk groups at most %(limit)s from a score "
            "matrix (it keeps several n x n arrays in memory)."
        ),
        count=n,
        limit=limit,
    )


def _score(cell: str, line: int, error: type[ScoreFileError]) -> float:
    try:
        value = float(cell)
    except ValueError:
        raise error(
            _("Line %(line)s: %(cell)r is not a number."), line=line, cell=cell[:40]
        ) from None
    if not math.isfinite(value) or abs(value) > MAX_ABS_SCORE:
        raise error(
            _("Line %(line)s: %(cell)s is not a finite score between -%(max)s and %(max)s."),
            line=line,
            cell=cell[:40],
            max=f"{MAX_ABS_SCORE:g}",
        )
    return value


def parse_mdgplib(text: str, max_members: int = MAX_DENSE_MEMBERS) -> MdgpInstance:
    """Parse the text of an MDGPLIB file."""
    return _parse_mdgplib(text.encode("ascii", errors="replace"), max_members)


def _header(data: bytes, max_members: int) -> tuple[int, str, list[int]]:
    """n, kind and the size bounds of line 1, checked before anything is allocated."""
    line = data[:65_536].partition(b"\n")[0].decode("ascii", errors="replace").strip()
    if not line:
        raise MdgplibError(_("The file is empty (expected a header 'n g kind a1 b1 ...')."))
    head = line.split()
    try:
        n, g, kind = int(head[0]), int(head[1]), head[2]
    except (IndexError, ValueError):
        raise MdgplibError(
            _("Line 1: expected 'n g kind a1 b1 ... ag bg', got %(line)r."), line=line[:80]
        ) from None
    if n < 2 or g < 1:
        raise MdgplibError(_("Line 1: need n >= 2 elements and g >= 1 groups."))
    if n > max_members:
        raise _too_many(n, max_members)
    if g > n or len(head) - 3 != 2 * g:
        raise MdgplibError(
            _("Line 1: %(groups)s groups need %(need)s size bounds, found %(found)s."),
            groups=g,
            need=2 * g,
            found=len(head) - 3,
        )
    try:
        return n, kind, [int(x) for x in head[3:]]
    except ValueError:
        raise MdgplibError(
            _("Line 1: expected 'n g kind a1 b1 ... ag bg', got %(line)r."), line=line[:80]
        ) from None


def _parse_mdgplib(data: bytes, max_members: int) -> MdgpInstance:
    n, kind, bounds = _header(data, max_members)
    lower = np.array(bounds[0::2], dtype=np.int64)
    upper = np.array(bounds[1::2], dtype=np.int64)
    if (lower > upper).any() or (lower < 0).any():
        raise MdgplibError(_("Line 1: a group's lower bound exceeds its upper bound."))
    if not lower.sum() <= n <= upper.sum():
        raise MdgplibError(
            _("Line 1: %(n)s elements cannot fill groups of total size %(lo)s..%(hi)s."),
            n=n,
            lo=int(lower.sum()),
            hi=int(upper.sum()),
        )
    expected = n * (n - 1) // 2
    rows = _distance_rows(data)
    if rows.shape[0] != expected:
        raise MdgplibError(
            _("%(n)s elements need %(need)s distance lines, found %(found)s."),
            n=n,
            need=expected,
            found=rows.shape[0],
        )
    i = rows[:, 0].astype(np.int64)
    j = rows[:, 1].astype(np.int64)
    bad = (i < 0) | (j < 0) | (i >= n) | (j >= n) | (i == j) | (rows[:, 0] != i) | (rows[:, 1] != j)
    if bad.any():
        raise MdgplibError(
            _("Line %(line)s: element index out of range 0..%(last)s."),
            line=_line_number(data, int(np.argmax(bad))),
            last=n - 1,
        )
    wrong = ~np.isfinite(rows[:, 2]) | (np.abs(rows[:, 2]) > MAX_ABS_SCORE)
    if wrong.any():
        k = int(np.argmax(wrong))
        line = _line_number(data, k)
        _score(_line(data, line).split()[2].decode("ascii", "replace"), line, MdgplibError)
    seen = np.zeros((n, n), dtype=bool)
    seen[np.minimum(i, j), np.maximum(i, j)] = True
    if int(np.count_nonzero(seen)) != expected:
        raise MdgplibError(_("Some pairs have no distance line (duplicates instead)."))
    del seen
    d = np.zeros((n, n))
    d[i, j] = rows[:, 2]
    d[j, i] = rows[:, 2]
    return MdgpInstance(d=d, lower=lower, upper=upper, kind=kind)


def _body_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(line number, line) of the non-blank lines after the header, read lazily."""
    for number, line in enumerate(io.BytesIO(data), start=1):
        if number > 1 and line.strip():
            yield number, line


def _line_number(data: bytes, index: int) -> int:
    """The line number of the ``index``-th distance line (blank lines skipped)."""
    return next(number for k, (number, _) in enumerate(_body_lines(data)) if k == index)


def _line(data: bytes, number: int) -> bytes:
    return next(line for k, line in _body_lines(data) if k == number)


def _distance_rows(data: bytes) -> NDArray[np.float64]:
    """The ``i j d`` lines as an (m, 3) array, parsed by numpy without a copy of the text;
    the first bad line is named otherwise."""
    if next(_body_lines(data), None) is None:
        return np.empty((0, 3))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rows = np.loadtxt(
                io.BytesIO(data), dtype=np.float64, ndmin=2, skiprows=1, comments=None
            )
        if rows.shape[1] == 3:
            return rows
    except ValueError:
        pass
    for number, line in _body_lines(data):
        parts = line.split()
        try:
            if len(parts) != 3:
                raise ValueError
            int(parts[0]), int(parts[1]), float(parts[2])
        except ValueError:
            raise MdgplibError(
                _("Line %(line)s: expected 'i j distance', got %(text)r."),
                line=number,
                text=line.decode("ascii", "replace").strip()[:80],
            ) from None
    raise MdgplibError(_("Distance lines must have three fields 'i j distance'."))


def read_mdgplib(
    source: Path | bytes | Readable, *, max_bytes: int | None = None, name: str = ""
) -> MdgpInstance:
    """Read an MDGPLIB file; :class:`FormatError` for anything malformed or too large."""
    data = read_source(source, max_bytes=max_bytes, name=name)
    if not data.isascii():
        raise MdgplibError(_("The file is not a plain-text MDGPLIB file."))
    return _parse_mdgplib(data, MAX_DENSE_MEMBERS)


def read_csv_matrix(
    source: Path | bytes | Readable,
    *,
    max_bytes: int | None = None,
    name: str = "",
    max_members: int = MAX_DENSE_MEMBERS,
) -> tuple[NDArray[np.float64], list[str]]:
    """A square score matrix from CSV, with optional header row and first column of
    names; the matrix is allocated once, after its size is checked."""
    text = read_text(source, max_bytes=max_bytes, name=name).text
    reader = csv.reader(lines(text), delimiter=sniff_delimiter(text))
    d: NDArray[np.float64] | None = None
    names: list[str] | None = None
    labels: list[str] = []
    row_names = False
    k = 0
    try:
        for row in reader:
            line = reader.line_num
            cells = [c.strip() for c in row]
            if not any(cells):
                continue
            if d is None and names is None and any(_is_text(c) for c in cells if c):
                names = [c for c in cells if c] if cells[0] == "" else cells
                continue
            if d is None:
                row_names = _is_text(cells[0])
                n = len(cells) - row_names
                if n > max_members:
                    raise _too_many(n, max_members)
                d = np.empty((n, n))
            values = cells[1:] if row_names else cells
            if k >= d.shape[0] or len(values) != d.shape[0]:
                raise ScoreFileError(
                    _(
                        "Line %(line)s: the matrix must be square: %(n)s columns, but this "
                        "row has %(count)s values or comes after the last row."
                    ),
                    line=line,
                    n=d.shape[0],
                    count=len(values),
                )
            d[k] = [_score(c, line, ScoreFileError) for c in values]
            labels.append(cells[0] if row_names else "")
            k += 1
    except csv.Error as exc:
        raise csv_error(exc, reader.line_num + 1, TableLimits()) from None
    if d is None:
        raise ScoreFileError(_("The file has no scores in it."))
    if k != d.shape[0]:
        raise ScoreFileError(
            _("The matrix must be square: %(n)s columns but %(rows)s rows."),
            n=d.shape[0],
            rows=k,
        )
    if not row_names:
        n = d.shape[0]
        labels = names if names is not None and len(names) == n else [str(i) for i in range(n)]
    return d, labels


def _is_text(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return True
    return False
