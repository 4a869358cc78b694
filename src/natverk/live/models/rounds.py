"""Breakout rounds of a meeting or an event: the rules, and the rooms of each round."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.live.models.events import Event
from natverk.meetings.models import Meeting


class Breakouts(models.Model):
    """How a meeting's or an event's rooms are planned: room sizes, who facilitates, who
    is kept apart, and who is present now. People are application ids (a meeting) or
    registration ids (an event)."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="breakouts"
    )
    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, null=True, blank=True, related_name="breakouts"
    )
    size_min = models.PositiveSmallIntegerField(_("smallest room"), default=2)
    size_max = models.PositiveSmallIntegerField(_("largest room"), default=5)
    present = models.JSONField(default=list, blank=True)
    facilitators = models.JSONField(default=list, blank=True)
    keep_apart = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("breakout rooms")
        verbose_name_plural = _("breakout rooms")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(meeting__isnull=True) ^ models.Q(event__isnull=True),
                name="breakouts_of_a_meeting_or_an_event",
            )
        ]

    def __str__(self) -> str:
        return (
            f"breakouts of meeting {self.meeting_id}"
            if self.meeting_id
            else f"of event {self.event_id}"
        )

    def clean(self) -> None:
        """Rooms hold 2 to 16 people, the smallest no larger than the largest."""
        if not 2 <= self.size_min <= self.size_max <= 16:
            raise ValidationError(
                {"size_max": _("Rooms hold between 2 and 16 people, smallest first.")}
            )


class BreakoutRound(models.Model):
    """One round's rooms (lists of people); once ``held_at`` is set it is never re-planned."""

    breakouts = models.ForeignKey(Breakouts, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField()
    rooms = models.JSONField(default=list)
    held_at = models.DateTimeField(null=True, blank=True)
    planned_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("number",)
        constraints = [
            models.UniqueConstraint(fields=["breakouts", "number"], name="one_round_number")
        ]

    def __str__(self) -> str:
        return f"round {self.number} of {self.breakouts_id}"

    @property
    def people(self) -> list[int]:
        """Everyone in the round's rooms."""
        return [p for room in self.rooms for p in room]
