"""Rounds of a pairing program, the meetups in them, and who answered the check-in."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from natverk.pairing.models.participant import Participant
from natverk.pairing.models.program import PairingProgram


class Round(models.Model):
    """One round: everyone taking part put into meetups at once, in one transaction.

    ``(program, number)`` and ``(program, due_on)`` are unique, so two workers making the
    same round at the same moment make exactly one.
    """

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular round")
        CATCH_UP = "catch_up", _("Catch-up round for those who did not meet")

    program = models.ForeignKey(PairingProgram, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    due_on = models.DateField()
    made_at = models.DateTimeField(default=timezone.now)
    seed = models.BigIntegerField(default=0)
    people = models.PositiveIntegerField(default=0)
    left_out = models.PositiveIntegerField(default=0)
    checkins_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ("-due_on", "-number")
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="pairing_round_number"),
            models.UniqueConstraint(fields=["program", "due_on"], name="pairing_round_date"),
        ]

    def __str__(self) -> str:
        return f"round {self.number} of {self.program_id} ({self.due_on})"


class Meetup(models.Model):
    """Two to four colleagues who meet in one round, with a suggested time."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="meetups")
    number = models.PositiveIntegerField()
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    suggested_at = models.DateTimeField()

    class Meta:
        verbose_name = _("meetup")
        verbose_name_plural = _("meetups")
        ordering = ("round", "number")
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="pairing_meetup_number")
        ]

    def __str__(self) -> str:
        return f"meetup {self.number} of round {self.round_id}"


class MeetupMember(models.Model):
    """A person in a meetup and their answer to "did you meet?" (blank: not yet)."""

    class Answer(models.TextChoices):
        MET = "met", _("We met")
        NOT_MET = "not_met", _("We did not meet")

    meetup = models.ForeignKey(Meetup, on_delete=models.CASCADE, related_name="members")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="seats")
    #: The person's department when the round was made (people move; the picture keeps it).
    department = models.CharField(max_length=200, blank=True)
    answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("meetup member")
        verbose_name_plural = _("meetup members")
        constraints = [
            models.UniqueConstraint(
                fields=["meetup", "participant"], name="pairing_one_seat_per_meetup"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} in {self.meetup_id}"
