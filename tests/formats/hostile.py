"""Hostile and broken files, made in memory: what a careless or malicious user uploads.

Shared by the reader tests, the fuzz tests and the command-line suite. Nothing large is
committed: every file is built here (the largest, a million rows, is 4 MB).
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{k + 1} "{f"&lol{k};" * 10}">' for k in range(9))
    + "]>"
)


def column_name(number: int) -> str:
    """1 -> A, 27 -> AA, 16384 -> XFD."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_xml(rows: Sequence[Sequence[str]], *, shared: bool = False) -> str:
    """A worksheet with the given text cells (inline, or as shared-string indices)."""
    body = []
    index = 0
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row, start=1):
            ref = f"{column_name(c)}{r}"
            if shared:
                cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
                index += 1
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    return f'<worksheet xmlns="{_NS}"><sheetData>{"".join(body)}</sheetData></worksheet>'


def shared_xml(rows: Sequence[Sequence[str]]) -> str:
    """The sharedStrings part for :func:`sheet_xml` with ``shared=True``."""
    items = "".join(f"<si><t>{escape(v)}</t></si>" for row in rows for v in row)
    return f'<sst xmlns="{_NS}">{items}</sst>'


def xlsx(
    sheet: str | bytes,
    *,
    shared: str | bytes | None = None,
    styles: str | None = None,
    extra: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A minimal XLSX package around one worksheet part (hand-built, so any part can be
    made hostile)."""
    rels = [f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>']
    if shared is not None:
        rels.append(
            f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    if styles is not None:
        rels.append(f'<Relationship Id="rId3" Type="{_REL}/styles" Target="styles.xml"/>')
    parts: dict[str, str | bytes] = {
        "_rels/.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{_NS}" xmlns:r="{_REL}"><sheets>'
        '<sheet name="Svar" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG}">{"".join(rels)}'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": sheet,
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
    if styles is not None:
        parts["xl/styles.xml"] = styles
    parts.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def table_xlsx(rows: Sequence[Sequence[str]], *, shared: bool = False) -> bytes:
    """An XLSX whose first sheet holds ``rows`` as text."""
    return xlsx(sheet_xml(rows, shared=shared), shared=shared_xml(rows) if shared else None)


def _xfd() -> bytes:
    """Five rows and one value in the sheet's very last cell (the 8 KB file that hung)."""
    rows = [["Namn", "E-post"], *([f"P{k}", f"p{k}@example.org"] for k in range(4))]
    sheet = sheet_xml(rows).replace(
        "</sheetData>",
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )
    return xlsx(sheet.replace("<sheetData>", '<dimension ref="A1:XFD1048576"/><sheetData>'))


def _bomb() -> bytes:
    """A sheet of 40 MB of blanks stored in about 40 KB."""
    return xlsx(f'<worksheet xmlns="{_NS}">' + " " * 40_000_000 + "</worksheet>")


def _laughs() -> bytes:
    return xlsx(
        _LAUGHS + f'<worksheet xmlns="{_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
        "<is><t>&lol9;</t></is></c></row></sheetData></worksheet>"
    )


def _laughs_in_shared_strings() -> bytes:
    sheet = sheet_xml([["x"]], shared=True)
    return xlsx(sheet, shared=_LAUGHS + f'<sst xmlns="{_NS}"><si><t>&lol9;</t></si></sst>')


def _external_entity() -> bytes:
    return xlsx(
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        f'<worksheet xmlns="{_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
        "<is><t>&e;</t></is></c></row></sheetData></worksheet>"
    )


def _deep() -> bytes:
    return xlsx(f'<worksheet xmlns="{_NS}">' + "<a>" * 50_000 + "</a>" * 50_000 + "</worksheet>")


def _wide_row() -> bytes:
    """One row of 100,000 empty cell elements (each refers to no column)."""
    return xlsx(
        f'<worksheet xmlns="{_NS}"><sheetData><row r="1">' + "<c/>" * 100_000 + "</row>"
        "</sheetData></worksheet>"
    )


def _opendocument() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def _truncated_xlsx() -> bytes:
    data = table_xlsx([["Namn", "E-post"], ["A", "a@example.org"]])
    return data[: len(data) // 2]


def _random_bytes() -> bytes:
    return random.Random(12).randbytes(20_000)


def _mixed_garbage() -> bytes:
    return "Å;Ä\n".encode() + "Ö;å\n".encode("cp1252") + b"\xff\xfe\x00\x01;x\n"


HOSTILE: dict[str, Callable[[], bytes]] = {
    "empty.csv": lambda: b"",
    "blank.csv": lambda: b" \r\n\t\n",
    "binary.csv": _random_bytes,
    "nul.csv": lambda: b"Namn,E-post\nA\x00,a@example.org\n",
    "pdf.csv": lambda: b"%PDF-1.7\n" + _random_bytes(),
    "xls.csv": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
    "million_rows.csv": lambda: b"a,b\n" * 1_000_000,
    "wide.csv": lambda: ",".join(f"c{k}" for k in range(5_000)).encode() + b"\n1,2\n",
    "unclosed_quote.csv": lambda: b'Namn,E-post\n"' + b"x" * 300_000 + b"\n",
    "utf32.csv": lambda: "Namn,E-post\n".encode("utf-32"),
    "mixed_garbage.csv": _mixed_garbage,
    "utf16_garbage.csv": lambda: "Ett,två\n3,fyra\n".encode("utf-16"),
    "zip_bomb.xlsx": _bomb,
    "billion_laughs.xlsx": _laughs,
    "laughs_shared.xlsx": _laughs_in_shared_strings,
    "external_entity.xlsx": _external_entity,
    "deep_nesting.xlsx": _deep,
    "wide_row.xlsx": _wide_row,
    "xfd1048576.xlsx": _xfd,
    "opendocument.xlsx": _opendocument,
    "truncated.xlsx": _truncated_xlsx,
}
