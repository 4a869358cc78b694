"""Bytes in, text out: the size check and the decoding every natverk reader shares.

:func:`read_source` takes a path, bytes or an open upload and refuses more than
``max_bytes`` before reading further. :func:`decode_text` reads UTF-8 (with or without a
BOM) and UTF-16 (Excel's "Unicode text", with or without a BOM); a file that is UTF-8 but
for a few bad bytes keeps its UTF-8, the bad bytes become U+FFFD and a note names their
lines; only a file that is not UTF-8 as a whole is read as Windows-1252 (Excel's "CSV" in
Sweden and Denmark), with a note. Binary files and NUL bytes are refused by name.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from natverk.formats.errors import FileTooLargeError, FormatError, NotTextError, Problem
from natverk.formats.limits import max_import_bytes, size_text
from natverk.i18n import gettext_noop as _

__all__ = ["Decoded", "Readable", "decode_text", "read_source", "read_text"]

_CHUNK = 1 << 20
# A valid UTF-8 sequence of two to four bytes (RFC 3629), and the same or any other byte.
_MULTIBYTE = (
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_VALID = re.compile(_MULTIBYTE)
_SCAN = re.compile(rb"[\x00-\x7f]+|" + _MULTIBYTE + rb"|(.)", re.DOTALL)
_ASCII = bytes(range(128))
_MAX_LINES_NAMED = 5
# Magic numbers of files people upload by mistake -> what to call them.
_BINARY = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", _("an Excel 97-2003 or password-protected workbook")),
    (b"%PDF", _("a PDF document")),
    (b"\x89PNG", _("a PNG image")),
    (b"\xff\xd8\xff", _("a JPEG image")),
    (b"GIF8", _("a GIF image")),
    (b"\x1f\x8b", _("a gzip archive")),
    (b"PK\x03\x04", _("a ZIP archive")),
    (b"7z\xbc\xaf", _("a 7-Zip archive")),
    (b"Rar!", _("a RAR archive")),
)


class Readable(Protocol):
    """An open binary file or upload (anything with ``read(size)``)."""

    def read(self, size: int = ..., /) -> bytes: ...


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used, and notes for the import report."""

    text: str
    encoding: str
    notes: list[Problem] = field(default_factory=list)


def read_source(
    source: Path | bytes | Readable, *, max_bytes: int | None = None, name: str = ""
) -> bytes:
    """The bytes of ``source``, or :class:`FileTooLargeError` past ``max_bytes``.

    ``max_bytes`` defaults to ``NATVERK_MAX_IMPORT_BYTES``. A path is checked by its size
    first and read no further than the limit (a pipe or device has no honest size).
    """
    limit = max_import_bytes() if max_bytes is None else max_bytes
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, Path):
        name = name or source.name
        try:
            if source.stat().st_size > limit:
                raise _too_large(limit)
            with source.open("rb") as handle:
                data = _read_at_most(handle, limit)
        except OSError as exc:
            raise FormatError(
                _("%(name)s cannot be opened: %(reason)s."),
                name=name or str(source),
                reason=exc.strerror or type(exc).__name__,
            ) from None
    else:
        data = _read_at_most(source, limit)
    if len(data) > limit:
        raise _too_large(limit)
    return data


def _too_large(limit: int) -> FileTooLargeError:
    return FileTooLargeError(
        _(
            "The file is larger than %(limit)s, the most natverk imports "
            "(NATVERK_MAX_IMPORT_BYTES); split it or raise the limit."
        ),
        limit=size_text(limit),
    )


def _read_at_most(handle: Readable, limit: int) -> bytes:
    """Read up to ``limit + 1`` bytes (one more tells that the file is too large)."""
    parts: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = handle.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


