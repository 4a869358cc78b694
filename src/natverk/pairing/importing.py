"""An HR list uploaded by an administrator: its employees, or every problem in words."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import get_language

from natverk.formats.employees import EmployeeImport, read_employees
from natverk.formats.errors import FormatError
from natverk.pairing.actions import ImportRefusedError


def read_upload(upload: UploadedFile) -> EmployeeImport:
    """The employees of an uploaded file (and notes on how it was read), or
    ImportRefusedError with every problem in the reader's language (the shared readers'
    sentences, translated in sv and da)."""
    try:
        found = read_employees(
            upload,
            filename=upload.name or "",
            max_bytes=settings.NATVERK_MAX_IMPORT_BYTES,
            today=timezone.localdate(),
        )
    except FormatError as exc:
        raise ImportRefusedError(exc.lines(get_language() or "sv", limit=50)) from None
    return found


def notes(found: EmployeeImport) -> list[str]:
    """How the file was read (its encoding, a title above the header), in the reader's
    language: worth a look, never a reason to refuse."""
    language = get_language() or "sv"
    return [note.render(language) for note in found.notes]
