"""The first sheet of an XLSX workbook as rows of text, streamed within limits.

Why not openpyxl's reader: in read-only mode it yields every empty row up to the last
used one and pads every row to the sheet's widest column, so one value in XFD1048576
makes an 8 KB file cost a million rows of 16,384 cells. Here the ZIP directory is checked
first (member count, unpacked sizes, compression ratios), then each XML part is streamed
through expat with no tree at all, so memory stays O(nesting depth) and cells, columns,
rows and nesting are counted against the limits as they arrive. A document type
declaration is refused where it starts: without a DTD no entity can be declared, so no
billion laughs and no external entities, whatever the expat version (XLSX parts never
carry one). Text is kept only inside ``<v>`` and ``<t>``, and only up to the cell limit.
Values are what Excel shows as text: shared and inline strings, numbers (integers
without ".0"), TRUE/FALSE, dates (cells styled as dates) as ISO dates.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Any, NoReturn
from xml.parsers import expat

from natverk.formats.errors import (
    FormatError,
    LimitExceededError,
    MalformedFileError,
    UnsafeFileError,
)
from natverk.formats.limits import TableLimits, XlsxLimits, size_text
from natverk.i18n import gettext_noop as _

__all__ = ["read_xlsx_rows"]

_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_DATE_IDS = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})
_DATE_CODE = re.compile(r"[dmyhs]", re.IGNORECASE)
_EPOCH_1900 = dt.datetime(1899, 12, 30, tzinfo=dt.UTC)  # serial 1 = 1900-01-01 (after Mar 1900)
_EPOCH_1904 = dt.datetime(1904, 1, 1, tzinfo=dt.UTC)
_NOT_CODE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def read_xlsx_rows(
    data: bytes, limits: TableLimits, xl: XlsxLimits
) -> tuple[list[list[str]], list[int]]:
    """Non-empty rows of the first sheet and their row numbers; FormatError otherwise."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(archive, xl)
            return _read(archive, limits, xl)
    except FormatError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError, expat.ExpatError) as exc:
        raise MalformedFileError(
            _("The file is not a readable XLSX workbook (%(reason)s)."), reason=_reason(exc)
        ) from None
    except (NotImplementedError, RuntimeError, ValueError, IndexError) as exc:
        raise MalformedFileError(
            _("The file is not a readable XLSX workbook (%(reason)s)."), reason=_reason(exc)
        ) from None


def _reason(exc: Exception) -> str:
    text = str(exc).strip().strip("'\"")
    return (text[:120] or type(exc).__name__).rstrip(".")


def _check_archive(archive: zipfile.ZipFile, xl: XlsxLimits) -> None:
    members = archive.infolist()
    if len(members) > xl.max_members:
        raise UnsafeFileError(
            _("The workbook has %(count)s parts; natverk reads workbooks of at most %(limit)s."),
            count=len(members),
            limit=xl.max_members,
        )
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > xl.ratio_from and ratio > xl.max_ratio:
            raise UnsafeFileError(
                _(
                    "The workbook part %(name)s unpacks %(ratio)s times larger than it is "
                    "stored: natverk refuses it as a decompression bomb."
                ),
                name=info.filename[:80],
                ratio=f"{ratio:.0f}",
            )
    if total > xl.max_unpacked:
        raise UnsafeFileError(
            _("The workbook unpacks to %(size)s, more than the %(limit)s natverk reads."),
            size=size_text(total),
            limit=size_text(xl.max_unpacked),
        )


_CHUNK = 1 << 16
_TEXT_TAGS = frozenset({"t", "v"})
#: (event, local name, attributes on "start" / text of <t> and <v> on "end")
_Event = tuple[str, str, Any]


def _refuse_dtd(*_args: object) -> None:
    raise UnsafeFileError(
        _("The workbook contains an XML DTD or entity, which natverk does not read.")
    )


