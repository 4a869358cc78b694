"""What retention removed (or would remove), and whom it warned first."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from natverk.accounts.models import Organisation


class RetentionRun(models.Model):
    """One run of the retention job for one organisation; a dry run removes nothing."""

    class Trigger(models.TextChoices):
        JOB = "job", _("the daily job")
        ADMIN = "admin", _("an administrator")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    ran_at = models.DateTimeField(default=timezone.now, db_index=True)
    dry_run = models.BooleanField(default=False)
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.JOB)
    report = models.JSONField(default=list, blank=True)  # [{rule, months, due, warned}]

    class Meta:
        ordering = ("-ran_at", "-id")

    def __str__(self) -> str:
        return f"retention run {self.pk}"


class InactivityWarning(models.Model):
    """An inactive person was told by e-mail that an organisation (or, with none, natverk)
    will remove their data."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    warned_at = models.DateTimeField(default=timezone.now)
    activity_at = models.DateTimeField()  # the last login the warning was about

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_inactivity_warning_per_org"
            )
        ]

    def __str__(self) -> str:
        return f"inactivity warning to {self.user_id}"
