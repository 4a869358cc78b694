"""vCard 2.1, 3.0 and 4.0 files in, vCard 4.0 out.

Read as phones and address books write them: many cards per file; lines ending in CR LF,
LF, CR or the CR CR LF some iPhones write; lines folded anywhere, even inside a
multi-byte UTF-8 character (so lines are unfolded on bytes and decoded afterwards);
quoted-printable values with soft line breaks, declared with ``ENCODING=QUOTED-PRINTABLE``
or bare ``QUOTED-PRINTABLE`` or, on 2.1 cards, not declared at all; ``CHARSET`` parameters;
base64 photos and keys (skipped: natverk keeps no photos); Apple's ``itemN.`` groups with
their ``X-ABLabel``; escapes; nested AGENT cards. vobject reads 3.0/4.0 well but fails on
the 2.1 soft breaks, CR CR LF and 2.1 photo blocks found in real exports, and raises many
exception types on hostile input, so the tokenising here is natverk's own; the tests use
vobject as an independent reader of what :func:`write_vcards` writes.
"""

from __future__ import annotations

import codecs
import datetime as dt
import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from natverk.formats._vcard_lines import Card, Property, cards, looks_like_vcard
from natverk.formats.contacts_base import (
    ContactFormatError,
    ContactRecord,
    ContactsFile,
    Problem,
    finish,
    gettext_noop,
    is_linkedin,
    parse_date,
    read_limited,
)

__all__ = ["looks_like_vcard", "read_vcards", "write_vcards"]

_ = gettext_noop
_QP_VALUE = re.compile(rb"^(?:[^=]|=[0-9A-Fa-f]{2})*$")
_QP_HIGH_BYTE = re.compile(rb"=[89A-Fa-f][0-9A-Fa-f]")
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")


# --- values -----------------------------------------------------------------------------


def _charset(prop: Property) -> str:
    for key, value in prop.params:
        if key == "CHARSET":
            name = value.strip('"').lower()
            try:
                info = codecs.lookup(name)
            except (LookupError, ValueError):  # unknown, or a NUL byte in the name
                return "utf-8"
            # "quopri", "base64", "zlib" are codecs too, but not text encodings.
            return info.name if getattr(info, "_is_text_encoding", True) else "utf-8"
    return "utf-8"


def _decode(raw: bytes, charset: str, bad_lines: list[int], line: int) -> str:
    try:
        return raw.decode(charset)
    except (UnicodeDecodeError, LookupError):
        pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        bad_lines.append(line)
        return raw.decode("utf-8", errors="replace")


def _is_base64(prop: Property) -> bool:
    encodings = prop.param_values("ENCODING") + prop.param_values("")
    return any(e in ("b", "base64") for e in encodings)


def _text_value(prop: Property, version: str, bad_lines: list[int]) -> str:
    raw = prop.raw
    declared_qp = prop.has("ENCODING", "quoted-printable")
    undeclared = version.startswith("2") and _QP_HIGH_BYTE.search(raw) and _QP_VALUE.match(raw)
    if declared_qp or undeclared:
        raw = quopri.decodestring(raw)
    return _decode(raw, _charset(prop), bad_lines, prop.line)


_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", ":": ":", "\\": "\\", '"': '"'}


_ESCAPED = re.compile(r"\\(.)", re.S)


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPED.sub(lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


def _split_unescaped(text: str, separator: str) -> list[str]:
    if "\\" not in text:
        return text.split(separator)
    parts, start, index = [], 0, 0
    while True:
        index = text.find(separator, index)
        if index < 0:
            parts.append(text[start:])
            break
        slashes = 0
        while index - slashes - 1 >= start and text[index - slashes - 1] == "\\":
            slashes += 1
        if slashes % 2 == 0:
            parts.append(text[start:index])
            start = index + 1
        index += 1
    return [_unescape(p) for p in parts]


def _label(text: str) -> str:
    match = _APPLE_LABEL.match(text.strip())
    return (match.group(1) if match else text).strip().lower()


@dataclass
class _Builder:
    """The fields of one card as they are read."""

    line: int
    name: str = ""
    given: str = ""
    family: str = ""
    emails: list[tuple[bool, str]] = field(default_factory=list)
    phones: list[tuple[bool, str]] = field(default_factory=list)
    company: str = ""
    title: str = ""
    role: str = ""
    linkedin: str = ""
    websites: list[str] = field(default_factory=list)
    birthday: dt.date | None = None
    met_on: dt.date | None = None
    how_we_met: str = ""
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    def record(self) -> ContactRecord:
        """The card as a record (preferred addresses first)."""
        return ContactRecord(
            name=self.name,
            given_name=self.given,
            family_name=self.family,
            emails=tuple(v for _p, v in sorted(self.emails, key=lambda e: not e[0])),
            phones=tuple(v for _p, v in sorted(self.phones, key=lambda e: not e[0])),
            company=self.company,
            title=self.title or self.role,
            linkedin_url=self.linkedin,
            websites=tuple(self.websites),
            birthday=self.birthday,
            met_on=self.met_on,
            how_we_met=self.how_we_met,
            notes="\n\n".join(n for n in self.notes if n.strip()),
            tags=tuple(self.tags),
            line=self.line,
        )


def _add_url(card: _Builder, url: str, label: str) -> None:
    if (is_linkedin(url) or "linkedin" in label) and not card.linkedin:
        card.linkedin = url
        return
    card.websites.append(url)


def _apply(card: _Builder, prop: Property, text: str, labels: dict[str, str]) -> None:
    name = prop.name
    preferred = prop.has("TYPE", "pref") or any(k == "PREF" for k, _v in prop.params)
    if name == "FN":
        card.name = card.name or _unescape(text)
    elif name == "N":
        parts = [*_split_unescaped(text, ";"), "", ""]
        card.family, card.given = parts[0], parts[1]
    elif name == "EMAIL":
        card.emails.append((preferred, _unescape(text)))
    elif name == "TEL":
        card.phones.append((preferred, _unescape(text)))
    elif name == "ORG":
        card.company = card.company or _split_unescaped(text, ";")[0]
    elif name == "TITLE":
        card.title = card.title or _unescape(text)
    elif name == "ROLE":
        card.role = card.role or _unescape(text)
    elif name in ("URL", "X-SOCIALPROFILE"):
        label = labels.get(prop.group, "") + " " + " ".join(prop.param_values("TYPE"))
        url = _unescape(text).strip()
        if name == "URL" or is_linkedin(url):
            _add_url(card, url, label)
    elif name == "BDAY":
        card.birthday = card.birthday or parse_date(text)
    elif name == "X-NATVERK-MET-ON":
        card.met_on = parse_date(text)
    elif name == "X-NATVERK-HOW-WE-MET":
        card.how_we_met = _unescape(text)
    elif name == "NOTE":
        card.notes.append(_unescape(text))
    elif name == "CATEGORIES":
        card.tags.extend(_split_unescaped(text, ","))


_SKIPPED_BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}


