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

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from natverk.language import fold
from natverk.matching.applicant import Applicant
from natverk.schedule import SlotParseError, parse_slots
from natverk.taxonomy import regions, search_industries, search_occupations

__all__ = ["ApplicantFileError", "ApplicantImport", "read_applicants"]

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
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


class ApplicantFileError(ValueError):
    """The file cannot be imported; ``problems`` lists every reason, row by row."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class ApplicantImport:
    """Applicants read from a file, how the columns were understood, and notes."""

    applicants: list[Applicant]
    columns: dict[str, str]
    ignored: list[str]
    notes: list[str] = field(default_factory=list)


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


def _decode(data: bytes, notes: list[str]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        notes.append("The file is not UTF-8; it was read as Windows-1252 (Excel's 'CSV').")
        return data.decode("cp1252", errors="replace")


def _rows_from_csv(data: bytes, notes: list[str]) -> list[list[str]]:
    text = _decode(data, notes)
    if "\x00" in text:
        raise ApplicantFileError(["The file contains binary data: export it as CSV or XLSX."])
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""), dialect) if any(row)]
    except csv.Error as exc:
        raise ApplicantFileError([f"The CSV file cannot be read: {exc}."]) from None


def _rows_from_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > 10 * MAX_BYTES:
            raise ApplicantFileError(["The spreadsheet unpacks to more than 200 MB."])
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        if isinstance(exc, ApplicantFileError):
            raise
        raise ApplicantFileError(["The file is not a readable XLSX workbook."]) from None
    sheet = book.worksheets[0]
    rows: list[list[str]] = []
    for values in sheet.iter_rows(values_only=True):
        if len(rows) > MAX_ROWS:
            raise ApplicantFileError([f"More than {MAX_ROWS} rows: split the file."])
        row = ["" if v is None else str(v) for v in values]
        if any(cell.strip() for cell in row):
            rows.append(row)
    book.close()
    return rows


@lru_cache(maxsize=1024)
def _region(text: str) -> str:
    value = _plain(text).strip()
    if not value:
        return ""
    for r in regions():
        if value == r.code.lower():
            return r.code
        for _, label in r.labels:
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
    source: Path | bytes, *, filename: str = "", max_bytes: int = MAX_BYTES
) -> ApplicantImport:
    """Read a CSV or XLSX forms export into applicants, or fail with every problem.

    Parameters
    ----------
    source
        A path, or the file's bytes (an upload).
    filename
        The file's name when ``source`` is bytes (its ending tells CSV from XLSX).
    max_bytes
        Largest file accepted.

    Raises
    ------
    ApplicantFileError
        With one line per problem: unmapped required columns (listing the headers
        found), rows without name or with a bad or duplicate e-mail, unreadable times.
    """
    if isinstance(source, Path):
        filename = filename or source.name
        if source.stat().st_size > max_bytes:
            raise ApplicantFileError([f"The file is larger than {max_bytes // 1_000_000} MB."])
        data = source.read_bytes()
    else:
        data = source
    if len(data) > max_bytes:
        raise ApplicantFileError([f"The file is larger than {max_bytes // 1_000_000} MB."])
    if not data.strip():
        raise ApplicantFileError(["The file is empty."])
    notes: list[str] = []
    if data[:2] == b"PK" or filename.lower().endswith((".xlsx", ".xlsm")):
        rows = _rows_from_xlsx(data)
    else:
        rows = _rows_from_csv(data, notes)
    if len(rows) > MAX_ROWS + 1:
        raise ApplicantFileError([f"More than {MAX_ROWS} rows: split the file."])
    if len(rows) < 2:
        raise ApplicantFileError(["The file has a header row but no answers."])
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
        raise ApplicantFileError(
            [
                "Could not find the column(s) for: " + ", ".join(missing) + ".",
                "Columns in the file: " + "; ".join(h or "(empty)" for h in header) + ".",
                "Name the columns e.g. Namn, E-post, Vad hoppas du få ut av nätverket?, "
                "Vad kan du bidra med? (Swedish, Danish or English).",
            ]
        )
    problems: list[str] = []
    applicants: list[Applicant] = []
    seen: dict[str, int] = {}

    def cell(row: list[str], name: str) -> str:
        k = columns.get(name)
        value = row[k].strip() if k is not None and k < len(row) else ""
        return value[:MAX_CELL]

    for number, row in enumerate(rows[1:], start=2):
        name = cell(row, "name")
        email = cell(row, "email").lower()
        if not name:
            problems.append(f"Row {number}: the name is empty.")
        if not _EMAIL.match(email):
            problems.append(f"Row {number}: {email or '(empty)'} is not an e-mail address.")
        elif email in seen:
            problems.append(f"Row {number}: {email} also applied on row {seen[email]}.")
        else:
            seen[email] = number
        try:
            slots = parse_slots(cell(row, "availability"))
        except SlotParseError:
            problems.append(
                f"Row {number}: cannot read the meeting times "
                f"{cell(row, 'availability')!r} (write e.g. 'tisdag kväll, torsdag lunch')."
            )
            slots = frozenset()
        languages = tuple(
            dict.fromkeys(
                _LANGUAGES[w]
                for w in re.split(r"[\s,;/]+", fold(cell(row, "languages")))
                if w in _LANGUAGES
            )
        )
        applicants.append(
            Applicant(
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
        )
    if problems:
        raise ApplicantFileError(problems)
    unmapped_professions = sum(
        1
        for a, row in zip(applicants, rows[1:], strict=True)
        if cell(row, "profession") and not a.profession
    )
    if unmapped_professions:
        notes.append(
            f"{unmapped_professions} profession(s) could not be matched to ISCO-08; "
            "those people are compared on their other answers."
        )
    return ApplicantImport(
        applicants=applicants,
        columns={name: header[k] for name, k in columns.items()},
        ignored=ignored,
        notes=notes,
    )
