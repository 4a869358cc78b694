"""What contacts hold about a person, for the privacy registry.

Everything here is the owner's own: their contacts, tags, log, imports and settings are
in their data export and deleted with them. Contacts are about third parties kept for
the member's own use; they are never shown to anyone else and go with the member. A
contact that was taken from a fellow group member keeps only a link to that person's
account, which is cleared (``SET_NULL``) when that person is erased.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from natverk.contacts.models import Contact, ContactSettings, ImportBatch, Interaction, Tag
from natverk.privacy.registry import ERASE_DELETE, PersonalData, Subject, register


def _owned(model: type[models.Model], path: str = "owner_id") -> Any:
    def rows(subject: Subject) -> models.QuerySet[Any]:
        return model._default_manager.filter(**{path: subject.user_id or 0})

    return rows


register(
    PersonalData(
        Contact,
        _owned(Contact),
        fields=(
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
            "status",
            "strength",
            "cadence_days",
            "next_follow_up",
            "next_step",
            "reason",
            "last_contact_on",
            "created_at",
        ),
        erase=ERASE_DELETE,
        label="contacts",
    )
)
register(PersonalData(Tag, _owned(Tag), fields=("name",), erase=ERASE_DELETE, label="tags"))
register(
    PersonalData(
        Interaction,
        _owned(Interaction, "contact__owner_id"),
        fields=("kind", "flow", "on", "note", "created_at"),
        erase=ERASE_DELETE,
        label="contact log",
    )
)
register(
    PersonalData(
        ImportBatch,
        _owned(ImportBatch),
        fields=("source", "kind", "status", "created_count", "merged_count", "created_at"),
        erase=ERASE_DELETE,
        label="contact imports",
    )
)
register(
    PersonalData(
        ContactSettings,
        _owned(ContactSettings),
        fields=("weekly_digest",),
        erase=ERASE_DELETE,
        label="contact settings",
    )
)
