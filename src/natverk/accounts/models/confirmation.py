"""A link sent by e-mail that proves a person controls an address (used once, expires)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from natverk.accounts.fields import EmailAddressField


class EmailConfirmation(models.Model):
    """One confirmation link: what it confirms, for which address, until when, used when.

    The link itself is a signed reference to this row (``natverk.accounts.tokens``); the
    row makes it single-use and expiring, and carries what confirming it will do
    (``purpose`` and ``payload``, e.g. the answers of a changed application).
    """

    purpose = models.CharField(max_length=40)
    email = EmailAddressField(_("e-mail address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    payload = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=8, default="sv")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail confirmation")
        verbose_name_plural = _("e-mail confirmations")
        indexes = [models.Index(fields=["purpose", "email"], name="confirmation_purpose_email")]

    def __str__(self) -> str:
        return f"{self.purpose} for {self.email}"

    @property
    def expired(self) -> bool:
        """Whether the link is past its expiry time."""
        return timezone.now() >= self.expires_at
