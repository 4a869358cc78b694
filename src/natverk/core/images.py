"""What kind of picture a file is, from its first bytes (never from its name or the type
the browser claims): natverk keeps only JPEG, PNG and WebP pictures."""

from __future__ import annotations

#: The largest picture kept (a face beside a name needs no more).
MAX_PICTURE_BYTES = 300 * 1024


def picture_type(data: bytes) -> str | None:
    """The media type of a JPEG, PNG or WebP picture, or None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None
