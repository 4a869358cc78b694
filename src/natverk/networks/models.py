"""A member's networks (inside natverk and outside it), their reviews and settings.

Everything here is the member's own: nobody else, leaders and administrators included,
ever sees it (``networks/access.py``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.core.validators import no_nul, single_line
from natverk.programs.models import Application


def quarter_of(day: dt.date) -> str:
    """The quarter a day is in, e.g. ``2027-Q2``."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


class Network(models.Model):
    """One network a member belongs to: a natverk program (filled in automatically from
    their places in groups) or one outside natverk that they add themselves."""

    class Kind(models.TextChoices):
        NATVERK = "natverk", _("A natverk program")
        ASSOCIATION = "association", _("An association")
        ALUMNI = "alumni", _("An alumni network")
        LINKEDIN = "linkedin", _("A LinkedIn group")
        INTERNAL = "internal", _("An internal network at work")
        OTHER = "other", _("Another network")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Taking part")
        PAUSED = "paused", _("Paused")
        LEFT = "left", _("Left")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="networks"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    name = models.CharField(_("name"), max_length=200, validators=[single_line, no_nul])
    purpose = models.TextField(
        _("what it is for, for me"), max_length=1000, blank=True, validators=[no_nul]
    )
    hours_per_month = models.DecimalField(
        _("hours a month"),
        max_digits=4,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(200))],
    )
    cost = models.CharField(
        _("what it costs"),
        max_length=200,
        blank=True,
        validators=[single_line, no_nul],
        help_text=_("For example: SEK 600 a year. Empty when it is free."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE
    )
    #: The member's own application, for a natverk program.
    application = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ("status", "name", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "application"],
                condition=models.Q(application__isnull=False),
                name="one_network_per_application",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def inside(self) -> bool:
        """Whether this is a natverk program (filled in automatically)."""
        return self.kind == self.Kind.NATVERK


class Review(models.Model):
    """The member's review of a network for one quarter (a second one replaces it)."""

    class Energy(models.IntegerChoices):
        TAKES_MUCH = -2, _("Takes a lot of energy")
        TAKES = -1, _("Takes some energy")
        EVEN = 0, _("Gives as much as it takes")
        GIVES = 1, _("Gives some energy")
        GIVES_MUCH = 2, _("Gives a lot of energy")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="reviews")
    quarter = models.CharField(_("quarter"), max_length=7)
    value = models.PositiveSmallIntegerField(
        _("value for me (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    energy = models.SmallIntegerField(_("energy"), choices=Energy.choices)
    gave = models.TextField(_("what did I give?"), max_length=1000, blank=True, validators=[no_nul])
    got = models.TextField(_("what did I get?"), max_length=1000, blank=True, validators=[no_nul])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ("network", "-quarter")
        constraints = [
            models.UniqueConstraint(fields=["network", "quarter"], name="one_review_per_quarter")
        ]

    def __str__(self) -> str:
        return f"review {self.quarter} of {self.network_id}"


class NetworkSettings(models.Model):
    """A member's choice about the quarterly review reminder."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_settings"
    )
    review_reminders = models.BooleanField(_("remind me to review every quarter"), default=True)
    last_reminded_quarter = models.CharField(max_length=7, blank=True)

    class Meta:
        verbose_name = _("network settings")
        verbose_name_plural = _("network settings")

    def __str__(self) -> str:
        return f"network settings of {self.owner_id}"
