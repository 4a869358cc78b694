"""Imports: read a file (or a group) into a pending import, show the plan, apply it all at
once, undo the last one.

``start_import`` reads the whole file first; a broken file raises
:class:`~natverk.formats.contacts_base.ContactFormatError` and nothing is stored.
``plan_import`` says, for each record, whether it creates a contact or merges into one
(same e-mail, phone in E.164, LinkedIn profile, or a close name at the same company),
and ``apply_import`` writes everything in one transaction, merging only where the member
confirmed. The contacts an import created and the values merged contacts had before are
kept, so ``undo_import`` restores the member's contacts as they were.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, fields
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from natverk.accounts.models import Membership, User
from natverk.contacts.bulk import insert_contacts
from natverk.contacts.duplicates import Card, Index, Match
from natverk.contacts.merging import MERGED_FIELDS, merge_record, snapshot
from natverk.contacts.models import Contact, ImportBatch, Tag
from natverk.contacts.models.contact import search_text_of
from natverk.formats.contact_files import read_contact_file
from natverk.formats.contacts_base import ContactRecord, ContactsFile, Problem, clean_tag

__all__ = [
    "ImportStateError",
    "PlanItem",
    "apply_import",
    "cancel_import",
    "last_applied_import",
    "plan_import",
    "region_of",
    "start_import",
    "start_records_import",
    "undo_import",
]

_DATE_FIELDS = ("birthday", "met_on")
_RECORD_FIELDS = fields(ContactRecord)


class ImportStateError(ValueError):
    """An import that cannot be applied or undone now; the text says why."""


def record_to_json(record: ContactRecord) -> dict[str, Any]:
    """A record as JSON for the pending import."""
    data: dict[str, Any] = {f.name: getattr(record, f.name) for f in _RECORD_FIELDS}
    for name in _DATE_FIELDS:
        data[name] = data[name].isoformat() if data[name] else None
    for name in ("emails", "phones", "websites", "tags"):
        data[name] = list(data[name])
    return data


def record_from_json(data: dict[str, Any]) -> ContactRecord:
    """A record back from JSON."""
    values = dict(data)
    for name in ("emails", "phones", "websites", "tags"):
        values[name] = tuple(values.get(name) or ())
    for name in _DATE_FIELDS:
        values[name] = dt.date.fromisoformat(values[name]) if values.get(name) else None
    return ContactRecord(**values)


def _problem_json(problem: Problem) -> list[Any]:
    return [problem.text, {k: str(v) for k, v in problem.params.items()}]


def region_of(owner: User) -> str:
    """The default phone region of a member: their organisation's country (SE if none)."""
    country = (
        Membership.objects.filter(user=owner)
        .order_by("pk")
        .values_list("organisation__country", flat=True)
        .first()
    )
    return (country or "SE").upper()


def _cancel_pending(owner: User) -> None:
    ImportBatch.objects.filter(owner=owner, status=ImportBatch.Status.PENDING).update(
        status=ImportBatch.Status.CANCELLED, records=[]
    )


@transaction.atomic
def start_records_import(
    owner: User,
    found: ContactsFile,
    source: str,
    *,
    members: dict[int, int] | None = None,
) -> ImportBatch:
    """Hold what a reader found as a pending import for the member to preview."""
    _cancel_pending(owner)
    batch = ImportBatch(
        owner=owner,
        source=source[:200],
        kind=found.kind,
        records=[record_to_json(r) for r in found.records],
        notes=[_problem_json(p) for p in found.notes],
        skipped=[[s.line, *_problem_json(s.reason)] for s in found.skipped],
        members={str(k): v for k, v in (members or {}).items()},
        skipped_count=len(found.skipped),
    )
    batch.full_clean()
    batch.save()
    return batch


def start_import(owner: User, data: bytes, filename: str = "") -> ImportBatch:
    """Read a contact file; a pending import, or ContactFormatError with nothing stored."""
    found = read_contact_file(data)
    return start_records_import(owner, found, filename or found.kind)


def cancel_import(batch: ImportBatch) -> None:
    """Forget a pending import (its records are dropped)."""
    if batch.status != ImportBatch.Status.PENDING:
        raise ImportStateError(_("This import was already imported or cancelled."))
    batch.status = ImportBatch.Status.CANCELLED
    batch.records = []
    batch.save(update_fields=["status", "records"])


