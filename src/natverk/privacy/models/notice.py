"""An organisation's privacy settings, its versioned notice, and who agreed to which."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from natverk.accounts.models import Organisation


class PrivacySettings(models.Model):
    """Who is responsible for an organisation's data, and how long it is kept."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="privacy_settings"
    )
    controller_name = models.CharField(
        _("data controller"),
        max_length=200,
        blank=True,
        help_text=_("Who is responsible for the data (by default the organisation)."),
    )
    controller_contact = models.CharField(
        _("privacy contact"),
        max_length=254,
        blank=True,
        help_text=_("An e-mail or postal address for questions about personal data."),
    )
    notice_extra = models.TextField(
        _("more about your data"),
        max_length=4000,
        blank=True,
        help_text=_("Anything the organisation wants to add to the privacy notice."),
    )
    retention = models.JSONField(default=dict, blank=True)  # rule name -> months
    retention_paused = models.BooleanField(
        _("only report what retention would remove (dry run)"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("privacy settings")
        verbose_name_plural = _("privacy settings")

    def __str__(self) -> str:
        return f"privacy settings of {self.organisation_id}"


class Notice(models.Model):
    """One published version of an organisation's privacy notice (never changed)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="privacy_notices"
    )
    version = models.PositiveIntegerField()
    controller_name = models.CharField(max_length=200)
    controller_contact = models.CharField(max_length=254, blank=True)
    extra = models.TextField(blank=True)
    retention = models.JSONField(default=dict)  # rule name -> months, as published
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")
        ordering = ("-version",)
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "version"], name="one_notice_version_per_org"
            )
        ]

    def __str__(self) -> str:
        return f"notice {self.version} of {self.organisation_id}"

    def content(self) -> dict[str, Any]:
        """What a new version is compared on."""
        return {
            "controller_name": self.controller_name,
            "controller_contact": self.controller_contact,
            "extra": self.extra,
            "retention": self.retention,
        }


class ConsentRecord(models.Model):
    """A person agreed to one version of a notice: who, which address, when, where."""

    class Context(models.TextChoices):
        APPLICATION = "application", _("application")
        INVITATION = "invitation", _("invitation")
        LOGIN = "login", _("login")

    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="consents")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(_("e-mail"))
    context = models.CharField(_("where"), max_length=20, choices=Context.choices)
    agreed_at = models.DateTimeField(_("agreed"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ("-agreed_at", "-id")
        indexes = [models.Index(fields=["email"], name="privacy_consent_email")]

    def __str__(self) -> str:
        return f"consent to {self.notice_id}"
