"""Files natverk writes: formula-safe CSV cells, and writes that leave nothing half-done.

Every CSV natverk writes goes through :func:`write_csv`, which passes each text cell
through :func:`safe_cell` (OWASP "CSV injection"): a spreadsheet must never run a cell as
a formula, whichever delimiter it splits on. Swedish and Danish Excel split on ``;``, so
``;=1+1`` in a comma-separated file is a formula there: triggers are neutralised at the
start of a cell and after every delimiter-like character. Files are written to a
temporary file beside the target and renamed into place, so an error leaves no partial
file behind.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

__all__ = ["safe_cell", "write_csv", "write_text"]

# A formula trigger (= + - @ tab CR NUL), after optional spaces, at the start of the cell
# or after a character a spreadsheet may split cells on (, ; tab | LF CR).
_TRIGGER = re.compile(r"(?:^|(?<=[,;\t|\n\r]))(?=[ ]*[=+\-@\t\r\x00])")


def safe_cell(value: str) -> str:
    """``value`` with an apostrophe before every formula trigger a spreadsheet could run.

    >>> safe_cell("=1+1"), safe_cell(";=1+1"), safe_cell("Anna-Karin"), safe_cell("a,@b")
    ("'=1+1", ";'=1+1", 'Anna-Karin', "a,'@b")
    """
    return _TRIGGER.sub("'", value)


@contextlib.contextmanager
def _replacing(path: Path, encoding: str) -> Iterator[IO[str]]:
    """A text handle on a temporary file that replaces ``path`` only if all went well."""
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, renamed or removed)
        "w",
        encoding=encoding,
        newline="",
        dir=path.parent,
        prefix=f".{path.name}.",
        suffix=".tmp",
        delete=False,
    )
    try:
        with handle:
            yield handle
        os.replace(handle.name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    bom: bool = True,
    line_end: str = "\r\n",
) -> None:
    """Write a CSV whose text cells are formula-safe; UTF-8 with a BOM by default so that
    Excel shows å, ä and ö."""
    with _replacing(path, "utf-8-sig" if bom else "utf-8") as handle:
        writer = csv.writer(handle, lineterminator=line_end)
        writer.writerow([safe_cell(h) for h in header])
        for row in rows:
            writer.writerow([safe_cell(v) if isinstance(v, str) else v for v in row])


def write_text(path: Path, text: str) -> None:
    """Write a text file (UTF-8) in one piece."""
    with _replacing(path, "utf-8") as handle:
        handle.write(text)
