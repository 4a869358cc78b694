"""A member's own side of an application: address confirmed, language, what they share
with their group, which e-mails they want, and whether they paused or left."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.programs.models.application import Application


class Participation(models.Model):
    """One row per application, created with it; the member changes it any time."""

    class State(models.TextChoices):
        ACTIVE = "active", _("Taking part")
        PAUSED = "paused", _("Paused")
        LEFT = "left", _("Left")

    class Notify(models.TextChoices):
        EACH = "each", _("An e-mail for each post")
        DIGEST = "digest", _("A daily digest")
        OFF = "off", _("No e-mails")

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="participation"
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="sv"
    )
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    share_email = models.BooleanField(_("my e-mail address"), default=False)
    share_phone = models.BooleanField(_("my telephone number"), default=False)
    share_linkedin = models.BooleanField(_("my LinkedIn profile"), default=False)
    notify = models.CharField(
        _("e-mails about new posts"), max_length=8, choices=Notify.choices, default=Notify.EACH
    )
    reminders = models.BooleanField(_("meeting reminders by e-mail"), default=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.ACTIVE)
    reason = models.TextField(_("reason (optional)"), max_length=1000, blank=True)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    digest_sent_at = models.DateTimeField(null=True, blank=True)
    #: The group a member left (its place can be offered to the waiting list).
    left_group = models.ForeignKey(
        "programs.Group", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: The waitlisted application that was offered this member's place after they left.
    place_offered_to = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self) -> str:
        return f"participation of {self.application_id} ({self.state})"
