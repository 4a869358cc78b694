"""The shared size check and decoding: UTF-8 with bad bytes named by line, cp1252 only
for files that are not UTF-8 as a whole, UTF-16 with or without BOM, binary refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from natverk.formats.errors import FileTooLargeError, FormatError, NotTextError
from natverk.formats.limits import DEFAULT_MAX_IMPORT_BYTES, max_import_bytes
from natverk.formats.text import decode_text, read_source

SWEDISH = "Namn;Ort\nÅsa Öberg;Örebro\nÄrla Ek;Malmö\n"


def test_one_bad_byte_keeps_utf8_and_names_its_line() -> None:
    data = SWEDISH.encode() + b"Bo\xe5s;Lund\n"
    decoded = decode_text(data)
    assert decoded.encoding == "utf-8"
    assert "Åsa Öberg" in decoded.text and "Malmö" in decoded.text
    assert "Bo\ufffds" in decoded.text
    assert [n.render() for n in decoded.notes] == [
        "Line(s) 4: bytes that are not UTF-8 were replaced by \ufffd; check those rows or "
        "save the file as CSV UTF-8."
    ]


def test_a_file_that_is_not_utf8_as_a_whole_is_read_as_windows_1252() -> None:
    decoded = decode_text(SWEDISH.encode("cp1252"))
    assert decoded.encoding == "cp1252" and decoded.text == SWEDISH
    assert "Windows-1252" in decoded.notes[0].render()


def test_many_bad_lines_are_named_up_to_five() -> None:
    data = ("Åsa\n" * 10).encode() + b"\xff\n" * 7
    note = decode_text(data).notes[0].render()
    assert "Line(s) 11, 12, 13, 14, 15, ..." in note


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_unicode_text_is_read_with_or_without_bom(encoding: str) -> None:
    decoded = decode_text(SWEDISH.replace(";", "\t").encode(encoding))
    assert decoded.text.lstrip("\ufeff") == SWEDISH.replace(";", "\t")
    assert not decoded.notes


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4 ...", "a PDF document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "Excel 97-2003"),
        (b"\x89PNG\r\n", "PNG image"),
        (b"Namn\nA\x00B\n", "Line 2 contains a NUL byte"),
        ("x".encode("utf-32"), "UTF-32"),
    ],
)
def test_binary_files_are_refused_by_name(data: bytes, message: str) -> None:
    with pytest.raises(NotTextError, match=message):
        decode_text(data)


def test_size_is_checked_before_reading_a_path_an_upload_or_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * 101)
    for source in (path, io.BytesIO(b"x" * 101), b"x" * 101):
        with pytest.raises(FileTooLargeError, match="larger than 100 bytes"):
            read_source(source, max_bytes=100)
    assert read_source(io.BytesIO(b"x" * 100), max_bytes=100) == b"x" * 100


def test_a_device_without_an_honest_size_is_read_no_further_than_the_limit() -> None:
    with pytest.raises(FileTooLargeError):
        read_source(Path("/dev/zero"), max_bytes=1000)


def test_the_limit_defaults_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NATVERK_MAX_IMPORT_BYTES", raising=False)
    assert max_import_bytes() == DEFAULT_MAX_IMPORT_BYTES == 10 * 1024 * 1024
    monkeypatch.setenv("NATVERK_MAX_IMPORT_BYTES", "2048")
    with pytest.raises(FileTooLargeError, match="2 KiB"):
        read_source(b"x" * 2049)
    for bad in ("-1", "0", "10MB"):
        monkeypatch.setenv("NATVERK_MAX_IMPORT_BYTES", bad)
        with pytest.raises(FormatError, match="whole number of bytes"):
            max_import_bytes()


def test_an_unreadable_path_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="cannot be opened"):
        read_source(tmp_path / "missing.csv")
