"""CSV rows of a contact file within limits: the delimiter sniffed (``,`` ``;`` tab or
Excel's ``sep=`` line), RFC 4180 quoting, each row with the line it starts on.

Mirrors ``natverk.formats.tables.parse_csv`` of the shared reading layer (branch
``importers``); when that lands this module becomes a call to it.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

from natverk.formats.contacts_base import ContactFormatError, gettext_noop

__all__ = ["MAX_COLUMNS", "MAX_FIELD", "csv_rows"]

_ = gettext_noop
MAX_COLUMNS = 300
MAX_FIELD = 20_000
_SAMPLE = 65_536


def _sniff(text: str) -> str:
    best, best_score = ",", (0.0, 0)
    sample = text[:_SAMPLE]
    for delimiter in ",;\t":
        counts: list[int] = []
        try:
            for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
                if any(cell.strip() for cell in row):
                    counts.append(len(row))
                if len(counts) > 50:
                    break
        except csv.Error:
            continue
        if len(sample) < len(text) and len(counts) > 1:
            counts.pop()
        if not counts:
            continue
        mode, times = Counter(counts).most_common(1)[0]
        score = (times / len(counts), mode) if mode > 1 else (0.0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """Non-empty rows of ``text`` with the line each starts on."""
    offset = 0
    first = text[:8].partition("\n")[0].rstrip("\r")
    if first.lower().startswith("sep=") and len(first) == 5:
        delimiter, text, offset = first[4], text.partition("\n")[2], 1
    else:
        delimiter = _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ContactFormatError(
                _("Line %(line)s cannot be read as CSV (%(reason)s)."),
                line=reader.line_num + offset,
                reason=str(exc),
            ) from None
        line = start + offset
        if len(row) > MAX_COLUMNS or any(len(cell) > MAX_FIELD for cell in row):
            raise ContactFormatError(
                _("Line %(line)s is too long: too many columns or a quote that never ends."),
                line=line,
            )
        if any(cell.strip() for cell in row):
            rows.append((line, row))
    return rows
