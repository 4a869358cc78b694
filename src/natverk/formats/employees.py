"""Employee lists from an HR export (CSV or XLSX) for colleague pairing.

Columns are recognised by their headers in Swedish, Danish or English: name (or first
and last name), e-mail, department, location, start date, and optionally role (job
title) and languages. The whole file is checked first; any problem (a missing column,
an empty name, a bad or repeated e-mail, an unreadable or implausible date) comes back
as a record with its row number and nothing is returned, so an import is
all-or-nothing. Problems are records (a code, a row, the value), not sentences: the
caller words them in the reader's language. Pure: no Django.

Reading the bytes into rows (size limit, decoding, CSV dialect, XLSX) is one function,
:func:`_table`; it is the only place to change when the shared safe-reading layer
(``natverk.formats.tables.read_table``) is used instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from natverk.formats.applicants import (
    _LANGUAGES,
    ApplicantFileError,
    _plain,
    _rows_from_csv,
    _rows_from_xlsx,
)
from natverk.language import fold

__all__ = [
    "Employee",
    "EmployeeFileError",
    "EmployeeImport",
    "EmployeeProblem",
    "read_employees",
]

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
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


@dataclass(frozen=True)
class EmployeeProblem:
    """What is wrong (``code``), on which row (0: the whole file), with which value.

    Codes: ``empty``, ``unreadable``, ``too_large``, ``too_many_rows``, ``no_rows``,
    ``missing_columns`` (value: the missing fields, comma-separated; ``other``: the
    headers found), ``empty_name``, ``bad_email``, ``duplicate_email`` (``other``: the
    first row), ``bad_date``, ``implausible_date``.
    """

    code: str
    row: int = 0
    value: str = ""
    other: str = ""

    def __str__(self) -> str:
        where = f"Row {self.row}: " if self.row else ""
        detail = f" ({self.value})" if self.value else ""
        also = f" [{self.other}]" if self.other else ""
        return f"{where}{self.code.replace('_', ' ')}{detail}{also}"


class EmployeeFileError(ValueError):
    """The file cannot be imported; ``problems`` lists every reason, row by row."""

    def __init__(self, problems: Sequence[EmployeeProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class EmployeeImport:
    """Employees read from a file, how the columns were understood, and notes."""

    employees: list[Employee]
    columns: dict[str, str]
    ignored: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _table(source: Path | bytes, filename: str, max_bytes: int) -> tuple[list[list[str]], str]:
    """Rows of a CSV or XLSX file (empty rows dropped) and a note on its encoding."""
    if isinstance(source, Path):
        filename = filename or source.name
        if source.stat().st_size > max_bytes:
            raise EmployeeFileError([EmployeeProblem("too_large", value=str(max_bytes))])
        data = source.read_bytes()
    else:
        data = source
    if len(data) > max_bytes:
        raise EmployeeFileError([EmployeeProblem("too_large", value=str(max_bytes))])
    if not data.strip():
        raise EmployeeFileError([EmployeeProblem("empty")])
    notes: list[str] = []
    try:
        if data[:2] == b"PK" or filename.lower().endswith((".xlsx", ".xlsm")):
            rows = _rows_from_xlsx(data)
        else:
            rows = _rows_from_csv(data, notes)
    except ApplicantFileError as exc:
        raise EmployeeFileError([EmployeeProblem("unreadable", value=str(exc))]) from None
    return rows, " ".join(notes)


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
    """A start date and "" , or None and the problem code ("" for an empty cell)."""
    value = text.strip().split(" ")[0].split("T")[0]
    if not value:
        return None, ""
    for pattern in _DATE_FORMATS:
        try:
            day = dt.datetime.strptime(value, pattern).date()  # noqa: DTZ007 (a date only)
        except ValueError:
            continue
        if not EARLIEST_START <= day <= today + dt.timedelta(days=366):
            return None, "implausible_date"
        return day, ""
    return None, "bad_date"


def _languages(text: str) -> tuple[str, ...]:
    words = re.split(r"[\s,;/]+", fold(text))
    return tuple(dict.fromkeys(_LANGUAGES[w] for w in words if w in _LANGUAGES))


def read_employees(
    source: Path | bytes,
    *,
    filename: str = "",
    max_bytes: int = MAX_BYTES,
    today: dt.date | None = None,
) -> EmployeeImport:
    """Read an HR export into employees, or fail with every problem.

    Parameters
    ----------
    source
        A path, or the file's bytes (an upload).
    filename
        The file's name when ``source`` is bytes (its ending tells CSV from XLSX).
    max_bytes
        Largest file accepted.
    today
        The date start dates are checked against (at most a year ahead).

    Raises
    ------
    EmployeeFileError
        With one :class:`EmployeeProblem` per problem, in row order.

    Examples
    --------
    >>> data = "Namn;E-post;Avdelning;Ort;Startdatum\\nÅsa;asa@example.org;HR;Malmö;2026-09-01"
    >>> read_employees(data.encode(), today=dt.date(2026, 11, 1)).employees[0].start_date
    datetime.date(2026, 9, 1)
    """
    today = today or dt.date.today()  # noqa: DTZ011 (the caller passes the local date)
    rows, note = _table(source, filename, max_bytes)
    if len(rows) > MAX_ROWS + 1:
        raise EmployeeFileError([EmployeeProblem("too_many_rows", value=str(MAX_ROWS))])
    if len(rows) < 2:
        raise EmployeeFileError([EmployeeProblem("no_rows")])
    header = [h.strip() for h in rows[0]]
    columns, ignored = _columns(header)
    named = "name" in columns or "first_name" in columns  # or first and last name
    missing = [f for f in ("name", "email", "department") if f not in columns]
    if named and "name" in missing:
        missing.remove("name")
    if missing:
        headers = "; ".join(h or "-" for h in header)
        raise EmployeeFileError(
            [EmployeeProblem("missing_columns", 0, ", ".join(missing), headers)]
        )
    employees, problems = _read_rows(rows[1:], columns, today)
    if problems:
        raise EmployeeFileError(problems)
    found = {name: header[k] for name, k in columns.items()}
    return EmployeeImport(employees, found, ignored, [note] if note else [])


def _read_rows(
    rows: list[list[str]], columns: dict[str, int], today: dt.date
) -> tuple[list[Employee], list[EmployeeProblem]]:
    def cell(row: list[str], name: str) -> str:
        k = columns.get(name)
        value = row[k].strip() if k is not None and 0 <= k < len(row) else ""
        return " ".join(value.split())[:MAX_CELL]

    employees: list[Employee] = []
    problems: list[EmployeeProblem] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        name = cell(row, "name") or f"{cell(row, 'first_name')} {cell(row, 'last_name')}".strip()
        email = cell(row, "email").lower()
        if not name:
            problems.append(EmployeeProblem("empty_name", number))
        if not _EMAIL.match(email):
            problems.append(EmployeeProblem("bad_email", number, email))
        elif email in seen:
            problems.append(EmployeeProblem("duplicate_email", number, email, str(seen[email])))
        else:
            seen[email] = number
        start, problem = _date(cell(row, "start_date"), today)
        if problem:
            problems.append(EmployeeProblem(problem, number, cell(row, "start_date")))
        employees.append(
            Employee(
                name=name,
                email=email,
                department=cell(row, "department"),
                location=cell(row, "location"),
                start_date=start,
                role=cell(row, "role"),
                languages=_languages(cell(row, "languages")),
            )
        )
    return employees, problems
