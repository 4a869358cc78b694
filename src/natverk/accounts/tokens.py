"""Signed links sent by e-mail: tamper-proof, expiring and used once.

The token in a link is a signature over a row's id (``django.core.signing``): a changed
character makes it invalid. The row (``EmailConfirmation``) says until when it works and
whether it was used; using it is one conditional UPDATE, so two clicks at the same moment
cannot both succeed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core import signing
from django.db import transaction
from django.utils import timezone

from natverk.accounts.fields import normalise_email
from natverk.accounts.models import EmailConfirmation, User

__all__ = ["LinkError", "consume", "issue", "read", "read_signed", "sign"]

INVALID = "invalid"
EXPIRED = "expired"
USED = "used"
REVOKED = "revoked"


class LinkError(Exception):
    """A link that cannot be used: ``reason`` is invalid, expired, used or revoked."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def sign(salt: str, data: Mapping[str, Any]) -> str:
    """A URL-safe signed token carrying ``data``."""
    return signing.dumps(dict(data), salt=salt)


def read_signed(salt: str, token: str) -> dict[str, Any]:
    """The data of a token signed with ``salt``; LinkError("invalid") when tampered."""
    try:
        data = signing.loads(token, salt=salt)
    except signing.BadSignature:
        raise LinkError(INVALID) from None
    if not isinstance(data, dict):
        raise LinkError(INVALID)
    return data


def signed_id(data: dict[str, Any], key: str) -> int:
    """The integer id a token carries under ``key``; LinkError("invalid") otherwise."""
    value = data.get(key)
    if not isinstance(value, int):
        raise LinkError(INVALID)
    return value


def _salt(purpose: str) -> str:
    return f"natverk.accounts.confirmation.{purpose}"


def issue(
    purpose: str,
    email: str,
    *,
    lifetime: dt.timedelta,
    user: User | None = None,
    payload: Mapping[str, Any] | None = None,
    language: str = "sv",
) -> tuple[EmailConfirmation, str]:
    """Create a confirmation for ``email`` and the token of its link."""
    confirmation = EmailConfirmation(
        purpose=purpose,
        email=normalise_email(email),
        user=user,
        payload=dict(payload or {}),
        language=language,
        expires_at=timezone.now() + lifetime,
    )
    confirmation.full_clean()
    confirmation.save()
    return confirmation, sign(_salt(purpose), {"c": confirmation.pk})


def read(purpose: str, token: str) -> EmailConfirmation:
    """The confirmation a token points to, if it can still be used (nothing changes)."""
    data = read_signed(_salt(purpose), token)
    pk = signed_id(data, "c")
    confirmation = EmailConfirmation.objects.filter(pk=pk, purpose=purpose).first()
    if confirmation is None:
        raise LinkError(INVALID)
    if confirmation.used_at is not None:
        raise LinkError(USED)
    if confirmation.expired:
        raise LinkError(EXPIRED)
    return confirmation


def consume(confirmation: EmailConfirmation) -> None:
    """Mark the confirmation used, once; LinkError when it was used or expired meanwhile."""
    now = timezone.now()
    with transaction.atomic():
        changed = EmailConfirmation.objects.filter(
            pk=confirmation.pk, used_at__isnull=True, expires_at__gt=now
        ).update(used_at=now)
    if changed != 1:
        fresh = EmailConfirmation.objects.filter(pk=confirmation.pk).first()
        raise LinkError(USED if fresh is not None and fresh.used_at else EXPIRED)
    confirmation.used_at = now
