"""What every contact reader returns and every writer takes, and how contact files are read.

A reader (:mod:`natverk.formats.vcard`, :mod:`natverk.formats.linkedin`,
:mod:`natverk.formats.contacts_csv`; :mod:`natverk.formats.contact_files` picks one)
returns a :class:`ContactsFile`: cleaned :class:`ContactRecord` values, the records it
skipped with a reason, and notes for the import report. A file it cannot read raises
:class:`ContactFormatError` listing every reason, so an import is all-or-nothing.

Reading is bounded: :func:`read_limited` refuses more than ``NATVERK_MAX_IMPORT_BYTES``
and :func:`decode_text` reads UTF-8 (with or without BOM), UTF-16 and Windows-1252 with a
note naming lines whose bytes were replaced. These two mirror the shared safe-reading
layer being built in ``natverk.formats.text`` (branch ``importers``); when it lands, they
become imports of ``read_source`` and ``decode_text`` and :class:`ContactFormatError`
a subclass of its ``MalformedFileError`` (its ``Problem`` has the same shape).

Messages are English msgids marked with :func:`gettext_noop` and translated where they
are shown (the Django site passes its ``gettext`` to :meth:`Problem.render`).
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

__all__ = [
    "ContactFormatError",
    "ContactRecord",
    "ContactsFile",
    "Decoded",
    "Problem",
    "Skipped",
    "clean_record",
    "decode_text",
    "gettext_noop",
    "max_import_bytes",
    "parse_date",
    "read_limited",
]

DEFAULT_MAX_IMPORT_BYTES = 10 * 1024 * 1024
#: Most records natverk reads from one file (a LinkedIn export of 30,000 fits).
MAX_RECORDS = 50_000
#: Longest value kept per field; longer text is cut (notes) or dropped (a name).
MAX_NAME = 200
MAX_TEXT = 300
MAX_NOTES = 10_000
MAX_ITEMS = 20  # e-mail addresses, phone numbers, websites or tags per contact
MULTI_SEPARATOR = " ::: "

Translate = Callable[[str], str]


def gettext_noop(text: str) -> str:
    """Mark ``text`` as a message to translate where it is shown (returns it unchanged)."""
    return text


_ = gettext_noop


@dataclass(frozen=True)
class Problem:
    """One sentence: an English msgid with ``%(name)s`` placeholders and their values."""

    text: str
    params: Mapping[str, object] = field(default_factory=dict)

    def render(self, translate: Translate = gettext_noop) -> str:
        """The sentence translated by ``translate`` with its values filled in."""
        template = translate(self.text)
        if not self.params:
            return template
        values = {
            k: v.render(translate) if isinstance(v, Problem) else v for k, v in self.params.items()
        }
        return template % values


class ContactFormatError(ValueError):
    """A contact file natverk cannot read; ``problems`` says why, one sentence each."""

    def __init__(self, text: str | Sequence[Problem], /, **params: object) -> None:
        self.problems: list[Problem] = (
            [Problem(text, params)] if isinstance(text, str) else list(text)
        )
        super().__init__("\n".join(p.render() for p in self.problems))

    def lines(self, translate: Translate = gettext_noop, limit: int = 20) -> list[str]:
        """The problems as sentences, at most ``limit`` of them."""
        return [p.render(translate) for p in self.problems[:limit]]


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


def max_import_bytes() -> int:
    """The largest file natverk imports: ``NATVERK_MAX_IMPORT_BYTES``, default 10 MiB."""
    raw = os.environ.get("NATVERK_MAX_IMPORT_BYTES", "").strip()
    try:
        value = int(raw) if raw else DEFAULT_MAX_IMPORT_BYTES
    except ValueError:
        value = 0
    return value if value > 0 else DEFAULT_MAX_IMPORT_BYTES


def read_limited(data: bytes, max_bytes: int | None = None) -> bytes:
    """``data`` unchanged, or :class:`ContactFormatError` when it is too large or empty."""
    limit = max_import_bytes() if max_bytes is None else max_bytes
    if len(data) > limit:
        raise ContactFormatError(
            _("The file is larger than %(limit)s bytes, the most natverk imports."),
            limit=limit,
        )
    if not data.strip():
        raise ContactFormatError(_("The file is empty."))
    return data


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used, and notes for the import report."""

    text: str
    encoding: str
    notes: list[Problem] = field(default_factory=list)


_BINARY = (
    (b"%PDF", _("a PDF document")),
    (b"\x89PNG", _("a PNG image")),
    (b"\xff\xd8\xff", _("a JPEG image")),
    (b"\xd0\xcf\x11\xe0", _("an Excel 97-2003 workbook")),
    (b"PK\x03\x04", _("a ZIP archive")),
    (b"\x1f\x8b", _("a gzip archive")),
)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _line_numbers(text: str, needle: str, most: int = 5) -> str:
    lines: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            lines.append(number)
            if len(lines) > most:
                break
    shown = ", ".join(str(n) for n in lines[:most])
    return shown + (", ..." if len(lines) > most else "")


def decode_text(data: bytes) -> Decoded:
    """Text of a file: UTF-8 (BOM or not), UTF-16 (BOM or not), else Windows-1252.

    A file that is UTF-8 but for a few bad bytes stays UTF-8; the bad bytes become
    U+FFFD and a note names their lines. Binary files and NUL bytes are refused.

    >>> decode_text("Åsa;Öberg".encode("cp1252")).encoding
    'cp1252'
    >>> decode_text(codecs.BOM_UTF8 + "Åsa".encode()).text
    'Åsa'
    """
    notes: list[Problem] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    elif (wide := _utf16_without_bom(data)) is not None:
        text, encoding = data.decode(wide, errors="replace"), "utf-16"
    else:
        for magic, kind in _BINARY:
            if data.startswith(magic):
                raise ContactFormatError(
                    _("The file is %(kind)s, not a contact file."), kind=Problem(kind)
                )
        body = data[3:] if data.startswith(codecs.BOM_UTF8) else data
        text = body.decode("utf-8", errors="replace")
        encoding = "utf-8"
        bad = text.count("\ufffd") - body.decode("utf-8", errors="ignore").count("\ufffd")
        non_ascii = sum(1 for c in text if ord(c) > 127) - bad
        if bad and bad > non_ascii:
            text, encoding = body.decode("cp1252", errors="replace"), "cp1252"
            notes.append(Problem(_("The file is not UTF-8; it was read as Windows-1252.")))
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise ContactFormatError(
            _("Line %(line)s contains a NUL byte: this is not a text file."),
            line=_line_numbers(text, "\x00", 1),
        )
    if "\ufffd" in text and encoding != "cp1252":
        notes.append(
            Problem(
                _("Line(s) %(lines)s: bytes that could not be read were replaced by \ufffd."),
                {"lines": _line_numbers(text, "\ufffd")},
            )
        )
    return Decoded(text, encoding, notes)


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
    value = _text(value.lstrip("* "), 40)
    for char in ",;:":
        value = value.replace(char, " ")
    value = " ".join(value.split())
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
