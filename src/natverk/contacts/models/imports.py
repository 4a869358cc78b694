"""An import: the records read from a file or a group, held for the preview, then applied
all at once and kept so the member can undo the last one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One import: pending (previewed), applied (undoable while it is the last), undone."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for your confirmation")
        APPLIED = "applied", _("Imported")
        UNDONE = "undone", _("Undone")
        CANCELLED = "cancelled", _("Cancelled")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_imports"
    )
    source = models.CharField(_("source"), max_length=200)
    kind = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    #: The records read (serialised ContactRecord) until the import is applied.
    records = models.JSONField(default=list, blank=True)
    #: Notes and skipped records for the report: [text, params] and [line, text, params].
    notes = models.JSONField(default=list, blank=True)
    skipped = models.JSONField(default=list, blank=True)
    #: Per merged contact, the values it had before (for undo).
    merged_before = models.JSONField(default=dict, blank=True)
    #: Contacts linked to fellow group members, by record index.
    members = models.JSONField(default=dict, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    merged_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("contact import")
        verbose_name_plural = _("contact imports")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"import {self.pk} of {self.owner_id} ({self.status})"
