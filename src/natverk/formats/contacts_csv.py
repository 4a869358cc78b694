"""Contacts CSV in and natverk's own contacts CSV out.

Read: Google Contacts (the legacy "Google CSV" with ``Name``, ``Group Membership`` and
``E-mail 1 - Type``/``Value``; the current one with ``First Name``, ``Labels`` and
``E-mail 1 - Label``/``Value``), Outlook (desktop, Outlook.com, Google's "Outlook CSV",
headers in English, Swedish or Danish), Thunderbird and Windows Live style files, and
natverk's own export. Columns are recognised by their header (``data/contact_columns.csv``
and Google's numbered groups ``E-mail 2 - Value``); several values in one cell are split
at ``:::``. Text is UTF-8 with or without BOM, UTF-16 or Windows-1252, separated by
``,``, ``;`` or tab.

Write: :func:`write_contacts_csv` writes every field of :class:`ContactRecord` in
natverk's layout (UTF-8 with BOM so Excel shows å, ä, ö; several values joined by
`` ::: ``). A cell that a spreadsheet would run as a formula (``= + - @``, tab, CR) gets a
leading ``'``; natverk's reader removes it again, so an export reads back unchanged.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

from natverk.formats._contact_rows import csv_rows
from natverk.formats.contacts_base import (
    ContactFormatError,
    ContactRecord,
    ContactsFile,
    Problem,
    decode_text,
    finish,
    gettext_noop,
    numeric_order,
    parse_date,
    read_limited,
    split_multi,
)

__all__ = ["NATVERK_HEADER", "read_contacts_csv", "write_contacts_csv"]

_ = gettext_noop
NATVERK_HEADER = (
    "Name",
    "Given name",
    "Family name",
    "E-mail",
    "Phone",
    "Company",
    "Job title",
    "LinkedIn",
    "Websites",
    "Birthday",
    "Met on",
    "How we met",
    "Tags",
    "Notes",
)
_NUMBERED = re.compile(r"^(e-mail|email|phone|organization|website) (\d+) - (.+)$")
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_EMPTY_DATES = {"0/0/00", "0.0.00", "00/00/0000"}
_MULTI = {"email", "phone", "website", "tags"}


@cache
def _column_table() -> dict[str, str]:
    text = resources.files("natverk.formats").joinpath("data/contact_columns.csv").read_text()
    rows = csv.DictReader(io.StringIO(text))
    return {row["header"]: row["field"] for row in rows}


def _key(cell: str) -> str:
    return " ".join(cell.strip().strip("\ufeff").lower().split())


def _columns(header: list[str]) -> dict[int, str]:
    """Column index -> field, for the columns natverk reads."""
    table = _column_table()
    found: dict[int, str] = {}
    for index, cell in enumerate(header):
        key = _key(cell)
        numbered = _NUMBERED.match(key)
        if numbered:
            group, part = numbered.group(1), numbered.group(3)
            if group in ("e-mail", "email", "phone", "website") and part == "value":
                found[index] = {"e-mail": "email", "email": "email"}.get(group, group)
            elif group == "organization" and part in ("name", "title"):
                found[index] = "company" if part == "name" else "title"
        elif key in table:
            found[index] = table[key]
    return found


def _unformula(value: str) -> str:
    """natverk's export put a ``'`` before a cell a spreadsheet would run; take it off."""
    if value.startswith("'") and value.lstrip("'")[:1] in _DANGEROUS:
        return value[1:]
    return value


def _tags(value: str) -> list[str]:
    parts: list[str] = []
    for chunk in split_multi(value):
        parts.extend(re.split(r"[;,]", chunk))
    return parts


def _record(
    row: list[str], line: int, columns: dict[int, str], ours: bool, order: str
) -> tuple[ContactRecord, Problem | None]:
    values: dict[str, list[str]] = {}
    for index, field in columns.items():
        cell = row[index] if index < len(row) else ""
        cell = _unformula(cell) if ours else cell
        if cell.strip():
            values.setdefault(field, []).append(cell)

    def one(field: str) -> str:
        return next((v.strip() for v in values.get(field, []) if v.strip()), "")

    def many(field: str) -> list[str]:
        found: list[str] = []
        for value in values.get(field, []):
            found.extend(_tags(value) if field == "tags" else split_multi(value))
        return found

    first, middle, last = one("first"), one("middle"), one("last")
    name = one("name") or " ".join(p for p in (first, middle, last) if p)
    birthday_text = one("birthday")
    if not birthday_text and one("birth_year"):
        birthday_text = f"{one('birth_year')}-{one('birth_month'):0>2}-{one('birth_day'):0>2}"
    birthday = parse_date(birthday_text, order)
    note = None
    if birthday_text and birthday is None and birthday_text not in _EMPTY_DATES:
        note = Problem(
            _("Line %(line)s: %(value)s is not a date natverk knows; it was left out."),
            {"line": line, "value": birthday_text[:40]},
        )
    notes = values.get("notes", [])
    record = ContactRecord(
        name=name,
        given_name=first,
        family_name=last,
        emails=tuple(many("email")),
        phones=tuple(many("phone")),
        company=one("company"),
        title=one("title"),
        linkedin_url=one("linkedin"),
        websites=tuple(many("website")),
        birthday=birthday,
        met_on=parse_date(one("met_on")),
        how_we_met=one("how_we_met"),
        notes="\n\n".join(n.strip() for n in notes),
        tags=tuple(many("tags")),
        line=line,
    )
    return record, note


def read_contacts_csv(data: bytes, *, max_bytes: int | None = None) -> ContactsFile:
    """Contacts of a Google, Outlook, Thunderbird or natverk CSV file as records.

    >>> data = "First Name;Last Name;E-mail Address\\nÅsa;Öberg;asa@example.se\\n"
    >>> read_contacts_csv(data.encode("cp1252")).records[0].emails
    ('asa@example.se',)
    """
    decoded = decode_text(read_limited(data, max_bytes))
    rows = csv_rows(decoded.text)
    if not rows:
        raise ContactFormatError(_("The file is empty."))
    header_line, header = rows[0]
    columns = _columns(header)
    fields = set(columns.values())
    if not fields & {"name", "first", "last", "email"}:
        raise ContactFormatError(
            _(
                "Line %(line)s is not a header natverk knows: no column for a name or an "
                "e-mail address (it begins %(start)s)."
            ),
            line=header_line,
            start=", ".join(header[:4])[:80],
        )
    ours = {"met_on", "how_we_met"} <= fields
    birthday_columns = [i for i, f in columns.items() if f == "birthday"]
    order = numeric_order(
        row[i] for _line, row in rows[1:] for i in birthday_columns if i < len(row)
    )
    notes = list(decoded.notes)
    raw: list[ContactRecord] = []
    for line, row in rows[1:]:
        record, note = _record(row, line, columns, ours, order)
        raw.append(record)
        if note is not None:
            notes.append(note)
    kind = "natverk-csv" if ours else "contacts-csv"
    return finish(kind, raw, notes)


def _safe(value: str) -> str:
    """A cell that a spreadsheet will not run as a formula (OWASP CSV injection)."""
    return "'" + value if value.lstrip("'")[:1] in _DANGEROUS else value


def _row(record: ContactRecord) -> list[str]:
    def multi(values: Iterable[str]) -> str:
        return " ::: ".join(values)

    cells = [
        record.name,
        record.given_name,
        record.family_name,
        multi(record.emails),
        multi(record.phones),
        record.company,
        record.title,
        record.linkedin_url,
        multi(record.websites),
        record.birthday.isoformat() if record.birthday else "",
        record.met_on.isoformat() if record.met_on else "",
        record.how_we_met,
        multi(record.tags),
        record.notes,
    ]
    return [_safe(cell) for cell in cells]


def write_contacts_csv(records: Iterable[ContactRecord]) -> bytes:
    """Records in natverk's CSV layout, UTF-8 with BOM and CR LF (Excel opens it as is)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(NATVERK_HEADER)
    for record in records:
        writer.writerow(_row(record))
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")
