"""Invitations: a leader asks people by e-mail to join the organisation or a program."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from natverk.accounts.fields import EmailAddressField
from natverk.accounts.models.organisation import Organisation, Role


def _nonce() -> str:
    return secrets.token_urlsafe(12)


class Invitation(models.Model):
    """One invited address; a resend issues a new link (the old one stops working)."""

    class State(models.TextChoices):
        SENT = "sent", _("Sent")
        OPENED = "opened", _("Opened")
        ACCEPTED = "accepted", _("Accepted")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Withdrawn")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = EmailAddressField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="sv"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    #: What the invitation is for, e.g. "program:12" (empty: the organisation itself).
    topic = models.CharField(max_length=80, blank=True, db_index=True)
    #: The title shown in the e-mail (a program's), and where accepting leads.
    title = models.CharField(max_length=200, blank=True)
    landing = models.CharField(max_length=300, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    nonce = models.CharField(max_length=32, default=_nonce)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(default=timezone.now)
    send_count = models.PositiveSmallIntegerField(default=1)
    expires_at = models.DateTimeField()
    opened_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ("-sent_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "topic", "email"], name="one_invitation_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"invitation of {self.email} to {self.organisation_id} {self.topic}"

    @property
    def state(self) -> str:
        """Sent, opened, accepted, expired or withdrawn (the inviter's list shows it)."""
        if self.accepted_at is not None:
            return self.State.ACCEPTED
        if self.revoked_at is not None:
            return self.State.REVOKED
        if timezone.now() >= self.expires_at:
            return self.State.EXPIRED
        if self.opened_at is not None:
            return self.State.OPENED
        return self.State.SENT

    def get_state_display(self) -> str:
        """The state in the reader's language."""
        return str(self.State(self.state).label)
