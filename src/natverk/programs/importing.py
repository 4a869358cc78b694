"""Reading an uploaded forms export for the leader to confirm: how each column is read,
the leader's own choice of column per field, and what would be imported.

The same reader as ``natverk match`` (:mod:`natverk.formats.applicants`): columns are
recognised by header or by answers; a field the leader sets to a column is read from it,
one set to "not in the file" from none. Without a column of meeting times or employers
the import waits until the leader says to go on without it, as the command line does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from natverk.formats.applicants import (
    CONSTRAINT_FIELDS,
    FIELDS,
    ColumnReading,
    read_applicants,
    read_columns,
)
from natverk.formats.errors import FormatError
from natverk.matching.applicant import Applicant
from natverk.programs.models import ApplicationFile, Program
from natverk.site.numbers import whole_number

__all__ = ["NOT_IN_FILE", "Reading", "choices_from", "field_names", "read_file", "width"]

#: The value of a field's choice meaning "no column holds this".
NOT_IN_FILE = "none"
#: How many imported people the page shows before importing.
SAMPLE = 5


@dataclass(frozen=True)
class Reading:
    """What the mapping page shows: each field's column and how it was found, the
    columns left unused, the people read (empty when there are problems) and why not."""

    header: list[str]
    index: dict[str, int]
    how: dict[str, str]
    ignored: list[str]
    applicants: list[Applicant] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    lacking: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        """Everything read and nothing needed missing: the import may go ahead."""
        return bool(self.applicants) and not self.problems and not self.lacking


def _names() -> dict[str, str]:
    """Each field in the leader's words."""
    return {
        "name": _("Name"),
        "email": _("E-mail"),
        "profession": _("Profession"),
        "industry": _("Industry"),
        "employer": _("Employer"),
        "region": _("Region"),
        "seniority": _("Seniority"),
        "languages": _("Languages"),
        "hopes": _("Hopes"),
        "offers": _("Offers"),
        "availability": _("Meeting times"),
    }


def field_names() -> list[tuple[str, str]]:
    """The fields in the order the page lists them, with their names."""
    names = _names()
    return [(f, names[f]) for f in FIELDS]


def choices_from(data: Mapping[str, str], width: int) -> tuple[dict[str, int], set[str]]:
    """The leader's choices from the form (``col_<field>``: a column's position or
    ``none``): the fields given a column, and those said to be in no column. Values that
    name no column of the file are left to the reader's own recognition."""
    given: dict[str, int] = {}
    without: set[str] = set()
    for name in FIELDS:
        value = str(data.get(f"col_{name}", "")).strip()
        if value == NOT_IN_FILE:
            without.add(name)
        elif (column := whole_number(value)) is not None and column < width:
            given[name] = column
    return given, without


def width(upload: ApplicationFile) -> int:
    """How many columns the stored file has (0 when it cannot be read)."""
    try:
        found = read_columns(
            bytes(upload.data),
            filename=upload.filename,
            max_bytes=settings.NATVERK_MAX_IMPORT_BYTES,
        )
    except FormatError:
        return 0
    return len(found.header)


def _lang() -> str:
    return get_language() or "sv"


def needed_columns(program: Program) -> tuple[str, ...]:
    """The columns the program's hard rules read: meeting times, and employers while
    colleagues are kept apart (a program within one organisation needs none)."""
    return tuple(f for f in CONSTRAINT_FIELDS if f != "employer" or program.different_employer)


def read_file(
    upload: ApplicationFile,
    given: Mapping[str, int] | None = None,
    without: set[str] | None = None,
    go_without: set[str] | None = None,
) -> Reading:
    """Read the stored file with the leader's choices; never raises for its content."""
    data, name = bytes(upload.data), upload.filename
    limit = settings.NATVERK_MAX_IMPORT_BYTES
    columns_given: dict[str, str | int] = dict(given or {})
    left_out = set(without or ())
    try:
        columns = read_columns(
            data, filename=name, max_bytes=limit, columns=columns_given, without=left_out
        )
    except FormatError as exc:
        return Reading([], {}, {}, [], problems=exc.lines(_lang(), limit=50))
    lacking = [
        f
        for f in needed_columns(upload.program)
        if f not in columns.index and f not in (go_without or ())
    ]
    try:
        found = read_applicants(
            data, filename=name, max_bytes=limit, columns=columns_given, without=left_out
        )
    except FormatError as exc:
        return _of(columns, [], exc.lines(_lang(), limit=50), lacking)
    return _of(columns, found.applicants, [], lacking)


def _of(
    columns: ColumnReading, people: list[Applicant], problems: list[str], lacking: list[str]
) -> Reading:
    return Reading(
        columns.header, columns.index, columns.how, columns.ignored, people, problems, lacking
    )
