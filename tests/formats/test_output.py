"""Every CSV natverk writes is formula-safe in any delimiter, and written whole or not at all."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.formats.output import safe_cell, write_csv

TRIGGERS = "=+-@\t\r\x00"


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        (";=1+1", ";'=1+1"),
        (",=HYPERLINK(x)", ",'=HYPERLINK(x)"),
        ("a;  @SUM(A1)", "a;'  @SUM(A1)"),
        ("\tx", "'\tx"),
        ("a|+b", "a|'+b"),
        ("Anna-Karin Öst", "Anna-Karin Öst"),
        ("anna+natverk@example.org", "anna+natverk@example.org"),
        ("Runda 1 – Rum 2", "Runda 1 – Rum 2"),
    ],
)
def test_formula_triggers_are_neutralised_after_any_delimiter(value: str, safe: str) -> None:
    assert safe_cell(value) == safe


@given(st.text(alphabet=st.sampled_from(list(TRIGGERS + ",;|\n ab'")), max_size=30))
@settings(max_examples=500, deadline=None)
def test_no_split_of_a_safe_cell_starts_with_a_trigger(value: str) -> None:
    for part in re.split(r"[,;\t|\n\r]", safe_cell(value)):
        assert not part.lstrip(" ")[:1] or part.lstrip(" ")[0] not in TRIGGERS or part == ""


def test_written_csv_reads_back_with_every_text_cell_guarded(tmp_path: Path) -> None:
    path = tmp_path / "groups.csv"
    write_csv(path, ["grupp", "namn"], [[1, ";=cmd|' /C calc'!A0"], [2, "Åsa"]])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["grupp", "namn"], ["1", ";'=cmd|' /C calc'!A0"], ["2", "Åsa"]]
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_failed_write_leaves_neither_file_nor_temporary(tmp_path: Path) -> None:
    def rows() -> list[list[object]]:
        raise RuntimeError("disk full")

    path = tmp_path / "out.csv"
    with pytest.raises(RuntimeError):
        write_csv(path, ["a"], (row for row in rows()))
    assert list(tmp_path.iterdir()) == []
