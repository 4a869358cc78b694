"""How much any natverk reader accepts: bytes, rows, columns, cells, unpacked size.

``NATVERK_MAX_IMPORT_BYTES`` (default 10 MiB) is read here and nowhere else in the core:
every reader takes ``max_bytes`` with :func:`max_import_bytes` as its default, and checks
it before parsing. The other limits keep a file that passes the byte limit from costing
more than a few hundred megabytes or seconds (figures in docs/benchmarks.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from natverk.formats.errors import FormatError, LimitExceededError
from natverk.i18n import gettext_noop as _

__all__ = ["DEFAULT_MAX_IMPORT_BYTES", "TableLimits", "XlsxLimits", "max_import_bytes", "size_text"]

DEFAULT_MAX_IMPORT_BYTES = 10 * 1024 * 1024


def max_import_bytes() -> int:
    """The largest file natverk imports: ``NATVERK_MAX_IMPORT_BYTES``, default 10 MiB."""
    raw = os.environ.get("NATVERK_MAX_IMPORT_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_IMPORT_BYTES
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise FormatError(
            _("NATVERK_MAX_IMPORT_BYTES must be a whole number of bytes above 0, not %(value)r."),
            value=raw,
        )
    return value


def size_text(n_bytes: int) -> str:
    """A byte count for people: "10 MiB", "512 KiB", "900 bytes"."""
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n_bytes >= size:
            value = n_bytes / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n_bytes} bytes"


@dataclass(frozen=True)
class TableLimits:
    """Limits of a table (CSV or the first sheet of an XLSX workbook).

    ``max_rows`` counts non-empty rows after the header; ``max_cells`` bounds the memory
    the rows take (about 60 bytes a cell) whatever the byte limit is set to.
    """

    max_rows: int = 50_000
    max_columns: int = 200
    max_field_chars: int = 10_000
    max_cells: int = 2_000_000

    def too_many_rows(self) -> LimitExceededError:
        """The error for a table with more rows than ``max_rows``."""
        return LimitExceededError(
            _("The file has more than %(limit)s rows, the most natverk reads: split it."),
            limit=self.max_rows,
        )

    def too_many_cells(self) -> LimitExceededError:
        """The error for a table with more cells than ``max_cells``."""
        return LimitExceededError(
            _("The file has more than %(limit)s cells, the most natverk reads: split it."),
            limit=self.max_cells,
        )


@dataclass(frozen=True)
class XlsxLimits:
    """Limits checked on the ZIP directory of a workbook before any XML is parsed.

    A ratio above 100 (Apache POI's default) on a member over 1 MiB is treated as a
    decompression bomb; XML nesting deeper than ``max_depth`` is refused.
    """

    max_unpacked: int = 100 * 1024 * 1024
    max_ratio: float = 100.0
    ratio_from: int = 1024 * 1024
    max_members: int = 1_000
    max_depth: int = 32
