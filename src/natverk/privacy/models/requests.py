"""A person's request to see or erase their data, made by them or by an administrator."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from natverk.accounts.models import Organisation


class DataRequest(models.Model):
    """An export or erasure, from asked to done; the background task does the work."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Data export")
        ERASE = "erase", _("Erasure")

    class Status(models.TextChoices):
        NEW = "new", _("Waiting for confirmation")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    class Channel(models.TextChoices):
        SELF = "self", _("the person")
        ADMIN = "admin", _("an administrator")
        SUPPORT = "support", _("support staff")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.SELF)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject_email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(max_length=8, default="sv")
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    report = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} ({self.status})"

    @property
    def pending(self) -> bool:
        """Not finished yet (waiting, queued or running)."""
        return self.status in (self.Status.NEW, self.Status.QUEUED, self.Status.RUNNING)

    @property
    def downloadable(self) -> bool:
        """A finished export whose file has not expired."""
        return (
            self.kind == self.Kind.EXPORT
            and self.status == self.Status.DONE
            and bool(self.file_name)
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )
