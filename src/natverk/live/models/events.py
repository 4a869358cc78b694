"""Open themed events: a theme, a speaker, a date, a capacity, and who registered."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.accounts.models import Organisation
from natverk.core.validators import no_nul, single_line

LANGUAGES = (("sv", "svenska"), ("da", "dansk"), ("en", "English"))


class Event(models.Model):
    """A themed digital networking meeting open to the organisation's members (and anyone
    with the link), often with an invited speaker. Events of one ``series`` share the
    history of who met whom in breakout rooms."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="events")
    theme = models.CharField(_("theme"), max_length=200, validators=[single_line, no_nul])
    speaker = models.CharField(
        _("speaker"), max_length=200, blank=True, validators=[single_line, no_nul]
    )
    description = models.TextField(
        _("description"), max_length=4000, blank=True, validators=[no_nul]
    )
    series = models.CharField(
        _("series"),
        max_length=100,
        blank=True,
        validators=[single_line, no_nul],
        help_text=_("Events of one series keep people meeting new people in breakout rooms."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("places"), default=100)
    video_url = models.URLField(_("video link"), blank=True)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    #: Raised whenever the time or the link changes, so calendars update the event.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("starts_at", "id")
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.theme

    def clean(self) -> None:
        """An event ends after it starts and has at least one place."""
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("An event ends after it starts.")})
        if self.capacity < 1:
            raise ValidationError({"capacity": _("An event needs at least one place.")})


class Registration(models.Model):
    """A person's place at an event; ``token`` is their personal link (cancel, join)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=150, validators=[single_line, no_nul])
    email = models.EmailField(_("e-mail"))
    language = models.CharField(
        _("language of our mails"), max_length=2, choices=LANGUAGES, default="sv"
    )
    languages = models.CharField(_("languages you speak"), max_length=40, blank=True)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created_at", "id")
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="one_registration_per_email")
        ]

    def __str__(self) -> str:
        return f"{self.name} at {self.event_id}"

    @property
    def spoken(self) -> frozenset[str]:
        """The languages the person speaks (empty = any)."""
        return frozenset(c.strip() for c in self.languages.split(",") if c.strip())
