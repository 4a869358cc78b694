"""A program (one network run) and the leader's own intake questions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.accounts.models import Organisation


class Program(models.Model):
    """One network run: theme, group size, meeting plan, status from draft to closed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        INTAKE = "intake", _("Intake open")
        MATCHING = "matching", _("Matching")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    class Format(models.TextChoices):
        DIGITAL = "digital", _("Digital")
        HYBRID = "hybrid", _("Hybrid")
        IN_PERSON = "in_person", _("In person")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="programs"
    )
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    group_min = models.PositiveSmallIntegerField(
        _("smallest group"), default=6, validators=[MinValueValidator(2), MaxValueValidator(20)]
    )
    group_max = models.PositiveSmallIntegerField(
        _("largest group"), default=8, validators=[MinValueValidator(2), MaxValueValidator(20)]
    )
    meeting_count = models.PositiveSmallIntegerField(
        _("meetings"), default=6, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    meeting_minutes = models.PositiveSmallIntegerField(
        _("minutes per meeting"),
        default=90,
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
    span_weeks = models.PositiveSmallIntegerField(
        _("weeks from first to last meeting"),
        default=16,
        validators=[MinValueValidator(1), MaxValueValidator(104)],
    )
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.DIGITAL
    )
    first_meeting_on = models.DateField(_("first meeting on or after"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    apply_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ("-created_at",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(group_min__lte=models.F("group_max")),
                name="program_group_min_le_max",
            )
        ]

    def __str__(self) -> str:
        return self.title


class IntakeQuestion(models.Model):
    """A question of the leader's own, asked on the application page."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("order", "id")

    def __str__(self) -> str:
        return self.text
