"""Read applicants from a spreadsheet exported by Google Forms or Microsoft Forms.

Columns are recognised by their headers in Swedish, Danish or English ("Namn",
"E-postadress", "Vad hoppas du få ut av nätverket?", "Hvornår kan du mødes?", "Email",
...). Free-text professions and industries are mapped to ISCO-08 and NACE codes,
regions to county/region codes, and availability answers to slots. The whole file is
checked first: any problem (a missing column, a bad e-mail, a duplicate, an unreadable
time) is reported with its row number and nothing is returned, so an import is
all-or-nothing. Pure: no Django.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from natverk.formats.errors import FormatError, Problem
from natverk.formats.limits import TableLimits
from natverk.formats.tables import read_table
from natverk.formats.text import Readable
from natverk.i18n import gettext_noop as _
from natverk.language import fold
from natverk.matching.applicant import Applicant
from natverk.schedule import SlotParseError, parse_slots
from natverk.taxonomy import regions, search_industries, search_occupations

__all__ = ["ApplicantFileError", "ApplicantImport", "read_applicants"]

LIMITS = TableLimits(max_rows=50_000)
MAX_CELL = 5_000

# Field -> words that mark its header (folded); checked in this order.
_HEADER_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "ignore",
        (
            "tidstampel",
            "tidsstempel",
            "timestamp",
            "start time",
            "completion time",
            "starttid",
            "sluttid",
            "last modified",
        ),
    ),
    (
        "hopes",
        (
            "hoppas",
            "haber",
            "haper",
            "hope",
            "fa ut",
            "fa ud",
            "want to get",
            "forvantning",
            "forventning",
            "expect",
            "onskar",
            "onsker",
        ),
    ),
    ("offers", ("bidra", "bidrage", "contribute", "erbjuda", "tilbyde", "tilby", "offer")),
    (
        "availability",
        (
            "nar kan",
            "hvornar",
            "nar passer",
            "when can",
            "traffas",
            "modes",
            "motes",
            "availability",
            "tillganglig",
            "tidspunkt",
            "meet",
        ),
    ),
    ("email", ("e-post", "epost", "e-mail", "email", "mail")),
    (
        "employer",
        (
            "arbetsgivare",
            "arbejdsgiver",
            "arbeidsgiver",
            "employer",
            "foretag",
            "virksomhed",
            "company",
            "organisation",
            "organization",
        ),
    ),
    ("name", ("namn", "navn", "name")),
    (
        "profession",
        (
            "yrke",
            "befattning",
            "titel",
            "stilling",
            "profession",
            "job title",
            "occupation",
            "role",
            "roll",
            "title",
        ),
    ),
    ("industry", ("bransch", "branche", "industry", "sector", "sektor")),
    ("region", ("lan", "region", "county", "location", "bostadsort", "ort", "landsdel")),
    ("seniority", ("erfarenhet", "erfaring", "seniority", "experience")),
    ("languages", ("sprak", "sprog", "language")),
)
_REQUIRED = ("name", "email", "hopes", "offers")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
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
_LANGUAGES = {
    "svenska": "sv",
    "swedish": "sv",
    "svensk": "sv",
    "dansk": "da",
    "danska": "da",
    "danish": "da",
    "norsk": "nb",
    "norska": "nb",
    "norwegian": "nb",
    "engelska": "en",
    "engelsk": "en",
    "english": "en",
    "sv": "sv",
    "da": "da",
    "nb": "nb",
    "en": "en",
}


class ApplicantFileError(FormatError):
    """The applicants in the file cannot be imported; ``problems`` lists every reason."""


@dataclass(frozen=True)
class ApplicantImport:
    """Applicants read from a file, how the columns were understood, and notes."""

    applicants: list[Applicant]
    columns: dict[str, str]
    ignored: list[str]
    notes: list[Problem] = field(default_factory=list)


def _plain(text: str) -> str:
    """Folded text with å, ä, ö written as a, a, o (headers and place names)."""
    return fold(text).translate(str.maketrans("åäö", "aao"))


def _field_of(header: str) -> str | None:
    text = _plain(header)
    for name, words in _HEADER_WORDS:
        for word in words:
            if re.search(rf"(^|[^a-z]){re.escape(word)}", text):
                return name
    return None


@lru_cache(maxsize=1024)
def _region(text: str) -> str:
    value = _plain(text).strip()
    if not value:
        return ""
    for r in regions():
        if value == r.code.lower():
            return r.code
        for _lang, label in r.labels:
            name = _plain(label)
            short = name.replace(" lan", "").replace("region ", "").replace("s lan", "")
            if value in (name, short) or (len(value) >= 4 and name.startswith(value)):
                return r.code
    return ""


@lru_cache(maxsize=4096)
def _code(text: str, kind: str) -> str:
    value = text.strip()
    if not value:
        return ""
    found = search_occupations(value, 1) if kind == "isco" else search_industries(value, 1)
    if found and found[0][1] >= 80:
        return found[0][0].code
    return ""


def read_applicants(
    source: Path | bytes | Readable,
    *,
    filename: str = "",
    max_bytes: int | None = None,
    limits: TableLimits = LIMITS,
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
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for k, title in enumerate(header):
        name = _field_of(title)
        if name is None or name == "ignore" or name in columns:
            if title and name != "ignore":
                ignored.append(title)
            continue
        columns[name] = k
    missing = [f for f in _REQUIRED if f not in columns]
    if missing:
        raise ApplicantFileError(_missing_columns(missing, header))

    def cell(row: list[str], name: str) -> str:
        k = columns.get(name)
        value = row[k].strip() if k is not None and k < len(row) else ""
        return value[:MAX_CELL]

    problems: list[Problem] = []
    applicants = [_applicant(rows[k], numbers[k], cell, problems) for k in range(1, len(rows))]
    seen: dict[str, int] = {}
    for person, number in zip(applicants, numbers[1:], strict=True):
        if person.email in seen and _EMAIL.match(person.email):
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
        columns={name: header[k] for name, k in columns.items()},
        ignored=ignored,
        notes=notes,
    )


def _row_of(problem: Problem) -> int:
    row = problem.params.get("row", 0)
    return row if isinstance(row, int) else 0


def _missing_columns(missing: Sequence[str], header: Sequence[str]) -> list[Problem]:
    return [
        Problem(_("Could not find the column(s) for: %(fields)s."), {"fields": ", ".join(missing)}),
        Problem(
            _("Columns in the file: %(columns)s."),
            {"columns": "; ".join(h[:80] or "(empty)" for h in header[:50])},
        ),
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
    if not _EMAIL.match(email):
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
            _LANGUAGES[w]
            for w in re.split(r"[\s,;/]+", fold(cell(row, "languages")))
            if w in _LANGUAGES
        )
    )
    return Applicant(
        name=name,
        email=email,
        profession=_code(cell(row, "profession"), "isco"),
        industry=_code(cell(row, "industry"), "nace"),
        employer=cell(row, "employer"),
        region=_region(cell(row, "region")),
        seniority=_SENIORITY.get(fold(cell(row, "seniority")).split(" ")[0], ""),
        languages=languages,
        hopes=cell(row, "hopes"),
        offers=cell(row, "offers"),
        availability=slots,
    )
