"""``audit(...)``: the one call other apps make to write the audit trail.

Actions have dotted names (``natverk.program.note.read``, ``natverk.privacy.person.erased``).
``data`` holds ids and counts, never names or addresses: the person is linked by
``subject`` (or ``subject_email`` when they have no account), so erasure can redact them.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from natverk.accounts.models import Organisation, User
from natverk.privacy.models import AuditEntry

__all__ = ["audit", "search"]


def audit(
    action: str,
    *,
    actor: User | None = None,
    subject: User | None = None,
    subject_email: str = "",
    organisation: Organisation | None = None,
    target: models.Model | None = None,
    **data: int | str | bool | None,
) -> AuditEntry:
    """Append one entry to the audit trail."""
    entry = AuditEntry(
        action=action,
        actor=actor if actor is not None and actor.pk else None,
        subject=subject,
        subject_email="" if subject is not None else subject_email.strip().lower(),
        organisation=organisation,
        target=f"{target._meta.label}:{target.pk}" if target is not None else "",
        data=dict(data),
    )
    # The links are model instances the caller holds: checking that they exist again would
    # cost a query each on every audited page view.
    entry.full_clean(exclude=["actor", "subject", "organisation"])
    entry.save()
    return entry


def search(
    organisation: Organisation,
    *,
    text: str = "",
    action: str = "",
    since: Any = None,
    until: Any = None,
) -> models.QuerySet[AuditEntry]:
    """An organisation's entries, newest first, matching a person's name or address
    (actor or subject), an action prefix and a date range."""
    entries = AuditEntry.objects.filter(organisation=organisation).select_related(
        "actor", "subject"
    )
    if text.strip():
        words = text.strip()
        entries = entries.filter(
            Q(actor__name__icontains=words)
            | Q(actor__email__icontains=words)
            | Q(subject__name__icontains=words)
            | Q(subject__email__icontains=words)
            | Q(subject_email__icontains=words)
        )
    if action:
        entries = entries.filter(action__startswith=action)
    if since is not None:
        entries = entries.filter(created_at__date__gte=since)
    if until is not None:
        entries = entries.filter(created_at__date__lte=until)
    return entries
