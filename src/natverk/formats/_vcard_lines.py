"""The lines of a vCard file: bytes normalised, unfolded and split into cards of
properties, before any value is decoded (see natverk.formats.vcard)."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from natverk.formats.contacts_base import ContactFormatError, gettext_noop

__all__ = ["Card", "Property", "cards", "looks_like_vcard"]

_ = gettext_noop
_PROPERTY_START = re.compile(rb"^(?:[A-Za-z0-9_-]+\.)?([A-Za-z0-9_-]+)[ \t]*[;:]")
#: Property names of vCard 2.1-4.0 (RFC 2425/2426/6350, vCard 2.1): a line starting with
#: one of these (or X-..., or a group) begins a property; anything else continues a value.
_KNOWN = frozenset(
    b"BEGIN END VERSION PROFILE NAME SOURCE FN N NICKNAME PHOTO BDAY ANNIVERSARY GENDER ADR "
    b"LABEL TEL EMAIL MAILER IMPP LANG TZ GEO TITLE ROLE LOGO AGENT ORG MEMBER RELATED "
    b"CATEGORIES NOTE PRODID REV SORT-STRING SOUND UID CLIENTPIDMAP URL CLASS KEY FBURL "
    b"CALADRURI CALURI XML KIND".split()
)
_MAX_LINE = 1_000_000


@dataclass
class Property:
    """One property line: ``group.NAME;params:value`` with the value still in bytes."""

    line: int
    group: str
    name: str
    params: list[tuple[str, str]]
    raw: bytes

    def param_values(self, key: str) -> list[str]:
        """Values of a parameter (``TYPE=a,b`` and 2.1's bare ``WORK`` both count)."""
        found: list[str] = []
        for name, value in self.params:
            if name == key or (key == "TYPE" and name == ""):
                found.extend(v.strip().strip('"').lower() for v in value.split(","))
        return found

    def has(self, key: str, value: str) -> bool:
        """Whether a parameter has this value, or a bare parameter is it (2.1)."""
        return value in self.param_values(key) or value in self.param_values("")


@dataclass
class Card:
    """The properties between a BEGIN:VCARD and its END:VCARD."""

    line: int
    properties: list[Property] = field(default_factory=list)

    @property
    def version(self) -> str:
        """The VERSION the card declares (3.0 when it declares none)."""
        for prop in self.properties:
            if prop.name == "VERSION":
                return prop.raw.decode("ascii", errors="replace").strip()
        return "3.0"


def looks_like_vcard(data: bytes) -> bool:
    """Whether the bytes start like a vCard file (after a BOM and blank lines)."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    return head.startswith(b"BEGIN:VCARD") or head.startswith(b"BEGIN: VCARD")


def _physical_lines(data: bytes) -> list[bytes]:
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    data = data.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return data.split(b"\n")


_QP, _MAYBE_QP = "qp", "maybe"


def _soft_break(line: bytes) -> str:
    """Whether a property line ends in a quoted-printable soft break: declared (``qp``),
    possible on an undeclared 2.1 value (``maybe``), or not ("")."""
    if not line.endswith(b"=") or b":" not in line:
        return ""
    head = line.split(b":", 1)[0].upper()
    if b"QUOTED-PRINTABLE" in head:
        return _QP
    return "" if b"BASE64" in head or b"ENCODING=B" in head else _MAYBE_QP


def _starts_property(line: bytes) -> bool:
    """Whether a line begins a property: a known name, an X- name or a group."""
    match = _PROPERTY_START.match(line)
    if match is None:
        return False
    name = match.group(1).upper()
    return name in _KNOWN or name.startswith(b"X-") or b"." in line[: match.end(1)]


def _continues(line: bytes) -> bool:
    """A line that is neither a property nor blank: the one before goes on."""
    return bool(line.strip()) and not _starts_property(line)


def _logical_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Unfold: a line starting with space or tab continues the one before; so does the
    line after a quoted-printable soft break (``=`` at the end), and a line that is not a
    property at all (Outlook continues QP labels without ``=``)."""
    current: bytearray | None = None
    start, soft = 0, ""
    for number, line in enumerate(_physical_lines(data), start=1):
        if current is not None and len(current) > _MAX_LINE:
            raise ContactFormatError(
                _("Line %(line)s is longer than a vCard line can be."), line=start
            )
        if current is not None:
            if soft == _QP and line.strip().upper() != b"END:VCARD":
                del current[-1]
                current.extend(line)
                soft = _QP if line.endswith(b"=") else ""
                continue
            if line[:1] in (b" ", b"\t"):
                current.extend(line[1:])
                continue
            if _continues(line) and bytes(current[:4]).upper() not in (b"END:", b"BEGI"):
                if soft == _MAYBE_QP:
                    del current[-1]
                else:
                    current.extend(b"\n")
                current.extend(line)
                soft = _MAYBE_QP if line.endswith(b"=") and soft else ""
                continue
            yield start, bytes(current)
        current, start = bytearray(line), number
        soft = _soft_break(line)
    if current is not None:
        yield start, bytes(current)


def _split_params(text: str) -> list[str]:
    if '"' not in text:
        return text.split(";")
    parts: list[str] = []
    buf: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(char)
    parts.append("".join(buf))
    return parts


def _parse_property(number: int, line: bytes) -> Property | None:
    """Split ``group.NAME;params:value``; None for a line that is not a property."""
    head_end = line.find(b":", 0, 4096)
    if head_end > 0 and b'"' in line[:head_end]:
        head_end, quoted = -1, False
        for index, byte in enumerate(line[:4096]):
            if byte == 0x22:
                quoted = not quoted
            elif byte == 0x3A and not quoted:
                head_end = index
                break
    if head_end <= 0:
        return None
    head = line[:head_end].decode("utf-8", errors="replace")
    name_part, *param_parts = _split_params(head)
    group, _dot, name = name_part.strip().rpartition(".")
    params = []
    for part in param_parts:
        key, sep, value = part.partition("=")
        params.append((key.strip().upper(), value.strip()) if sep else ("", key.strip()))
    return Property(number, group.lower(), name.upper(), params, line[head_end + 1 :])


def cards(data: bytes) -> Iterator[Card]:
    card: Card | None = None
    depth = 0
    for number, line in _logical_lines(data):
        prop = _parse_property(number, line)
        if prop is None:
            continue
        value = prop.raw.strip().upper()
        if prop.name == "BEGIN" and value == b"VCARD":
            if card is None:
                card = Card(number)
            else:
                depth += 1  # a nested AGENT card: not a contact of its own
            continue
        if prop.name == "END" and value == b"VCARD":
            if card is None:
                raise ContactFormatError(
                    _("Line %(line)s ends a card that never began (END:VCARD)."), line=number
                )
            if depth:
                depth -= 1
                continue
            yield card
            card = None
            continue
        if card is not None and not depth:
            card.properties.append(prop)
    if card is not None:
        raise ContactFormatError(
            _("The card that begins on line %(line)s never ends (END:VCARD is missing)."),
            line=card.line,
        )
