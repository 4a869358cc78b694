"""Contact models, split by concept."""

from natverk.contacts.models.contact import Contact, Tag
from natverk.contacts.models.imports import ImportBatch
from natverk.contacts.models.tending import ContactSettings, Interaction

__all__ = ["Contact", "ContactSettings", "ImportBatch", "Interaction", "Tag"]
