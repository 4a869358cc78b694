"""Quick polls in a meeting or an event, and the votes (one per person)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.core.validators import no_nul, single_line
from natverk.live.models.events import Event
from natverk.meetings.models import Meeting

#: Letters of a poll's short code: no 0/O, 1/I/L to misread on a shared screen.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_OPTIONS = 12


def new_code() -> str:
    """A short code for a poll's link (``/p/K7M2QX/``)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_salt() -> str:
    """The secret a poll's voter hashes are made with (forgotten when the poll closes)."""
    return secrets.token_hex(32)


class Poll(models.Model):
    """A question put to those present, prepared before or made on the spot.

    Anonymous polls (the default) keep no link from a vote to the person: the vote holds
    a hash of the voter made with the poll's own ``salt``, enough to refuse a second vote;
    the salt is erased when the poll closes, after which no one can tell whose a vote was.
    """

    class Kind(models.TextChoices):
        SINGLE = "single", _("One choice")
        MULTI = "multi", _("Several choices")
        SCALE = "scale", _("Scale 1–5")
        TEXT = "text", _("Short text (word cloud)")

    class State(models.TextChoices):
        DRAFT = "draft", _("Prepared")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="polls"
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, null=True, blank=True, related_name="polls"
    )
    question = models.CharField(_("question"), max_length=300, validators=[single_line, no_nul])
    kind = models.CharField(_("answers"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    options = models.JSONField(_("choices"), default=list, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    results_shown = models.BooleanField(_("results shown"), default=False)
    #: One of an event's evaluation questions (asked by mail after the event).
    evaluation = models.BooleanField(default=False, editable=False)
    code = models.CharField(max_length=12, unique=True, default=new_code)
    salt = models.CharField(max_length=64, blank=True, default=new_salt)
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created_at", "id")
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(meeting__isnull=True) ^ models.Q(event__isnull=True),
                name="poll_in_a_meeting_or_an_event",
            )
        ]

    def __str__(self) -> str:
        return self.question

    def clean(self) -> None:
        """Choice polls have 2-12 distinct, one-line choices; others have none."""
        options = self.options if isinstance(self.options, list) else None
        if options is None or not all(isinstance(o, str) for o in options):
            raise ValidationError({"options": _("Choices are a list of texts.")})
        if self.kind in (self.Kind.SINGLE, self.Kind.MULTI):
            cleaned = [" ".join(o.split()) for o in options]
            if not 2 <= len(cleaned) <= MAX_OPTIONS or len(set(cleaned)) != len(cleaned):
                raise ValidationError(
                    {"options": _("Give between 2 and 12 different choices, one per line.")}
                )
            if any(not o or len(o) > 100 or "\x00" in o for o in cleaned):
                raise ValidationError({"options": _("Each choice is 1-100 characters.")})
        elif options:
            raise ValidationError({"options": _("Only choice polls have choices.")})


class Vote(models.Model):
    """One person's answer to a poll; ``voter`` is a hash, unique per poll.

    ``user`` is set only for polls that are not anonymous. No time is kept.
    """

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    voter = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="poll_votes",
    )
    answer = models.JSONField()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["poll", "voter"], name="one_poll_vote_per_voter")
        ]

    def __str__(self) -> str:
        return f"vote on {self.poll_id}"
