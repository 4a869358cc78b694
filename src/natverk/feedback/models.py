"""Surveys, the one-time invitations to answer them, and the anonymous answers.

An answer keeps no link to the person: no user, no invitation, no exact time (the day
only), no address or browser; its primary key is random, and it records only the batch
of ``k`` answers it arrived in, so insights can be updated a whole batch at a time.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.accounts.models import Organisation
from natverk.core.validators import no_nul, single_line
from natverk.meetings.models import Meeting
from natverk.programs.models import Program


class Kind(models.TextChoices):
    """What a survey asks about."""

    PULSE = "pulse", _("Meeting pulse")
    EVALUATION = "evaluation", _("Program evaluation")
    EXIT = "exit", _("Exit survey")


class Survey(models.Model):
    """One survey: a pulse after one meeting, or a program's evaluation or exit survey."""

    kind = models.CharField(max_length=12, choices=Kind.choices)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="surveys")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="surveys"
    )
    #: The minimum reporting group size when the survey opened (the organisation's k).
    k = models.PositiveSmallIntegerField(default=5)
    opened_on = models.DateField()
    closes_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "program", "meeting"], name="one_survey_per_kind_and_meeting"
            ),
            models.UniqueConstraint(
                fields=["kind", "program"],
                condition=models.Q(meeting__isnull=True),
                name="one_program_survey_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} survey of {self.program_id}"


class Question(models.Model):
    """A question of a leader's own (per program) or of the organisation's template."""

    class Answer(models.TextChoices):
        SCALE5 = "scale5", _("1–5")
        YESNO = "yesno", _("Yes or no")
        TEXT = "text", _("Short text")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="feedback_questions"
    )
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback_questions"
    )
    kind = models.CharField(_("survey"), max_length=12, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300, validators=[single_line, no_nul])
    answer = models.CharField(
        _("answer"), max_length=10, choices=Answer.choices, default=Answer.SCALE5
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("order", "id")

    def __str__(self) -> str:
        return self.text


class Invitation(models.Model):
    """A person's one-time right to answer a survey; used up by the answer.

    Only the hash of the token is kept. ``used_on`` is a day, so the invitation cannot
    be matched to an answer by time.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    sent_on = models.DateField()
    used_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="one_invitation_per_person")
        ]

    def __str__(self) -> str:
        return f"invitation to {self.survey_id}"


class Response(models.Model):
    """One anonymous answer: what was answered, and the attributes insights filter on."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    day = models.DateField()
    batch = models.PositiveIntegerField()
    # group number, meeting number, period (YYYY-MM), ISCO major group, NACE section.
    attributes = models.JSONField(default=dict)
    answers = models.JSONField(default=dict)

    class Meta:
        indexes = [models.Index(fields=["survey", "batch"], name="feedback_response_batch")]

    def __str__(self) -> str:
        return f"answer to {self.survey_id}"