def binary_kind(data: bytes) -> str | None:
    """What a binary file looks like ("a PDF document"), or None."""
    for magic, kind in _BINARY:
        if data.startswith(magic):
            return kind
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the NUL bytes sit where UTF-16 text puts them."""
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) > 0.4 * half and even.count(0) < 0.05 * half:
        return "utf-16-le"
    if even.count(0) > 0.4 * half and odd.count(0) < 0.05 * half:
        return "utf-16-be"
    return None


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _utf16(data: bytes, encoding: str) -> Decoded:
    text = data.decode(encoding, errors="replace")
    notes = []
    if "\ufffd" in text:
        notes.append(
            Problem(
                _("Line %(line)s: bytes that are not UTF-16 were replaced by \ufffd."),
                {"line": _line_of(text, text.index("\ufffd"))},
            )
        )
    return Decoded(text, "utf-16", notes)


def decode_text(data: bytes) -> Decoded:
    """Decode a text file; :class:`NotTextError` for binary data.

    >>> decode_text("Åsa;Örebro".encode("cp1252")).encoding
    'cp1252'
    >>> decode_text("\\ufeffÅsa\\n".encode("utf-16-le")).text
    'Åsa\\n'
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise NotTextError(_("The file is UTF-32 text: save it as UTF-8 (CSV UTF-8)."))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _check_nul(_utf16(data, "utf-16"))
    if not data.startswith(codecs.BOM_UTF8):
        kind = binary_kind(data)
        if kind is not None:
            raise NotTextError(
                _("The file is %(kind)s, not text: export it as CSV or XLSX."), kind=Problem(kind)
            )
        wide = _utf16_without_bom(data)
        if wide is not None:
            return _check_nul(_utf16(data, wide))
    body = data[3:] if data.startswith(codecs.BOM_UTF8) else data
    try:
        return _check_nul(Decoded(body.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    # Not valid UTF-8: count on the bytes (no copy of the text) whether valid UTF-8
    # characters outnumber the bad bytes (a stray byte) or not (another encoding).
    valid = valid_bytes = 0
    for match in _VALID.finditer(body):
        valid += 1
        valid_bytes += match.end() - match.start()
    bad = len(body.translate(None, _ASCII)) - valid_bytes
    if valid >= bad:
        text = body.decode("utf-8", errors="replace")
        return _check_nul(Decoded(text, "utf-8", _bad_byte_notes(body)))
    note = Problem(_("The file is not UTF-8; it was read as Windows-1252 (Excel's 'CSV')."))
    return _check_nul(Decoded(body.decode("cp1252", errors="replace"), "cp1252", [note]))


def _bad_byte_notes(body: bytes) -> list[Problem]:
    """A note naming the first lines with bytes that are not UTF-8."""
    lines: list[int] = []
    line, seen_to = 1, 0
    for match in _SCAN.finditer(body):
        if match.group(1) is None:
            continue
        line += body.count(b"\n", seen_to, match.start())
        seen_to = match.start()
        if not lines or lines[-1] != line:
            lines.append(line)
        if len(lines) > _MAX_LINES_NAMED:
            break
    named = ", ".join(str(n) for n in lines[:_MAX_LINES_NAMED])
    if len(lines) > _MAX_LINES_NAMED:
        named += ", ..."
    return [
        Problem(
            _(
                "Line(s) %(lines)s: bytes that are not UTF-8 were replaced by \ufffd; "
                "check those rows or save the file as CSV UTF-8."
            ),
            {"lines": named},
        )
    ]


def _check_nul(decoded: Decoded) -> Decoded:
    at = decoded.text.find("\x00")
    if at >= 0:
        raise NotTextError(
            _("Line %(line)s contains a NUL byte: this is binary data, not a text file."),
            line=_line_of(decoded.text, at),
        )
    return decoded


def read_text(
    source: Path | bytes | Readable, *, max_bytes: int | None = None, name: str = ""
) -> Decoded:
    """:func:`read_source` then :func:`decode_text`."""
    return decode_text(read_source(source, max_bytes=max_bytes, name=name))
