"""Lists of people to invite, pasted or uploaded: one person per line or row.

Accepted lines: ``Anna Berg <anna@example.org>``, ``anna@example.org, Anna Berg``,
``Anna Berg;anna@example.org;da`` (a trailing sv/da/en is the invitee's language), a
bare address, or CSV/spreadsheet rows with the address in any column. A header row
(the first line with words such as "e-mail" or "name" and no address) is skipped. Pure: no Django.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

__all__ = ["Invitee", "InviteeList", "MAX_INVITEES", "read_invitees", "rows_to_text"]

#: The most people one list may hold (a larger list is refused, not cut).
MAX_INVITEES = 500
_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
_LANGUAGES = {"sv", "da", "en"}
_HEADER_WORDS = ("e-post", "epost", "email", "e-mail", "mail", "namn", "navn", "name")


@dataclass(frozen=True)
class Invitee:
    """One person to invite: address (lower case), name (may be empty), language."""

    email: str
    name: str = ""
    language: str = ""


@dataclass(frozen=True)
class InviteeList:
    """The people read, and every line that could not be read (with its number)."""

    people: tuple[Invitee, ...]
    problems: tuple[tuple[int, str], ...]


def _cells(line: str) -> list[str]:
    delimiter = "\t" if "\t" in line else ";" if ";" in line else ","
    try:
        row = next(csv.reader([line], delimiter=delimiter))
    except (csv.Error, StopIteration):
        row = [line]
    return [c.strip() for c in row if c.strip()]


def _person(line: str) -> Invitee | None:
    found = _EMAIL.findall(line)
    if len(found) != 1:
        return None
    email = found[0].lower()
    if len(email) > 254:
        return None
    language = ""
    name_parts: list[str] = []
    for cell in _cells(line.replace(found[0], "\x00")):
        cell = cell.replace("\x00", "").strip(" <>\"'()[]")
        if not cell:
            continue
        if cell.lower() in _LANGUAGES and not language:
            language = cell.lower()
        else:
            name_parts.append(cell)
    name = " ".join(" ".join(name_parts).split())[:150]
    return Invitee(email=email, name=name, language=language)


def _is_header(line: str) -> bool:
    lowered = line.lower()
    return "@" not in lowered and any(w in lowered for w in _HEADER_WORDS)


def read_invitees(text: str) -> InviteeList:
    """Read a pasted list or a CSV file's text; an address listed twice counts once."""
    people: dict[str, Invitee] = {}
    problems: list[tuple[int, str]] = []
    first = True
    for number, raw in enumerate(text.replace("\x00", "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if first and _is_header(line):
            first = False
            continue
        first = False
        person = _person(line)
        if person is None:
            problems.append((number, line[:120]))
        elif person.email not in people:
            people[person.email] = person
    return InviteeList(tuple(people.values()), tuple(problems))


def rows_to_text(rows: list[list[object]]) -> str:
    """Spreadsheet rows as tab-separated lines, for ``read_invitees``."""
    out = io.StringIO()
    for row in rows:
        out.write("\t".join("" if v is None else str(v).replace("\t", " ") for v in row) + "\n")
    return out.getvalue()
