"""A person in a pairing program: from the HR list or the join link, and their wishes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.core.validators import no_nul, plausible_date, single_line
from natverk.pairing.models.program import PairingProgram

#: A newcomer is in their first 90 days.
NEWCOMER_DAYS = 90


class Participant(models.Model):
    """One colleague in one pairing program, with their status and wishes."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        PENDING = "pending", _("Waiting for e-mail confirmation")
        ACTIVE = "active", _("Taking part")
        PAUSED = "paused", _("Paused")
        LEFT = "left", _("Left")

    program = models.ForeignKey(
        PairingProgram, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pairing_participations",
    )
    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    email = models.EmailField(_("e-mail address"))
    department = models.CharField(
        _("department"), max_length=200, blank=True, validators=[single_line]
    )
    role = models.CharField(_("role"), max_length=200, blank=True, validators=[single_line])
    location = models.CharField(_("location"), max_length=200, blank=True, validators=[single_line])
    start_date = models.DateField(
        _("start date"), null=True, blank=True, validators=[plausible_date]
    )
    languages = models.CharField(
        _("languages"), max_length=40, blank=True, help_text=_("For example: sv, en, da")
    )
    language = models.CharField(
        _("e-mail language"), max_length=8, choices=settings.LANGUAGES, default="sv"
    )
    curious = models.JSONField(_("curious about"), default=list, blank=True)
    offers = models.TextField(
        _("what I can offer"), max_length=1000, blank=True, validators=[no_nul]
    )
    hopes = models.TextField(_("what I hope for"), max_length=1000, blank=True, validators=[no_nul])
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    skip_next = models.BooleanField(_("skip the next round"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ("name", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "email"], name="pairing_one_email_per_program"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    @property
    def language_codes(self) -> frozenset[str]:
        """Spoken languages as codes; the e-mail language when none are given."""
        codes = {c.strip().lower() for c in self.languages.split(",") if c.strip()}
        return frozenset(codes or {self.language})

    def is_newcomer(self, on: dt.date) -> bool:
        """Whether ``on`` falls in the person's first 90 days."""
        return self.start_date is not None and 0 <= (on - self.start_date).days < NEWCOMER_DAYS
