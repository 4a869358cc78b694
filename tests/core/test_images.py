"""Pictures are known from their bytes, measured from their headers and kept without
their metadata (a phone's EXIF says where a photo was taken)."""

from __future__ import annotations

import struct
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from natverk.core.images import (
    MAX_PICTURE_SIDE,
    PictureError,
    clean_picture,
    picture_type,
)
from tests.pictures import png

GPS = b"GPS 59.3293 N 18.0686 E"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def _jpeg(width: int, height: int) -> bytes:
    def segment(marker: int, body: bytes) -> bytes:
        return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body

    return (
        b"\xff\xd8"
        + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + segment(0xE1, b"Exif\x00\x00" + GPS)
        + segment(0xFE, b"taken at home")
        + segment(0xC0, b"\x08" + struct.pack(">HH", height, width) + b"\x01\x01\x11\x00")
        + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
        + b"\x12\x34\x56"
        + b"\xff\xd9"
    )


def _webp(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return kind + struct.pack("<I", len(body)) + body + (b"\x00" if len(body) % 2 else b"")

    vp8x = bytes([0x08]) + b"\x00\x00\x00"
    vp8x += (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    bits = (width - 1) | ((height - 1) << 14)
    body = b"WEBP" + chunk(b"VP8X", vp8x) + chunk(b"VP8L", b"\x2f" + bits.to_bytes(4, "little"))
    body += chunk(b"EXIF", GPS)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def test_a_png_keeps_its_pixels_and_loses_its_text_and_exif() -> None:
    plain = png(12, 7)
    tagged = plain[:33] + _png_chunk(b"eXIf", GPS) + _png_chunk(b"tEXt", b"Author\x00Me")
    tagged += plain[33:]
    picture = clean_picture(tagged)
    assert picture.content_type == "image/png" and (picture.width, picture.height) == (12, 7)
    assert picture.data == plain and GPS not in picture.data


def test_a_jpeg_loses_its_exif_and_comments_and_keeps_the_frame() -> None:
    picture = clean_picture(_jpeg(640, 480))
    assert picture.content_type == "image/jpeg" and (picture.width, picture.height) == (640, 480)
    assert GPS not in picture.data and b"taken at home" not in picture.data
    assert b"JFIF" in picture.data and picture.data.endswith(b"\x12\x34\x56\xff\xd9")


def test_a_webp_loses_its_exif_chunk_and_the_flag_announcing_it() -> None:
    picture = clean_picture(_webp(300, 200))
    assert picture.content_type == "image/webp" and (picture.width, picture.height) == (300, 200)
    assert GPS not in picture.data and picture.data[20] & 0x08 == 0
    assert struct.unpack("<I", picture.data[4:8])[0] == len(picture.data) - 8


def test_pictures_too_big_broken_or_of_other_kinds_are_refused() -> None:
    for bad in (
        png(MAX_PICTURE_SIDE + 1, 1),
        _jpeg(MAX_PICTURE_SIDE + 1, 10),
        png()[:40],
        b"GIF89a" + b"\x00" * 40,
        b"<svg onload=alert(1)>",
    ):
        with pytest.raises(PictureError):
            clean_picture(bad)
    assert picture_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"


@given(st.binary(max_size=300))
def test_any_bytes_are_a_clean_picture_or_refused(data: bytes) -> None:
    for sample in (data, png()[:16] + data, b"\xff\xd8\xff" + data, b"RIFF\0\0\0\0WEBP" + data):
        try:
            picture = clean_picture(sample)
        except PictureError:
            continue
        assert clean_picture(picture.data) == picture  # cleaning twice changes nothing
