"""The parking lot: questions raised in a meeting and carried to the next one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.core.validators import no_nul
from natverk.meetings.models.meeting import Meeting
from natverk.programs.models import Group


class ParkingQuestion(models.Model):
    """A question someone in the group parked; open until resolved with a short answer.

    Open questions appear at the top of every later meeting's agenda of the group.
    """

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="questions")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("question"), max_length=500, validators=[no_nul])
    created_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("answer"), max_length=1000, blank=True, validators=[no_nul])
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_in = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="resolved"
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"question {self.pk} of {self.group_id}"
