"""Every change to a member's contacts: one named function per write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from natverk.accounts.models import User
from natverk.contacts.merging import merge_record
from natverk.contacts.models import Contact, ContactSettings, Interaction, Tag
from natverk.formats.contacts_base import ContactRecord, clean_record, clean_tag

#: What each triage decision means for follow-ups unless the member says otherwise:
#: (days to the first follow-up, days between follow-ups).
DEFAULT_RHYTHM: dict[str, tuple[int | None, int | None]] = {
    Contact.Status.DEVELOP: (14, 30),
    Contact.Status.KEEP_WARM: (90, 90),
    Contact.Status.WIND_DOWN: (None, None),
    Contact.Status.NOT_NOW: (90, None),
}
RECORD_FIELDS = (
    "name",
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


class ContactError(ValueError):
    """A change that cannot be made; the text says why (shown to the member)."""


def tags_for(owner: User, names: Iterable[str]) -> list[Tag]:
    """The member's tags with these names, created when new."""
    tags: dict[str, Tag] = {}
    for raw in names:
        name = clean_tag(raw)
        if not name or name.casefold() in tags:
            continue
        tag = Tag.objects.filter(owner=owner, key=name.casefold()).first()
        if tag is None:
            tag = Tag(owner=owner, name=name, key=name.casefold())
            tag.full_clean(exclude=["key"])
            tag.save()
        tags[name.casefold()] = tag
    return list(tags.values())


def _fill(contact: Contact, record: ContactRecord) -> None:
    for name in RECORD_FIELDS:
        value = getattr(record, name)
        setattr(contact, name, list(value) if isinstance(value, tuple) else value)


@transaction.atomic
def create_contact(owner: User, record: ContactRecord, *, member: User | None = None) -> Contact:
    """Add a contact by hand (or from a fellow member); its tags are the record's."""
    record = clean_record(record)
    if not record.name:
        raise ContactError(_("Give the contact a name."))
    contact = Contact(owner=owner, member=member)
    _fill(contact, record)
    contact.full_clean()
    contact.save()
    contact.tags.set(tags_for(owner, record.tags))
    return contact


@transaction.atomic
def update_contact(contact: Contact, record: ContactRecord) -> Contact:
    """Change a contact's card (every field of the record, tags included)."""
    record = clean_record(record)
    if not record.name:
        raise ContactError(_("Give the contact a name."))
    _fill(contact, record)
    contact.full_clean()
    contact.save(update_fields=[*RECORD_FIELDS, "updated_at"])
    contact.tags.set(tags_for(contact.owner, record.tags))
    return contact


def delete_contact(contact: Contact) -> None:
    """Remove a contact with its log."""
    contact.delete()


def triage_contact(
    contact: Contact,
    status: str,
    *,
    today: dt.date,
    next_step: str = "",
    follow_up_on: dt.date | None = None,
    reason: str = "",
) -> Contact:
    """Decide what to do with a contact: develop, keep warm, wind down or not now.

    Without a follow-up date the decision's rhythm gives one (two weeks to develop,
    three months to keep warm or to look again at "not now", none to wind down).
    """
    first, cadence = DEFAULT_RHYTHM[status]
    contact.status = status
    contact.next_step = next_step.strip()
    contact.reason = reason.strip()
    contact.cadence_days = cadence if contact.cadence_days is None else contact.cadence_days
    if status == Contact.Status.WIND_DOWN:
        contact.cadence_days = None
    if follow_up_on is None and first is not None:
        follow_up_on = today + dt.timedelta(days=first)
    contact.next_follow_up = follow_up_on
    contact.full_clean()
    contact.save(update_fields=["status", "next_step", "reason", "cadence_days", "next_follow_up"])
    return contact


def plan_follow_up(
    contact: Contact,
    *,
    cadence_days: int | None,
    next_follow_up: dt.date | None,
    strength: int,
    next_step: str,
) -> Contact:
    """Set how often to follow up, the next date, the next step and the strength."""
    contact.cadence_days = cadence_days
    contact.next_follow_up = next_follow_up
    contact.strength = strength
    contact.next_step = next_step.strip()
    contact.full_clean()
    contact.save(update_fields=["cadence_days", "next_follow_up", "strength", "next_step"])
    return contact


def snooze_contact(contact: Contact, days: int, *, today: dt.date) -> Contact:
    """Put a due follow-up off by ``days`` days."""
    if not 1 <= days <= 365:
        raise ContactError(_("Snooze for between 1 and 365 days."))
    contact.next_follow_up = today + dt.timedelta(days=days)
    contact.full_clean()
    contact.save(update_fields=["next_follow_up"])
    return contact


@transaction.atomic
def log_interaction(
    contact: Contact, *, kind: str, on: dt.date, flow: str = "", note: str = ""
) -> Interaction:
    """Write down what happened; being in touch settles a due follow-up (see below)."""
    entry = Interaction(contact=contact, kind=kind, flow=flow, on=on, note=note.strip())
    entry.full_clean()
    entry.save()
    _after_log_change(contact)
    return entry


@transaction.atomic
def delete_interaction(entry: Interaction) -> None:
    """Remove a log entry written by mistake."""
    contact = entry.contact
    entry.delete()
    _after_log_change(contact)


def _after_log_change(contact: Contact) -> None:
    """Keep "last in touch" true; being in touch when a follow-up was due (or none was
    planned) settles it, and the next one comes a cadence later. A follow-up the member
    planned for a later day stays."""
    last = contact.interactions.aggregate(last=Max("on"))["last"]
    fields = ["last_contact_on"]
    moved_on = last is not None and last != contact.last_contact_on
    contact.last_contact_on = last
    settled = contact.next_follow_up is None or (
        last is not None and contact.next_follow_up <= last
    )
    if moved_on and settled and contact.cadence_days and last is not None:
        contact.next_follow_up = last + dt.timedelta(days=contact.cadence_days)
        fields.append("next_follow_up")
    contact.full_clean()
    contact.save(update_fields=fields)


@transaction.atomic
def merge_contacts(keep: Contact, other: Contact) -> Contact:
    """Make two contacts of the same person one: ``other``'s card, tags and log join
    ``keep``, then ``other`` is removed."""
    if keep.owner_id != other.owner_id or keep.pk == other.pk:
        raise ContactError(_("A contact cannot be merged with itself."))
    changed = merge_record(keep, other.record())
    keep.full_clean()
    keep.save(update_fields=[*changed, "updated_at"])
    keep.tags.add(*other.tags.all())
    other.interactions.update(contact=keep)
    other.delete()
    _after_log_change(keep)
    return keep


def settings_of(owner: User) -> ContactSettings:
    """The member's contact settings (the defaults until they change one)."""
    found = ContactSettings.objects.filter(owner=owner).first()
    return found if found is not None else ContactSettings(owner=owner)


def set_weekly_digest(owner: User, enabled: bool) -> ContactSettings:
    """Turn the weekly e-mail of due contacts on or off."""
    chosen = settings_of(owner)
    chosen.weekly_digest = enabled
    chosen.full_clean()
    chosen.save()
    return chosen
