"""A meeting of a group; its calendar UID comes from the group and its number."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.programs.models import Group


class Meeting(models.Model):
    """Meeting number N of a group's series; moving it raises ``sequence``."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveSmallIntegerField()
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    sequence = models.PositiveIntegerField(default=0)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("starts_at",)
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="one_meeting_number_per_group")
        ]

    def __str__(self) -> str:
        return f"meeting {self.number} of {self.group_id}"
