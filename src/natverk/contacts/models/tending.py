"""How a member tends contacts: the log of what happened, and their own settings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.contacts.models.contact import Contact
from natverk.core.validators import no_nul


class Interaction(models.Model):
    """One thing that happened with a contact: met, a call, a mail, help given or got."""

    class Kind(models.TextChoices):
        MET = "met", _("Met")
        CALL = "call", _("Call")
        MAIL = "mail", _("Mail")
        COFFEE = "coffee", _("Coffee or lunch")
        MEETING = "meeting", _("Meeting")
        HELPED = "helped", _("Helped with...")
        ASKED = "asked", _("Asked for advice")
        INTRODUCED = "introduced", _("Introduction")
        OTHER = "other", _("Other")

    class Flow(models.TextChoices):
        NONE = "", _("Neither")
        GAVE = "gave", _("I gave")
        GOT = "got", _("I got")

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="interactions")
    kind = models.CharField(_("what"), max_length=12, choices=Kind.choices, default=Kind.MET)
    flow = models.CharField(
        _("give and take"), max_length=4, choices=Flow.choices, default=Flow.NONE, blank=True
    )
    on = models.DateField(_("when"))
    note = models.TextField(_("note"), max_length=2000, blank=True, validators=[no_nul])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        ordering = ("-on", "-pk")
        indexes = [models.Index(fields=["contact", "on"], name="interaction_contact_on")]

    def __str__(self) -> str:
        return f"{self.kind} {self.on} ({self.contact_id})"


class ContactSettings(models.Model):
    """A member's choices for their contacts (the weekly digest of who is due)."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_settings"
    )
    weekly_digest = models.BooleanField(
        _("a weekly e-mail with the contacts that are due"), default=True
    )
    last_digest_week = models.CharField(max_length=10, blank=True, editable=False)

    class Meta:
        verbose_name = _("contact settings")
        verbose_name_plural = _("contact settings")

    def __str__(self) -> str:
        return f"contact settings of {self.owner_id}"
