"""Tables from CSV or XLSX files, read within limits: the layer every table reader uses.

:func:`read_table` checks the size (``NATVERK_MAX_IMPORT_BYTES``), tells XLSX from text,
decodes text (:mod:`natverk.formats.text`), finds the delimiter (``,`` ``;`` or tab, or
Excel's ``sep=`` line) and reads rows one at a time, refusing as soon as a limit is passed
(rows, columns, characters in a cell, cells in all), so a hostile file costs no more than
the limits allow. Empty rows are dropped; each row keeps its line (CSV) or row (XLSX)
number for messages. Readers of applicants, people, history files and, later, contacts
CSV start here and then make sense of the header themselves.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from natverk.formats._xlsx import read_xlsx_rows
from natverk.formats.errors import FormatError, LimitExceededError, MalformedFileError, Problem
from natverk.formats.limits import TableLimits, XlsxLimits
from natverk.formats.text import Readable, decode_text, read_source
from natverk.i18n import gettext_noop as _

__all__ = [
    "Table",
    "check_row",
    "csv_error",
    "lines",
    "parse_csv",
    "read_table",
    "sniff_delimiter",
]

_SAMPLE_CHARS = 65_536
_NOT_BLANK = re.compile(rb"\S")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_SAMPLE_ROWS = 50


@dataclass(frozen=True)
class Table:
    """Non-empty rows of a file, each row's line or row number, and notes for the report."""

    rows: list[list[str]]
    numbers: list[int]
    kind: str
    notes: list[Problem] = field(default_factory=list)
    delimiter: str = ""


def read_table(
    source: Path | bytes | Readable,
    *,
    filename: str = "",
    max_bytes: int | None = None,
    limits: TableLimits | None = None,
    xlsx_limits: XlsxLimits | None = None,
) -> Table:
    """Read a CSV (any delimiter, UTF-8/UTF-16/Windows-1252) or XLSX file into rows.

    Raises
    ------
    FormatError
        Too large, binary, unsafe, malformed, or past a limit of ``limits``.
    """
    limits = limits or TableLimits()
    if isinstance(source, Path):
        filename = filename or source.name
    data = read_source(source, max_bytes=max_bytes, name=filename)
    if _NOT_BLANK.search(data) is None:
        raise MalformedFileError(_("The file is empty."))
    if data.startswith(b"PK\x03\x04") or filename.lower().endswith((".xlsx", ".xlsm")):
        rows, numbers = read_xlsx_rows(data, limits, xlsx_limits or XlsxLimits())
        return Table(rows, numbers, "xlsx")
    decoded = decode_text(data)
    del data
    rows, numbers, delimiter = parse_csv(decoded.text, limits)
    return Table(rows, numbers, "csv", decoded.notes, delimiter)


def lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their endings (CRLF, CR or LF), one at a time: what
    ``io.StringIO(text, newline="")`` gives, without its copy of 4 bytes a character.

    >>> list(lines("a\\r\\nb\\rc\\nd"))
    ['a\\r\\n', 'b\\r', 'c\\n', 'd']
    """
    return (match.group() for match in _LINE.finditer(text))


def sniff_delimiter(text: str, delimiters: str = ",;\t") -> str:
    """The delimiter that splits the first rows into the most consistent columns.

    >>> sniff_delimiter("Namn;E-post\\nÅsa;asa@example.org\\n")
    ';'
    """
    sample = text[:_SAMPLE_CHARS]
    best, best_score = delimiters[0], (0.0, 0)
    for delimiter in delimiters:
        counts: list[int] = []
        try:
            for row in csv.reader(lines(sample), delimiter=delimiter):
                if any(row):
                    counts.append(len(row))
                if len(counts) > _SAMPLE_ROWS:
                    break
        except csv.Error:
            continue
        if len(sample) < len(text) and len(counts) > 1:
            counts.pop()  # the sample may cut the last row short
        if not counts:
            continue
        mode, times = Counter(counts).most_common(1)[0]
        score = (times / len(counts), mode) if mode > 1 else (0.0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def check_row(row: list[str], number: int, limits: TableLimits) -> None:
    """Refuse a row with too many columns or too long a cell (one message, its number)."""
    if len(row) > limits.max_columns:
        raise LimitExceededError(
            _("Line %(line)s has %(count)s columns; natverk reads at most %(limit)s."),
            line=number,
            count=len(row),
            limit=limits.max_columns,
        )
    for value in row:
        if len(value) > limits.max_field_chars:
            raise LimitExceededError(
                _(
                    "Line %(line)s has a cell longer than %(limit)s characters "
                    "(a quote that is never closed?)."
                ),
                line=number,
                limit=limits.max_field_chars,
            )


def csv_error(exc: csv.Error, line: int, limits: TableLimits) -> FormatError:
    """The error for a line Python's csv module cannot read (its field limit included)."""
    if "field larger than field limit" in str(exc):
        limits = TableLimits(max_field_chars=min(limits.max_field_chars, csv.field_size_limit()))
        try:
            check_row(["x" * (limits.max_field_chars + 1)], line, limits)
        except LimitExceededError as too_long:
            return too_long
    return MalformedFileError(
        _("Line %(line)s cannot be read as CSV (%(reason)s)."), line=line, reason=exc
    )


def parse_csv(
    text: str, limits: TableLimits | None = None, delimiters: str = ",;\t"
) -> tuple[list[list[str]], list[int], str]:
    """Rows of CSV ``text`` (empty rows dropped), their first line numbers, the delimiter."""
    limits = limits or TableLimits()
    offset = 0
    first = text[:8].partition("\n")[0]
    if first.rstrip("\r").lower().startswith("sep=") and len(first.rstrip("\r")) == 5:
        delimiter, text, offset = first[4], text[len(first) + 1 :], 1
    else:
        delimiter = sniff_delimiter(text, delimiters)
    rows: list[list[str]] = []
    numbers: list[int] = []
    cells = 0
    reader = csv.reader(lines(text), delimiter=delimiter)
    while True:
        start = reader.line_num + 1 + offset
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise csv_error(exc, start, limits) from None
        if not any(value.strip() for value in row):
            continue
        check_row(row, start, limits)
        cells += len(row)
        if len(rows) > limits.max_rows:
            raise limits.too_many_rows()
        if cells > limits.max_cells:
            raise limits.too_many_cells()
        rows.append(row)
        numbers.append(start)
    return rows, numbers, delimiter
