"""Periodic work of feedback: a pulse after every meeting, the evaluation at the end."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django_tasks import task

from natverk.feedback import actions
from natverk.feedback.models import Kind
from natverk.jobs.registry import periodic
from natverk.meetings.models import Meeting
from natverk.programs.models import Program

#: Meetings that ended this long ago or less get their pulse (a late worker catches up).
PULSE_WINDOW = dt.timedelta(days=3)


def _base_url() -> str:
    return str(settings.NATVERK_SITE_URL)


def open_pulses(now: dt.datetime | None = None) -> int:
    """Open the pulse of every meeting that has ended and invite its group (idempotent)."""
    moment = now or timezone.now()
    meetings = Meeting.objects.filter(
        ends_at__lte=moment,
        ends_at__gte=moment - PULSE_WINDOW,
        cancelled_at__isnull=True,
        group__program__deleted_at__isnull=True,
    ).select_related("group__program__organisation")
    invited = 0
    for meeting in meetings:
        program = meeting.group.program
        survey = actions.open_survey(program, Kind.PULSE, meeting)
        members = actions.told_members(program, meeting.group_id)
        invited += actions.invite_all(survey, members, base_url=_base_url())
    return invited


def open_evaluations(now: dt.datetime | None = None) -> int:
    """Open the evaluation of every program whose last meeting has ended (idempotent)."""
    moment = now or timezone.now()
    finished = (
        Program.objects.filter(published_at__isnull=False)
        .annotate(last=Max("groups__meetings__ends_at"))
        .filter(last__lte=moment, last__gte=moment - PULSE_WINDOW)
    )
    invited = 0
    for program in finished:
        survey = actions.open_survey(program, Kind.EVALUATION)
        invited += actions.invite_all(survey, actions.told_members(program), base_url=_base_url())
    return invited


@periodic("feedback.open_surveys", every=dt.timedelta(minutes=30))
@task()
def open_surveys() -> int:
    """Pulses after meetings and evaluations at the end of programs."""
    return open_pulses() + open_evaluations()
