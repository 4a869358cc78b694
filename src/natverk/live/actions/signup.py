"""Registering for an event without being logged in: the address is confirmed first.

Like an application (``natverk.programs.intake``): the form makes no place; it mails a
link (signed, expiring, used once) to the address given. Opening it gives the place and
links it to the address's account, created with the password chosen on the way in when
there is none. A visitor therefore never gets a place, a personal page or a video link
for someone else's address. An address that already has a place gets its own page's
link again instead, and the page says the same either way ("check your e-mail"), so the
form never tells who is registered. A logged-in person registers at once
(:func:`natverk.live.actions.events.register`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse

from natverk.accounts import actions as accounts
from natverk.accounts import mail, tokens
from natverk.accounts.actions import NewPassword
from natverk.accounts.models import EmailConfirmation, User
from natverk.live.actions import LiveError
from natverk.live.actions.events import personal_link, register
from natverk.live.models import Event, Registration

PURPOSE = "event-registration"


@dataclass(frozen=True)
class Signup:
    """What a visitor gave on the registration form."""

    name: str
    email: str
    language: str
    languages: str


def _lifetime() -> dt.timedelta:
    return dt.timedelta(hours=settings.NATVERK_CONFIRMATION_HOURS)


@transaction.atomic
def ask_to_confirm(event: Event, signup: Signup, request: HttpRequest | None = None) -> None:
    """Mail the address a link that gives the place (or its page, if it has one)."""
    email = signup.email.strip().lower()
    held = event.registrations.filter(email=email, cancelled_at__isnull=True).first()
    if held is not None:
        _mail(event, "live/mail/already", {"url": personal_link(held)}, email, signup.language)
        return
    payload = {
        "event": event.pk,
        "name": " ".join(signup.name.split()),
        "language": signup.language,
        "languages": signup.languages,
    }
    _confirmation, token = tokens.issue(
        PURPOSE, email, lifetime=_lifetime(), payload=payload, language=signup.language
    )
    url = mail.absolute_url(
        reverse("live:confirm_registration", kwargs={"event_confirm": token}), request
    )
    context = {"url": url, "hours": settings.NATVERK_CONFIRMATION_HOURS}
    _mail(event, "live/mail/confirm", context, email, signup.language)


def _mail(event: Event, template: str, extra: dict[str, object], to: str, language: str) -> None:
    mail.send(
        template,
        {"event": event, **extra},
        to=to,
        language=language,
        kind="natverk.live.event.confirm",
        topic=f"event:{event.pk}",
        organisation_id=event.organisation_id,
    )


def read_confirmation(token: str) -> tuple[EmailConfirmation, Event]:
    """The confirmation of a link and its event (LinkError when it cannot be used)."""
    confirmation = tokens.read(PURPOSE, token)
    event = Event.objects.filter(pk=confirmation.payload.get("event")).first()
    if event is None:
        raise tokens.LinkError(tokens.INVALID)
    return confirmation, event


def account_for(confirmation: EmailConfirmation) -> User | None:
    """The account of the confirmed address, if there is one."""
    return User.objects.filter(email=confirmation.email).first()


def confirm(
    confirmation: EmailConfirmation, event: Event, *, password: NewPassword | None
) -> tuple[Registration, User]:
    """Use the link: the place is given (within capacity) and linked to the address's
    account, created when there is none. LiveError (full, cancelled) changes nothing."""
    payload = confirmation.payload
    with transaction.atomic():
        tokens.consume(confirmation)
        user = accounts.account_of_confirmed_address(
            account_for(confirmation),
            email=confirmation.email,
            password=password,
            language=str(payload.get("language", "sv")),
        )
        if user is None:
            raise LiveError("a password is needed")
        registration = register(
            event,
            name=str(payload.get("name") or user.name),
            email=confirmation.email,
            language=str(payload.get("language", "sv")),
            languages=str(payload.get("languages", "")),
            user=user,
        )
    return registration, user