def _events(
    archive: zipfile.ZipFile,
    member: str,
    xl: XlsxLimits,
    max_text: int = 1 << 20,
    wanted: frozenset[str] | None = None,
) -> Iterator[_Event]:
    """The start and end events of one XML part, parsed by expat in 64 KB chunks: local
    names (prefixes dropped), only ``wanted`` ones if given; ``<t>`` and ``<v>`` give
    just their end, with their text."""
    parser = expat.ParserCreate()  # names as written: "c", or "x:c" with a prefix
    parser.buffer_text = True
    events: list[_Event] = []
    parts: list[str] = []
    depth = [0]
    text = [-1]  # characters kept for the current <t> or <v>; -1 outside them

    def start(name: str, attrs: dict[str, str]) -> None:
        depth[0] += 1
        if depth[0] > xl.max_depth:
            raise UnsafeFileError(
                _("The workbook's XML is nested deeper than %(limit)s levels."),
                limit=xl.max_depth,
            )
        if ":" in name:
            name = name.rpartition(":")[2]
        if name in _TEXT_TAGS:
            parts.clear()
            text[0] = 0
        elif wanted is None or name in wanted:
            events.append(("start", name, attrs))

    def end(name: str) -> None:
        depth[0] -= 1
        if ":" in name:
            name = name.rpartition(":")[2]
        if name in _TEXT_TAGS:
            events.append(("end", name, "".join(parts)))
            text[0] = -1
        elif wanted is None or name in wanted:
            events.append(("end", name, ""))

    def characters(data: str) -> None:
        if 0 <= text[0] <= max_text:
            parts.append(data)
            text[0] += len(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    handle: IO[bytes]
    with archive.open(member) as handle:
        while chunk := handle.read(_CHUNK):
            parser.Parse(chunk, False)
            yield from events
            events.clear()
        parser.Parse(b"", True)
        yield from events


def _attr(attrs: dict[str, str], local: str) -> str:
    """An attribute by its local name, with or without a namespace (r:id -> id)."""
    if local in attrs:
        return attrs[local]
    return next((v for k, v in attrs.items() if k.rpartition(":")[2] == local), "")


def _relationships(archive: zipfile.ZipFile, part: str, xl: XlsxLimits) -> dict[str, str]:
    """Id -> (type, resolved target) of a part's relationships (empty if it has none)."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in archive.namelist():
        return {}
    found: dict[str, str] = {}
    for event, name, attrs in _events(archive, rels, xl):
        if event == "start" and name == "Relationship":
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found[attrs.get("Id", "")] = posixpath.normpath(path)
            found["type:" + attrs.get("Type", "").rpartition("/")[2]] = posixpath.normpath(path)
    return found


def _workbook_part(archive: zipfile.ZipFile, xl: XlsxLimits) -> str:
    names = set(archive.namelist())
    target = _relationships(archive, "", xl).get("type:officeDocument", "xl/workbook.xml")
    if target in names:
        return target
    if "mimetype" in names and archive.read("mimetype")[:40].startswith(
        b"application/vnd.oasis.opendocument"
    ):
        raise MalformedFileError(
            _("The file is an OpenDocument spreadsheet (.ods): save it as XLSX or CSV.")
        )
    raise MalformedFileError(_("The file is a ZIP archive but not an XLSX workbook."))


def _read(
    archive: zipfile.ZipFile, limits: TableLimits, xl: XlsxLimits
) -> tuple[list[list[str]], list[int]]:
    workbook = _workbook_part(archive, xl)
    first_sheet, date1904 = "", False
    for event, name, attrs in _events(archive, workbook, xl):
        if event == "start" and name == "workbookPr":
            date1904 = attrs.get("date1904", "").lower() in ("1", "true")
        elif event == "start" and name == "sheet" and not first_sheet:
            first_sheet = _attr(attrs, "id")
    rels = _relationships(archive, workbook, xl)
    sheet = rels.get(first_sheet, "")
    if sheet not in archive.namelist():
        raise MalformedFileError(_("The workbook has no worksheet to read."))
    shared = _shared_strings(archive, rels.get("type:sharedStrings", ""), limits, xl)
    dates = _date_styles(archive, rels.get("type:styles", ""), xl)
    epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
    return _sheet_rows(archive, sheet, _Cells(shared, dates, epoch), limits, xl)


def _shared_strings(
    archive: zipfile.ZipFile, part: str, limits: TableLimits, xl: XlsxLimits
) -> list[str]:
    if not part or part not in archive.namelist():
        return []
    strings: list[str] = []
    parts: list[str] = []
    phonetic = size = 0
    wanted = frozenset({"si", "t", "rPh"})
    for event, name, value in _events(archive, part, xl, limits.max_field_chars, wanted):
        if name == "rPh":
            phonetic += 1 if event == "start" else -1
        elif event == "end" and name == "t" and not phonetic:
            if size <= limits.max_field_chars:  # past it the text is too long anyway
                parts.append(value)
                size += len(value)
        elif event == "end" and name == "si":
            strings.append("".join(parts)[: limits.max_field_chars + 1])
            parts, size = [], 0
            if len(strings) > limits.max_cells:
                raise LimitExceededError(
                    _("The workbook has more than %(limit)s texts, the most natverk reads."),
                    limit=limits.max_cells,
                )
    return strings


def _is_date_code(code: str) -> bool:
    return bool(_DATE_CODE.search(_NOT_CODE.sub("", code)))


def _date_styles(archive: zipfile.ZipFile, part: str, xl: XlsxLimits) -> frozenset[int]:
    """Indices of the cell styles that show a date or time."""
    if not part or part not in archive.namelist():
        return frozenset()
    codes: dict[int, str] = {}
    formats: list[int] = []
    in_cell_xfs = False
    for event, name, attrs in _events(archive, part, xl):
        if event == "start" and name == "numFmt":
            codes[_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
        elif name == "cellXfs":
            in_cell_xfs = event == "start"
        elif event == "start" and name == "xf" and in_cell_xfs:
            formats.append(_int(attrs.get("numFmtId")))
    return frozenset(
        k
        for k, fmt in enumerate(formats)
        if fmt in _DATE_IDS or (fmt in codes and _is_date_code(codes[fmt]))
    )


def _int(text: str | None) -> int:
    try:
        return int(text or "0")
    except ValueError:
        return -1


class _Cells:
    """Turns a cell's type, style and raw value into the text Excel shows."""

    def __init__(self, shared: list[str], dates: frozenset[int], epoch: dt.datetime) -> None:
        self.shared, self.dates, self.epoch = shared, dates, epoch

    def text(self, kind: str, style: int, value: str, inline: str) -> str:
        if kind == "inlineStr":
            return inline
        if kind == "s":
            index = _int(value)
            if not 0 <= index < len(self.shared):
                raise MalformedFileError(_("A cell refers to a text the workbook does not have."))
            return self.shared[index]
        if kind == "b":
            return {"1": "TRUE", "0": "FALSE"}.get(value.strip(), value)
        if kind in ("str", "e", "d") or not value:
            return value
        return self._number(value.strip(), style)

    def _number(self, value: str, style: int) -> str:
        try:
            number = float(value)
        except ValueError:
            return value
        if style in self.dates and 0 <= number < 2_958_466:
            moment = self.epoch + dt.timedelta(days=number)  # wall-clock time, no zone
            return moment.strftime("%Y-%m-%d" if number == int(number) else "%Y-%m-%d %H:%M:%S")
        if number.is_integer() and abs(number) < 1e15:
            return str(int(number))
        return repr(number)


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _column_name(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheet_rows(
    archive: zipfile.ZipFile, sheet: str, cells: _Cells, limits: TableLimits, xl: XlsxLimits
) -> tuple[list[list[str]], list[int]]:
    rows: list[list[str]] = []
    numbers: list[int] = []
    row: dict[int, str] = {}
    row_number = column = count = 0
    cell: dict[str, Any] = {}
    wanted = frozenset({"row", "c", "v", "t", "rPh"})
    for event, name, value in _events(archive, sheet, xl, limits.max_field_chars, wanted):
        if event == "start":
            if name == "c":
                count += 1
                if count > limits.max_cells:
                    raise LimitExceededError(
                        _("The sheet has more than %(limit)s cells, the most natverk reads."),
                        limit=limits.max_cells,
                    )
                column = _cell_column(value.get("r"), column, row_number, limits)
                cell = {"t": value.get("t", "n"), "s": _int(value.get("s")), "v": "", "is": []}
            elif name == "row":
                row, column = {}, 0
                row_number = _int(value["r"]) if value.get("r") else row_number + 1
            elif name == "rPh":
                cell["rph"] = cell.get("rph", 0) + 1
            continue
        if name == "v":
            cell["v"] = value
        elif name == "t" and not cell.get("rph"):
            cell.setdefault("is", []).append(value)
            cell["size"] = cell.get("size", 0) + len(value)
            if cell["size"] > limits.max_field_chars:
                _too_long(row_number, limits)
        elif name == "rPh":
            cell["rph"] -= 1
        elif name == "c":
            text = cells.text(cell["t"], cell["s"], cell["v"], "".join(cell["is"]))
            if text:
                row[column] = text
        elif name == "row":
            _add_row(rows, numbers, row, row_number, limits)
    return rows, numbers


def _cell_column(ref: str | None, previous: int, row_number: int, limits: TableLimits) -> int:
    if ref:
        match = _REF.fullmatch(ref)
        if match is None:
            raise MalformedFileError(_("A cell has the malformed reference %(ref)r."), ref=ref[:20])
        column = _column(match.group(1))
    else:
        column = previous + 1
    if column > limits.max_columns:
        raise LimitExceededError(
            _(
                "Cell %(cell)s is beyond column %(last)s: natverk reads the first %(limit)s "
                "columns. Delete what is beyond them."
            ),
            cell=ref or f"{_column_name(column)}{row_number}",
            last=_column_name(limits.max_columns),
            limit=limits.max_columns,
        )
    return column


def _too_long(row: int, limits: TableLimits) -> NoReturn:
    raise LimitExceededError(
        _("Row %(row)s has a cell longer than %(limit)s characters."),
        row=row,
        limit=limits.max_field_chars,
    )


def _add_row(
    rows: list[list[str]],
    numbers: list[int],
    row: dict[int, str],
    number: int,
    limits: TableLimits,
) -> None:
    if not any(value.strip() for value in row.values()):
        return
    if len(rows) > limits.max_rows:
        raise limits.too_many_rows()
    values = [""] * max(row)
    for k, value in row.items():
        if len(value) > limits.max_field_chars:
            _too_long(number, limits)
        values[k - 1] = value
    rows.append(values)
    numbers.append(number)
