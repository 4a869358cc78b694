"""Merging what is known about one person into a contact: blanks are filled, lists are
joined, notes are appended; what the member already has is never overwritten."""

from __future__ import annotations

from typing import Any

from natverk.contacts.models import Contact
from natverk.formats.contacts_base import MAX_ITEMS, MAX_NOTES, ContactRecord

#: Fields an import may change on an existing contact (saved before, for undo).
MERGED_FIELDS = (
    "given_name",
    "family_name",
    "emails",
    "phones",
    "company",
    "title",
    "linkedin_url",
    "websites",
    "birthday",
    "met_on",
    "how_we_met",
    "notes",
)


def _union(existing: list[str], new: tuple[str, ...]) -> list[str]:
    seen = {value.casefold() for value in existing}
    merged = list(existing)
    for value in new:
        if value.casefold() not in seen and len(merged) < MAX_ITEMS:
            merged.append(value)
            seen.add(value.casefold())
    return merged


def snapshot(contact: Contact) -> dict[str, Any]:
    """The contact's mergeable fields as JSON (dates as ISO text), for undo."""
    values: dict[str, Any] = {}
    for name in MERGED_FIELDS:
        value = getattr(contact, name)
        values[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return values


def merge_record(contact: Contact, record: ContactRecord) -> list[str]:
    """Fill the contact's blanks from the record and join lists; the fields changed."""
    changed: list[str] = []

    def put(name: str, value: object) -> None:
        if getattr(contact, name) != value:
            setattr(contact, name, value)
            changed.append(name)

    for name in ("given_name", "family_name", "company", "title", "linkedin_url", "how_we_met"):
        if not getattr(contact, name) and getattr(record, name):
            put(name, getattr(record, name))
    for name in ("birthday", "met_on"):
        if getattr(contact, name) is None and getattr(record, name) is not None:
            put(name, getattr(record, name))
    if record.met_on and contact.met_on and record.met_on < contact.met_on:
        put("met_on", record.met_on)
    for name in ("emails", "phones", "websites"):
        put(name, _union(list(getattr(contact, name)), getattr(record, name)))
    if record.notes and record.notes not in contact.notes:
        joined = f"{contact.notes}\n\n{record.notes}" if contact.notes else record.notes
        put("notes", joined[:MAX_NOTES])
    return changed
