"""A program (one network run) and the leader's own intake questions."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.accounts.languages import MEETING_LANGUAGES
from natverk.accounts.models import Organisation
from natverk.core.validators import no_nul, plausible_date, single_line
from natverk.taxonomy import UnknownCodeError, occupation

#: The seeds' rule: at most 8 in a digital (or hybrid) group, at most 16 in person.
LARGEST_GROUP = {"digital": 8, "hybrid": 8, "in_person": 16}


def split_professions(value: str) -> list[str]:
    """``"2432, 2431"`` as ``["2432", "2431"]``."""
    return [code.strip() for code in value.split(",") if code.strip()]


def validate_isco_codes(value: str) -> None:
    """Every code of a comma-separated list is an ISCO-08 unit group."""
    for code in split_professions(value):
        try:
            known = occupation(code).level == 4
        except UnknownCodeError:
            known = False
        if not known:
            raise ValidationError(_("Unknown profession code %(code)s."), params={"code": code})


class LiveProgramManager(models.Manager["Program"]):
    """Programs that have not been deleted (deleting a program is a soft delete)."""

    def get_queryset(self) -> models.QuerySet[Program]:
        return super().get_queryset().filter(deleted_at__isnull=True)


class Program(models.Model):
    """One network run: theme, group size, meeting plan, status from draft to closed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        INTAKE = "intake", _("Intake open")
        MATCHING = "matching", _("Matching")
        PUBLISHED = "published", _("Published")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    class Format(models.TextChoices):
        DIGITAL = "digital", _("Digital")
        HYBRID = "hybrid", _("Hybrid")
        IN_PERSON = "in_person", _("In person")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="programs"
    )
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    theme = models.CharField(_("theme"), max_length=200, blank=True, validators=[single_line])
    description = models.TextField(
        _("description"), max_length=10000, blank=True, validators=[no_nul]
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Shown to applicants, for example when intake is closed."),
    )
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
    first_meeting_on = models.DateField(
        _("first meeting on or after"), null=True, blank=True, validators=[plausible_date]
    )
    skip_summer = models.BooleanField(
        _("no meetings in the summer weeks"),
        default=True,
        help_text=_("Sweden: weeks 26-32; Denmark: weeks 27-31."),
    )
    even_sizes = models.BooleanField(
        _("groups as even as possible"),
        default=True,
        help_text=_("Off: as many of the largest groups as the sizes allow."),
    )
    different_employer = models.BooleanField(
        _("everyone in a group works for a different employer"),
        default=True,
        help_text=_(
            "On: two people from the same employer are never placed in one group. Turn it "
            "off for a program within one organisation, where everyone has the same employer."
        ),
    )
    different_industry = models.BooleanField(
        _("everyone in a group works in a different industry"),
        default=False,
        help_text=_(
            "On: two people of the same industry are never placed in one group. "
            "Off: the matching prefers different industries but may mix."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # What people choose a network by (the catalogue, natverk.programs.catalogue).
    purpose = models.CharField(
        _("purpose"),
        max_length=300,
        blank=True,
        validators=[single_line, no_nul],
        help_text=_("What members can achieve together, in one sentence."),
    )
    audience = models.CharField(
        _("who it is for"),
        max_length=300,
        blank=True,
        validators=[single_line, no_nul],
        help_text=_("For example: communicators in retail and energy."),
    )
    audience_professions = models.CharField(
        _("professions it is for"), max_length=200, blank=True, validators=[validate_isco_codes]
    )
    language = models.CharField(
        _("language of the meetings"), max_length=2, choices=MEETING_LANGUAGES, default="sv"
    )
    place = models.CharField(
        _("where"),
        max_length=200,
        blank=True,
        validators=[single_line, no_nul],
        help_text=_("The city or venue of meetings in person (empty for digital programs)."),
    )
    fee_text = models.CharField(
        _("fee"),
        max_length=200,
        blank=True,
        validators=[single_line, no_nul],
        help_text=_("For example: SEK 2,500 excluding VAT. Empty when taking part is free."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2), MaxValueValidator(5000)],
        help_text=_("How many people the program takes (empty: no limit is shown)."),
    )
    application_deadline = models.DateField(
        _("apply by"), null=True, blank=True, validators=[plausible_date]
    )
    listed = models.BooleanField(
        _("shown in the catalogue"),
        default=True,
        help_text=_("Off: only people with the link to the application page find it."),
    )
    apply_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[LiveProgramManager] = LiveProgramManager()
    all_objects: ClassVar[models.Manager[Program]] = models.Manager()

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

    def clean(self) -> None:
        """Sizes that fit each other and the format (the seeds' largest groups)."""
        errors: dict[str, str] = {}
        if self.group_min and self.group_max and self.group_min > self.group_max:
            errors["group_min"] = str(
                _("The smallest group cannot be larger than the largest group.")
            )
        largest = LARGEST_GROUP.get(self.format, 16)
        if self.group_max and self.group_max > largest:
            errors["group_max"] = str(
                _(
                    "Groups of at most %(n)d for this format, so that everyone gets to "
                    "speak in the meetings."
                )
                % {"n": largest}
            )
        if errors:
            raise ValidationError(errors)

    @property
    def hours_in_all(self) -> float:
        """The time the meetings take: meetings x minutes, in hours."""
        return self.meeting_count * self.meeting_minutes / 60

    @property
    def profession_codes(self) -> list[str]:
        """The ISCO-08 unit groups the program is for."""
        return split_professions(self.audience_professions)

    @property
    def period_ends_on(self) -> dt.date | None:
        """The last day of the meeting period (first meeting + the weeks it spans)."""
        if self.first_meeting_on is None:
            return None
        return self.first_meeting_on + dt.timedelta(weeks=self.span_weeks)


class IntakeQuestion(models.Model):
    """A question of the leader's own, asked on the application page."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300, validators=[single_line])
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("order", "id")

    def __str__(self) -> str:
        return self.text
