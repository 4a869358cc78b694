"""What happens in a meeting: who came, and the opening round."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.core.validators import no_nul
from natverk.meetings.models.meeting import Meeting
from natverk.programs.models import Application


class Attendance(models.Model):
    """Whether a member of the group came to a meeting (one tap by the moderator)."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "application"], name="one_attendance_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.status} at {self.meeting_id}"


class OpeningTurn(models.Model):
    """A member's turn in a meeting's opening round, with the leader's question for them.

    The question is written by the leader before the meeting (from the pre-interview);
    the moderator starts and ends the turn in the run view (the per-person timer).
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="turns")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="turns")
    question = models.TextField(_("question"), max_length=500, blank=True, validators=[no_nul])
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "application"], name="one_turn_per_member")
        ]

    def __str__(self) -> str:
        return f"turn of {self.application_id} at {self.meeting_id}"

    @property
    def seconds(self) -> int:
        """How long the turn took (0 before it ended)."""
        if self.started_at is None or self.ended_at is None:
            return 0
        return int((self.ended_at - self.started_at).total_seconds())
