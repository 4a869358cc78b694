"""The only ways to load a member's contacts and imports: the owner's, or 404.

Contacts are private by construction: every loader filters on the owner, so a leader,
an administrator or another member gets the same 404 as for an id that does not exist.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from natverk.accounts.models import User
from natverk.contacts.models import Contact, ImportBatch, Interaction
from natverk.programs.access import groups_of
from natverk.programs.models import Group


def contacts_of(user: User | AnonymousUser) -> QuerySet[Contact]:
    """The person's own contacts (none for anyone not logged in)."""
    if not isinstance(user, User):
        return Contact.objects.none()
    return Contact.objects.filter(owner=user)


def get_contact_for_owner(user: User | AnonymousUser, contact_id: int) -> Contact:
    """One of the person's own contacts, or 404."""
    contact = contacts_of(user).filter(pk=contact_id).first()
    if contact is None:
        raise Http404
    return contact


def get_interaction_for_owner(
    user: User | AnonymousUser, contact_id: int, interaction_id: int
) -> Interaction:
    """A log entry of one of the person's own contacts, or 404."""
    contact = get_contact_for_owner(user, contact_id)
    entry = contact.interactions.filter(pk=interaction_id).first()
    if entry is None:
        raise Http404
    return entry


def get_import_for_owner(user: User | AnonymousUser, batch_id: int) -> ImportBatch:
    """One of the person's own imports, or 404."""
    if not isinstance(user, User):
        raise Http404
    batch = ImportBatch.objects.filter(owner=user, pk=batch_id).first()
    if batch is None:
        raise Http404
    return batch


def get_own_group(user: User | AnonymousUser, group_id: int) -> Group:
    """A group the person was told they are in (its members can become contacts), or 404."""
    if not isinstance(user, User):
        raise Http404
    group = next((g for g in groups_of(user) if g.pk == group_id), None)
    if group is None:
        raise Http404
    return group
