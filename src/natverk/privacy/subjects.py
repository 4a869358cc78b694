"""Who a request is about, and the rows of each registered model that belong to them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db import models

from natverk.accounts.models import User
from natverk.privacy.registry import PersonalData, Subject, registered

__all__ = [
    "subject_for",
    "subject_for_email",
    "scoped_rows",
    "organisations_of",
    "for_organisation",
]


def subject_for(user: User) -> Subject:
    """A person with an account: the account and its address."""
    return Subject(user_id=user.pk, emails=frozenset({user.email.strip().lower()}))


def subject_for_email(email: str) -> Subject:
    """A person named by an address: their account when one has it, and the address."""
    address = email.strip().lower()
    user = User.objects.filter(email__iexact=address).first()
    emails = {address} | ({user.email.lower()} if user is not None else set())
    return Subject(user_id=user.pk if user is not None else None, emails=frozenset(emails))


def scoped_rows(spec: PersonalData, subject: Subject) -> models.QuerySet[Any]:
    """The person's rows of one model; for an organisation's request only its rows."""
    rows = spec.rows(subject)
    if subject.organisation_id is None:
        return rows
    if not spec.scope:
        return rows.none()
    return rows.filter(**{spec.scope: subject.organisation_id})


def organisations_of(subject: Subject) -> set[int]:
    """Every organisation holding rows about the person (through the registry)."""
    whole = replace(subject, organisation_id=None)
    found: set[int] = set()
    for spec in registered():
        if spec.scope:
            values = spec.rows(whole).values_list(spec.scope, flat=True).distinct()
            found.update(v for v in values if v is not None)
    return found


def for_organisation(subject: Subject, organisation_id: int) -> Subject | None:
    """The person as one organisation's administrator may handle them.

    None when the organisation holds nothing about them. When only this organisation
    holds their data, the whole person (account included); when others do too, only
    what this organisation holds.
    """
    holders = organisations_of(subject)
    if organisation_id not in holders:
        return None
    if holders - {organisation_id}:
        return replace(subject, organisation_id=organisation_id)
    return replace(subject, organisation_id=None)
