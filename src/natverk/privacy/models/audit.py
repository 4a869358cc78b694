"""The audit trail: who read or changed what about whom; appended, never changed.

The only change an entry ever sees is redaction when a person is erased (pretix: logs are
redacted, never deleted): the link to the person and their address go, and ``shredded``
says so.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from natverk.accounts.models import Organisation


class AppendOnlyError(RuntimeError):
    """Audit entries are never changed or deleted."""


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    """Rows that cannot be deleted in bulk."""

    def delete(self) -> NoReturn:
        raise AppendOnlyError("audit entries are never deleted; redact them instead")


class AuditEntry(models.Model):
    """One audited action (``natverk.program.note.read``), by whom, about whom, when."""

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject_email = models.EmailField(_("about"), blank=True)
    target = models.CharField(max_length=100, blank=True)
    data = models.JSONField(default=dict, blank=True)
    shredded = models.BooleanField(default=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=["organisation", "-created_at"], name="privacy_audit_org")]

    def __str__(self) -> str:
        return f"{self.action} at {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Write a new entry; an existing one is never saved again."""
        if not self._state.adding:
            raise AppendOnlyError("audit entries are never changed; redact them instead")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit entries are never deleted; redact them instead")