def _record(card: Card, bad_lines: list[int], counts: dict[str, int]) -> ContactRecord:
    version = card.version
    builder = _Builder(card.line)
    labels: dict[str, str] = {}
    values: list[tuple[Property, str]] = []
    for prop in card.properties:
        if _is_base64(prop) or (prop.name in _SKIPPED_BINARY and b"base64," in prop.raw[:64]):
            counts["binary"] += prop.name in ("PHOTO", "LOGO")
            continue
        text = _text_value(prop, version, bad_lines)
        if prop.name == "X-ABLABEL" and prop.group:
            labels[prop.group] = _label(text)
        values.append((prop, text))
    for prop, text in values:
        _apply(builder, prop, text, labels)
    return builder.record()


def read_vcards(data: bytes, *, max_bytes: int | None = None) -> ContactsFile:
    """Every card of a vCard file as records; :class:`ContactFormatError` for a broken file.

    >>> found = read_vcards(b"BEGIN:VCARD\\r\\nVERSION:2.1\\r\\n"
    ...     b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=96berg;=C3=85=\\r\\nsa\\r\\n"
    ...     b"END:VCARD\\r\\n")
    >>> found.records[0].name
    'Åsa Öberg'
    """
    read_limited(data, max_bytes)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    bad_lines: list[int] = []
    counts = {"binary": 0}
    raw = [_record(card, bad_lines, counts) for card in cards(data)]
    if not raw:
        raise ContactFormatError(_("The file holds no vCard (BEGIN:VCARD ... END:VCARD)."))
    notes: list[Problem] = []
    if bad_lines:
        shown = ", ".join(str(n) for n in sorted(set(bad_lines))[:5])
        notes.append(
            Problem(
                _("Line(s) %(lines)s: bytes that could not be read were replaced by \ufffd."),
                {"lines": shown},
            )
        )
    if counts["binary"]:
        notes.append(
            Problem(
                _("Photos left out, as natverk keeps no photos: %(count)s."),
                {"count": counts["binary"]},
            )
        )
    return finish("vcard", raw, notes)


# --- writing ----------------------------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _fold(line: str) -> bytes:
    """Fold at 75 octets, never inside a UTF-8 character (RFC 6350 3.2)."""
    data = line.encode("utf-8")
    parts: list[bytes] = []
    limit = 75
    while len(data) > limit:
        cut = limit
        while cut > 0 and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
        limit = 74  # continuation lines start with a space
    parts.append(data)
    return b"\r\n ".join(parts) + b"\r\n"


def _card_lines(record: ContactRecord) -> Iterator[str]:
    yield "BEGIN:VCARD"
    yield "VERSION:4.0"
    yield "FN:" + _escape(record.name)
    yield f"N:{_escape(record.family_name)};{_escape(record.given_name)};;;"
    for index, email in enumerate(record.emails):
        yield ("EMAIL;PREF=1:" if index == 0 else "EMAIL:") + _escape(email)
    for index, phone in enumerate(record.phones):
        yield ("TEL;PREF=1:" if index == 0 else "TEL:") + _escape(phone)
    if record.company:
        yield "ORG:" + _escape(record.company)
    if record.title:
        yield "TITLE:" + _escape(record.title)
    if record.linkedin_url:
        yield "URL;TYPE=linkedin:" + record.linkedin_url
    for website in record.websites:
        yield "URL:" + website
    if record.birthday:
        yield "BDAY:" + record.birthday.strftime("%Y%m%d")
    if record.met_on:
        yield "X-NATVERK-MET-ON:" + record.met_on.strftime("%Y%m%d")
    if record.how_we_met:
        yield "X-NATVERK-HOW-WE-MET:" + _escape(record.how_we_met)
    if record.notes:
        yield "NOTE:" + _escape(record.notes)
    if record.tags:
        yield "CATEGORIES:" + ",".join(_escape(tag) for tag in record.tags)
    yield "END:VCARD"


def write_vcards(records: Iterable[ContactRecord]) -> bytes:
    """Records as one vCard 4.0 file (UTF-8, CR LF, folded lines) that natverk reads back."""
    return b"".join(_fold(line) for record in records for line in _card_lines(record))
