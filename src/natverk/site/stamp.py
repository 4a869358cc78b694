"""A stamp of the code that derived results are computed with.

The "derived" cache names an entry by a digest of its data; the stamp, part of every key,
names the code: after an upgrade or an edit of the code, data files or templates that
shape a derived result, earlier entries are simply never read again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from natverk import __version__

PACKAGE = Path(__file__).resolve().parent.parent

#: The packages and modules whose code and data shape derived results.
SOURCES = (
    "matching",
    "language",
    "taxonomy",
    "formats",
    "programs/grouping.py",
    "programs/forms.py",
    "programs/templates",
    "meetings/actions/series.py",
    "site/widgets.py",
    "templates",
    "locale",
    "programs/locale",
)


def _files(root: Path, sources: tuple[str, ...]) -> list[Path]:
    found: list[Path] = []
    for name in sources:
        path = root / name
        found += [path] if path.is_file() else sorted(path.rglob("*"))
    return [p for p in found if p.is_file() and "__pycache__" not in p.parts]


def files_digest(seed: str, files: Iterable[tuple[str, Path]]) -> str:
    """A sha256 digest of ``seed`` and each (name, file)'s name, size and modification
    time: it changes when a file does, without reading the files' bytes."""
    digest = hashlib.sha256(seed.encode())
    for name, path in files:
        info = path.stat()
        digest.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def code_stamp(root: Path = PACKAGE, sources: tuple[str, ...] = SOURCES) -> str:
    """A short digest of the version and each source and data file's size and time."""
    files = ((str(path.relative_to(root)), path) for path in _files(root, sources))
    return files_digest(__version__, files)[:16]
