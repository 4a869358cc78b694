"""A pairing program: who takes part, how often, in what size, under which rules."""

from __future__ import annotations

import calendar
import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.accounts.models import Organisation
from natverk.core.validators import plausible_date, single_line
from natverk.matching.meetups import MeetupRules

#: Meetup sizes: (preferred, largest) for the engine.
SIZES = {"pairs": (2, 3), "trios": (3, 4), "lunch": (4, 4)}


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class PairingProgram(models.Model):
    """Colleagues paired across departments for coffee or lunch, on a cadence."""

    class Cadence(models.TextChoices):
        WEEKLY = "weekly", _("Every week")
        BIWEEKLY = "biweekly", _("Every two weeks")
        MONTHLY = "monthly", _("Every month")

    class Size(models.TextChoices):
        PAIRS = "pairs", _("Pairs")
        TRIOS = "trios", _("Trios")
        LUNCH = "lunch", _("Lunch groups of 3-4")

    class Scope(models.TextChoices):
        EVERYONE = "everyone", _("Everyone on the list")
        DEPARTMENTS = "departments", _("Chosen departments")
        LOCATIONS = "locations", _("Chosen locations")
        OPT_IN = "opt_in", _("Those who opt in")

    class Format(models.TextChoices):
        VIDEO = "video", _("Anywhere (video or phone)")
        IN_PERSON = "in_person", _("In person (same location)")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="pairing_programs"
    )
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    cadence = models.CharField(
        _("how often"), max_length=10, choices=Cadence.choices, default=Cadence.BIWEEKLY
    )
    size = models.CharField(_("meet in"), max_length=10, choices=Size.choices, default=Size.PAIRS)
    scope = models.CharField(
        _("who takes part"), max_length=12, choices=Scope.choices, default=Scope.EVERYONE
    )
    departments = models.JSONField(_("departments"), default=list, blank=True)
    locations = models.JSONField(_("locations"), default=list, blank=True)
    format = models.CharField(
        _("where they meet"), max_length=10, choices=Format.choices, default=Format.VIDEO
    )
    across_departments = models.BooleanField(_("across departments"), default=True)
    newcomers_first = models.BooleanField(_("newcomers first (their first 90 days)"), default=True)
    common_language = models.BooleanField(_("a language in common"), default=True)
    first_round_on = models.DateField(_("first round on"), validators=[plausible_date])
    meeting_time = models.TimeField(_("suggested time"), default=dt.time(10, 0))
    meeting_minutes = models.PositiveSmallIntegerField(
        _("minutes"), default=30, validators=[MinValueValidator(10), MaxValueValidator(180)]
    )
    active = models.BooleanField(_("rounds run"), default=True)
    join_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pairing program")
        verbose_name_plural = _("pairing programs")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """Chosen departments or locations when the scope says so."""
        if self.scope == self.Scope.DEPARTMENTS and not self.departments:
            raise ValidationError({"departments": _("Choose at least one department.")})
        if self.scope == self.Scope.LOCATIONS and not self.locations:
            raise ValidationError({"locations": _("Choose at least one location.")})

    def rules(self) -> MeetupRules:
        """The engine's rules for this program."""
        size, largest = SIZES[self.size]
        return MeetupRules(
            size=size,
            largest=largest,
            across_departments=self.across_departments,
            newcomers_first=self.newcomers_first,
            common_language=self.common_language,
            same_location=self.format == self.Format.IN_PERSON,
        )

    def after(self, day: dt.date) -> dt.date:
        """The round date one cadence after ``day``."""
        if self.cadence == self.Cadence.WEEKLY:
            return day + dt.timedelta(weeks=1)
        if self.cadence == self.Cadence.BIWEEKLY:
            return day + dt.timedelta(weeks=2)
        return _add_months(day, 1)