@dataclass(frozen=True)
class PlanItem:
    """What one record does: create a contact, or merge into a contact or an earlier
    record of the same file (``into_record``); ``strong`` merges are checked already."""

    index: int
    record: ContactRecord
    match: Match | None = None
    into_record: int | None = None
    target_name: str = ""

    @property
    def merges(self) -> bool:
        """Whether the record has somewhere to merge into."""
        return self.match is not None

    @property
    def strong(self) -> bool:
        """Whether the match is by address, phone or profile (not only the name)."""
        return self.match is not None and self.match.strong


def _card(key: int, record: ContactRecord | Contact) -> Card:
    return Card(
        key=key,
        name=record.name,
        emails=tuple(record.emails),
        phones=tuple(record.phones),
        company=record.company,
        linkedin_url=record.linkedin_url,
    )


def plan_import(batch: ImportBatch) -> list[PlanItem]:
    """For each record of a pending import: create, or merge into whom and why."""
    index = Index(region_of(batch.owner))
    names: dict[int, str] = {}
    existing = Contact.objects.filter(owner=batch.owner).only(
        "pk", "name", "emails", "phones", "company", "linkedin_url"
    )
    for contact in existing.iterator(chunk_size=2000):
        index.add(_card(contact.pk, contact))
        names[contact.pk] = contact.name
    items: list[PlanItem] = []
    for position, data in enumerate(batch.records):
        record = record_from_json(data)
        key = -(position + 1)
        card = _card(key, record)
        match = index.find(card)
        if match is None:
            items.append(PlanItem(position, record))
        elif match.key < 0:
            earlier = -match.key - 1
            items.append(PlanItem(position, record, match, earlier, items[earlier].record.name))
        else:
            items.append(PlanItem(position, record, match, None, names.get(match.key, "")))
        index.add(card)
    return items


def _new_contact(owner: User, record: ContactRecord, batch: ImportBatch) -> Contact:
    contact = Contact(owner=owner, import_batch=batch)
    for name in ("name", *MERGED_FIELDS):
        value = getattr(record, name)
        setattr(contact, name, list(value) if isinstance(value, tuple) else value)
    return contact


def _check(contact: Contact) -> None:
    # Field validation of every row; the database itself enforces the constraints, so
    # 10,000 rows do not cost 10,000 constraint queries.
    contact.clean_fields(exclude=["owner", "import_batch", "member"])


@dataclass
class _Apply:
    owner: User
    batch: ImportBatch
    new: dict[int, Contact]
    existing: dict[int, Contact]
    target: dict[int, Contact]
    tags: dict[int, set[str]]
    before: dict[str, dict[str, Any]]


def _merge_into(state: _Apply, contact: Contact, record: ContactRecord) -> None:
    """Merge a record into a contact; a saved contact that changes is kept for undo."""
    before = snapshot(contact) if contact.pk is not None else None
    changed = merge_record(contact, record)
    if (changed or record.tags) and before is not None:
        state.before.setdefault(str(contact.pk), before)
    state.tags.setdefault(id(contact), set()).update(record.tags)


def _decide(state: _Apply, item: PlanItem, confirmed: Collection[int] | None) -> None:
    wanted = item.merges and (item.strong if confirmed is None else item.index in confirmed)
    if wanted and item.into_record is not None and item.into_record in state.target:
        _merge_into(state, state.target[item.into_record], item.record)
        state.target[item.index] = state.target[item.into_record]
        return
    if wanted and item.match is not None and item.match.key > 0:
        contact = state.existing.get(item.match.key)
        if contact is not None:
            _merge_into(state, contact, item.record)
            state.target[item.index] = contact
            return
    contact = _new_contact(state.owner, item.record, state.batch)
    contact.member_id = state.batch.members.get(str(item.index))
    state.new[item.index] = contact
    state.target[item.index] = contact
    state.tags.setdefault(id(contact), set()).update(item.record.tags)


def _save_tags(state: _Apply, contacts: Iterable[Contact]) -> None:
    wanted = {clean_tag(n) for names in state.tags.values() for n in names} - {""}
    known = {t.key: t for t in Tag.objects.filter(owner=state.owner)}
    missing = {n.casefold(): n for n in wanted if n.casefold() not in known}
    Tag.objects.bulk_create(
        [Tag(owner=state.owner, name=n, key=k) for k, n in missing.items()],
        ignore_conflicts=True,
    )
    known = {t.key: t for t in Tag.objects.filter(owner=state.owner)}
    through = Contact.tags.through
    links = []
    for contact in contacts:
        for name in state.tags.get(id(contact), ()):
            tag = known.get(clean_tag(name).casefold())
            if tag is not None:
                links.append(through(contact_id=contact.pk, tag_id=tag.pk))
    through.objects.bulk_create(links, ignore_conflicts=True)


