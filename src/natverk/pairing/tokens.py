"""Signed links in pairing e-mails: answer a check-in or manage one's part, no login.

A token is Django's signed value (HMAC with SECRET_KEY, a timestamp) of an object's
key and its program, under a salt per purpose: a changed character fails the signature,
a check-in token cannot be used as a participant token or the other way round, and an
old one expires. Using a link again does nothing new: it shows or sets the same answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core import signing
from django.urls import reverse

CHECKIN = "natverk.pairing.checkin"
PARTICIPANT = "natverk.pairing.participant"
#: How long each kind of link works after the e-mail that carries it was written.
MAX_AGE = {CHECKIN: dt.timedelta(days=45), PARTICIPANT: dt.timedelta(days=120)}
#: The URL argument that carries each kind of token.
ARGUMENT = {CHECKIN: "checkin_token", PARTICIPANT: "participant_token"}


class TokenExpiredError(Exception):
    """The link was genuine but is too old."""


class TokenInvalidError(Exception):
    """The link was not made by natverk for this purpose (changed, cut or reused)."""


@dataclass(frozen=True)
class Token:
    """What a valid token names: an object's key in a program."""

    key: int
    program_id: int


def make(purpose: str, key: int, program_id: int) -> str:
    """A signed token for ``purpose`` (:data:`CHECKIN` or :data:`PARTICIPANT`)."""
    return signing.dumps([key, program_id], salt=purpose)


def read(purpose: str, token: str) -> Token:
    """The key and program a token names.

    Raises
    ------
    TokenExpiredError
        When the signature is right but the token is older than its purpose allows.
    TokenInvalidError
        For anything else that is not a token of this purpose.
    """
    try:
        key, program_id = signing.loads(token, salt=purpose, max_age=MAX_AGE[purpose])
    except signing.SignatureExpired:
        raise TokenExpiredError from None
    except (signing.BadSignature, ValueError, TypeError):
        raise TokenInvalidError from None
    if not isinstance(key, int) or not isinstance(program_id, int):
        raise TokenInvalidError
    return Token(key, program_id)


def read_expired(purpose: str, token: str) -> Token:
    """The key and program of a genuine token of ``purpose`` whatever its age (to send
    its owner a fresh link to their own address); TokenInvalidError otherwise."""
    try:
        key, program_id = signing.loads(token, salt=purpose)
    except (signing.BadSignature, ValueError, TypeError):
        raise TokenInvalidError from None
    if not isinstance(key, int) or not isinstance(program_id, int):
        raise TokenInvalidError
    return Token(key, program_id)


@cache
def _address(name: str, purpose: str) -> tuple[str, str]:
    """The absolute address of URL ``name`` around its token (reversed once)."""
    path = reverse(name, kwargs={ARGUMENT[purpose]: "TOKEN"})
    before, after = path.split("TOKEN")
    return settings.NATVERK_SITE_URL.rstrip("/") + before, after


def link(name: str, purpose: str, key: int, program_id: int) -> str:
    """The absolute address of URL ``name`` with a fresh token (for e-mails)."""
    before, after = _address(name, purpose)
    return before + make(purpose, key, program_id) + after
