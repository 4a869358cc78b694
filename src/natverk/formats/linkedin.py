"""LinkedIn's ``Connections.csv`` (from "Get a copy of your data"), every layout it has had.

- 2022 onwards: a ``Notes:`` preamble (one quoted sentence and a blank line), then
  ``First Name,Last Name,URL,Email Address,Company,Position,Connected On``, dates like
  ``23 Apr 2023``;
- 2023 exports seen without the URL column but with the preamble;
- 2018-2020: no preamble, no URL column, dates like ``"1/8/18, 6:14 PM"``;
- files re-saved by a spreadsheet: ``;`` or tab as separator, dates like ``23-Apr-23``,
  ``2023-04-23`` or ``23/04/2023``, Windows-1252 or UTF-16 text.

The header is found by its cells, not by its line number. Rows of closed or hidden
accounts (no name) are skipped with the reason; an address that is not an e-mail
(``urn:li:member:...``) is left out and noted; names are kept as typed (emoji,
credentials), only trimmed.
"""

from __future__ import annotations

from natverk.formats._contact_rows import csv_rows
from natverk.formats.contacts_base import (
    ContactFormatError,
    ContactRecord,
    ContactsFile,
    Problem,
    Skipped,
    clean_email,
    decode_text,
    finish,
    gettext_noop,
    numeric_order,
    parse_date,
    read_limited,
)

__all__ = ["HOW_WE_MET", "looks_like_linkedin", "read_linkedin_connections"]

_ = gettext_noop
#: What "how we met" says for a LinkedIn connection.
HOW_WE_MET = "LinkedIn"
_COLUMNS = {
    "first name": "first",
    "last name": "last",
    "url": "url",
    "profile url": "url",
    "email address": "email",
    "e-mail address": "email",
    "company": "company",
    "position": "position",
    "connected on": "connected",
}
_HEADER_SEARCH_ROWS = 20


def _key(cell: str) -> str:
    return " ".join(cell.strip().strip("\ufeff").lower().split())


def looks_like_linkedin(text: str) -> bool:
    """Whether decoded text looks like a LinkedIn connections export."""
    head = text[:4096].lower()
    return head.lstrip("\ufeff \r\n").startswith("notes:") or "connected on" in head


def _header(rows: list[tuple[int, list[str]]]) -> tuple[int, dict[str, int]]:
    for index, (_line, row) in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        keys = [_key(cell) for cell in row]
        if keys and keys[0] == "first name":
            columns = {_COLUMNS[k]: i for i, k in enumerate(keys) if k in _COLUMNS}
            missing = {"first", "last", "connected"} - set(columns)
            if missing:
                raise ContactFormatError(
                    _("The LinkedIn header lacks the column(s) %(columns)s."),
                    columns=", ".join(sorted(missing)),
                )
            return index, columns
    raise ContactFormatError(
        _(
            "No header row starting with 'First Name' was found: this is not a LinkedIn "
            "Connections.csv, or a spreadsheet changed it; export it again from LinkedIn."
        )
    )


def _cell(row: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return row[index].strip() if index is not None and index < len(row) else ""


def read_linkedin_connections(data: bytes, *, max_bytes: int | None = None) -> ContactsFile:
    """Connections as records (``met_on`` from Connected On, ``how_we_met`` "LinkedIn").

    >>> text = "First Name,Last Name,Email Address,Company,Position,Connected On\\n"
    >>> text += 'Åsa,Öberg,,Vattenfall,Kommunikatör,"1/8/18, 6:14 PM"\\n'
    >>> found = read_linkedin_connections(text.encode())
    >>> found.records[0].name, found.records[0].met_on
    ('Åsa Öberg', datetime.date(2018, 1, 8))
    """
    decoded = decode_text(read_limited(data, max_bytes))
    rows = csv_rows(decoded.text)
    start, columns = _header(rows)
    body = rows[start + 1 :]
    order = numeric_order(_cell(row, columns, "connected") for _line, row in body)
    notes = list(decoded.notes)
    raw: list[ContactRecord] = []
    skipped: list[Skipped] = []
    for line, row in body:
        first, last = _cell(row, columns, "first"), _cell(row, columns, "last")
        if not first and not last:
            skipped.append(
                Skipped(line, Problem(_("No name: the account was closed or is hidden.")))
            )
            continue
        email = _cell(row, columns, "email")
        if email and not clean_email(email):
            notes.append(
                Problem(
                    _("Line %(line)s: %(value)s is not an e-mail address; it was left out."),
                    {"line": line, "value": email[:80]},
                )
            )
        connected = _cell(row, columns, "connected")
        met_on = parse_date(connected, order)
        if connected and met_on is None:
            notes.append(
                Problem(
                    _("Line %(line)s: %(value)s is not a date natverk knows; it was left out."),
                    {"line": line, "value": connected[:40]},
                )
            )
        raw.append(
            ContactRecord(
                name=f"{first} {last}".strip(),
                given_name=first,
                family_name=last,
                emails=(email,) if email else (),
                company=_cell(row, columns, "company"),
                title=_cell(row, columns, "position"),
                linkedin_url=_cell(row, columns, "url"),
                met_on=met_on,
                how_we_met=HOW_WE_MET,
                line=line,
            )
        )
    result = finish("linkedin", raw, notes)
    result.skipped[:0] = skipped
    return result
