"""What every contact reader returns and every writer takes, and how contact files are read.

A reader (:mod:`natverk.formats.vcard`, :mod:`natverk.formats.linkedin`,
:mod:`natverk.formats.contacts_csv`; :mod:`natverk.formats.contact_files` picks one)
returns a :class:`ContactsFile`: cleaned :class:`ContactRecord` values, the records it
skipped with a reason, and notes for the import report. A file it cannot read raises
:class:`ContactFormatError` listing every reason, so an import is all-or-nothing.

Reading stands on the shared layer (:mod:`natverk.formats.text`, :mod:`~.tables`,
:mod:`~.errors`): :func:`contact_bytes` checks the size and refuses a blank file,
:func:`contact_text` decodes, :func:`contact_rows` splits CSV within :data:`CSV_LIMITS`.
They raise the layer's errors as :class:`ContactFormatError` (a :class:`FormatError`,
the layer's error as its ``__cause__``), so callers of the contact readers catch one type.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from natverk.formats.errors import FormatError, Problem
from natverk.formats.limits import TableLimits
from natverk.formats.tables import parse_csv
from natverk.formats.text import Decoded, decode_text, not_blank, read_source
from natverk.i18n import gettext_noop as _

__all__ = [
    "CSV_LIMITS",
    "ContactFormatError",
    "ContactRecord",
    "ContactsFile",
    "Skipped",
    "as_contact_error",
    "clean_record",
    "contact_bytes",
    "contact_rows",
    "contact_text",
    "parse_date",
]

#: Most records natverk reads from one file (a LinkedIn export of 30,000 fits).
MAX_RECORDS = 50_000
#: Longest value kept per field; longer text is cut (notes) or dropped (a name).
MAX_NAME = 200
MAX_TEXT = 300
MAX_NOTES = 10_000
MAX_ITEMS = 20  # e-mail addresses, phone numbers, websites or tags per contact
MULTI_SEPARATOR = " ::: "
#: A contacts CSV: Outlook's 92 columns for MAX_RECORDS contacts, with room for rows that
#: are skipped and a preamble; a cell may hold twice the longest note kept.
CSV_LIMITS = TableLimits(
    max_rows=2 * MAX_RECORDS,
    max_columns=300,
    max_field_chars=2 * MAX_NOTES,
    max_cells=100 * MAX_RECORDS,
)
#: What a binary file should have been exported as.
_FORMATS = _("vCard or CSV")


class ContactFormatError(FormatError):
    """A contact file natverk cannot read; ``problems`` says why, one sentence each."""


@dataclass(frozen=True)
class ContactRecord:
    """A person as a file describes them; every field natverk keeps about a contact."""

    name: str
    given_name: str = ""
    family_name: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    company: str = ""
    title: str = ""
    linkedin_url: str = ""
    websites: tuple[str, ...] = ()
    birthday: dt.date | None = None
    met_on: dt.date | None = None
    how_we_met: str = ""
    notes: str = ""
    tags: tuple[str, ...] = ()
    #: Where the record starts in its file (for messages); not part of the contact.
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Skipped:
    """A record left out of the import, where it was, and why."""

    line: int
    reason: Problem


@dataclass
class ContactsFile:
    """What a reader found: records to import, records skipped, notes for the report."""

    kind: str
    records: list[ContactRecord] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


# --- reading bytes and text -------------------------------------------------------------


@contextlib.contextmanager
def as_contact_error() -> Iterator[None]:
    """Raise the reading layer's :class:`FormatError` as a :class:`ContactFormatError`."""
    try:
        yield
    except ContactFormatError:
        raise
    except FormatError as exc:
        raise ContactFormatError(exc.problems) from exc


def contact_bytes(data: bytes, max_bytes: int | None = None) -> bytes:
    """``data`` unchanged, or :class:`ContactFormatError` when it is too large or blank."""
    with as_contact_error():
        return not_blank(read_source(data, max_bytes=max_bytes))


def contact_text(data: bytes) -> Decoded:
    """The text of a contact file (UTF-8, UTF-16 or Windows-1252); binary is refused."""
    with as_contact_error():
        return decode_text(data, export_as=_FORMATS)


