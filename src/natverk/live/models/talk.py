"""Talk time of a meeting: from the moderator's console or an imported transcript.

Only figures are kept: who spoke from when to when (seconds from the start), and per
member the seconds, share, turns and longest turn. A transcript's text is kept only when
the group chose to keep transcripts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.core.validators import no_nul
from natverk.meetings.models import Meeting
from natverk.programs.models import Application, Group


class TalkRecord(models.Model):
    """One measurement of a meeting's talk time, with its fairness figures."""

    class Source(models.TextChoices):
        CONSOLE = "console", _("Talk-time console")
        TRANSCRIPT = "transcript", _("Transcript")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="talk_records")
    source = models.CharField(max_length=12, choices=Source.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    confirmed = models.BooleanField(default=False)
    total_seconds = models.FloatField(default=0.0)
    gini = models.FloatField(default=0.0)
    quietest_ratio = models.FloatField(default=1.0)
    unattributed_seconds = models.FloatField(default=0.0)
    transcript = models.TextField(blank=True, validators=[no_nul])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ("started_at", "id")
        verbose_name = _("talk time")
        verbose_name_plural = _("talk time")

    def __str__(self) -> str:
        return f"{self.source} talk time of meeting {self.meeting_id}"


class TalkSegment(models.Model):
    """Someone speaking from ``start`` to ``end`` seconds (``end`` is None while they
    still speak). ``label`` is the member's name or the transcript's speaker."""

    record = models.ForeignKey(TalkRecord, on_delete=models.CASCADE, related_name="segments")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    label = models.CharField(max_length=200, blank=True)
    start = models.FloatField()
    end = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ("start", "id")

    def __str__(self) -> str:
        return f"{self.label} {self.start}-{self.end}"


class SpeakerTime(models.Model):
    """One speaker's figures in a talk record (recomputed on every change)."""

    record = models.ForeignKey(TalkRecord, on_delete=models.CASCADE, related_name="speakers")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200, blank=True)
    seconds = models.FloatField(default=0.0)
    share = models.FloatField(default=0.0)
    turns = models.PositiveIntegerField(default=0)
    longest = models.FloatField(default=0.0)

    class Meta:
        ordering = ("-seconds", "name", "id")

    def __str__(self) -> str:
        return f"{self.name}: {self.seconds:.0f} s"


class TranscriptChoice(models.Model):
    """Whether a group keeps the text of imported transcripts (off: figures only)."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="transcript_choice")
    keep_text = models.BooleanField(_("keep the text of transcripts"), default=False)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"transcripts of {self.group_id}: {'kept' if self.keep_text else 'figures only'}"
