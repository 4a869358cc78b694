"""Themes members propose for a meeting, and their votes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.core.validators import single_line
from natverk.meetings.models.meeting import Meeting


class ThemeProposal(models.Model):
    """A theme someone in the group proposes for a meeting; the leader picks one."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="proposals")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.CharField(_("theme"), max_length=200, validators=[single_line])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "text"], name="one_proposal_per_text")
        ]

    def __str__(self) -> str:
        return self.text


class ThemeVote(models.Model):
    """One person's vote for a proposed theme (one vote per proposal and person)."""

    proposal = models.ForeignKey(ThemeProposal, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "voter"], name="one_vote_per_person")
        ]

    def __str__(self) -> str:
        return f"vote for {self.proposal_id}"
