"""Tables from CSV and XLSX within limits; XLSX read as Excel shows it, and guarded."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from natverk.formats.errors import (
    LimitExceededError,
    MalformedFileError,
    UnsafeFileError,
)
from natverk.formats.limits import TableLimits, XlsxLimits
from natverk.formats.tables import parse_csv, read_table, sniff_delimiter
from tests.formats.hostile import HOSTILE, table_xlsx, xlsx


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("Namn;Ort\nÅsa;Lund, Skåne\nBo;Malmö\n", ";"),
        ("a\tb\n1\t2\n", "\t"),
        ('"x;y",z\n"1;2",3\n', ","),
        ('Notes:\n"A sentence, with commas."\n\nFirst,Last,URL\nA,B,C\nD,E,F\n', ","),
    ],
)
def test_the_delimiter_is_the_one_that_splits_rows_consistently(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


def test_excel_sep_line_sets_the_delimiter_and_line_numbers_stay_true() -> None:
    rows, numbers, delimiter = parse_csv('sep=;\nNamn;Ort\n\n"Åsa\nÖberg";Lund\nBo;Malmö\n')
    assert delimiter == ";"
    assert rows == [["Namn", "Ort"], ["Åsa\nÖberg", "Lund"], ["Bo", "Malmö"]]
    assert numbers == [2, 4, 6]


@pytest.mark.parametrize(
    ("text", "limits", "message"),
    [
        ("a\n" * 12, TableLimits(max_rows=10), "more than 10 rows"),
        ("a,b,c\n", TableLimits(max_columns=2), "Line 1 has 3 columns"),
        ("a\nb\n" + "x" * 51 + "\n", TableLimits(max_field_chars=50), "Line 3 has a cell longer"),
        ("a,b\n" * 6, TableLimits(max_cells=10), "more than 10 cells"),
    ],
)
def test_csv_limits_stop_reading_with_the_line(
    text: str, limits: TableLimits, message: str
) -> None:
    with pytest.raises(LimitExceededError, match=message):
        parse_csv(text, limits)


def test_xlsx_reads_shared_inline_numbers_booleans_and_dates() -> None:
    styles = (
        "<styleSheet><numFmts><numFmt numFmtId='164' formatCode='yyyy-mm-dd hh:mm'/>"
        "<numFmt numFmtId='165' formatCode='\"kr\" 0.00'/></numFmts>"
        "<cellXfs><xf numFmtId='0'/><xf numFmtId='14'/><xf numFmtId='164'/><xf numFmtId='165'/>"
        "</cellXfs></styleSheet>"
    )
    sheet = (
        "<worksheet><sheetData><row r='2'>"
        "<c r='A2' t='s'><v>0</v></c><c r='C2' t='inlineStr'><is><r><t>Ö</t></r><r><t>st</t></r>"
        "<rPh><t>x</t></rPh></is></c><c r='D2'><v>42</v></c><c r='E2'><v>0.5</v></c>"
        "<c r='F2' t='b'><v>1</v></c><c r='G2' s='1'><v>45000</v></c>"
        "<c r='H2' s='2'><v>45000.75</v></c><c r='I2' s='3'><v>12</v></c>"
        "<c r='J2' t='str'><f>A1</f><v>formel</v></c></row></sheetData></worksheet>"
    )
    table = read_table(xlsx(sheet, shared="<sst><si><t>Åsa</t></si></sst>", styles=styles))
    assert table.kind == "xlsx" and table.numbers == [2]
    assert table.rows == [
        ["Åsa", "", "Öst", "42", "0.5", "TRUE", "2023-03-15", "2023-03-15 18:00:00", "12", "formel"]
    ]


def test_the_8kb_xlsx_with_a_value_in_xfd1048576_is_refused_at_once() -> None:
    data = HOSTILE["xfd1048576.xlsx"]()
    assert len(data) < 8_000
    with pytest.raises(LimitExceededError, match="Cell XFD1048576 is beyond column GR"):
        read_table(data)


def test_a_far_row_is_one_row_not_a_million() -> None:
    sheet = (
        "<worksheet><sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>a</t></is></c></row>"
        "<row r='1048576'><c r='A1048576' t='inlineStr'><is><t>b</t></is></c></row>"
        "</sheetData></worksheet>"
    )
    table = read_table(xlsx(sheet))
    assert table.rows == [["a"], ["b"]] and table.numbers == [1, 1048576]


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("zip_bomb.xlsx", UnsafeFileError, "decompression bomb"),
        ("billion_laughs.xlsx", UnsafeFileError, "DTD or entity"),
        ("laughs_shared.xlsx", UnsafeFileError, "DTD or entity"),
        ("external_entity.xlsx", UnsafeFileError, "DTD or entity"),
        ("deep_nesting.xlsx", UnsafeFileError, "nested deeper than 32"),
        ("wide_row.xlsx", LimitExceededError, "Cell GS1 is beyond"),
        ("opendocument.xlsx", MalformedFileError, "OpenDocument"),
        ("truncated.xlsx", MalformedFileError, "not a readable XLSX"),
    ],
)
def test_hostile_workbooks_are_refused_before_they_cost(
    name: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        read_table(HOSTILE[name](), filename=name)


def test_total_unpacked_size_and_member_count_are_limited() -> None:
    data = table_xlsx([["a"] * 50] * 200)
    with pytest.raises(UnsafeFileError, match="unpacks to"):
        read_table(data, xlsx_limits=XlsxLimits(max_unpacked=10_000))
    with pytest.raises(UnsafeFileError, match="parts"):
        read_table(data, xlsx_limits=XlsxLimits(max_members=3))


def test_a_declared_size_smaller_than_the_content_is_caught() -> None:
    data = bytearray(table_xlsx([["Namn", "E-post"], ["A", "a@example.org"]]))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    # Forge the central directory's uncompressed size of the sheet down to 10 bytes.
    name = info.filename.encode()
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(MalformedFileError):
        read_table(bytes(data))


text_cells = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20
)


@given(st.lists(st.lists(text_cells, min_size=1, max_size=5), min_size=1, max_size=8))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_xlsx_reads_what_openpyxl_wrote_as_openpyxl_reads_it(rows: list[list[str]]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append([value or None for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    expected = [
        ["" if v is None else str(v) for v in row]
        for row in load_workbook(io.BytesIO(buffer.getvalue()), data_only=True).active.iter_rows(
            values_only=True
        )  # type: ignore[union-attr]
    ]
    expected = [row for row in expected if any(v.strip() for v in row)]
    got = read_table(buffer.getvalue()).rows
    assert [r + [""] * (len(e) - len(r)) for r, e in zip(got, expected, strict=True)] == expected


def test_csv_and_xlsx_exports_of_the_same_table_read_alike(tmp_path: Path) -> None:
    rows = [["Namn", "E-post"], ["Åsa Öberg", "asa@example.org"], ["=1+1", "b@example.org"]]
    path = tmp_path / "t.xlsx"
    path.write_bytes(table_xlsx(rows, shared=True))
    csv_text = "\n".join(";".join(r) for r in rows).encode("cp1252")
    assert read_table(path).rows == read_table(csv_text, filename="t.csv").rows == rows


def test_a_cell_of_a_million_rich_text_runs_is_refused_as_too_long() -> None:
    runs = "<r><t>a</t></r>" * 20_000
    sheet = f"<worksheet><sheetData><row r='1'><c r='A1' t='inlineStr'><is>{runs}</is></c></row>"
    with pytest.raises(LimitExceededError, match="Row 1 has a cell longer than 10000"):
        read_table(xlsx(sheet + "</sheetData></worksheet>"))
    shared = f"<sst><si>{runs}</si></sst>"
    sheet = "<worksheet><sheetData><row r='2'><c r='A2' t='s'><v>0</v></c></row></sheetData>"
    with pytest.raises(LimitExceededError, match="Row 2 has a cell longer than 10000"):
        read_table(xlsx(sheet + "</worksheet>", shared=shared))
