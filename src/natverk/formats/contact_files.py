"""Any contact file to records: the reader is chosen by the content, not the file name.

vCard (``BEGIN:VCARD``), LinkedIn's Connections.csv (its ``Notes:`` preamble or its
``Connected On`` column), other contacts CSV, and a ZIP holding one of them (LinkedIn's
"Get a copy of your data" archive, Google Takeout), read within the import limits: the
archive's unpacked size counts against ``NATVERK_MAX_IMPORT_BYTES`` and its members are
checked before any is unpacked.
"""

from __future__ import annotations

import io
import zipfile

from natverk.formats.contacts_base import (
    ContactFormatError,
    ContactsFile,
    decode_text,
    gettext_noop,
    max_import_bytes,
    read_limited,
)
from natverk.formats.contacts_csv import read_contacts_csv
from natverk.formats.linkedin import looks_like_linkedin, read_linkedin_connections
from natverk.formats.vcard import looks_like_vcard, read_vcards

__all__ = ["read_contact_file"]

_ = gettext_noop
_MAX_MEMBERS = 5_000


def _member(data: bytes, limit: int) -> bytes:
    """The one contact file inside a ZIP archive (Connections.csv first, then .vcf, .csv)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ContactFormatError(_("The ZIP archive is damaged.")) from None
    if len(infos) > _MAX_MEMBERS:
        raise ContactFormatError(_("The ZIP archive holds too many files."))
    names = {info.filename.lower().rsplit("/", 1)[-1]: info for info in infos}
    chosen = names.get("connections.csv")
    if chosen is None:
        candidates = [i for i in infos if i.filename.lower().endswith((".vcf", ".csv"))]
        if len(candidates) != 1:
            raise ContactFormatError(
                _("The ZIP archive should hold one contact file (.vcf or .csv); it holds %(n)s."),
                n=len(candidates),
            )
        chosen = candidates[0]
    if chosen.file_size > limit:
        raise ContactFormatError(
            _("The file is larger than %(limit)s bytes, the most natverk imports."), limit=limit
        )
    try:
        with archive.open(chosen) as handle:
            content = handle.read(limit + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise ContactFormatError(_("The ZIP archive is damaged.")) from None
    if len(content) > limit:
        raise ContactFormatError(
            _("The file is larger than %(limit)s bytes, the most natverk imports."), limit=limit
        )
    return content


def read_contact_file(data: bytes, *, max_bytes: int | None = None) -> ContactsFile:
    """Records of a vCard, LinkedIn or contacts CSV file (or a ZIP of one).

    Raises
    ------
    ContactFormatError
        The file is too large, empty, binary, damaged or not a contact file.
    """
    limit = max_import_bytes() if max_bytes is None else max_bytes
    read_limited(data, limit)
    if data.startswith(b"PK\x03\x04"):
        data = _member(data, limit)
        read_limited(data, limit)
    if looks_like_vcard(data):
        return read_vcards(data, max_bytes=limit)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and looks_like_vcard(
        data.decode("utf-16", errors="replace").encode("utf-8")
    ):
        return read_vcards(data, max_bytes=limit)
    text = decode_text(data).text
    if looks_like_vcard(text[:512].encode("utf-8", errors="replace")):
        return read_vcards(text.encode("utf-8"), max_bytes=limit)
    if looks_like_linkedin(text):
        return read_linkedin_connections(data, max_bytes=limit)
    return read_contacts_csv(data, max_bytes=limit)
