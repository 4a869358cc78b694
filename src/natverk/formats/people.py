"""People lists for breakout rounds and 1:1 pairing, and the history of who met whom.

A people CSV has a row per person: name and e-mail, and optionally department, home
group, language(s), facilitator (yes/no) and paused/opt-out (yes/no); headers in
Swedish, Danish or English. A history CSV is any rounds.csv or pairs.csv natverk wrote
(people who shared a round and room, or a pair, have met). Pure: no Django.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from natverk.formats.applicants import ApplicantFileError, _plain

__all__ = ["Person", "read_history", "read_people"]

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


def _rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [r for r in csv.reader(io.StringIO(text, newline=""), dialect) if any(r)]
    except csv.Error as exc:
        raise ApplicantFileError([f"The CSV file cannot be read: {exc}."]) from None


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


def read_people(path: Path) -> list[Person]:
    """Read a people CSV; every problem (missing column, duplicate e-mail) is reported."""
    rows = _rows(path.read_bytes())
    if len(rows) < 2:
        raise ApplicantFileError([f"{path.name} has no people in it."])
    cols = _columns(rows[0])
    if "email" not in cols:
        raise ApplicantFileError(
            ["Could not find the e-mail column. Columns in the file: " + "; ".join(rows[0])]
        )
    problems: list[str] = []
    seen: dict[str, int] = {}
    people: list[Person] = []

    def cell(row: list[str], name: str) -> str:
        k = cols.get(name)
        return row[k].strip() if k is not None and k < len(row) else ""

    for number, row in enumerate(rows[1:], start=2):
        email = cell(row, "email").lower()
        if "@" not in email:
            problems.append(f"Row {number}: {email or '(empty)'} is not an e-mail address.")
        elif email in seen:
            problems.append(f"Row {number}: {email} is listed twice (also row {seen[email]}).")
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
        raise ApplicantFileError(problems)
    return people


def read_history(path: Path, emails: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs of people (by index in ``emails``) who met according to a rounds.csv or
    pairs.csv written by natverk: same round and room, or same pair."""
    rows = _rows(path.read_bytes())
    if not rows:
        return []
    header = [_plain(h) for h in rows[0]]
    try:
        e = next(k for k, h in enumerate(header) if "mail" in h or "e-post" in h)
    except StopIteration:
        raise ApplicantFileError([f"{path.name}: no e-mail column in the history file."]) from None
    # A meeting is a round and room, or a pair: names and departments (people of different
    # departments share a pair) are not part of it.
    ignored = ("namn", "name", "navn", "department", "avdelning", "afdeling")
    keys = [k for k, h in enumerate(header) if k != e and h not in ignored]
    index = {m: k for k, m in enumerate(emails)}
    meetings: dict[tuple[str, ...], list[int]] = {}
    for row in rows[1:]:
        who = index.get(row[e].strip().lower()) if e < len(row) else None
        if who is None:
            continue
        meetings.setdefault(tuple(row[k] for k in keys if k < len(row)), []).append(who)
    return sorted(
        {
            (min(a, b), max(a, b))
            for group in meetings.values()
            for x, a in enumerate(group)
            for b in group[x + 1 :]
        }
    )