def _tag_snapshot(state: _Apply, merged: list[Contact]) -> None:
    """The tags merged contacts had before (one query), for undo."""
    through = Contact.tags.through
    links = through.objects.filter(contact_id__in=[c.pk for c in merged]).values_list(
        "contact_id", "tag_id"
    )
    for contact in merged:
        state.before[str(contact.pk)].setdefault("tags", [])
    for contact_id, tag_id in links:
        state.before[str(contact_id)]["tags"].append(tag_id)


@transaction.atomic
def apply_import(
    batch: ImportBatch,
    *,
    confirmed: Collection[int] | None = None,
    plan: list[PlanItem] | None = None,
) -> ImportBatch:
    """Write a pending import: create contacts, merge where confirmed (``None``: merge the
    strong matches only). All or nothing. ``plan`` is the plan made in the same
    transaction (the command line); pages plan again, the contacts may have changed."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PENDING:
        raise ImportStateError(_("This import was already imported or cancelled."))
    items = plan if plan is not None else plan_import(batch)
    targets = {i.match.key for i in items if i.match is not None and i.match.key > 0}
    existing = {c.pk: c for c in Contact.objects.filter(owner=batch.owner, pk__in=targets)}
    state = _Apply(batch.owner, batch, {}, existing, {}, {}, {})
    for item in items:
        _decide(state, item, confirmed)
    now = timezone.now()
    created = list(state.new.values())
    for contact in created:
        contact.search_text = search_text_of(contact)
        contact.created_at = contact.updated_at = now
        _check(contact)
    insert_contacts(created, batch)
    merged = [c for c in existing.values() if str(c.pk) in state.before]
    _tag_snapshot(state, merged)
    for contact in merged:
        contact.search_text = search_text_of(contact)
        contact.updated_at = now
        _check(contact)
    Contact.objects.bulk_update(
        merged, [*MERGED_FIELDS, "search_text", "updated_at"], batch_size=200
    )
    _save_tags(state, [*created, *merged])
    batch.status = ImportBatch.Status.APPLIED
    batch.applied_at = now
    batch.records = []
    batch.merged_before = state.before
    batch.created_count = len(created)
    batch.merged_count = len(items) - len(created)
    batch.save(
        update_fields=[
            "status",
            "applied_at",
            "records",
            "merged_before",
            "created_count",
            "merged_count",
        ]
    )
    return batch


def last_applied_import(owner: User) -> ImportBatch | None:
    """The member's most recent import that can still be undone."""
    last = (
        ImportBatch.objects.filter(owner=owner, applied_at__isnull=False)
        .order_by("-applied_at", "-pk")
        .first()
    )
    return last if last is not None and last.status == ImportBatch.Status.APPLIED else None


def _restore(contact: Contact, before: dict[str, Any]) -> None:
    for name in MERGED_FIELDS:
        value = before[name]
        if name in _DATE_FIELDS:
            value = dt.date.fromisoformat(value) if value else None
        setattr(contact, name, value)
    contact.search_text = search_text_of(contact)


@transaction.atomic
def undo_import(batch: ImportBatch) -> int:
    """Undo the member's last import: its new contacts go, merged ones get their old
    values back. Returns how many contacts were removed."""
    if last_applied_import(batch.owner) != batch:
        raise ImportStateError(_("Only your latest import can be undone."))
    _total, detail = Contact.objects.filter(owner=batch.owner, import_batch=batch).delete()
    contacts = Contact.objects.filter(
        owner=batch.owner, pk__in=[int(k) for k in batch.merged_before]
    )
    for contact in contacts:
        before = batch.merged_before[str(contact.pk)]
        _restore(contact, before)
        _check(contact)
        contact.save(update_fields=[*MERGED_FIELDS, "updated_at"])
        contact.tags.set(Tag.objects.filter(owner=batch.owner, pk__in=before.get("tags", [])))
    batch.status = ImportBatch.Status.UNDONE
    batch.undone_at = timezone.now()
    batch.merged_before = {}
    batch.save(update_fields=["status", "undone_at", "merged_before"])
    return detail.get(Contact._meta.label, 0)
