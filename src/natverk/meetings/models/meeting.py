"""A meeting of a group; its calendar UID comes from the group and its number."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.core.validators import single_line
from natverk.programs.models import Group, Program


class Meeting(models.Model):
    """Meeting number N of a group's series; moving it raises ``sequence``.

    Besides the date it holds how the meeting is held (format, place, video link; blank
    means the program's format and the group's link), the version of its agenda (raised
    on every edit so a stale edit is refused) and the run state the moderator's devices
    share: when it was opened and closed, the current agenda block and when it started,
    and ``run_version``, raised by every action during the meeting so that a device
    polling the run view fetches the state only when it changed.
    """

    Format = Program.Format

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveSmallIntegerField()
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    theme = models.CharField(_("theme"), max_length=200, blank=True, validators=[single_line])
    sequence = models.PositiveIntegerField(default=0)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True, validators=[single_line])
    video_url = models.URLField(_("video link"), blank=True)
    agenda_version = models.PositiveIntegerField(default=0)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    block = models.PositiveSmallIntegerField(default=0)
    block_started_at = models.DateTimeField(null=True, blank=True)
    run_version = models.PositiveIntegerField(default=0)
    summary_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("starts_at",)
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="one_meeting_number_per_group")
        ]

    def __str__(self) -> str:
        return f"meeting {self.number} of {self.group_id}"

    def clean(self) -> None:
        """A meeting ends after it starts; one held in person needs a place."""
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A meeting ends after it starts.")})
        if self.format in (self.Format.IN_PERSON, self.Format.HYBRID) and not self.place:
            raise ValidationError({"place": _("Say where the meeting is held.")})

    @property
    def minutes(self) -> int:
        """The meeting's length in minutes."""
        return int((self.ends_at - self.starts_at) / dt.timedelta(minutes=1))

    @property
    def held_as(self) -> str:
        """The meeting's format: its own, else the program's."""
        return self.format or self.group.program.format

    @property
    def video_link(self) -> str:
        """The video link members use: the meeting's own, else the group's."""
        if self.held_as == self.Format.IN_PERSON:
            return ""
        return self.video_url or self.group.video_url

    @property
    def running(self) -> bool:
        """Opened by the moderator and not yet closed."""
        return self.opened_at is not None and self.closed_at is None
