"""A member's contacts as a vCard 4.0 or CSV file (the page and the command line share it);
both read back through the importer to the same cards."""

from __future__ import annotations

from natverk.accounts.models import User
from natverk.contacts.models import Contact
from natverk.formats.contacts_base import ContactRecord
from natverk.formats.contacts_csv import write_contacts_csv
from natverk.formats.vcard import write_vcards

FORMATS = {
    "vcf": ("text/vcard; charset=utf-8", write_vcards),
    "csv": ("text/csv; charset=utf-8", write_contacts_csv),
}


def records_of(owner: User) -> list[ContactRecord]:
    """Every contact of the member as records, by name."""
    contacts = Contact.objects.filter(owner=owner).prefetch_related("tags").order_by("name", "pk")
    return [c.record([t.name for t in c.tags.all()]) for c in contacts.iterator(chunk_size=2000)]


def export_contacts(owner: User, fmt: str) -> tuple[bytes, str, str]:
    """The file's bytes, its content type and a file name, for ``vcf`` or ``csv``."""
    content_type, write = FORMATS[fmt]
    return write(records_of(owner)), content_type, f"natverk-contacts.{fmt}"
