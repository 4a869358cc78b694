"""Agendas: a program's templates and each meeting's own blocks."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.core.validators import single_line
from natverk.meetings.models.meeting import Meeting
from natverk.programs.models import Program


class BlockKind(models.TextChoices):
    """What an agenda block is for; the run view treats some kinds specially."""

    WELCOME = "welcome", _("Welcome")
    OPENING_ROUND = "opening_round", _("Opening round")
    THEME = "theme", _("Theme")
    BREAKOUT = "breakout", _("Breakout rooms")
    ROUND_UP = "round_up", _("Round-up")
    NEXT_TIME = "next_time", _("Next time")
    PARKING_LOT = "parking_lot", _("Parking lot")
    BREAK = "break", _("Break")
    OTHER = "other", _("Other")


MINUTES = [MinValueValidator(1), MaxValueValidator(480)]


class AgendaTemplate(models.Model):
    """A named agenda a program's meetings start from (the first is used for new ones)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="agendas")
    name = models.CharField(_("name"), max_length=100, validators=[single_line])
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return self.name


class BlockFields(models.Model):
    """What every agenda block has: its place, kind, optional title and minutes."""

    position = models.PositiveSmallIntegerField()
    kind = models.CharField(_("kind"), max_length=20, choices=BlockKind.choices)
    title = models.CharField(_("title"), max_length=120, blank=True, validators=[single_line])
    minutes = models.PositiveSmallIntegerField(_("minutes"), validators=MINUTES)

    class Meta:
        abstract = True
        ordering = ("position", "id")

    def __str__(self) -> str:
        return f"{self.kind} ({self.minutes} min)"


class TemplateBlock(BlockFields):
    """One block of an agenda template."""

    template = models.ForeignKey(AgendaTemplate, on_delete=models.CASCADE, related_name="blocks")


class AgendaItem(BlockFields):
    """One block of a meeting's own agenda (copied from a template, then edited)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
