"""Pictures people upload (a leader's photo): what kind they are, from their bytes (never
from the name or the type the browser claims), how big they are, and the same picture
without its metadata (a phone's EXIF holds where the photo was taken).

Only JPEG, PNG and WebP are kept. Nothing is decoded here: the headers give the size,
and metadata blocks are dropped whole (JPEG APP1-APP15 and comments, PNG text, time and
EXIF chunks, WebP EXIF and XMP chunks), so the pixels stay exactly as they were sent.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

#: The largest picture kept (a face beside a name needs no more).
MAX_PICTURE_BYTES = 300 * 1024
#: The longest side kept, in pixels (a bigger one is a waste or a decompression bomb).
MAX_PICTURE_SIDE = 4096

_PNG = b"\x89PNG\r\n\x1a\n"
_PNG_DROPPED = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
_WEBP_DROPPED = {b"EXIF", b"XMP "}
_JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


class PictureError(ValueError):
    """Not a JPEG, PNG or WebP picture natverk keeps (or a broken one)."""


@dataclass(frozen=True)
class Picture:
    """A picture as kept: its media type, its bytes without metadata and its size."""

    content_type: str
    data: bytes
    width: int
    height: int


def picture_type(data: bytes) -> str | None:
    """The media type of a JPEG, PNG or WebP picture, or None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(_PNG):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _jpeg(data: bytes) -> tuple[bytes, int, int]:
    out, i, size = [data[:2]], 2, (0, 0)
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise PictureError("a JPEG segment does not start with a marker")
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is the picture itself
            out.append(data[i:])
            return b"".join(out), *size
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        segment = data[i : i + 2 + length]
        if length < 2 or len(segment) < 2 + length:
            raise PictureError("a JPEG segment runs past the end")
        if marker in _JPEG_SOF and length >= 7:
            height, width = struct.unpack(">HH", segment[5:9])
            size = (width, height)
        if not (0xE1 <= marker <= 0xEF or marker == 0xFE):
            out.append(segment)
        i += 2 + length
    raise PictureError("a JPEG without picture data")


def _png(data: bytes) -> tuple[bytes, int, int]:
    out, i, size = [_PNG], len(_PNG), (0, 0)
    while i + 12 <= len(data):
        length = struct.unpack(">I", data[i : i + 4])[0]
        kind = data[i + 4 : i + 8]
        chunk = data[i : i + 12 + length]
        if len(chunk) < 12 + length:
            raise PictureError("a PNG chunk runs past the end")
        if kind == b"IHDR" and length >= 8:
            size = struct.unpack(">II", chunk[8:16])
        if kind not in _PNG_DROPPED:
            out.append(chunk)
        i += 12 + length
        if kind == b"IEND":
            return b"".join(out), *size
    raise PictureError("a PNG without its end")


def _webp_size(kind: bytes, body: bytes) -> tuple[int, int] | None:
    if kind == b"VP8X" and len(body) >= 10:
        width = int.from_bytes(body[4:7], "little") + 1
        return width, int.from_bytes(body[7:10], "little") + 1
    if kind == b"VP8L" and len(body) >= 5 and body[0] == 0x2F:
        bits = int.from_bytes(body[1:5], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8 " and len(body) >= 10 and body[3:6] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", body[6:10])
        return width & 0x3FFF, height & 0x3FFF
    return None


def _webp(data: bytes) -> tuple[bytes, int, int]:
    out, i, size = [], 12, None
    while i + 8 <= len(data):
        kind, length = data[i : i + 4], struct.unpack("<I", data[i + 4 : i + 8])[0]
        chunk = data[i : i + 8 + length + (length & 1)]
        if len(chunk) < 8 + length:
            raise PictureError("a WebP chunk runs past the end")
        size = size or _webp_size(kind, chunk[8 : 8 + length])
        if kind == b"VP8X":  # the flags no longer announce EXIF (0x08) or XMP (0x04)
            chunk = chunk[:8] + bytes([chunk[8] & ~0x0C & 0xFF]) + chunk[9:]
        if kind not in _WEBP_DROPPED:
            out.append(chunk)
        i += len(chunk)
    if size is None:
        raise PictureError("a WebP without a picture")
    body = b"WEBP" + b"".join(out)
    return b"RIFF" + struct.pack("<I", len(body)) + body, *size


def clean_picture(data: bytes) -> Picture:
    """The picture without its metadata, once its kind and size are ones natverk keeps."""
    kind = picture_type(data)
    if kind is None:
        raise PictureError("not a JPEG, PNG or WebP picture")
    reader = {"image/jpeg": _jpeg, "image/png": _png, "image/webp": _webp}[kind]
    kept, width, height = reader(data)
    if not (0 < width <= MAX_PICTURE_SIDE and 0 < height <= MAX_PICTURE_SIDE):
        raise PictureError("a picture of no size, or over the longest side kept")
    return Picture(kind, kept, width, height)