def contact_rows(
    data: bytes, max_bytes: int | None = None
) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """Non-empty CSV rows with the line each starts on, and the decoding notes."""
    decoded = contact_text(contact_bytes(data, max_bytes))
    with as_contact_error():
        rows, numbers, _delimiter = parse_csv(decoded.text, CSV_LIMITS)
    return list(zip(numbers, rows, strict=True)), list(decoded.notes)


# --- dates ------------------------------------------------------------------------------

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        (
            "jan january januari januar",
            "feb february februari februar",
            "mar march mars marts",
            "apr april",
            "may maj",
            "jun june juni",
            "jul july juli",
            "aug august augusti",
            "sep sept september",
            "oct october okt oktober",
            "nov november",
            "dec december",
        )
    )
    for m in names.split()
}
_ISO = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ \-./]+([A-Za-zÀ-ÿ]{3,9})\.?[ \-./,]+(\d{2}|\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:,? .*)?$")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def numeric_order(values: Iterable[str]) -> str:
    """``"dmy"`` when any all-number date in the column has a first part above 12, else
    ``"mdy"`` (LinkedIn's and Outlook's American order)."""
    for value in values:
        match = _NUMERIC.match(value.strip())
        if match and int(match.group(1)) > 12:
            return "dmy"
    return "mdy"


def parse_date(text: str, order: str = "mdy") -> dt.date | None:
    """A date from the ways exports write it; None when it is not one.

    >>> parse_date("23 Apr 2023"), parse_date("23-Apr-23"), parse_date("1/8/18, 6:14 PM")
    (datetime.date(2023, 4, 23), datetime.date(2023, 4, 23), datetime.date(2018, 1, 8))
    >>> parse_date("19800322"), parse_date("22.03.1980", "dmy")
    (datetime.date(1980, 3, 22), datetime.date(1980, 3, 22))
    """
    value = text.strip()
    if not value:
        return None
    if match := _ISO.match(value):
        return _make(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := _DAY_MONTH_YEAR.match(value):
        month = _MONTHS.get(match.group(2).lower())
        return _make(_year(match.group(3)), month, int(match.group(1))) if month else None
    if match := _MONTH_DAY_YEAR.match(value):
        month = _MONTHS.get(match.group(1).lower())
        return _make(int(match.group(3)), month, int(match.group(2))) if month else None
    if match := _NUMERIC.match(value):
        first, second, year = int(match.group(1)), int(match.group(2)), _year(match.group(3))
        if "." in value and order == "mdy":
            order = "dmy"  # 22.03.1980 is the European way everywhere
        return _make(year, first, second) if order == "mdy" else _make(year, second, first)
    return None


# --- cleaning ---------------------------------------------------------------------------

_EMAIL = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\"]+$")
_CONTROL = dict.fromkeys([c for c in range(32) if chr(c) not in "\n\t"] + [0x7F, 0x0D])
_SYSTEM_TAGS = {"mycontacts", "my contacts", "starred", "friends", "family", "coworkers"}
_BIRTHDAYS_FROM = dt.date(1900, 1, 1)
_MET_FROM = dt.date(1950, 1, 1)


def _text(value: str, limit: int = MAX_TEXT, lines: bool = False) -> str:
    """Strip control characters and surrounding space; one line unless ``lines``."""
    value = unicodedata.normalize("NFC", value).translate(_CONTROL)
    if not lines:
        value = " ".join(value.split())
    else:
        value = "\n".join(line.rstrip() for line in value.split("\n")).strip()
    return value[:limit].strip()


