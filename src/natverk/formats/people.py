"""People lists for breakout rounds and 1:1 pairing, and the history of who met whom.

A people CSV has a row per person: name and e-mail, and optionally department, home
group, language(s), facilitator (yes/no) and paused/opt-out (yes/no); headers in
Swedish, Danish or English. A history CSV is any rounds.csv or pairs.csv natverk wrote
(people who shared a round and room, or a pair, have met). Pure: no Django.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from natverk.formats.answer_columns import plain as _plain
from natverk.formats.errors import FormatError, LimitExceededError, Problem
from natverk.formats.limits import TableLimits
from natverk.formats.tables import read_table
from natverk.formats.text import Readable
from natverk.i18n import gettext_noop as _

__all__ = [
    "HISTORY_LIMITS",
    "PEOPLE_LIMITS",
    "PeopleFileError",
    "Person",
    "read_history",
    "read_people",
]

PEOPLE_LIMITS = TableLimits(max_rows=100_000, max_columns=100)
HISTORY_LIMITS = TableLimits(max_rows=100_000, max_columns=20)
MAX_HISTORY_ROOM = 30  # people in one room or pair of a history file
_YES = {"yes", "ja", "x", "1", "true", "sant", "y"}
_HEADERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("email", ("e-post", "epost", "e-mail", "email", "mail")),
    ("department", ("avdelning", "afdeling", "avdeling", "department", "enhet", "team")),
    ("home_group", ("hemgrupp", "grupp", "gruppe", "home group", "group")),
    ("languages", ("sprak", "sprog", "language")),
    ("facilitator", ("facilitator", "moderator", "samtalsledare", "ordstyrer")),
    ("paused", ("paus", "pause", "opt-out", "opt out", "avstar", "afmeld", "deltar ej")),
    ("name", ("namn", "navn", "name")),
)


@dataclass(frozen=True)
class Person:
    """One person in a breakout or pairing list."""

    name: str
    email: str
    department: str = ""
    home_group: str = ""
    languages: frozenset[str] = frozenset()
    facilitator: bool = False
    paused: bool = False


class PeopleFileError(FormatError):
    """A people list or history file cannot be used; ``problems`` says why, row by row."""


def _columns(header: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for k, title in enumerate(header):
        text = _plain(title)
        for name, words in _HEADERS:
            if name not in found and any(
                re.search(rf"(^|[^a-z]){re.escape(w)}", text) for w in words
            ):
                found[name] = k
                break
    return found


def read_people(
    source: Path | bytes | Readable,
    *,
    filename: str = "",
    max_bytes: int | None = None,
    limits: TableLimits = PEOPLE_LIMITS,
) -> list[Person]:
    """Read a people CSV or XLSX; every problem (missing column, duplicate e-mail) is
    reported, and any unreadable file is a :class:`FormatError`."""
    table = read_table(source, filename=filename, max_bytes=max_bytes, limits=limits)
    rows = table.rows
    if len(rows) < 2:
        raise PeopleFileError(_("The file has no people in it."))
    cols = _columns(rows[0])
    if "email" not in cols:
        raise PeopleFileError(
            _("Could not find the e-mail column. Columns in the file: %(columns)s."),
            columns="; ".join(h[:80] for h in rows[0][:50]),
        )
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    people: list[Person] = []

    def cell(row: list[str], name: str) -> str:
        k = cols.get(name)
        return row[k].strip() if k is not None and k < len(row) else ""

    for number, row in zip(table.numbers[1:], rows[1:], strict=True):
        email = cell(row, "email").lower()
        if "@" not in email:
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
        people.append(
            Person(
                name=cell(row, "name") or email,
                email=email,
                department=cell(row, "department"),
                home_group=cell(row, "home_group"),
                languages=frozenset(
                    w for w in re.split(r"[\s,;/]+", cell(row, "languages").lower()) if w
                ),
                facilitator=_plain(cell(row, "facilitator")) in _YES,
                paused=_plain(cell(row, "paused")) in _YES,
            )
        )
    if problems:
        raise PeopleFileError(problems)
    return people


def read_history(
    source: Path | bytes | Readable,
    emails: Sequence[str],
    *,
    filename: str = "",
    max_bytes: int | None = None,
    limits: TableLimits = HISTORY_LIMITS,
) -> list[tuple[int, int]]:
    """Pairs of people (by index in ``emails``) who met according to a rounds.csv or
    pairs.csv written by natverk: same round and room, or same pair."""
    table = read_table(source, filename=filename, max_bytes=max_bytes, limits=limits)
    if not table.rows:
        return []
    header = [_plain(h) for h in table.rows[0]]
    e = next((k for k, h in enumerate(header) if "mail" in h or "e-post" in h), None)
    if e is None:
        raise PeopleFileError(_("There is no e-mail column in the history file."))
    # A meeting is a round and room, or a pair: names and departments (people of different
    # departments share a pair) are not part of it.
    ignored = ("namn", "name", "navn", "department", "avdelning", "afdeling")
    keys = [k for k, h in enumerate(header) if k != e and h not in ignored]
    index = {m: k for k, m in enumerate(emails)}
    meetings: dict[tuple[str, ...], list[int]] = {}
    for number, row in zip(table.numbers[1:], table.rows[1:], strict=True):
        who = index.get(row[e].strip().lower()) if e < len(row) else None
        if who is None:
            continue
        members = meetings.setdefault(tuple(row[k] for k in keys if k < len(row)), [])
        members.append(who)
        if len(members) > MAX_HISTORY_ROOM:
            raise LimitExceededError(
                _(
                    "Row %(row)s: more than %(limit)s people share one room or pair; "
                    "this is not a rounds.csv or pairs.csv written by natverk."
                ),
                row=number,
                limit=MAX_HISTORY_ROOM,
            )
    return sorted(
        {
            (min(a, b), max(a, b))
            for group in meetings.values()
            for x, a in enumerate(group)
            for b in group[x + 1 :]
            if a != b
        }
    )
