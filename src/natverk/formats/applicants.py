"""Read applicants from a spreadsheet exported by Google Forms, Microsoft Forms or Typeform.

Columns are recognised by their headers in Swedish, Danish, Norwegian or English
("Namn", "E-postadress", "Vad hoppas du få ut av nätverket?", "Hvornår kan du mødes?",
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

from natverk.formats.errors import FormatError, Problem
from natverk.formats.limits import TableLimits
from natverk.formats.tables import read_table
from natverk.formats.text import Readable
from natverk.i18n import gettext_noop as _
from natverk.language import fold
from natverk.matching.applicant import Applicant
from natverk.schedule import SlotParseError, parse_slots
from natverk.taxonomy import regions, search_industries, search_occupations

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
    ("name", ("namn", "navn", "name", "heter du", "hedder du", "heter")),
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
    ("industry", ("bransch", "branche", "bransje", "industry", "sector", "sektor")),
    (
        "region",
        ("lan", "region", "county", "location", "bostadsort", "ort", "landsdel", "fylke"),
    ),
    ("seniority", ("erfarenhet", "erfaring", "seniority", "experience")),
    ("languages", ("sprak", "sprog", "language")),
)
_REQUIRED = ("name", "email", "hopes", "offers")
#: Every field a column can be read as, in the order they are reported.
FIELDS = (
    "name",
    "email",
    "profession",
    "industry",
    "employer",
    "region",
    "seniority",
    "languages",
    "hopes",
    "offers",
    "availability",
)
#: Fields the grouping turns into a hard constraint; ``natverk match`` needs them found.
CONSTRAINT_FIELDS = ("availability", "employer")
#: Headers that are a row number or an id, whatever their answers (Microsoft Forms "ID").
_ID_HEADERS = frozenset({"id", "#", "nr", "no", "network id", "respondent id"})
_STAMP = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}[ T]\d{1,2}[:.]\d{2}")
#: Share of the filled answers that must look like a field for the column to be it.
_CONTENT_SHARE = 0.7
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
    """Applicants read from a file, how the columns were understood, and notes.

    ``columns`` maps each field found to its header, ``how`` says how it was found
    ("given" by the caller, by its "header", or by its "answers").
    """

    applicants: list[Applicant]
    columns: dict[str, str]
    ignored: list[str]
    notes: list[Problem] = field(default_factory=list)
    how: dict[str, str] = field(default_factory=dict)


def _plain(text: str) -> str:
    """Folded text with å, ä, ö written as a, a, o (headers and place names)."""
    return fold(text, plain=True)


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


def _is_time(value: str) -> bool:
    try:
        return bool(parse_slots(value))
    except SlotParseError:
        return False


def _is_languages(value: str) -> bool:
    words = [w for w in re.split(r"[\s,;/]+|\boch\b|\bog\b|\band\b", fold(value)) if w]
    return bool(words) and all(w in _LANGUAGES for w in words)


_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'-]*(?:[-'][^\W\d_]+)*$")


def _is_name(value: str) -> bool:
    """Two to four capitalised words of letters: how people write their name."""
    words = value.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and _NAME_WORD.match(w) for w in words)


#: What answers of each field look like, tried in this order.
_CONTENT_TESTS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("ignore", lambda v: bool(_STAMP.match(v.strip()))),
    ("email", lambda v: bool(_EMAIL.match(v.strip().lower()))),
    ("languages", _is_languages),
    ("availability", _is_time),
    ("region", lambda v: bool(_region(v))),
    ("name", _is_name),
)


def _field_by_answers(values: Sequence[str]) -> str | None:
    """The field whose answers these are, when most filled answers (at least three)
    look like it; None when they look like nothing in particular (free text)."""
    filled = [v for v in values if v.strip()][:200]
    if len(filled) < 3:
        return None
    for name, looks_like in _CONTENT_TESTS:
        if sum(1 for v in filled if looks_like(v)) >= _CONTENT_SHARE * len(filled):
            return name
    return None


def _given_column(header: Sequence[str], title: str) -> int | None:
    """The column a caller means by ``title``: the same header after folding, or the
    one header it starts or (failing that) is part of."""
    wanted = _plain(title).strip()
    folded = [_plain(h).strip() for h in header]
    for test in (
        lambda h: h == wanted,
        lambda h: h.startswith(wanted),
        lambda h: wanted in h,
    ):
        found = [k for k, h in enumerate(folded) if wanted and test(h)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            return None
    return None


@dataclass(frozen=True)
class _Columns:
    index: dict[str, int]
    how: dict[str, str]
    ignored: list[str]


def _unknown_field(name: str) -> ApplicantFileError:
    return ApplicantFileError(
        _("Unknown field %(field)s: the fields are %(fields)s."),
        field=name,
        fields=", ".join(FIELDS),
    )


def _given(header: Sequence[str], name: str, title: str | int) -> int:
    """The column the caller gave for a field: its position, or its header."""
    if name not in FIELDS:
        raise _unknown_field(name)
    if isinstance(title, int):
        if 0 <= title < len(header):
            return title
        raise ApplicantFileError(
            _("The file has no column %(number)s (for %(field)s)."), number=title + 1, field=name
        )
    k = _given_column(header, title)
    if k is None:
        raise ApplicantFileError(
            [
                Problem(
                    _("No single column is headed %(header)r (for %(field)s)."),
                    {"header": title[:80], "field": name},
                ),
                _headers_found(header),
            ]
        )
    return k


def _understand(
    header: list[str],
    rows: list[list[str]],
    given: Mapping[str, str | int],
    without: Collection[str] = (),
) -> _Columns:
    """Which column is which field: the caller's, then by header, then by answers;
    fields in ``without`` are read from no column."""
    index: dict[str, int] = {}
    how: dict[str, str] = {}
    for name in without:
        if name not in FIELDS:
            raise _unknown_field(name)
    for name, title in given.items():
        k = _given(header, name, title)
        if k in index.values():
            other = next(f for f, j in index.items() if j == k)
            raise ApplicantFileError(
                _("The column %(header)r cannot be both %(field)s and %(other)s."),
                header=header[k][:80],
                field=name,
                other=other,
            )
        index[name], how[name] = k, "given"
    taken = set(index.values())
    blocked = set(index) | set(without)
    unknown: list[int] = []
    for k, title in enumerate(header):
        if k in taken:
            continue
        by_header = "ignore" if _plain(title).strip() in _ID_HEADERS else _field_of(title)
        if by_header == "ignore":
            taken.add(k)
        elif by_header is None or by_header in blocked:
            unknown.append(k)
        else:
            index[by_header], how[by_header] = k, "header"
            blocked.add(by_header)
            taken.add(k)
    for k in unknown:
        by_answers = _field_by_answers([row[k] if k < len(row) else "" for row in rows[1:]])
        if by_answers is not None and by_answers != "ignore" and by_answers not in blocked:
            index[by_answers], how[by_answers] = k, "answers"
            blocked.add(by_answers)
            taken.add(k)
        elif by_answers == "ignore":
            taken.add(k)
    ignored = [h for k, h in enumerate(header) if k not in taken and h]
    return _Columns(index, how, ignored)


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
    found = _understand(header, table.rows, columns or {}, without)
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
    found = _understand(header, rows, columns or {}, without)
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
        columns={name: header[k] for name, k in found.index.items()},
        ignored=found.ignored,
        notes=notes,
        how=found.how,
    )


def _row_of(problem: Problem) -> int:
    row = problem.params.get("row", 0)
    return row if isinstance(row, int) else 0


def _headers_found(header: Sequence[str]) -> Problem:
    return Problem(
        _("Columns in the file: %(columns)s."),
        {"columns": "; ".join(h[:80] or "(empty)" for h in header[:50])},
    )


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
        _headers_found(header),
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
