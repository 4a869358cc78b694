"""Employee lists from an HR export (CSV or XLSX) for colleague pairing.

Columns are recognised by their headers in Swedish, Danish or English: name (or first
and last name), e-mail, department, location, start date, and optionally role (job
title) and languages. The file is read by the shared safe-reading layer
(:func:`natverk.formats.tables.read_table`: size limit, decoding, CSV dialect, XLSX
within limits), then checked whole: any problem (a missing column, an empty name, a bad
or repeated e-mail, an unreadable or implausible date) is reported with its row number
and nothing is returned, so an import is all-or-nothing. Every failure is a
:class:`~natverk.formats.errors.FormatError` whose problems translate to sv/da. Pure: no
Django.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from natverk.formats.answer_columns import LANGUAGES as _LANGUAGES
from natverk.formats.answer_columns import plain as _plain
from natverk.formats.errors import FormatError, Problem
from natverk.formats.limits import TableLimits
from natverk.formats.tables import read_table
from natverk.formats.text import Readable
from natverk.i18n import gettext_noop as _
from natverk.language import fold

__all__ = ["LIMITS", "Employee", "EmployeeFileError", "EmployeeImport", "read_employees"]

LIMITS = TableLimits(max_rows=50_000, max_columns=100)
MAX_CELL = 500
EARLIEST_START = dt.date(1950, 1, 1)

# Field -> words that start its header (folded, å/ä/ö as a/a/o); checked in this order.
_HEADER_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "ignore",
        (
            "id",
            "employee id",
            "employee number",
            "personnummer",
            "cpr",
            "anstallningsnummer",
            "medarbetar-id",
            "medarbetarnummer",
            "medarbejdernummer",
            "manager",
            "chef",
            "narmaste chef",
            "naermeste leder",
        ),
    ),
    ("email", ("e-post", "epost", "e-mail", "email", "mail")),
    (
        "start_date",
        (
            "startdatum",
            "startdato",
            "start date",
            "anstallningsdatum",
            "anstalld",
            "ansattelsesdato",
            "ansat",
            "tiltradelse",
            "hire date",
            "employment date",
            "first day",
            "forsta dag",
            "forste dag",
        ),
    ),
    (
        "department",
        (
            "avdelning",
            "afdeling",
            "avdeling",
            "department",
            "enhet",
            "team",
            "org unit",
            "organisationsenhet",
            "division",
            "sektion",
        ),
    ),
    (
        "location",
        (
            "arbetsort",
            "arbejdssted",
            "kontor",
            "ort",
            "plats",
            "lokation",
            "location",
            "office",
            "site",
            "city",
            "placering",
        ),
    ),
    ("role", ("befattning", "titel", "roll", "stilling", "job title", "title", "role")),
    ("languages", ("sprak", "sprog", "language")),
    ("first_name", ("fornamn", "fornavn", "first name", "given name")),
    ("last_name", ("efternamn", "efternavn", "last name", "surname", "family name")),
    ("name", ("namn", "navn", "name", "medarbetare", "medarbejder", "employee")),
)
#: The required fields as the administrator reads them (msgids of the site's catalogue).
_FIELD_WORDS = {"name": _("name"), "email": _("e-mail address"), "department": _("department")}
#: Rows searched for the header (an export may start with a title and a blank line).
HEADER_SEARCH = 5
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y")


@dataclass(frozen=True)
class Employee:
    """One row of the HR export."""

    name: str
    email: str
    department: str = ""
    location: str = ""
    start_date: dt.date | None = None
    role: str = ""
    languages: tuple[str, ...] = ()
    #: The row of the file it came from (0: not from a file), for problems found later.
    row: int = 0


class EmployeeFileError(FormatError):
    """The list cannot be imported; ``problems`` names every reason, row by row."""


@dataclass(frozen=True)
class EmployeeImport:
    """Employees read from a file, how the columns were understood, and notes."""

    employees: list[Employee]
    columns: dict[str, str]
    ignored: list[str] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def _field_of(header: str) -> str | None:
    text = _plain(header)
    for name, words in _HEADER_WORDS:
        if any(re.search(rf"(^|[^a-z]){re.escape(word)}", text) for word in words):
            return name
    return None


def _columns(header: Sequence[str]) -> tuple[dict[str, int], list[str]]:
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for k, title in enumerate(header):
        name = _field_of(title)
        if name is None or name == "ignore" or name in columns:
            if title:
                ignored.append(title)
            continue
        columns[name] = k
    return columns, ignored


def _date(text: str, today: dt.date) -> tuple[dt.date | None, str]:
    """A start date and "", or None and what is wrong ("" for an empty cell)."""
    value = text.strip().split(" ")[0].split("T")[0]
    if not value:
        return None, ""
    for pattern in _DATE_FORMATS:
        try:
            day = dt.datetime.strptime(value, pattern).date()  # noqa: DTZ007 (a date only)
        except ValueError:
            continue
        if not EARLIEST_START <= day <= today + dt.timedelta(days=366):
            return None, _("Row %(row)s: the start date %(date)s cannot be right.")
        return day, ""
    return None, _("Row %(row)s: cannot read the start date %(date)s (write e.g. 2027-03-01).")


def _languages(text: str) -> tuple[str, ...]:
    words = re.split(r"[\s,;/]+", fold(text))
    return tuple(dict.fromkeys(_LANGUAGES[w] for w in words if w in _LANGUAGES))


def _missing_columns(missing: Sequence[str], header: Sequence[str]) -> list[Problem]:
    return [
        Problem(
            _("Could not find the column(s) for: %(fields)s."),
            {"fields": tuple(Problem(_FIELD_WORDS[f]) for f in missing)},
        ),
        Problem(
            _("Columns in the file: %(columns)s."),
            {"columns": "; ".join(h[:80] or "(empty)" for h in header[:50])},
        ),
        Problem(
            _(
                "Name the columns e.g. Namn, E-post, Avdelning, Ort, Anställningsdatum "
                "(Swedish, Danish or English)."
            )
        ),
    ]


def read_employees(
    source: Path | bytes | Readable,
    *,
    filename: str = "",
    max_bytes: int | None = None,
    limits: TableLimits = LIMITS,
    today: dt.date | None = None,
) -> EmployeeImport:
    """Read an HR export into employees, or fail with every problem.

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
    today
        The date start dates are checked against (at most a year ahead).

    Raises
    ------
    FormatError
        An unreadable, unsafe or oversized file (:mod:`natverk.formats.tables`), or an
        :class:`EmployeeFileError` with one problem per row problem, in row order.

    Examples
    --------
    >>> data = "Namn;E-post;Avdelning;Ort;Startdatum\\nÅsa;asa@example.org;HR;Malmö;2026-09-01"
    >>> read_employees(data.encode(), today=dt.date(2026, 11, 1)).employees[0].start_date
    datetime.date(2026, 9, 1)
    """
    today = today or dt.date.today()  # noqa: DTZ011 (the caller passes the local date)
    table = read_table(source, filename=filename, max_bytes=max_bytes, limits=limits)
    if len(table.rows) < 2:
        raise EmployeeFileError(_("The file has no people in it."))
    at, missing = _header_row(table.rows)
    header = [h.strip() for h in table.rows[at]]
    if missing:
        raise EmployeeFileError(_missing_columns(missing, header))
    columns, ignored = _columns(header)
    if len(table.rows) < at + 2:
        raise EmployeeFileError(_("The file has no people in it."))
    employees, problems = _read_rows(table.rows[at + 1 :], table.numbers[at + 1 :], columns, today)
    if problems:
        raise EmployeeFileError(problems)
    found = {name: header[k] for name, k in columns.items()}
    notes = list(table.notes)
    if at:
        notes.append(
            Problem(
                _("The column headers are on row %(row)s; the rows above them were skipped."),
                {"row": table.numbers[at]},
            )
        )
    return EmployeeImport(employees, found, ignored, notes)


def _missing(header: Sequence[str]) -> list[str]:
    """The required fields a header row has no column for."""
    columns, _ignored = _columns([h.strip() for h in header])
    missing = [f for f in ("name", "email", "department") if f not in columns]
    if "first_name" in columns and "name" in missing:
        missing.remove("name")  # joined from first and last name
    return missing


def _header_row(rows: Sequence[Sequence[str]]) -> tuple[int, list[str]]:
    """The index of the header row (the first of the first few rows with every required
    column: an export may start with a title), and what the first row lacks otherwise."""
    for at, row in enumerate(rows[:HEADER_SEARCH]):
        if not _missing(row):
            return at, []
    return 0, _missing(rows[0])


def _read_rows(
    rows: list[list[str]], numbers: list[int], columns: dict[str, int], today: dt.date
) -> tuple[list[Employee], list[Problem]]:
    def cell(row: list[str], name: str) -> str:
        k = columns.get(name)
        value = row[k].strip() if k is not None and k < len(row) else ""
        return " ".join(value.split())[:MAX_CELL]

    employees: list[Employee] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, row in zip(numbers, rows, strict=True):
        name = cell(row, "name") or f"{cell(row, 'first_name')} {cell(row, 'last_name')}".strip()
        email = cell(row, "email").lower()
        if not name:
            problems.append(Problem(_("Row %(row)s: the name is empty."), {"row": number}))
        if not _EMAIL.match(email):
            problems.append(
                Problem(
                    _("Row %(row)s: %(email)s is not an e-mail address."),
                    {"row": number, "email": email[:80] or "(empty)"},
                )
            )
        elif email in seen:
            problems.append(
                Problem(
                    _("Row %(row)s: %(email)s is listed twice (also row %(first)s)."),
                    {"row": number, "email": email, "first": seen[email]},
                )
            )
        else:
            seen[email] = number
        start, problem = _date(cell(row, "start_date"), today)
        if problem:
            problems.append(Problem(problem, {"row": number, "date": cell(row, "start_date")[:40]}))
        employees.append(
            Employee(
                name=name,
                email=email,
                department=cell(row, "department"),
                location=cell(row, "location"),
                start_date=start,
                role=cell(row, "role"),
                languages=_languages(cell(row, "languages")),
                row=number,
            )
        )
    return employees, problems
