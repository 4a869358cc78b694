"""Score files for `natverk solve`: sizes checked before allocating, finite scores only."""

from __future__ import annotations

import numpy as np
import pytest

from natverk.formats.errors import LimitExceededError
from natverk.formats.scores import MdgplibError, ScoreFileError, read_csv_matrix, read_mdgplib


def test_csv_matrix_with_names_is_read_row_by_row() -> None:
    d, labels = read_csv_matrix(b";Anna;Erik\nAnna;0;2,5\nErik;2,5;0\n".replace(b",", b"."))
    assert labels == ["Anna", "Erik"] and np.array_equal(d, [[0, 2.5], [2.5, 0]])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"0,1\n1,0\n1,1\n", "Line 3: the matrix must be square"),
        (b"0,1,2\n1,0,2\n", "3 columns but 2 rows"),
        (b"0,nan\nnan,0\n", "Line 1: nan is not a finite score"),
        (b"0,1e308\n1e308,0\n", "Line 1: 1e308 is not a finite score"),
        (b"0,1\n1,x\n", "Line 2: 'x' is not a number"),
    ],
)
def test_bad_matrices_name_the_line(data: bytes, message: str) -> None:
    with pytest.raises(ScoreFileError, match=message):
        read_csv_matrix(data)


def test_a_matrix_wider_than_memory_allows_is_refused_before_allocating() -> None:
    row = ",".join(["0"] * 11)
    with pytest.raises(LimitExceededError, match="11 members; natverk groups at most 10"):
        read_csv_matrix(f"{row}\n".encode(), max_members=10)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3 1 ss 3 3\n0 1 1\n0 2 inf\n1 2 1\n", "Line 3: inf is not a finite score"),
        ("3 1 ss 3 3\n0 1 1\n0 2 -2e12\n1 2 1\n", "Line 3: -2e12"),
        ("3 1 ss 3 3\n0 1 1\n0 1 1\n1 2 1\n", "no distance line"),
        ("3 1 ss 3 3\n0 1 1\n0 2.5 1\n1 2 1\n", "out of range"),
    ],
)
def test_bad_mdgplib_files_name_the_line(text: str, message: str) -> None:
    with pytest.raises(MdgplibError, match=message):
        read_mdgplib(text.encode())


def test_an_mdgplib_header_claiming_a_billion_members_is_refused_at_once() -> None:
    with pytest.raises(LimitExceededError, match="at most 4000"):
        read_mdgplib(b"1000000000 1 ss 0 1000000000\n")