def _items(values: Iterable[str], clean: Callable[[str], str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for raw in values:
        value = clean(raw)
        if value and value.casefold() not in seen and len(seen) < MAX_ITEMS:
            seen[value.casefold()] = value
    return tuple(seen.values())


def clean_email(value: str) -> str:
    """An e-mail address as typed (trimmed, ``mailto:`` dropped), or "" when it is not one."""
    value = _text(value).removeprefix("mailto:").strip()
    return value if len(value) <= 254 and _EMAIL.match(value) else ""


def clean_phone(value: str) -> str:
    """A phone number as written (``tel:`` dropped), or "" when it has no digit."""
    value = _text(value, 60).removeprefix("tel:").replace(":::", " ").strip()
    return " ".join(value.split()) if any(c.isdigit() for c in value) else ""


def clean_url(value: str) -> str:
    """A web address without spaces, or ""."""
    value = _text(value, 500).replace("\\:", ":")
    return value if value and " " not in value and ":::" not in value and "." in value else ""


def clean_tag(value: str) -> str:
    """A tag: one line, no commas, semicolons or colons, not a phone's system group."""
    value = _text(value, 40)
    for char in ",;:":
        value = value.replace(char, " ")
    # The leading marks are stripped last, so that a cleaned tag cleans to itself.
    value = " ".join(value.split()).lstrip("* ")
    return "" if value.casefold() in _SYSTEM_TAGS else value


def is_linkedin(url: str) -> bool:
    """Whether a web address is a LinkedIn profile or page."""
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0]
    return host == "linkedin.com" or host.endswith(".linkedin.com")


def _in_range(value: dt.date | None, earliest: dt.date, latest: dt.date) -> dt.date | None:
    return value if value is not None and earliest <= value <= latest else None


def clean_record(record: ContactRecord, today: dt.date | None = None) -> ContactRecord:
    """The record as natverk keeps it: trimmed, limited, valid addresses, plausible dates."""
    # A day of slack either side of UTC midnight: the bounds only catch mistyped years.
    today = today or dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    websites = _items(record.websites, clean_url)
    linkedin = clean_url(record.linkedin_url)
    if not linkedin:
        linkedin = next((w for w in websites if is_linkedin(w)), "")
    return replace(
        record,
        name=_text(record.name, MAX_NAME),
        given_name=_text(record.given_name, MAX_NAME),
        family_name=_text(record.family_name, MAX_NAME),
        emails=_items(record.emails, clean_email),
        phones=_items(record.phones, clean_phone),
        company=_text(record.company),
        title=_text(record.title),
        linkedin_url=linkedin,
        websites=tuple(w for w in websites if w != linkedin),
        birthday=_in_range(record.birthday, _BIRTHDAYS_FROM, today),
        met_on=_in_range(record.met_on, _MET_FROM, today + dt.timedelta(days=366)),
        how_we_met=_text(record.how_we_met),
        notes=_text(record.notes, MAX_NOTES, lines=True),
        tags=_items(record.tags, clean_tag),
    )


def split_multi(value: str) -> list[str]:
    """Values joined by ``:::`` in one cell (Google's and natverk's CSV)."""
    return [part.strip() for part in value.split(":::") if part.strip()]


def named_record(record: ContactRecord) -> tuple[ContactRecord | None, Problem | None]:
    """Give a nameless record a name from its parts, company or address, and say so.

    Returns ``(None, reason)`` for a record with nothing to call the person by.
    """
    if record.name:
        return record, None
    parts = " ".join(p for p in (record.given_name, record.family_name) if p)
    if parts:
        return replace(record, name=parts), None
    for fallback in (record.company, *record.emails, *record.phones):
        if fallback:
            note = Problem(
                _("The contact on line %(line)s has no name: it was named %(name)s."),
                {"line": record.line, "name": fallback},
            )
            return replace(record, name=fallback[:MAX_NAME]), note
    return None, Problem(_("No name, e-mail address or phone number."))


def finish(kind: str, raw: Iterable[ContactRecord], notes: list[Problem]) -> ContactsFile:
    """Clean every record, name the nameless or skip them, and check the record limit."""
    result = ContactsFile(kind=kind, notes=list(notes))
    for record in raw:
        cleaned, note = named_record(clean_record(record))
        if cleaned is None:
            assert note is not None
            result.skipped.append(Skipped(record.line, note))
            continue
        if note is not None:
            result.notes.append(note)
        result.records.append(cleaned)
        if len(result.records) > MAX_RECORDS:
            raise ContactFormatError(
                _("The file has more than %(limit)s contacts, the most natverk reads."),
                limit=MAX_RECORDS,
            )
    return result
