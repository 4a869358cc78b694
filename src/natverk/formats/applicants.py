"""Read applicants from a spreadsheet exported by Google Forms, Microsoft Forms or Typeform.

Columns are recognised (:mod:`natverk.formats.answer_columns`) by their headers in
Swedish, Danish, Norwegian or English ("Namn", "E-postadress", "Hvornår kan du mødes?",
"Email", ...) and, when the header says nothing known, by their answers: a column whose
answers are weekdays and times of day is availability ("Vilka tider passar dig för
träffarna?"), one of e-mail addresses is the e-mail, one of language names the
languages, one of Swedish counties or Danish regions the region, one of date-times a
timestamp (left out). The caller may name a column for a field (``columns``) and say
which fields must be found (``need``: without an availability or employer column the
groups would silently ignore a constraint). Free-text professions and industries are
mapped to ISCO-08 and NACE codes,
regions to county/region codes, and availability answers to slots. The whole file is
checked first: any problem (a missing column, a bad e-mail, a duplicate, an unreadable
time) is reported with its row number and nothing is returned, so an import is
all-or-nothing. Pure: no Django.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from natverk.formats.answer_columns import (
    CONSTRAINT_FIELDS,
    EMAIL,
    FIELDS,
    LANGUAGES,
    ApplicantFileError,
    headers_found,
    region_code,
    understand,
)
from natverk.formats.errors import Problem
from natverk.formats.limits import TableLimits
from natverk.formats.tables import read_table
from natverk.formats.text import Readable
from natverk.i18n import gettext_noop as _
from natverk.language import fold
from natverk.matching.applicant import Applicant
from natverk.schedule import SlotParseError, parse_slots
from natverk.taxonomy import search_industries, search_occupations

__all__ = [
    "CONSTRAINT_FIELDS",
    "FIELDS",
    "WHY_NEEDED",
    "ApplicantFileError",
    "ApplicantImport",
    "ColumnReading",
    "read_applicants",
    "read_columns",
]

LIMITS = TableLimits(max_rows=50_000)
MAX_CELL = 5_000

_REQUIRED = ("name", "email", "hopes", "offers")
_SENIORITY = {
    "junior": "junior",
    "mid": "mid",
    "erfaren": "mid",
    "experienced": "mid",
    "senior": "senior",
    "chef": "executive",
    "leder": "executive",
    "executive": "executive",
    "manager": "executive",
}


@dataclass(frozen=True)
class ApplicantImport:
    """Applicants read from a file, how the columns were understood, and notes.

    ``columns`` maps each field found to its header, ``how`` says how it was found
    ("given" by the caller, by its "header", or by its "answers").
    """

    applicants: list[Applicant]
    columns: dict[str, str]
    ignored: list[str]
    notes: list[Problem] = field(default_factory=list)
    how: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=4096)
def _code(text: str, kind: str) -> str:
    value = text.strip()
    if not value:
        return ""
    found = search_occupations(value, 1) if kind == "isco" else search_industries(value, 1)
    if found and found[0][1] >= 80:
        return found[0][0].code
    return ""


@dataclass(frozen=True)
class ColumnReading:
    """How each column of an export is read: ``index`` maps a field to its column's
    position in ``header``, ``how`` says "given", "header" or "answers"."""

    header: list[str]
    index: dict[str, int]
    how: dict[str, str]
    ignored: list[str]


def read_columns(
    source: Path | bytes | Readable,
    *,
    filename: str = "",
    max_bytes: int | None = None,
    limits: TableLimits = LIMITS,
    columns: Mapping[str, str | int] | None = None,
    without: Collection[str] = (),
) -> ColumnReading:
    """How :func:`read_applicants` would read each column, for a person to confirm
    before anything is imported; the answers themselves are not checked."""
    table = read_table(source, filename=filename, max_bytes=max_bytes, limits=limits)
    if not table.rows:
        raise ApplicantFileError(_("The file has a header row but no answers."))
    header = [h.strip() for h in table.rows[0]]
    found = understand(header, table.rows, columns or {}, without)
    return ColumnReading(header, found.index, found.how, found.ignored)


def read_applicants(
    source: Path | bytes | Readable,
    *,
    filename: str = "",
    max_bytes: int | None = None,
    limits: TableLimits = LIMITS,
    columns: Mapping[str, str | int] | None = None,
    need: Sequence[str] = (),
    without: Collection[str] = (),
) -> ApplicantImport:
    """Read a CSV or XLSX forms export into applicants, or fail with every problem.

    Parameters
    ----------
    source
        A path, the file's bytes, or an open upload.
    filename
        The file's name when ``source`` is not a path (its ending tells CSV from XLSX).
    max_bytes
        Largest file accepted (default ``NATVERK_MAX_IMPORT_BYTES``).
    limits
        Rows, columns and cells read at most.
    columns
        Field -> header of the column that holds it, for columns named in no known way
        ("availability": "Vilka tider passar dig?"); a header may be given by its start,
        or a column by its position from 0 (the web's mapping page).
    need
        Fields that must be found beside the required ones (name, e-mail, hopes,
        offers): e.g. :data:`CONSTRAINT_FIELDS`, so that no constraint is silently
        dropped.
    without
        Fields read from no column (a column the caller says is not that field);
        a required field cannot be left out.

    Raises
    ------
    FormatError
        An unreadable, unsafe or oversized file (:mod:`natverk.formats.tables`), or an
        :class:`ApplicantFileError` with one line per problem: unmapped required columns
        (listing the headers found), rows without name or with a bad or duplicate e-mail,
        unreadable times.
    """
    table = read_table(source, filename=filename, max_bytes=max_bytes, limits=limits)
    rows, numbers = table.rows, table.numbers
    if len(rows) < 2:
        raise ApplicantFileError(_("The file has a header row but no answers."))
    header = [h.strip() for h in rows[0]]
    found = understand(header, rows, columns or {}, without)
    missing = [f for f in _REQUIRED if f not in found.index]
    if missing:
        raise ApplicantFileError(_missing_columns(missing, header))
    lacking = [f for f in need if f not in found.index]
    if lacking:
        raise ApplicantFileError(_lacking_columns(lacking, found.ignored))

    def cell(row: list[str], name: str) -> str:
        k = found.index.get(name)
        value = row[k].strip() if k is not None and k < len(row) else ""
        return value[:MAX_CELL]

    problems: list[Problem] = []
    applicants = [_applicant(rows[k], numbers[k], cell, problems) for k in range(1, len(rows))]
    seen: dict[str, int] = {}
    for person, number in zip(applicants, numbers[1:], strict=True):
        if person.email in seen and EMAIL.match(person.email):
            problems.append(
                Problem(
                    _("Row %(row)s: %(email)s also applied on row %(first)s."),
                    {"row": number, "email": person.email, "first": seen[person.email]},
                )
            )
        seen.setdefault(person.email, number)
    if problems:
        raise ApplicantFileError(sorted(problems, key=_row_of))
    notes = list(table.notes)
    unmapped = sum(
        1
        for a, row in zip(applicants, rows[1:], strict=True)
        if cell(row, "profession") and not a.profession
    )
    if unmapped:
        notes.append(
            Problem(
                _(
                    "%(count)s profession(s) could not be matched to ISCO-08; "
                    "those people are compared on their other answers."
                ),
                {"count": unmapped},
            )
        )
    return ApplicantImport(
        applicants=applicants,
        columns={name: header[k] for name, k in found.index.items()},
        ignored=found.ignored,
        notes=notes,
        how=found.how,
    )


def _row_of(problem: Problem) -> int:
    row = problem.params.get("row", 0)
    return row if isinstance(row, int) else 0


#: Why a constraint's column matters, said when it is not found.
WHY_NEEDED = {
    "availability": _(
        "No column of meeting times was found: without it a group could have no time "
        "that suits everyone."
    ),
    "employer": _(
        "No column of employers was found: without it colleagues of one employer could "
        "share a group."
    ),
}


def _lacking_columns(lacking: Sequence[str], unused: Sequence[str]) -> list[Problem]:
    """No column for a field a constraint needs: say why it matters and how to go on."""
    out = [Problem(WHY_NEEDED[name]) for name in lacking if name in WHY_NEEDED]
    out += [
        Problem(_("No column for %(fields)s was found."), {"fields": name})
        for name in lacking
        if name not in WHY_NEEDED
    ]
    out.append(
        Problem(
            _("Columns not used: %(columns)s."),
            {"columns": "; ".join(h[:80] for h in unused[:50]) or "-"},
        )
    )
    out.append(
        Problem(
            _(
                'Name the column with --column %(field)s="<header>", or match without it '
                "with --without %(field)s."
            ),
            {"field": lacking[0]},
        )
    )
    return out


def _missing_columns(missing: Sequence[str], header: Sequence[str]) -> list[Problem]:
    return [
        Problem(_("Could not find the column(s) for: %(fields)s."), {"fields": ", ".join(missing)}),
        headers_found(header),
        Problem(
            _(
                "Name the columns e.g. Namn, E-post, Vad hoppas du få ut av nätverket?, "
                "Vad kan du bidra med? (Swedish, Danish or English)."
            )
        ),
    ]


def _applicant(
    row: list[str],
    number: int,
    cell: Callable[[list[str], str], str],
    problems: list[Problem],
) -> Applicant:
    """One row as an applicant; its problems are added to ``problems``."""
    name = cell(row, "name")
    email = cell(row, "email").lower()
    if not name:
        problems.append(Problem(_("Row %(row)s: the name is empty."), {"row": number}))
    if not EMAIL.match(email):
        problems.append(
            Problem(
                _("Row %(row)s: %(email)s is not an e-mail address."),
                {"row": number, "email": email[:80] or "(empty)"},
            )
        )
    try:
        slots = parse_slots(cell(row, "availability"))
    except SlotParseError:
        problems.append(
            Problem(
                _(
                    "Row %(row)s: cannot read the meeting times %(times)r "
                    "(write e.g. 'tisdag kväll, torsdag lunch')."
                ),
                {"row": number, "times": cell(row, "availability")[:80]},
            )
        )
        slots = frozenset()
    languages = tuple(
        dict.fromkeys(
            LANGUAGES[w]
            for w in re.split(r"[\s,;/]+", fold(cell(row, "languages")))
            if w in LANGUAGES
        )
    )
    return Applicant(
        name=name,
        email=email,
        profession=_code(cell(row, "profession"), "isco"),
        industry=_code(cell(row, "industry"), "nace"),
        employer=cell(row, "employer"),
        region=region_code(cell(row, "region")),
        seniority=_SENIORITY.get(fold(cell(row, "seniority")).split(" ")[0], ""),
        languages=languages,
        hopes=cell(row, "hopes"),
        offers=cell(row, "offers"),
        availability=slots,
    )
