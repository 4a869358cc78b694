"""A program's groups as the leader edits and publishes them."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.programs.models.application import Application
from natverk.programs.models.program import Program
from natverk.programs.models.run import MatchingRun


class Group(models.Model):
    """One group of a program; locked groups keep their members when matching re-runs."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="groups")
    run = models.ForeignKey(MatchingRun, on_delete=models.SET_NULL, null=True, related_name="+")
    number = models.PositiveSmallIntegerField()
    locked = models.BooleanField(_("locked"), default=False)
    video_url = models.URLField(_("video link"), blank=True)
    slot = models.CharField(_("meeting time"), max_length=20, blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # What members were last told: the video link at the last publishing, and when a
    # published group was dissolved (its meetings cancelled, its row kept for the record).
    published_video_url = models.URLField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    dissolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("number",)
        constraints = [
            models.UniqueConstraint(
                fields=["program", "number"], name="one_group_number_per_program"
            )
        ]

    def __str__(self) -> str:
        return f"group {self.number}"


class GroupMember(models.Model):
    """An accepted applicant in a group (at most one group per program)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="membership"
    )

    def __str__(self) -> str:
        return f"{self.application_id} in {self.group_id}"


class Placement(models.Model):
    """The group a member was told about at the last publishing: what members see.

    The leader edits ``GroupMember`` rows (the working groups); publishing compares them
    with these rows and tells each person only what changed.
    """

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="placement"
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="placements")
    published_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.application_id} told {self.group_id}"
