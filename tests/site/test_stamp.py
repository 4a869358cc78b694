"""The code stamp in the derived cache's keys changes with the code that shapes results."""

from __future__ import annotations

import os
from pathlib import Path

from natverk.site.stamp import code_stamp


def _tree(root: Path) -> None:
    (root / "matching").mkdir(parents=True)
    (root / "matching" / "affinity.py").write_text("WEIGHT = 1\n")
    (root / "templates").mkdir()
    (root / "templates" / "page.html").write_text("<p>{{ x }}</p>\n")


def test_stamp_is_the_same_for_the_same_files(tmp_path: Path) -> None:
    _tree(tmp_path)
    sources = ("matching", "templates")
    assert code_stamp(tmp_path, sources) == code_stamp(tmp_path, sources)


def test_stamp_changes_when_code_or_a_template_changes(tmp_path: Path) -> None:
    _tree(tmp_path)
    sources = ("matching", "templates")
    before = code_stamp(tmp_path, sources)
    (tmp_path / "matching" / "affinity.py").write_text("WEIGHT = 2\n")
    after_code = code_stamp(tmp_path, sources)
    assert after_code != before
    page = tmp_path / "templates" / "page.html"
    stat = page.stat()
    page.write_text("<p>{{ y }}</p>\n")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert code_stamp(tmp_path, sources) != after_code


def test_stamp_ignores_compiled_python(tmp_path: Path) -> None:
    _tree(tmp_path)
    sources = ("matching",)
    before = code_stamp(tmp_path, sources)
    (tmp_path / "matching" / "__pycache__").mkdir()
    (tmp_path / "matching" / "__pycache__" / "affinity.cpython-311.pyc").write_bytes(b"x")
    assert code_stamp(tmp_path, sources) == before


def test_every_listed_source_exists() -> None:
    from natverk.site.stamp import PACKAGE, SOURCES

    assert [s for s in SOURCES if not (PACKAGE / s).exists()] == []
