"""A member's goals for taking part: written at intake, followed up during the program."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.core.validators import no_nul, single_line
from natverk.programs.models.application import Application

#: At most this many goals per application (the seeds: "go with a mission").
MOST_GOALS = 3


class Goal(models.Model):
    """One goal of an applicant; the member notes how it goes during the program."""

    class Progress(models.TextChoices):
        UNKNOWN = "", _("Not noted yet")
        ON_TRACK = "on_track", _("On track")
        SLOW = "slow", _("Slower than I hoped")
        CHANGED = "changed", _("My goal has changed")
        REACHED = "reached", _("Reached")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="goals")
    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MOST_GOALS)]
    )
    text = models.CharField(_("goal"), max_length=300, validators=[single_line, no_nul])
    progress = models.CharField(
        _("how it is going"), max_length=10, blank=True, choices=Progress.choices
    )
    note = models.CharField(
        _("note to yourself"), max_length=500, blank=True, validators=[single_line, no_nul]
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ("application", "number")
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="one_goal_per_number")
        ]

    def __str__(self) -> str:
        return f"goal {self.number} of {self.application_id}"
