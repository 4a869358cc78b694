"""After a meeting: shared notes, decisions and to-dos, and private notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.core.validators import no_nul, single_line
from natverk.meetings.models.meeting import Meeting
from natverk.programs.models import Application

NOTES_LENGTH = 20000


class SharedNote(models.Model):
    """The group's notes of a meeting (Markdown); ``version`` refuses a stale edit."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("notes"), max_length=NOTES_LENGTH, blank=True, validators=[no_nul])
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"notes of {self.meeting_id}"


class PrivateNote(models.Model):
    """A person's own notes of a meeting: only the author ever sees them."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="private_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("my notes"), max_length=NOTES_LENGTH, blank=True, validators=[no_nul])
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "author"], name="one_private_note_each")
        ]

    def __str__(self) -> str:
        return f"private note {self.pk}"


class ActionItem(models.Model):
    """A decision or a to-do of a meeting, with who and when."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        TODO = "todo", _("To-do")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("what"), max_length=300, validators=[single_line])
    who = models.ForeignKey(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    due_on = models.DateField(_("when"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("kind", "due_on", "id")

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"
