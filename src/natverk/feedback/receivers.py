"""What feedback does when something happens in programs: the exit survey."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from natverk.feedback import actions
from natverk.feedback.models import Kind
from natverk.programs.models import Participation

#: Pausing or leaving asks why (once per person and program).
EXIT_STATES = (Participation.State.PAUSED, Participation.State.LEFT)


@receiver(post_save, sender=Participation)
def ask_why_on_pause_or_leave(sender: Any, instance: Participation, **kwargs: Any) -> None:
    """A member who pauses or leaves gets the exit survey, anonymous like every survey."""
    if instance.state not in EXIT_STATES:
        return
    application = instance.application
    if application.user is None:
        return
    survey = actions.open_survey(application.program, Kind.EXIT)
    actions.invite(survey, application.user, base_url=settings.NATVERK_SITE_URL)
