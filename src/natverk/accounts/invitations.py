"""Invitations by e-mail: send, resend, withdraw, open and accept (every write here).

An invitation's link is a signed reference to the row and its current ``nonce``; a
resend draws a new nonce, so only the newest link works. Accepting makes the person a
member with the invited role (a higher role they already have stays) and leads them to
the invitation's landing page (a program's application page, or the dashboard).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from natverk.accounts import actions, mail, tokens
from natverk.accounts.models import Invitation, Membership, Organisation, Role, User
from natverk.formats.invitees import Invitee

SALT = "natverk.accounts.invitation"


@dataclass(frozen=True)
class InviteResult:
    """How many invitations went out, and who was left out because they are already in."""

    sent: int
    already_invited: tuple[str, ...] = ()
    already_members: tuple[str, ...] = ()


def link_token(invitation: Invitation) -> str:
    """The token of the invitation's current link."""
    return tokens.sign(SALT, {"i": invitation.pk, "n": invitation.nonce})


def read_invitation(token: str) -> Invitation:
    """The invitation a link points to, if it can still be accepted (nothing changes)."""
    data = tokens.read_signed(SALT, token)
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(pk=tokens.signed_id(data, "i"))
        .first()
    )
    if invitation is None or invitation.nonce != data.get("n"):
        raise tokens.LinkError(tokens.INVALID)
    state = invitation.state
    if state == Invitation.State.ACCEPTED:
        raise tokens.LinkError(tokens.USED)
    if state == Invitation.State.REVOKED:
        raise tokens.LinkError(tokens.REVOKED)
    if state == Invitation.State.EXPIRED:
        raise tokens.LinkError(tokens.EXPIRED)
    return invitation


def _lifetime() -> dt.timedelta:
    return dt.timedelta(days=settings.NATVERK_INVITATION_DAYS)


def _send(invitation: Invitation, request: HttpRequest | None) -> None:
    url = mail.absolute_url(reverse("accounts:invitation", args=[link_token(invitation)]), request)
    mail.send(
        "accounts/mail/invitation",
        {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "inviter": invitation.invited_by,
            "url": url,
            "days": settings.NATVERK_INVITATION_DAYS,
        },
        to=invitation.email,
        language=invitation.language,
        kind="natverk.accounts.invitation",
        key=f"invitation:{invitation.pk}:{invitation.send_count}",
        topic=invitation.topic,
        organisation_id=invitation.organisation_id,
    )


@transaction.atomic
def invite_people(
    organisation: Organisation,
    people: Iterable[Invitee],
    *,
    by: User,
    role: str = Role.MEMBER,
    language: str = "sv",
    topic: str = "",
    title: str = "",
    landing: str = "",
    request: HttpRequest | None = None,
) -> InviteResult:
    """Invite each person (in their language, else ``language``) with a link that expires.

    Someone with a pending or accepted invitation to the same thing is left out; an
    expired or withdrawn invitation is renewed. Organisation invitations leave out
    people who are already members.
    """
    people = list(people)
    members = set(
        Membership.objects.filter(
            organisation=organisation, user__email__in=[p.email for p in people]
        ).values_list("user__email", flat=True)
    )
    existing = {
        i.email: i
        for i in Invitation.objects.filter(
            organisation=organisation, topic=topic, email__in=[p.email for p in people]
        )
    }
    sent, invited, in_already = 0, [], []
    for person in people:
        if not topic and person.email in members:
            in_already.append(person.email)
            continue
        invitation = existing.get(person.email)
        if invitation is not None and invitation.state in ("sent", "opened", "accepted"):
            invited.append(person.email)
            continue
        if invitation is None:
            invitation = Invitation(organisation=organisation, email=person.email)
        else:
            invitation.nonce = Invitation._meta.get_field("nonce").get_default()
            invitation.send_count += 1
            invitation.revoked_at = invitation.opened_at = None
        invitation.name = person.name or invitation.name
        invitation.language = person.language or language
        invitation.role = role
        invitation.topic, invitation.title, invitation.landing = topic, title, landing
        invitation.invited_by = by
        invitation.sent_at = timezone.now()
        invitation.expires_at = invitation.sent_at + _lifetime()
        invitation.full_clean()
        invitation.save()
        _send(invitation, request)
        sent += 1
    return InviteResult(sent, tuple(invited), tuple(in_already))


@transaction.atomic
def resend_invitation(invitation: Invitation, request: HttpRequest | None = None) -> Invitation:
    """Send a new link (the old one stops working) that expires later."""
    if invitation.accepted_at is not None:
        raise actions.AccountError("accepted")
    invitation.nonce = Invitation._meta.get_field("nonce").get_default()
    invitation.send_count += 1
    invitation.revoked_at = None
    invitation.sent_at = timezone.now()
    invitation.expires_at = invitation.sent_at + _lifetime()
    invitation.full_clean()
    invitation.save(update_fields=["nonce", "send_count", "revoked_at", "sent_at", "expires_at"])
    _send(invitation, request)
    return invitation


def revoke_invitation(invitation: Invitation) -> Invitation:
    """Withdraw an invitation: its link then says so and does nothing."""
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def open_invitation(invitation: Invitation) -> Invitation:
    """Note that the invitee opened the link (the inviter sees "opened")."""
    if invitation.opened_at is None:
        invitation.opened_at = timezone.now()
        invitation.save(update_fields=["opened_at"])
    return invitation


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User) -> Invitation:
    """Make the person a member with the invited role; the link is then used."""
    changed = Invitation.objects.filter(
        pk=invitation.pk,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        nonce=invitation.nonce,
        expires_at__gt=timezone.now(),
    ).update(accepted_at=timezone.now(), accepted_by=user)
    if changed != 1:
        raise tokens.LinkError(tokens.USED)
    actions.join_organisation(invitation.organisation, user, invitation.role)
    if invitation.name and not user.name:
        user.name = invitation.name
        user.save(update_fields=["name"])
    invitation.refresh_from_db()
    return invitation
